"""Ingest into and retrieve from a real Chroma server on 127.0.0.1 (POLICYBOT_CHROMA_URL)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ingest import ingest
from ingest.reader.retrieval import HybridRetriever
from tests.conftest import KB_DIR

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path / "chroma.log").open("wb")
    command = [str(CHROMA), "run", "--path", str(tmp_path / "server")]
    proc = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None:
                raise RuntimeError((tmp_path / "chroma.log").read_text())
            time.sleep(0.1)
        else:
            raise RuntimeError("chroma server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


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
