"""Shared fixtures. Every test runs hermetic: data dir in a temp folder, no network, no hub."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import hypothesis
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from bot.bot import Bot
    from ingest.reader.retrieval import HybridRetriever

ROOT = Path(__file__).resolve().parent.parent
KB_DIR = ROOT / "kb"
SEED_DIR = ROOT.parent / "shared" / "seeds"
# The policy's seven measures, in its order (kb markers, measures.yaml and tests agree on these).
MEASURE_IDS = (
    "studio",
    "crew-services",
    "digital-services",
    "postproduction",
    "script",
    "hardware",
    "base-park",
)

# The top-level keys of the reply contract (CLI --json and POST /api/chat alike).
REPLY_KEYS = frozenset(
    {
        "answer",
        "route",
        "session_id",
        "citations",
        "calculation",
        "calculations",
        "not_covered",
        "brief",
        "hotline_script",
    }
)

# Property tests check results, never time: Hypothesis's per-example deadline would fail a
# correct test on a loaded machine.
hypothesis.settings.register_profile("policybot", deadline=None)
hypothesis.settings.load_profile("policybot")

# Nothing may reach the network: the model hub is unreachable here and in CI.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(scope="session", autouse=True)
def _model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The model is exported once a run and hard-linked into every test's data dir (one copy
    on disk, not one per data dir)."""
    from ingest.encoder import MODEL_CACHE_ENV

    before = os.environ.get(MODEL_CACHE_ENV)
    if not before:
        os.environ[MODEL_CACHE_ENV] = str(tmp_path_factory.mktemp("model-cache"))
    yield
    if not before:
        os.environ.pop(MODEL_CACHE_ENV, None)


@pytest.fixture(autouse=True)
def _hermetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point every data directory at a temp dir and reload settings for each test."""
    from bot.settings import get_settings

    monkeypatch.setenv("POLICYBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("POLICYBOT_KB_DIR", str(KB_DIR))
    monkeypatch.delenv("POLICYBOT_CHROMA_URL", raising=False)
    monkeypatch.delenv("POLICYBOT_LLM_BASE_URL", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def anyio_backend() -> str:
    """The async tests (`@pytest.mark.anyio`) run on asyncio only."""
    return "asyncio"


@pytest.fixture(scope="session")
def kb_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """kb/ ingested once per session (real model, real Chroma); returns that data dir."""
    from ingest import ingest

    data_dir = tmp_path_factory.mktemp("kb_index")
    ingest(KB_DIR, data_dir)
    return data_dir


@pytest.fixture(scope="module")
def retriever(kb_index: Path) -> HybridRetriever:
    """The real retriever over the session's index."""
    from ingest.reader.retrieval import HybridRetriever

    return HybridRetriever.open(kb_index)


@pytest.fixture
def bot(retriever: HybridRetriever, tmp_path: Path) -> Iterator[Bot]:
    """A bot over the real index, with its own session store."""
    from bot.bot import Bot
    from bot.sessions import SqliteSessionStore

    sessions = SqliteSessionStore(tmp_path / "sessions.db")
    yield Bot(retriever, sessions)
    sessions.close()


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium under Playwright, for the browser tests (skipped without it)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/ensure-chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(kb_index: Path) -> Iterator[str]:
    """The app on a uvicorn on 127.0.0.1, with the kb index, for the pages' browser tests."""
    from bot.service.app import create_app
    from tests.utils.service import live_server, make_settings, shared_bot

    settings = make_settings(kb_index, rate_limit_per_minute=10_000)
    with live_server(create_app(settings, bot=shared_bot(kb_index))) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL on 127.0.0.1 for the run (tests/utils/servers.py); its admin URL."""
    from tests.utils import servers

    if url := os.environ.get("POLICYBOT_TEST_DATABASE_URL"):
        yield url
        return
    with servers.postgres_server() as server:
        yield server.url


@pytest.fixture
def database_url(postgres_server: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database of this test's own."""
    from tests.utils import servers

    with servers.fresh_database(postgres_server) as url:
        yield url


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    """A real Chroma server on 127.0.0.1 of this test's own (tests/utils/servers.py)."""
    from tests.utils import servers

    with servers.chroma_server(tmp_path / "chroma-server") as url:
        yield url


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """A real Redis on 127.0.0.1 for the run (tests/utils/servers.py); its URL."""
    from tests.utils import servers

    if url := os.environ.get("POLICYBOT_TEST_REDIS_URL"):
        yield url
        return
    with servers.redis_server() as url:
        yield url


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """The run's Redis, emptied for this test."""
    import redis

    with redis.Redis.from_url(redis_server) as client:
        client.flushdb()
    return redis_server
