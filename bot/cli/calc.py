"""`policybot measures` and `policybot calc`: the calculator on the command line.

The options of `calc` are the fact fields of policy/facts.py, one per field (`FIELDS`).
"""

from __future__ import annotations

import inspect
import json
from typing import Annotated, Any, cast

import typer

from policy import (
    FIELDS,
    FactField,
    Facts,
    Measure,
    PolicyError,
    builtin_policies,
    calculate,
    format_wan,
    get_measure,
    load_measures,
)

_YES = {"yes", "true", "是"}
_NO = {"no", "false", "否"}
# What a fact of each kind is on the command line.
_KIND_TYPES: dict[str, Any] = {
    "amount": str | None,
    "amounts": list[str] | None,
    "int": int | None,
    "bool": bool | None,
    "bools": list[str] | None,
    "choice": str | None,
    "choices": list[str] | None,
    "conditions": list[str] | None,
}


def _fail(message: str) -> None:
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(2)


def _option(spec: FactField) -> inspect.Parameter:
    """The CLI option of one fact field."""
    name = spec.cli_option.replace("_", "-")
    decls = f"--{name}/--not-{name}" if spec.kind == "bool" else f"--{name}"
    help_text = spec.help or spec.label
    if spec.kind in ("amounts", "choices"):
        help_text = f"{spec.help or spec.label}，可重复"
    elif spec.kind == "bools":
        help_text = f"{spec.help or spec.label}：yes/no，可重复"
    elif spec.kind == "conditions":
        help_text = "已确认的条件，如 filed=yes，可重复"
    # Annotated with a type chosen at run time: fine for typer, opaque to a type checker.
    annotation = cast(Any, Annotated)[_KIND_TYPES[spec.kind], typer.Option(decls, help=help_text)]
    return inspect.Parameter(
        spec.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
    )


def _yes_no(value: str) -> bool:
    if value.lower() not in _YES | _NO:
        _fail(f"应为 yes 或 no：{value}")
    return value.lower() in _YES


def _conditions(items: list[str]) -> dict[str, bool]:
    conditions: dict[str, bool] = {}
    for item in items:
        key, _, value = item.partition("=")
        if value.lower() not in _YES | _NO:
            _fail(f"条件写法应为 名称=yes 或 名称=no：{item}")
        conditions[key] = value.lower() in _YES
    return conditions


def _facts(given: dict[str, Any]) -> dict[str, Any]:
    """The options as the calculator's facts (by field name)."""
    facts: dict[str, Any] = {}
    for spec in FIELDS:
        value = given.get(spec.name)
        if spec.kind == "conditions":
            value = _conditions(value or [])
        elif spec.kind in ("amounts", "choices"):
            value = value or []
        elif spec.kind == "bools":
            value = [_yes_no(v) for v in value or []]
        facts[spec.name] = value
    return facts


def calc(measure: str, as_json: bool = False, **given: Any) -> None:
    """按条款测算补助金额，并给出计算过程与政策依据。"""
    try:
        chosen = get_measure(measure)
        result = calculate(chosen, Facts.from_dict(_facts(given)))
    except PolicyError as exc:
        _fail(exc.message)
        return
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from bot.compose import calculation_answer, to_plain

        text = calculation_answer(result, chosen, policies=builtin_policies())
        typer.echo(to_plain(text.answer))


def _line(m: Measure) -> str:
    """One measure on one line with every amount it gives (from the policy data)."""
    threshold = f"门槛{format_wan(m.threshold_yuan)}" if m.threshold_yuan else "无金额门槛"
    if m.tiers:
        award = "；".join(
            f"{'最高' if t.upper_bound else ''}{format_wan(t.amount_yuan)}（{t.label}）"
            for t in m.tiers
        )
    else:
        award = f"比例{m.rate}%" if m.rate is not None else "定额/上限"
    return f"{m.number}. {m.id:<17} {m.title}｜{threshold}｜{award}｜{m.cap_text}"


def _calc_signature() -> inspect.Signature:
    measure = Annotated[str, typer.Argument(help="条款 id 或编号，见 policybot measures")]
    as_json = Annotated[bool, typer.Option("--json", help="输出结构化结果")]
    return inspect.Signature(
        [
            inspect.Parameter(
                "measure", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=measure
            ),
            *(_option(spec) for spec in FIELDS),
            inspect.Parameter(
                "as_json", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=as_json
            ),
        ]
    )


# typer reads a command's options from its signature: here, one option per fact field.
calc.__signature__ = _calc_signature()  # type: ignore[attr-defined]


def register(app: typer.Typer) -> None:
    @app.command()
    def measures(
        as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    ) -> None:
        """列出政策的七项措施（编号、条款 id、标题、门槛、比例或各档金额、上限）。"""
        items = load_measures()
        if as_json:
            typer.echo(json.dumps([m.to_dict() for m in items], ensure_ascii=False, indent=2))
            return
        for m in items:
            typer.echo(_line(m))

    app.command()(calc)
