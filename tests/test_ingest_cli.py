"""`policybot ingest` through the real CLI app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
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


def _truncate_bm25(data: Path) -> None:
    [bm25] = (data / "index").glob("policybot-g*/bm25.npz")
    bm25.write_bytes(bm25.read_bytes()[: bm25.stat().st_size // 2])


CORRUPTIONS = {
    "emptied chroma db": lambda data: (data / "chroma" / "chroma.sqlite3").write_bytes(b""),
    "chroma db not a database": lambda data: (data / "chroma" / "chroma.sqlite3").write_bytes(
        b"garbage" * 1000
    ),
    "broken pointer file": lambda data: (data / "index" / "policybot.current.json").write_text(
        '{"generation": "g'
    ),
    "pointer to a missing generation": lambda data: (
        data / "index" / "policybot.current.json"
    ).write_text('{"generation": 7, "collection": "policybot-g0007", "model": "m3e-small"}'),
    "truncated bm25 file": _truncate_bm25,
}


def _segment_folders(data: Path) -> set[str]:
    return {p.name for p in (data / "chroma").iterdir() if p.is_dir()}


def _live_segments(data: Path) -> set[str]:
    import sqlite3

    with sqlite3.connect(data / "chroma" / "chroma.sqlite3") as db:
        return {row[0] for row in db.execute("SELECT id FROM segments")}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_ingest_repairs_a_corrupted_index(
    tmp_path: Path, corrupt: Callable[[Path], object]
) -> None:
    from ingest.reader.retrieval import HybridRetriever

    runner = CliRunner()
    data = tmp_path / "data"
    assert runner.invoke(app, ["ingest", "--data", str(data), "--quiet"]).exit_code == 0
    corrupt(data)
    repaired = runner.invoke(app, ["ingest", "--data", str(data), "--quiet"])
    assert repaired.exit_code == 0, repaired.output
    assert "repaired" in repaired.output and "修复" in repaired.output
    retriever = HybridRetriever.open(data)
    assert retriever.retrieve("摄影棚补贴", k=1).hits[0].chunk.measure == "studio"
    # One generation left (the pre-corruption one did not verify) and no orphaned segments.
    assert len(list((data / "index").glob("policybot-g*"))) == 1
    assert _segment_folders(data) <= _live_segments(data)
    again = runner.invoke(app, ["ingest", "--data", str(data), "--quiet"])
    assert again.exit_code == 0 and "0 added" in again.output and "repaired" not in again.output


def test_ingest_rebuild_starts_from_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    data = tmp_path / "data"
    first = runner.invoke(app, ["ingest", "--data", str(data), "--quiet"])
    assert first.exit_code == 0
    orphan = data / "chroma" / "0b0e5e2e-0000-4000-8000-000000000000"
    orphan.mkdir()
    rebuilt = runner.invoke(app, ["ingest", "--data", str(data), "--quiet", "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert " 0 kept" in rebuilt.output and "0 added" not in rebuilt.output
    assert [p.name for p in (data / "index").glob("policybot-g*")] == ["policybot-g0002"]
    assert not orphan.exists()
    assert _segment_folders(data) <= _live_segments(data)
