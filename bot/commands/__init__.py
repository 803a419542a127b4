"""CLI commands, one module each; every module exposes `register(app)`."""

from __future__ import annotations

import importlib

import typer

# Modules are imported here but keep heavy imports inside their command functions,
# so that `policybot --help` and `policybot calc` stay fast.
MODULES = ("calc", "ingest", "ask", "eval", "serve")


def register_all(app: typer.Typer) -> None:
    for name in MODULES:
        importlib.import_module(f"bot.commands.{name}").register(app)
