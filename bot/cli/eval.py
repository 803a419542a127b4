"""`policybot eval retrieval | answers`: the golden sets, scored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

GoldenOption = Annotated[
    Path | None, typer.Option(help="黄金集文件（默认：当前目录下的 tests/eval/…）")
]


def _fail(message: str) -> None:
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    evaluate = typer.Typer(help="在黄金集上评测检索与回答。", no_args_is_help=True)

    @evaluate.command("retrieval")
    def retrieval(golden: GoldenOption = None) -> None:
        """Recall@1/@3、MRR 与“未找到”判定准确率：向量、BM25、混合检索并列。"""
        from rich.console import Console

        from bot.evaluation.golden import GoldenSetMissing
        from bot.evaluation.retrieval import GOLDEN, main
        from bot.settings import get_settings

        settings = get_settings()
        try:
            code = main(
                Console(),
                kb_dir=settings.kb_dir,
                data_dir=settings.data_dir,
                embedding_model=settings.embedding_model,
                chroma_url=settings.chroma_url,
                collection=settings.collection,
                golden=golden or GOLDEN,
            )
        except GoldenSetMissing as exc:
            _fail(exc.message)
            return
        raise typer.Exit(code)

    @evaluate.command("answers")
    def answers(golden: GoldenOption = None) -> None:
        """计算器准确率、事实准确率、拒答准确率与编造金额数。"""
        from rich.console import Console

        from bot.evaluation.answers import GOLDEN, main
        from bot.evaluation.golden import GoldenSetMissing

        try:
            code = main(Console(), golden=golden or GOLDEN)
        except GoldenSetMissing as exc:
            _fail(exc.message)
            return
        raise typer.Exit(code)

    app.add_typer(evaluate, name="eval")
