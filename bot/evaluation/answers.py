"""`policybot eval answers`: the golden answer set through the real Bot, scored."""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import sentences
from bot.compose import INJECTION_NOTE, NOT_FOUND
from bot.errors import InvalidQuestion
from bot.evaluation.golden import EVAL_DIR, read, require
from bot.guard import Figures, unsupported
from bot.reply import Reply
from policy import find_amounts

if TYPE_CHECKING:
    from rich.console import Console

    from bot.bot import Bot

GOLDEN = EVAL_DIR / "answers.yaml"
HOLDOUT = EVAL_DIR / "holdout.yaml"  # never used for tuning; reported, not asserted
# Written before the message-analysis layer was rebuilt; never used for tuning either.
HOLDOUT_UNDERSTANDING = EVAL_DIR / "holdout-understanding.yaml"
# Written blind after the analysis layer was rebuilt; never used for tuning either.
HOLDOUT_ROUND3 = EVAL_DIR / "holdout-round3.yaml"
HOLDOUTS = (HOLDOUT, HOLDOUT_UNDERSTANDING, HOLDOUT_ROUND3)
# Development sets for the message-analysis layer, each written blind by a different brief:
# tuned on, reported with their failures, not asserted.
DEV = EVAL_DIR / "dev-messages.yaml"
DEVS = (
    DEV,
    EVAL_DIR / "dev-amounts.yaml",
    EVAL_DIR / "dev-single.yaml",
    EVAL_DIR / "dev-subtle.yaml",
    EVAL_DIR / "dev-hotline.yaml",
    EVAL_DIR / "dev-traps.yaml",
    EVAL_DIR / "dev-calls.yaml",
    EVAL_DIR / "dev-edges.yaml",
    EVAL_DIR / "dev-talks.yaml",
    EVAL_DIR / "dev-nowards.yaml",
    EVAL_DIR / "dev-compound.yaml",
    EVAL_DIR / "dev-spec.yaml",
    EVAL_DIR / "dev-answerable.yaml",
    EVAL_DIR / "dev-money.yaml",
    EVAL_DIR / "dev-callers.yaml",
    EVAL_DIR / "dev-chats.yaml",
    EVAL_DIR / "dev-voices.yaml",
    EVAL_DIR / "dev-forms.yaml",
    EVAL_DIR / "dev-turns.yaml",
    EVAL_DIR / "dev-probe.yaml",
    EVAL_DIR / "dev-readers.yaml",
    EVAL_DIR / "dev-asides.yaml",
    EVAL_DIR / "dev-ledgers.yaml",
    EVAL_DIR / "dev-strays.yaml",
    EVAL_DIR / "dev-desk.yaml",
    EVAL_DIR / "dev-window.yaml",
    EVAL_DIR / "dev-counter.yaml",
    EVAL_DIR / "dev-finance.yaml",
    EVAL_DIR / "dev-press.yaml",
    EVAL_DIR / "dev-brief.yaml",
    EVAL_DIR / "dev-shift.yaml",
    EVAL_DIR / "dev-agents.yaml",
    EVAL_DIR / "dev-verge.yaml",
    EVAL_DIR / "dev-lobby.yaml",
    EVAL_DIR / "dev-hall.yaml",
    EVAL_DIR / "dev-ringback.yaml",
    EVAL_DIR / "dev-gate.yaml",
    EVAL_DIR / "dev-kiosk.yaml",
    EVAL_DIR / "dev-tally.yaml",
    EVAL_DIR / "dev-census.yaml",
    EVAL_DIR / "dev-thread.yaml",
    EVAL_DIR / "dev-batch.yaml",
    EVAL_DIR / "dev-press2.yaml",
    EVAL_DIR / "dev-figures.yaml",
    EVAL_DIR / "dev-switchboard.yaml",
    EVAL_DIR / "dev-decline.yaml",
    EVAL_DIR / "dev-ledger2.yaml",
    EVAL_DIR / "dev-rumors.yaml",
    EVAL_DIR / "dev-letters.yaml",
    EVAL_DIR / "dev-yesno.yaml",
    EVAL_DIR / "dev-desk2.yaml",
    EVAL_DIR / "dev-outside.yaml",
    EVAL_DIR / "dev-relay.yaml",
    EVAL_DIR / "dev-pairs.yaml",
    EVAL_DIR / "dev-claims.yaml",
    EVAL_DIR / "dev-halves.yaml",
    EVAL_DIR / "dev-unsaid.yaml",
    EVAL_DIR / "dev-mixed3.yaml",
    EVAL_DIR / "dev-owners.yaml",
    EVAL_DIR / "dev-crossed.yaml",
    EVAL_DIR / "dev-sequel.yaml",
    EVAL_DIR / "dev-nearmiss.yaml",
    EVAL_DIR / "dev-mixed4.yaml",
    EVAL_DIR / "dev-snares.yaml",
    EVAL_DIR / "dev-people.yaml",
    EVAL_DIR / "dev-week2.yaml",
    EVAL_DIR / "dev-ledger3.yaml",
    EVAL_DIR / "dev-week3.yaml",
    EVAL_DIR / "dev-calcday.yaml",
    EVAL_DIR / "dev-edgeasks.yaml",
    EVAL_DIR / "dev-followup2.yaml",
    EVAL_DIR / "dev-week4.yaml",
    EVAL_DIR / "dev-festival2.yaml",
    EVAL_DIR / "dev-hotline5.yaml",
    EVAL_DIR / "dev-week5.yaml",
    EVAL_DIR / "dev-amounts2.yaml",
    EVAL_DIR / "dev-clauses2.yaml",
    EVAL_DIR / "dev-roles2.yaml",
    EVAL_DIR / "dev-multicost.yaml",
    EVAL_DIR / "dev-followup3.yaml",
    EVAL_DIR / "dev-conditions3.yaml",
    EVAL_DIR / "dev-hotline6.yaml",
    EVAL_DIR / "dev-ledger4.yaml",
    EVAL_DIR / "dev-week6.yaml",
    EVAL_DIR / "dev-parties2.yaml",
    EVAL_DIR / "dev-ledger5.yaml",
    EVAL_DIR / "dev-english2.yaml",
    EVAL_DIR / "dev-money3.yaml",
    EVAL_DIR / "dev-fresh7.yaml",
    EVAL_DIR / "dev-desk3.yaml",
    EVAL_DIR / "dev-money4.yaml",
    EVAL_DIR / "dev-turns4.yaml",
    EVAL_DIR / "dev-desk4.yaml",
    EVAL_DIR / "dev-unknowns.yaml",
    EVAL_DIR / "dev-fresh8.yaml",
    EVAL_DIR / "dev-desk5.yaml",
    EVAL_DIR / "dev-desk6.yaml",
    EVAL_DIR / "dev-english3.yaml",
    EVAL_DIR / "dev-turns5.yaml",
    EVAL_DIR / "dev-conditions4.yaml",
    EVAL_DIR / "dev-fresh9.yaml",
    EVAL_DIR / "dev-hotline7.yaml",
    EVAL_DIR / "dev-years2.yaml",
    EVAL_DIR / "dev-numbers5.yaml",
    EVAL_DIR / "dev-followups6.yaml",
    EVAL_DIR / "dev-parties3.yaml",
    EVAL_DIR / "dev-projects3.yaml",
    EVAL_DIR / "dev-compound4.yaml",
    EVAL_DIR / "dev-fresh10.yaml",
    EVAL_DIR / "dev-hotline8.yaml",
    EVAL_DIR / "dev-turns6.yaml",
    EVAL_DIR / "dev-turns7.yaml",
    EVAL_DIR / "dev-ledger6.yaml",
    EVAL_DIR / "dev-fresh11.yaml",
    EVAL_DIR / "dev-turns8.yaml",
    EVAL_DIR / "dev-fresh12.yaml",
    EVAL_DIR / "dev-desk7.yaml",
    EVAL_DIR / "dev-fresh13.yaml",
    EVAL_DIR / "dev-conditions5.yaml",
    EVAL_DIR / "dev-turns9.yaml",
    EVAL_DIR / "dev-hotline9.yaml",
    EVAL_DIR / "dev-numbers6.yaml",
    EVAL_DIR / "dev-parties4.yaml",
    EVAL_DIR / "dev-fresh14.yaml",
    EVAL_DIR / "dev-followups7.yaml",
    EVAL_DIR / "dev-hotline10.yaml",
    EVAL_DIR / "dev-conditions6.yaml",
    EVAL_DIR / "dev-fresh15.yaml",
    EVAL_DIR / "dev-turns10.yaml",
    EVAL_DIR / "dev-projects4.yaml",
    EVAL_DIR / "dev-years3.yaml",
    EVAL_DIR / "dev-desk8.yaml",
    EVAL_DIR / "dev-fresh16.yaml",
)
TARGETS = {"calculator": 1.0, "fact": 0.95, "refusal": 0.9, "clarify": 1.0, "premise": 0.9}


