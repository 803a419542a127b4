"""`policybot ingest` through the real CLI app."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.cli.main import app


def test_ingest_command_prints_summary(tmp_path: Path) -> None:
    runner = CliRunner()
    data = tmp_path / "data"
    result = runner.invoke(app, ["ingest", "--data", str(data), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "3 documents" in result.output and "已索引 3 个文档" in result.output
    again = runner.invoke(app, ["ingest", "--data", str(data), "--quiet"])
    assert again.exit_code == 0 and "0 added" in again.output


def test_ingest_command_missing_kb(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", "--kb", str(tmp_path / "nope"), "--quiet"])
    assert result.exit_code == 2
    assert "找不到知识库目录" in result.output
