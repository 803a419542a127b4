"""The `policybot` command: parses options and calls the library; nothing more."""

from __future__ import annotations

import importlib
import os

import typer

# One module per command, each exposing `register(app)`. They are imported here but keep
# heavy imports inside their command functions, so that `policybot --help` and
# `policybot calc` stay fast.
COMMANDS = ("calc", "ingest", "ask", "eval", "serve")

app = typer.Typer(
    help="影视政策助手：重庆市支持科技影视产业高质量发展的若干激励政策",
    no_args_is_help=True,
    add_completion=False,
)


def register_all(app: typer.Typer) -> None:
    for name in COMMANDS:
        importlib.import_module(f"bot.cli.{name}").register(app)


register_all(app)


def main() -> None:
    # Nothing may reach the network at run time: models load from local files only.
    for name, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TRANSFORMERS_OFFLINE", "1"),
        ("ANONYMIZED_TELEMETRY", "False"),
    ):
        os.environ.setdefault(name, value)
    app()
