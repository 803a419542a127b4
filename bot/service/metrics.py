"""GET /metrics in Prometheus's text format.

Requests and their latency by route come from prometheus-fastapi-instrumentator
(`http_requests_total`, `http_request_duration_seconds`); the service's own figures are read
from the app's state when scraped: answers by route and whether they found an answer (the
not-found rate is `policybot_answers_total{answered="false"}` over all answers), failed writes
of each store, rate-limit storage failures and the index generation served.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from fastapi import FastAPI

    from bot.service.state import AppState

# Seconds. A warm answer takes 10-50 ms on two cores and p95 under load is targeted at 200 ms
# (DESIGN.md): buckets around those, and a few for a stalled request.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0)


class AnswerCounts:
    """Answers given, by route and by whether the kb had the answer (thread-safe)."""

    def __init__(self) -> None:
        self._counts: Counter[tuple[str, bool]] = Counter()
        self._lock = threading.Lock()

    def add(self, route: str, answered: bool) -> None:
        with self._lock:
            self._counts[route, answered] += 1

    def snapshot(self) -> dict[tuple[str, bool], int]:
        with self._lock:
            return dict(self._counts)


class ServiceCollector(Collector):
    """The service's figures, read from the app state at each scrape."""

    def __init__(self, state_of: Callable[[], AppState | None]) -> None:
        self.state_of = state_of

    def collect(self) -> Iterator[Metric]:
        state = self.state_of()
        if state is None:
            return
        answers = CounterMetricFamily(
            "policybot_answers", "Answers given, by route and found", labels=["route", "answered"]
        )
        for (route, answered), count in sorted(state.answers.snapshot().items()):
            answers.add_metric([route, str(answered).lower()], count)
        yield answers
        writes = CounterMetricFamily(
            "policybot_write_failures", "Failed writes of a store", labels=["store"]
        )
        for store in state.write_health():
            writes.add_metric([store.key], store.failures)
        yield writes
        yield CounterMetricFamily(
            "policybot_rate_limit_storage_failures",
            "Rate-limit calls the shared storage failed (then kept in this process)",
            value=state.limiter.storage_failures,
        )
        yield GaugeMetricFamily("policybot_ready", "1 once the bot is warm", value=state.ready)
        generation = getattr(state.bot.retriever, "generation", None) if state.bot else None
        if isinstance(generation, int):
            yield GaugeMetricFamily(
                "policybot_index_generation", "Index generation served", value=generation
            )


def install(app: FastAPI) -> None:
    """Instrument `app` and serve /metrics, with a registry of the app's own (several apps in
    one process, as in the tests, must not share series)."""
    from prometheus_fastapi_instrumentator import Instrumentator, metrics

    registry = CollectorRegistry()
    instrumentator = Instrumentator(
        should_group_status_codes=False,
        excluded_handlers=["/metrics"],
        registry=registry,
    )
    instrumentator.add(metrics.default(latency_lowr_buckets=LATENCY_BUCKETS, registry=registry))
    instrumentator.instrument(app).expose(app, include_in_schema=False)
    registry.register(ServiceCollector(lambda: getattr(app.state, "policybot", None)))