@dataclass
class CaseResult:
    id: str
    kind: str
    ok: bool
    invented: list[str]
    reply: Reply
    problems: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # stated awards the case does not expect
    lead: bool = False  # fact cases: the expected fact is in the first sentence
    duplicates: int = 0  # sentences said twice in the answer


def load_cases(path: Path = GOLDEN) -> list[dict[str, Any]]:
    cases = read(path)
    assert isinstance(cases, list)
    return cases


def invented_amounts(turns: Sequence[str], reply: Reply) -> list[str]:
    """Amounts/percentages in the answer that neither the sources, the question nor the
    calculator gave."""
    texts = [*turns, *(c.text for c in reply.citations)]
    amounts: list[int] = []
    for calc in calculations_of(reply):
        texts += calc.get("steps", [])
        amounts += [v for v in (calc.get("amount_yuan"), calc.get("cap_yuan")) if v]
    return unsupported(reply.answer, Figures.of(texts, amounts))


def is_refusal(reply: Reply) -> bool:
    return reply.route == "out_of_scope" or NOT_FOUND in reply.answer


def calculations_of(reply: Reply) -> list[dict[str, Any]]:
    """Every calculation a reply carries (several for a message with several measures)."""
    many = getattr(reply, "calculations", None)
    if many:
        return [c if isinstance(c, dict) else c.model_dump() for c in many]
    one = reply.calculation
    if one is None:
        return []
    return [one if isinstance(one, dict) else one.model_dump()]


