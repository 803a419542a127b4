"""`policybot ingest`: index kb/ into the data dir (only what changed)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command(
        kb: Annotated[
            Path | None, typer.Option("--kb", help="知识库目录 kb dir (default: settings)")
        ] = None,
        data: Annotated[
            Path | None, typer.Option("--data", help="数据目录 data dir (default: settings)")
        ] = None,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条")] = False,
        rebuild: Annotated[
            bool,
            typer.Option("--rebuild", help="从零重建：不复用任何已有向量 rebuild from nothing"),
        ] = False,
    ) -> None:
        """导入知识库：切分、向量化并建立索引（未改动的文档不会重新计算）。"""
        from bot.settings import get_settings

        settings = get_settings()
        kb_dir = kb or settings.kb_dir
        data_dir = data or settings.data_dir
        if not kb_dir.is_dir():
            typer.echo(f"找不到知识库目录：{kb_dir}", err=True)
            raise typer.Exit(2)

        from ingest import ingest

        summary = ingest(
            kb_dir,
            data_dir,
            embedding_model=settings.embedding_model,
            chroma_url=settings.chroma_url,
            collection=settings.collection,
            progress=not quiet,
            rebuild=rebuild,
        )
        typer.echo(summary.line())
