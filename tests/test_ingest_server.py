"""Ingest into and retrieve from a real Chroma server on 127.0.0.1 (POLICYBOT_CHROMA_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import ingest
from ingest.reader.retrieval import HybridRetriever
from tests.conftest import KB_DIR


@pytest.mark.server
def test_ingest_and_retrieve_through_a_chroma_server(chroma_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = ingest(KB_DIR, data, chroma_url=chroma_url)
    assert first.added == first.chunks
    assert not (data / "chroma").exists()  # nothing embedded locally
    retriever = HybridRetriever.open(data, chroma_url=chroma_url)
    result = retriever.retrieve("本子在重庆立项，入选国家重点影片规划奖励多少")
    assert result.found and result.hits[0].chunk.measure == "script"
    retriever.close()
    again = ingest(KB_DIR, data, chroma_url=chroma_url)
    assert (again.added, again.kept) == (0, first.chunks)


EXTRA_DOC = """---
id: news-scifi-carnival
title: 永川科幻影视嘉年华9月20日开幕
type: news
publisher: 永川区融媒体中心
date: 2025-09-01
---
# 永川科幻影视嘉年华9月20日开幕

2025永川科幻影视嘉年华将于9月20日在永川科技片场开幕，设有沉浸式特效体验展，持续三天。
"""
EXTRA_QUESTION = "永川科幻影视嘉年华什么时候开幕？"


def kb_copy(tmp_path: Path, name: str = "kb") -> Path:
    """kb/ copied, for a test that adds documents to it."""
    import shutil

    target = tmp_path / name
    shutil.copytree(KB_DIR, target)
    return target


@pytest.mark.server
def test_machines_without_a_shared_disk_follow_the_servers_generation(
    chroma_url: str, tmp_path: Path
) -> None:
    from ingest import shared

    kb = kb_copy(tmp_path)
    one, other, third = tmp_path / "one", tmp_path / "other", tmp_path / "third"
    ingest(kb, one, chroma_url=chroma_url)
    # A machine that never ingested serves the server's generation from files it rebuilds.
    reader = HybridRetriever.open(third, chroma_url=chroma_url)
    first = HybridRetriever.open(one, chroma_url=chroma_url)
    assert reader.generation == first.generation == 1
    assert reader.documents() == first.documents()  # dates and publishers included
    assert (third / "index" / "policybot-g0001" / "bm25.npz").is_file()
    assert not (third / "index" / "policybot.current.json").exists()  # the server's pointer
    hit = reader.retrieve("本子在重庆立项，入选国家重点影片规划奖励多少").hits[0]
    assert hit.chunk.measure == "script"
    # An ingest of the same kb there finds the rebuilt files whole: nothing new to build.
    unchanged = ingest(kb, third, chroma_url=chroma_url)
    assert (unchanged.added, unchanged.repaired) == (0, [])
    assert shared.read_pointer(reader._client(), "policybot")["generation"] == 1  # type: ignore[index]

    # Another machine ingests a changed kb: a new number, never one the server holds.
    (kb / "news-scifi-carnival.md").write_text(EXTRA_DOC, encoding="utf-8")
    summary = ingest(kb, other, chroma_url=chroma_url)
    assert summary.added == 1  # built on the server's generation: the rest reused
    assert shared.read_pointer(reader._client(), "policybot")["generation"] == 2  # type: ignore[index]
    assert reader.reload_if_changed() and first.reload_if_changed()
    assert reader.generation == first.generation == 2
    for retriever in (reader, first):
        found = retriever.retrieve(EXTRA_QUESTION)
        assert found.found and found.hits[0].chunk.doc_id == "news-scifi-carnival"
        retriever.close()