def not_covered_of(reply: Reply) -> list[str]:
    return list(getattr(reply, "not_covered", None) or [])


def expected_calculations(case: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The case's calculations by measure. A measure listed once per project (two films'
    studio fees) is one calculation of the reply, with a step per project and their sum."""
    merged: dict[str, dict[str, Any]] = {}
    for calc in case.get("calculations") or []:
        measure = calc["measure"]
        if measure not in merged:
            merged[measure] = dict(calc)
            continue
        was = merged[measure]
        amounts = [was.get("amount_yuan"), calc.get("amount_yuan")]
        was["amount_yuan"] = None if None in amounts else sum(amounts)
        eligible = {was.get("eligible"), calc.get("eligible")}
        was["eligible"] = True if True in eligible else (None if None in eligible else False)
    return merged


def wrong_amounts(case: dict[str, Any], reply: Reply) -> list[str]:
    """Positive awards in the reply that the case does not expect for that measure: a wrong
    amount is as bad as an invented one (the user cannot tell them apart)."""
    expected: dict[str, Any] = {}
    for measure, calc in expected_calculations(case).items():  # any kind may expect them
        expected[measure] = calc.get("amount_yuan", "any")
    if case["kind"] == "calculator" and "measure" in case:
        expected[case["measure"]] = case.get("amount_yuan", "any")
    # a fact or premise case expecting the figure itself ("一次性给予100万元奖励"): that award
    # stated by the calculator is the answer, not a wrong amount
    stated = {a.yuan for text in case.get("contains") or [] for a in find_amounts(text)}
    wrong = []
    for calc in calculations_of(reply):
        amount = calc.get("amount_yuan")
        if not amount or calc.get("eligible") is False:
            continue
        want = expected.get(str(calc.get("clause")))
        if want is None and case["kind"] != "calculator" and amount in stated:
            continue
        if want != "any" and want != amount:
            wrong.append(f"{calc.get('clause')}={amount}")
    return wrong


def _asks_for_the_amount(want: dict[str, dict[str, Any]], reply: Reply) -> bool:
    """A case expecting eligible null and amount null for a measure whose amount the message
    never gives is met by the reply that asks for that amount under that measure."""
    pending = all(c.get("eligible") is None and c.get("amount_yuan") is None for c in want.values())
    asked = {c.clause for c in reply.citations if c.clause}
    return pending and reply.route == "clarify" and not reply.calculations and asked == set(want)


def _check_calculations(case: dict[str, Any], reply: Reply) -> list[str]:
    problems: list[str] = []
    got = {c.get("clause"): c for c in calculations_of(reply)}
    want = expected_calculations(case)
    if _asks_for_the_amount(want, reply):
        return (
            []
            if not case.get("not_covered") or not_covered_of(reply)
            else ["uncovered part not named"]
        )
    # beside a calculation, a measure whose amount is not known yet ("那块费用还没出数") is met
    # by the reply asking for that amount under it
    cited = {c.clause for c in reply.citations if c.clause}
    asked = {
        m
        for m, c in want.items()
        if c.get("eligible") is None
        and c.get("amount_yuan") is None
        and m not in got
        and m in cited
        and "还需要" in reply.answer
    }
    if set(got) != set(want) - asked:
        problems.append(f"measures {sorted(map(str, got))} != {sorted(want)}")
    for measure, expected in want.items():
        calc = got.get(measure)
        if calc is None:
            continue
        if calc.get("eligible") != expected["eligible"]:
            problems.append(f"{measure} eligible {calc.get('eligible')}")
        if calc.get("amount_yuan") != expected["amount_yuan"]:
            problems.append(f"{measure} amount {calc.get('amount_yuan')}")
    if case.get("not_covered") and not not_covered_of(reply):
        problems.append("uncovered part not named")
    return problems


def check(case: dict[str, Any], reply: Reply) -> list[str]:
    """What is wrong with this reply for this case (empty: correct)."""
    problems: list[str] = []
    kind = case["kind"]
    if kind == "calculator" and "calculations" in case:
        problems += _check_calculations(case, reply)
    elif kind == "calculator":
        if reply.route != "calculator":
            problems.append(f"route {reply.route}")
        calc = reply.calculation.model_dump() if reply.calculation else {}
        clause = calc.get("clause") or next((c.clause for c in reply.citations if c.clause), None)
        if clause != case["measure"]:
            problems.append(f"clause {clause}")
        if "amount_yuan" in case:
            if calc.get("amount_yuan") != case["amount_yuan"]:
                problems.append(f"amount {calc.get('amount_yuan')}")
            if calc.get("eligible") != case["eligible"]:
                problems.append(f"eligible {calc.get('eligible')}")
    elif kind == "clarify":
        if reply.route != "clarify":
            problems.append(f"route {reply.route}")
    elif kind == "fact":
        # Answered from the kb: by quoting it, or (a question on a measure's own terms) by the
        # measure's rules from its clause, or by the calculator stating a fixed award of it
        # ("剧本进了重大工程，奖励多少": 100万元, with the clause quoted); the expected words
        # and the source are checked all the same.
        if reply.route not in ("knowledge", "calculator") or is_refusal(reply):
            problems.append(f"route {reply.route} / refused")
        if case.get("source") and case["source"] not in {c.source for c in reply.citations}:
            problems.append(f"sources {[c.source for c in reply.citations]}")
    elif kind == "refusal" and not is_refusal(reply):
        problems.append("answered instead of refusing")
    elif kind == "premise" and is_refusal(reply):
        problems.append("refused instead of correcting")
    for needle in case.get("contains", []):
        if needle not in reply.answer:
            problems.append(f"missing {needle}")
    for needle in case.get("absent", []):
        if needle in reply.answer.replace(NOT_FOUND, ""):
            problems.append(f"contains {needle}")
    return problems


_MARKER = re.compile(r"\[\d+\]")
_LINE_MARKUP = re.compile(r"^(?:>\s*|[-·]\s+|#+\s*|\d+\.\s+)")
# A sentence shorter than this repeated ("请同时确认：") is a label, not a quotation.
DUPLICATE_MIN_CHARS = 10


def body_lines(answer: str) -> list[str]:
    """The answer's lines without markdown, citation markers and the injection note."""
    lines = []
    for line in answer.splitlines():
        line = _MARKER.sub("", line).replace("**", "").strip()
        line = _LINE_MARKUP.sub("", line).strip()
        if line and line != INJECTION_NOTE:
            lines.append(line)
    return lines


