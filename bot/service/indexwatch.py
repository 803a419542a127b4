"""Each replica follows the index generation an ingest publishes, wherever it ran.

An ingest or admin reindex through one replica (or `policybot ingest` on any machine) moves
the current-generation pointer: the data dir's file, or with a Chroma server the pointer
every replica reads there. A thread of each replica reads it every `index_poll_seconds` and
swaps to a newer generation (rebuilding its local files from the server when this machine
lacks them); the old one keeps answering until the new one is loaded.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.service.state import AppState

logger = logging.getLogger("policybot.api")


class IndexWatch:
    """A daemon thread that reloads the bot's index when its pointer moves."""

    def __init__(self, state: AppState, interval: float) -> None:
        self.state = state
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="policybot-index", daemon=True)

    def start(self) -> None:
        if self.interval > 0:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def check(self) -> bool:
        """Reload now if a newer generation is published; whether it did."""
        bot = self.state.bot
        if bot is None or not self.state.ready:
            return False
        try:
            reloaded = bot.reload()
        except Exception as exc:
            # The pointer's server away, or the new generation unreadable: keep serving the
            # generation loaded, and try again at the next tick (one line each time).
            logger.warning("index generation not checked: %s: %s", type(exc).__name__, exc)
            return False
        if reloaded:
            generation = getattr(bot.retriever, "generation", None)
            logger.info("now serving index generation %s", generation)
        return bool(reloaded)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()
