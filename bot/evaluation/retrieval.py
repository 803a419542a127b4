"""Retrieval evaluation on the golden set: recall@1/@3, MRR, not-found accuracy per mode."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.evaluation.golden import EVAL_DIR, read, require
from ingest.index import Chunk

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ingest.reader.retrieval import HybridRetriever, Mode, Signals

MODES: tuple[Mode, ...] = ("dense", "bm25", "hybrid")
TARGETS = {"recall@3": 0.95, "mrr": 0.85, "not_found_acc": 0.9}
GOLDEN = EVAL_DIR / "retrieval.yaml"


@dataclass(frozen=True)
class Question:
    text: str
    refs: list[dict[str, str]]


def load_golden(path: Path) -> tuple[list[Question], list[str]]:
    data = read(path)
    answerable = [Question(item["q"], list(item["refs"])) for item in data["answerable"]]
    return answerable, [str(q) for q in data["unanswerable"]]


def matches(chunk: Chunk, ref: dict[str, str]) -> bool:
    """A chunk answers a reference: same doc and same measure, or it contains the quote."""
    if chunk.doc_id != ref["doc"]:
        return False
    if "measure" in ref:
        return chunk.measure == ref["measure"]
    return ref["quote"] in chunk.text


def relevant_ids(chunks: list[Chunk], refs: list[dict[str, str]]) -> set[str]:
    return {c.id for c in chunks if any(matches(c, r) for r in refs)}


def _chunks(retriever: HybridRetriever) -> list[Chunk]:
    return list(retriever._state.chunks.values())


def collect(
    retriever: HybridRetriever, answerable: list[Question], unanswerable: list[str]
) -> tuple[list[tuple[Question, Signals]], list[Signals]]:
    """Signals for every golden question (computed once, scored in every mode)."""
    return (
        [(q, retriever.signals(q.text)) for q in answerable],
        [retriever.signals(q) for q in unanswerable],
    )


def score(
    retriever: HybridRetriever,
    answered: list[tuple[Question, Signals]],
    refused: list[Signals],
    mode: Mode,
) -> dict[str, Any]:
    from ingest.reader.retrieval import is_found

    chunks = _chunks(retriever)
    r1 = r3 = rr = found = 0.0
    for question, signals in answered:
        relevant = relevant_ids(chunks, question.refs)
        ranking = [cid for cid, _ in retriever.fuse(signals, mode)]
        rank = next((i for i, cid in enumerate(ranking, start=1) if cid in relevant), None)
        if rank is not None:
            r1 += rank == 1
            r3 += rank <= 3
            rr += 1.0 / rank
        found += is_found(signals, mode)
    correct_refusals = sum(not is_found(s, mode) for s in refused)
    n = len(answered) or 1
    return {
        "mode": mode,
        "questions": len(answered),
        "recall@1": round(r1 / n, 3),
        "recall@3": round(r3 / n, 3),
        "mrr": round(rr / n, 3),
        "found_acc": round(found / n, 3),
        "not_found_acc": round(correct_refusals / (len(refused) or 1), 3),
    }


def run(data_dir: Path, golden: Path = GOLDEN, **retriever_kwargs: Any) -> list[dict[str, Any]]:
    """One row per mode (dense, bm25, hybrid) with recall@1, recall@3, MRR, not-found acc."""
    from ingest.reader.retrieval import HybridRetriever

    retriever = HybridRetriever.open(data_dir, **retriever_kwargs)
    answerable, unanswerable = load_golden(golden)
    answered, refused = collect(retriever, answerable, unanswerable)
    return [score(retriever, answered, refused, mode) for mode in MODES]


def meets_targets(rows: list[dict[str, Any]]) -> bool:
    hybrid = next(r for r in rows if r["mode"] == "hybrid")
    return all(hybrid[key] >= target for key, target in TARGETS.items())


def render(rows: list[dict[str, Any]]) -> Table:
    from rich.table import Table

    table = Table(title="检索评测 retrieval (golden set)")
    table.add_column("mode")
    for column in ("recall@1", "recall@3", "MRR", "found (answerable)", "not-found acc"):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            row["mode"],
            f"{row['recall@1']:.3f}",
            f"{row['recall@3']:.3f}",
            f"{row['mrr']:.3f}",
            f"{row['found_acc']:.3f}",
            f"{row['not_found_acc']:.3f}",
        )
    targets = ", ".join(f"{k} ≥ {v}" for k, v in TARGETS.items())
    table.caption = f"{rows[0]['questions']} answerable questions; hybrid targets: {targets}"
    return table


def _env(name: str, default: str | None) -> str | None:
    import os

    return os.environ.get(f"POLICYBOT_{name}") or default


def main(
    console: Console,
    *,
    kb_dir: Path | None = None,
    data_dir: Path | None = None,
    embedding_model: str | None = None,
    chroma_url: str | None = None,
    collection: str | None = None,
    golden: Path = GOLDEN,
) -> int:
    """`policybot eval retrieval`: ingest kb if needed, print the table, 0 if targets met.

    Unset arguments come from the POLICYBOT_* environment.
    """
    from ingest.encoder import DEFAULT_MODEL
    from ingest.writer.pipeline import ingest

    require(golden)
    kb = kb_dir or Path(_env("KB_DIR", "./kb") or "./kb")
    data = data_dir or Path(_env("DATA_DIR", "./data") or "./data")
    kwargs: dict[str, Any] = {
        "embedding_model": embedding_model or _env("EMBEDDING_MODEL", DEFAULT_MODEL),
        "chroma_url": chroma_url or _env("CHROMA_URL", None),
        "collection": collection or _env("COLLECTION", "policybot"),
    }
    summary = ingest(kb, data, **kwargs)
    console.print(summary.line())
    rows = run(data, golden, **kwargs)
    console.print(render(rows))
    ok = meets_targets(rows)
    console.print("达标 targets met" if ok else "未达标 targets not met")
    return 0 if ok else 1