def first_sentence(answer: str) -> str:
    """The first sentence of the answer's body, where the expected fact should be.

    Lines that only introduce what follows (ending in "：", such as "根据知识库中的资料：" or
    a source's title) are skipped, as are the injection note, markdown and [n] markers; the
    first sentence of the next line (by `bot.sentences.split`, so a lead cut with "…" ends
    there) is the one read first, aloud or on a phone."""
    for line in body_lines(answer):
        if line.endswith(("：", ":")):
            continue
        parts = sentences.split(line)
        return parts[0] if parts else line
    return ""


def duplicated_sentences(answer: str) -> int:
    """Sentences said twice in one answer: repeated, or contained in a longer one (a lead
    quoted again inside its 原文)."""
    seen: list[str] = []
    for line in body_lines(answer):
        for part in sentences.split(line):
            text = part.strip("“”‘’「」…。！？!?；;，,：: ")
            if len(text) >= DUPLICATE_MIN_CHARS:
                seen.append(text)
    count = 0
    for i, text in enumerate(seen):
        again = text in seen[:i]
        inside = any(text in other and len(other) > len(text) for other in seen)
        count += again or inside
    return count


def lead_ok(case: dict[str, Any], reply: Reply) -> bool:
    """A fact case answered with every expected string inside the answer's first sentence."""
    first = first_sentence(reply.answer)
    return not is_refusal(reply) and all(n in first for n in case.get("contains", []))


