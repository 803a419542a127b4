"""Settings refuse unsafe values outside development; `serve` says so in Chinese."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings


@pytest.mark.parametrize("token", ["", "changeme", "secret", "ADMIN", "x", "12345", "k" * 23])
def test_placeholder_or_short_admin_token_is_refused_outside_development(token: str) -> None:
    with pytest.raises(ValidationError, match="POLICYBOT_ADMIN_TOKEN"):
        Settings(environment="production", admin_token=token)


def test_development_and_real_tokens_are_accepted() -> None:
    assert Settings(environment="development", admin_token="").environment == "development"
    assert Settings(environment="development", admin_token="12345").admin_token == "12345"
    token = "x7Q!f0-long-random-9kP2w"
    assert len(token) == 24
    real = {"admin_token": token, "session_secret": "k" * 32}
    assert Settings(environment="production", **real).admin_token == token


def test_env_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBOT_MAX_MESSAGE_CHARS", "120")
    assert Settings().max_message_chars == 120


def test_ask_concurrency_defaults_to_one_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().ask_concurrency == (os.cpu_count() or 2)
    monkeypatch.setenv("POLICYBOT_ASK_CONCURRENCY", "3")
    assert Settings().ask_concurrency == 3


def test_serve_refuses_to_start_with_a_placeholder_token(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "POLICYBOT_ENVIRONMENT": "production",
        "POLICYBOT_ADMIN_TOKEN": "changeme",
        "POLICYBOT_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [str(Path(sys.executable).with_name("policybot")), "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "POLICYBOT_ADMIN_TOKEN" in result.stderr
