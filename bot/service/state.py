"""What the running app holds: settings, the bot (once loaded), the log and the rate limiters."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.service.logstore import QuestionLog
from bot.service.metrics import AnswerCounts
from bot.service.ratelimit import RateLimiter
from bot.service.replies import OncePerMessage
from bot.settings import Settings
from bot.writes import WriteHealth

if TYPE_CHECKING:
    import anyio

    from bot.bot import Bot

logger = logging.getLogger("policybot.api")


@dataclass
class AppState:
    settings: Settings
    log: QuestionLog
    limiter: RateLimiter
    admin_failures: RateLimiter
    ask_slots: anyio.CapacityLimiter
    bot: Bot | None = None
    ready: bool = False
    load_error: str | None = None
    reindex_lock: threading.Lock = field(default_factory=threading.Lock)
    log_writes: WriteHealth = field(default_factory=lambda: WriteHealth("question log"))
    wechat_replies: OncePerMessage = field(default_factory=OncePerMessage)
    answers: AnswerCounts = field(default_factory=AnswerCounts)

    def write_health(self) -> list[WriteHealth]:
        """The stores an answer writes to: the question log and the bot's sessions."""
        return [self.log_writes, *([self.bot.session_writes] if self.bot else [])]

    def load_bot(self, injected: Bot | None = None) -> None:
        """Open (unless injected) and warm the bot; runs in a background thread at startup."""
        started = time.perf_counter()
        try:
            if injected is None:
                from bot.bot import Bot

                injected = Bot.from_settings(self.settings)
            injected.warm()
        except Exception as exc:
            # The process stays up (healthz answers); readyz reports the reason.
            logger.exception("could not load the bot")
            self.load_error = f"{type(exc).__name__}: {exc}"
            return
        self.bot = injected
        self.load_error = None
        self.ready = True
        logger.info("bot ready in %.1f s", time.perf_counter() - started)
