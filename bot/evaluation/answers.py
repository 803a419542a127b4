"""`policybot eval answers`: the golden answer set through the real Bot, scored."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.compose import NOT_FOUND
from bot.evaluation.golden import EVAL_DIR, read, require
from bot.guard import Figures, unsupported

if TYPE_CHECKING:
    from rich.console import Console

    from bot.bot import Bot
    from bot.reply import Reply

GOLDEN = EVAL_DIR / "answers.yaml"
HOLDOUT = EVAL_DIR / "holdout.yaml"  # never used for tuning; reported, not asserted
TARGETS = {"calculator": 1.0, "fact": 0.95, "refusal": 0.9, "clarify": 1.0}


@dataclass
class CaseResult:
    id: str
    kind: str
    ok: bool
    invented: list[str]
    reply: Reply
    problems: list[str] = field(default_factory=list)


def load_cases(path: Path = GOLDEN) -> list[dict[str, Any]]:
    cases = read(path)
    assert isinstance(cases, list)
    return cases


def invented_amounts(turns: Sequence[str], reply: Reply) -> list[str]:
    """Amounts/percentages in the answer that neither the sources, the question nor the
    calculator gave."""
    texts = [*turns, *(c.text for c in reply.citations)]
    amounts: list[int] = []
    if reply.calculation:
        texts += reply.calculation.get("steps", [])
        amounts += [
            v for v in (reply.calculation["amount_yuan"], reply.calculation["cap_yuan"]) if v
        ]
    return unsupported(reply.answer, Figures.of(texts, amounts))


def is_refusal(reply: Reply) -> bool:
    return reply.route == "out_of_scope" or NOT_FOUND in reply.answer


def check(case: dict[str, Any], reply: Reply) -> list[str]:
    """What is wrong with this reply for this case (empty: correct)."""
    problems: list[str] = []
    kind = case["kind"]
    if kind == "calculator":
        if reply.route != "calculator":
            problems.append(f"route {reply.route}")
        clause = (reply.calculation or {}).get("clause") or next(
            (c.clause for c in reply.citations if c.clause), None
        )
        if clause != case["measure"]:
            problems.append(f"clause {clause}")
        if "amount_yuan" in case:
            calc = reply.calculation or {}
            if calc.get("amount_yuan") != case["amount_yuan"]:
                problems.append(f"amount {calc.get('amount_yuan')}")
            if calc.get("eligible") != case["eligible"]:
                problems.append(f"eligible {calc.get('eligible')}")
    elif kind == "clarify":
        if reply.route != "clarify":
            problems.append(f"route {reply.route}")
    elif kind == "fact":
        if reply.route != "knowledge" or is_refusal(reply):
            problems.append(f"route {reply.route} / refused")
        if case.get("source") and case["source"] not in {c.source for c in reply.citations}:
            problems.append(f"sources {[c.source for c in reply.citations]}")
    elif kind == "refusal" and not is_refusal(reply):
        problems.append("answered instead of refusing")
    for needle in case.get("contains", []):
        if needle not in reply.answer:
            problems.append(f"missing {needle}")
    for needle in case.get("absent", []):
        if needle in reply.answer.replace(NOT_FOUND, ""):
            problems.append(f"contains {needle}")
    return problems


def run(bot: Bot, cases: Sequence[dict[str, Any]]) -> list[CaseResult]:
    results: list[CaseResult] = []
    for case in cases:
        session = f"eval-{uuid.uuid4().hex}"
        reply = None
        for turn in case["turns"]:
            reply = bot.ask(turn, session_id=session)
        assert reply is not None
        problems = check(case, reply)
        invented = invented_amounts(case["turns"], reply)
        results.append(
            CaseResult(case["id"], case["kind"], not problems, invented, reply, problems)
        )
    return results


def summary(results: Sequence[CaseResult]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in TARGETS:
        mine = [r for r in results if r.kind == kind]
        if mine:
            out[kind] = (sum(r.ok for r in mine), len(mine))
    out["invented"] = sum(bool(r.invented) for r in results)
    return out


def meets_targets(stats: dict[str, Any]) -> bool:
    for kind, target in TARGETS.items():
        if kind in stats:
            ok, total = stats[kind]
            if ok / total < target:
                return False
    return bool(stats["invented"] == 0)


def main(console: Console, golden: Path = GOLDEN) -> int:
    from rich.table import Table

    from bot.bot import Bot
    from bot.settings import get_settings
    from ingest import ingest

    require(golden)
    settings = get_settings()
    summary_line = ingest(
        settings.kb_dir,
        settings.data_dir,
        embedding_model=settings.embedding_model,
        chroma_url=settings.chroma_url,
        collection=settings.collection,
    )
    console.print(summary_line.line())
    bot = Bot.from_settings(settings)
    cases = load_cases(golden)
    started = time.perf_counter()
    results = run(bot, cases)
    seconds = time.perf_counter() - started
    stats = summary(results)
    table = Table(title=f"答案评测：{len(cases)} 个用例，{seconds:.1f} 秒")
    table.add_column("指标")
    table.add_column("结果", justify="right")
    table.add_column("目标", justify="right")
    names = {
        "calculator": "计算器准确率",
        "fact": "事实准确率",
        "refusal": "拒答准确率",
        "clarify": "追问准确率",
    }
    for kind, name in names.items():
        if kind in stats:
            ok, total = stats[kind]
            table.add_row(name, f"{ok}/{total} = {ok / total:.0%}", f"≥ {TARGETS[kind]:.0%}")
    table.add_row("编造金额的回答数", str(stats["invented"]), "0")
    console.print(table)
    for r in results:
        if not r.ok or r.invented:
            console.print(
                f"[red]✗ {r.id}[/red] {r.problems} {r.invented} → {r.reply.answer[:80]!r}"
            )
    if HOLDOUT.exists():
        held = run(bot, load_cases(HOLDOUT))
        held_stats = summary(held)
        parts = [
            f"{names[kind]} {ok}/{total}"
            for kind, (ok, total) in ((k, v) for k, v in held_stats.items() if k in names)
        ]
        console.print(
            f"留出集 holdout（未用于调参，仅报告）：{'，'.join(parts)}，"
            f"编造金额的回答数 {held_stats['invented']}"
        )
        for r in held:
            if not r.ok or r.invented:
                console.print(f"  ✗ {r.id} {r.problems} {r.invented}")
    return 0 if meets_targets(stats) else 1
