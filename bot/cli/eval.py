"""`policybot eval retrieval | answers`: the golden sets, scored."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    evaluate = typer.Typer(help="在黄金集上评测检索与回答。", no_args_is_help=True)

    @evaluate.command("retrieval")
    def retrieval() -> None:
        """Recall@1/@3、MRR 与“未找到”判定准确率：向量、BM25、混合检索并列。"""
        from rich.console import Console

        from bot.evaluation.retrieval import main
        from bot.settings import get_settings

        settings = get_settings()
        code = main(
            Console(),
            kb_dir=settings.kb_dir,
            data_dir=settings.data_dir,
            embedding_model=settings.embedding_model,
            chroma_url=settings.chroma_url,
            collection=settings.collection,
        )
        raise typer.Exit(code)

    @evaluate.command("answers")
    def answers() -> None:
        """计算器准确率、事实准确率、拒答准确率与编造金额数。"""
        from rich.console import Console

        from bot.evaluation.answers import main

        raise typer.Exit(main(Console()))

    app.add_typer(evaluate, name="eval")
