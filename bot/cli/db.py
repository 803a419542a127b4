"""`policybot db upgrade`: create or migrate the PostgreSQL schema of POLICYBOT_DATABASE_URL."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    db = typer.Typer(
        help="共享数据库（PostgreSQL，POLICYBOT_DATABASE_URL）。", no_args_is_help=True
    )
    app.add_typer(db, name="db")

    @db.command()
    def upgrade() -> None:
        """建立或升级数据库表结构（可重复执行，已是最新则不变）。"""
        import psycopg
        from pydantic import ValidationError

        from bot.database import upgrade as run_upgrade
        from bot.settings import get_settings

        try:
            url = get_settings().database_url
        except ValidationError as exc:
            messages = "; ".join(str(e.get("msg", "")) for e in exc.errors())
            typer.echo(f"错误：配置无效：{messages}", err=True)
            raise typer.Exit(2) from None
        if not url:
            typer.echo(
                "错误：未设置 POLICYBOT_DATABASE_URL（默认使用本机 SQLite，无需升级）。", err=True
            )
            raise typer.Exit(2)
        try:
            before, after = run_upgrade(url)
        except (psycopg.Error, RuntimeError) as exc:
            typer.echo(f"错误：数据库升级失败：{exc}", err=True)
            raise typer.Exit(1) from None
        if before == after:
            typer.echo(f"数据库表结构已是最新（版本 {after}）。")
        else:
            typer.echo(f"数据库表结构已从版本 {before} 升级到 {after}。")
