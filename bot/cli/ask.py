"""`policybot ask` (one question) and `policybot chat` (an interactive session)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from bot.bot import Bot
    from bot.reply import Reply


def _open_bot() -> Bot:
    from bot.bot import Bot
    from ingest.index import IndexNotBuilt

    try:
        return Bot.from_settings()
    except IndexNotBuilt:
        typer.echo("错误：知识库索引尚未建立，请先运行 policybot ingest", err=True)
        raise typer.Exit(2) from None


def render(reply: Reply) -> str:
    lines = [reply.answer]
    if reply.citations:
        lines.append("")
        lines.append("引用：")
        for i, c in enumerate(reply.citations, start=1):
            clause = f"（{c.clause}）" if c.clause else ""
            lines.append(f"[{i}] 《{c.title}》{clause}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    @app.command()
    def ask(
        question: Annotated[
            str, typer.Argument(help="问题，如：在重庆租摄影棚花了800万能补多少？")
        ],
        session: Annotated[str | None, typer.Option(help="会话 id，用于追问")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="输出回复契约 JSON")] = False,
        plain: Annotated[bool, typer.Option(help="纯文本（无 Markdown）")] = False,
    ) -> None:
        """回答一个问题（附引用）；金额一律由计算器给出。"""
        from bot.errors import InvalidQuestion

        bot = _open_bot()
        try:
            reply = bot.ask(question, session_id=session, fmt="plain" if plain else "markdown")
        except InvalidQuestion as exc:
            typer.echo(f"错误：{exc.message}", err=True)
            raise typer.Exit(2) from None
        if as_json:
            typer.echo(json.dumps(reply.model_dump(), ensure_ascii=False, indent=2))
        else:
            typer.echo(render(reply))
            typer.echo(f"\n（会话 {reply.session_id}，追问时加 --session {reply.session_id}）")

    @app.command()
    def chat(
        session: Annotated[str | None, typer.Option(help="继续已有会话")] = None,
    ) -> None:
        """交互式对话；输入空行或 Ctrl-D 结束。"""
        from bot.errors import InvalidQuestion

        bot = _open_bot()
        sid = session
        typer.echo("影视政策助手。请输入问题，空行结束。")
        while True:
            try:
                question = input("> ")
            except (EOFError, KeyboardInterrupt):
                break
            if not question.strip():
                break
            try:
                reply = bot.ask(question, session_id=sid)
            except InvalidQuestion as exc:
                typer.echo(f"错误：{exc.message}")
                continue
            if reply.session_id != sid:
                typer.echo(f"（会话 {reply.session_id}）")
            sid = reply.session_id
            typer.echo(render(reply))
            typer.echo("")
