"""The `policybot` command: parses options and calls the library; nothing more."""

from __future__ import annotations

import importlib
import os

import typer

# One module per command, each exposing `register(app)`. They are imported here but keep
# heavy imports inside their command functions, so that `policybot --help` and
# `policybot calc` stay fast.
COMMANDS = ("calc", "ingest", "ask", "eval", "serve", "db")

app = typer.Typer(
    help="影视政策助手：政策问答（带引用）、补助测算、知识库索引与服务。",
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
