"""The command line: `main` holds the typer app, every other module here is one command."""
