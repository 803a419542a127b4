"""`policybot measures` and `policybot calc` through the real CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli.main import app
from policy import FIELDS, format_wan, load_measures
from tests.conftest import MEASURE_IDS

runner = CliRunner()


def test_measures_lists_all_seven() -> None:
    result = runner.invoke(app, ["measures"])
    assert result.exit_code == 0
    for measure_id in MEASURE_IDS:
        assert measure_id in result.output


def test_measures_states_every_amount_on_its_line() -> None:
    lines = runner.invoke(app, ["measures"]).output.splitlines()
    for m in load_measures():
        line = next(line for line in lines if line.startswith(f"{m.number}. {m.id} "))
        tiers = [t.amount_yuan for t in m.tiers]
        for yuan in filter(None, [m.threshold_yuan, m.cap_yuan, m.major_cap_yuan, *tiers]):
            assert format_wan(yuan) in line, (m.id, yuan)
    script = next(line for line in lines if " script " in line)
    assert "最高50万元" in script and "100万元" in script and "定额/上限" not in script


def test_measures_json() -> None:
    result = runner.invoke(app, ["measures", "--json"])
    data = json.loads(result.output)
    assert [m["number"] for m in data] == [1, 2, 3, 4, 5, 6, 7]
    assert data[0]["cap_yuan"] == 10_000_000


@pytest.mark.parametrize(
    ("args", "amount"),
    [
        (["studio", "--amount", "800万"], 1_600_000),
        (["crew-services", "--claim", "600万", "--claim", "800万"], 2_000_000),
        (["digital-services", "--amount", "两千五百万"], 3_750_000),
        (["postproduction", "--amount", "1.2亿", "--staff", "5"], 5_000_000),
        (["script", "--tier", "major"], 1_000_000),
        (["hardware", "--amount", "8000万", "--land", "1000万", "--major"], 7_000_000),
        (["base-park"], 10_000_000),
        (["1", "--amount", "3,000,000元"], 0),
    ],
)
def test_calc_json(args: list[str], amount: int) -> None:
    result = runner.invoke(app, ["calc", *args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["amount_yuan"] == amount


def test_calc_text_explains() -> None:
    result = runner.invoke(app, ["calc", "studio", "--amount", "８００萬"])
    assert result.exit_code == 0
    assert "160万元" in result.output
    assert "800万元 × 20% = 160万元" in result.output
    assert "经审核后凭合法有效凭证" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["actor-fees", "--amount", "800万"], "没有编号为"),
        (["studio", "--amount", "八百多"], "无法识别金额"),
        (["studio", "--amount", "-5万"], "不能为负数"),
        (["studio", "--condition", "filed"], "条件写法"),
    ],
)
def test_calc_errors_exit_2_with_a_chinese_message(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["calc", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_every_fact_field_is_an_option() -> None:
    result = runner.invoke(app, ["calc", "--help"])
    for spec in FIELDS:
        assert f"--{spec.cli_option}" in result.output, spec.name
