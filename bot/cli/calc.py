"""`policybot measures` and `policybot calc`: the calculator on the command line."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from policy import (
    Facts,
    PolicyError,
    calculate,
    format_wan,
    get_measure,
    load_measures,
)


def _fail(message: str) -> None:
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    @app.command()
    def measures(
        as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    ) -> None:
        """列出政策的七项措施（编号、条款 id、标题、门槛、比例、上限）。"""
        items = load_measures()
        if as_json:
            typer.echo(json.dumps([m.to_dict() for m in items], ensure_ascii=False, indent=2))
            return
        for m in items:
            threshold = f"门槛{format_wan(m.threshold_yuan)}" if m.threshold_yuan else "无金额门槛"
            rate = f"比例{m.rate}%" if m.rate is not None else "定额/上限"
            typer.echo(f"{m.number}. {m.id:<17} {m.title}｜{threshold}｜{rate}｜{m.cap_text}")

    @app.command()
    def calc(
        measure: Annotated[str, typer.Argument(help="条款 id 或编号，见 policybot measures")],
        amount: Annotated[str | None, typer.Option(help="费用/收入/投入，如 800万")] = None,
        claim: Annotated[
            list[str] | None, typer.Option(help="同一企业同一年度的多笔费用，可重复")
        ] = None,
        staff: Annotated[int | None, typer.Option(help="缴纳社保人员数")] = None,
        major: Annotated[
            bool | None, typer.Option("--major/--not-major", help="是否纳入市级重大项目名单")
        ] = None,
        land: Annotated[str | None, typer.Option(help="土地费（不计入）")] = None,
        commercial: Annotated[str | None, typer.Option(help="配套商业投资（不计入）")] = None,
        tier: Annotated[str | None, typer.Option(help="剧本入选情况：plan | major")] = None,
        prior: Annotated[str | None, typer.Option(help="本年度本条款已获补助")] = None,
        condition: Annotated[
            list[str] | None, typer.Option(help="已确认的条件，如 filed=yes，可重复")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="输出结构化结果")] = False,
    ) -> None:
        """按条款测算补助金额，并给出计算过程与政策依据。"""
        facts: dict[str, Any] = {
            "amount": amount,
            "claims": claim or [],
            "staff": staff,
            "major_project": major,
            "land": land,
            "commercial": commercial,
            "tier": tier,
            "prior_awards": prior,
        }
        conditions: dict[str, bool] = {}
        for item in condition or []:
            key, _, value = item.partition("=")
            if value.lower() not in {"yes", "no", "true", "false", "是", "否"}:
                _fail(f"条件写法应为 名称=yes 或 名称=no：{item}")
            conditions[key] = value.lower() in {"yes", "true", "是"}
        facts["conditions"] = conditions
        try:
            chosen = get_measure(measure)
            result = calculate(chosen, Facts.from_dict(facts))
        except PolicyError as exc:
            _fail(exc.message)
            return
        if as_json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            from bot.compose import calculation_answer, to_plain

            typer.echo(to_plain(calculation_answer(result, chosen)))