def is_knowledge_answer(reply: Reply) -> bool:
    return reply.route == "knowledge" and not is_refusal(reply)


def run(bot: Bot, cases: Sequence[dict[str, Any]]) -> list[CaseResult]:
    results: list[CaseResult] = []
    for case in cases:
        reply = None
        for turn in case["turns"]:
            try:
                reply = bot.ask(turn, session_id=reply.session_id if reply else None)
            except InvalidQuestion as error:
                # a message the bot refuses to read (longer than POLICYBOT_MAX_MESSAGE_CHARS):
                # the user sees the error, and the case is scored on it
                reply = Reply(answer=error.message, route="out_of_scope", session_id="")
        assert reply is not None
        problems = check(case, reply)
        invented = invented_amounts(case["turns"], reply)
        wrong = wrong_amounts(case, reply)
        result = CaseResult(
            case["id"], case["kind"], not problems, invented, reply, problems, wrong
        )
        result.lead = case["kind"] == "fact" and not problems and lead_ok(case, reply)
        result.duplicates = duplicated_sentences(reply.answer)
        results.append(result)
    return results


def summary(results: Sequence[CaseResult]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in TARGETS:
        mine = [r for r in results if r.kind == kind]
        if mine:
            out[kind] = (sum(r.ok for r in mine), len(mine))
    facts = [r for r in results if r.kind == "fact"]
    if facts:
        out["lead"] = (sum(r.lead for r in facts), len(facts))
    lengths = [len(r.reply.answer) for r in results if is_knowledge_answer(r.reply)]
    out["median_chars"] = round(statistics.median(lengths)) if lengths else None
    out["duplicates"] = sum(r.duplicates for r in results)
    out["invented"] = sum(bool(r.invented) for r in results)
    out["wrong"] = sum(bool(r.wrong) for r in results)
    # by the kind of case: a wrong award in a calculator case is a misreading; in a premise or
    # refusal case it may be an award the case simply does not list
    out["wrong_by_kind"] = dict(Counter(r.kind for r in results if r.wrong))
    return out


# The shape of answers (issue 9): the fact in the first sentence, short knowledge answers,
# nothing said twice. Reported for every set.
LEAD_TARGET = 0.9
MEDIAN_CHARS_TARGET = 160


def shape_line(stats: dict[str, Any]) -> str:
    parts = []
    if "lead" in stats:
        ok, total = stats["lead"]
        parts.append(f"首句命中率 {ok}/{total} = {ok / total:.0%}")
    if stats.get("median_chars") is not None:
        parts.append(f"知识回答长度中位数 {stats['median_chars']} 字")
    parts.append(f"重复句 {stats['duplicates']}")
    return "，".join(parts)


def meets_targets(stats: dict[str, Any]) -> bool:
    for kind, target in TARGETS.items():
        if kind in stats:
            ok, total = stats[kind]
            if ok / total < target:
                return False
    return bool(stats["invented"] == 0 and stats.get("wrong", 0) == 0)


def main(console: Console, golden: Path = GOLDEN) -> int:
    from rich.table import Table

    from bot.bot import Bot
    from bot.settings import get_settings
    from ingest import ingest

    require(golden)
    settings = get_settings()
    indexed = ingest(
        settings.kb_dir,
        settings.data_dir,
        embedding_model=settings.embedding_model,
        chroma_url=settings.chroma_url,
        collection=settings.collection,
    )
    console.print(indexed.line())
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
    for kind, name in NAMES.items():
        if kind in stats:
            ok, total = stats[kind]
            table.add_row(name, f"{ok}/{total} = {ok / total:.0%}", f"≥ {TARGETS[kind]:.0%}")
    table.add_row("编造金额的回答数", str(stats["invented"]), "0")
    table.add_row("错误金额的回答数", str(stats["wrong"]), "0")
    if "lead" in stats:
        ok, total = stats["lead"]
        table.add_row(
            "首句命中率（事实）", f"{ok}/{total} = {ok / total:.0%}", f"≥ {LEAD_TARGET:.0%}"
        )
    if stats["median_chars"] is not None:
        table.add_row(
            "知识回答长度中位数", f"{stats['median_chars']} 字", f"≤ {MEDIAN_CHARS_TARGET} 字"
        )
    table.add_row("重复句（所有回答）", str(stats["duplicates"]), "0")
    console.print(table)
    _print_failures(console, results, "")
    _print_shape(console, results, "")
    beside = golden.parent  # the held-out and development sets sit beside the golden set
    for path in DEVS:
        if (beside / path.name).exists():
            dev = run(bot, load_cases(beside / path.name))
            dev_stats = summary(dev)
            console.print(f"开发集 {path.name}（用于调参）：{summary_line(dev_stats)}")
            console.print(f"  {shape_line(dev_stats)}")
            _print_failures(console, dev, "  ")
            _print_shape(console, dev, "  ")
    for path in HOLDOUTS:
        if (beside / path.name).exists():
            # Only the figures: which cases fail is not shown, so nobody tunes on them.
            held = summary(run(bot, load_cases(beside / path.name)))
            console.print(f"留出集 {path.name}（未用于调参，仅报告）：{summary_line(held)}")
            console.print(f"  {shape_line(held)}")
    return 0 if meets_targets(stats) else 1


NAMES = {
    "calculator": "计算器准确率",
    "fact": "事实准确率",
    "refusal": "拒答准确率",
    "clarify": "追问准确率",
    "premise": "前提纠正准确率",
}


def summary_line(stats: dict[str, Any]) -> str:
    parts = [f"{NAMES[k]} {stats[k][0]}/{stats[k][1]}" for k in NAMES if k in stats]
    parts.append(f"编造金额的回答数 {stats['invented']}")
    by_kind = stats.get("wrong_by_kind") or {}
    detail = "、".join(f"{NAMES.get(k, k)[:-3]} {n}" for k, n in sorted(by_kind.items()))
    parts.append(f"错误金额的回答数 {stats['wrong']}" + (f"（{detail}）" if detail else ""))
    return "，".join(parts)


def _print_failures(console: Console, results: Sequence[CaseResult], indent: str) -> None:
    for r in results:
        if not r.ok or r.invented or r.wrong:
            console.print(
                f"{indent}[red]✗ {r.id}[/red] {r.problems} {r.invented} {r.wrong}"
                f" → {r.reply.answer[:60]!r}",
                markup=True,
            )


def _print_shape(console: Console, results: Sequence[CaseResult], indent: str) -> None:
    """Correct fact answers whose first sentence misses the fact; answers saying a sentence
    twice."""
    for r in results:
        if r.kind == "fact" and r.ok and not r.lead:
            first = first_sentence(r.reply.answer)
            console.print(f"{indent}[yellow]首句未命中 {r.id}[/yellow] → {first[:60]!r}")
        if r.duplicates:
            console.print(f"{indent}[yellow]重复句 {r.id}[/yellow] ×{r.duplicates}")
