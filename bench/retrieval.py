"""Retrieval bench: cold and unchanged ingest, warm query latency p50/p95, peak RSS."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 5
TARGET_P95_MS = 30.0
TARGET_UNCHANGED_S = 2.0


def main() -> int:
    from rich.console import Console
    from rich.table import Table

    from bot.evaluation.retrieval import GOLDEN, load_golden
    from ingest import ingest
    from ingest.reader.retrieval import HybridRetriever

    kb = ROOT / "kb"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        # Ingest in child processes (as `policybot ingest` runs), so that torch never sits in
        # this process, which then measures queries as a serving process would.
        code = (
            "from pathlib import Path; from ingest import ingest;"
            f"ingest(Path({str(kb)!r}), Path({str(data)!r}))"
        )
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        cold = time.perf_counter() - started
        unchanged = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
            unchanged.append(time.perf_counter() - started)
        started = time.perf_counter()
        summary = ingest(kb, data)
        in_process = time.perf_counter() - started
        assert summary.added == 0
        started = time.perf_counter()
        retriever = HybridRetriever.open(data)
        retriever.warm()
        open_warm = time.perf_counter() - started
        answerable, unanswerable = load_golden(ROOT / GOLDEN)
        questions = [q.text for q in answerable] + unanswerable
        latencies: list[float] = []
        for _ in range(ROUNDS):
            for question in questions:
                retriever.clear_query_cache()  # measure the uncached path
                started = time.perf_counter()
                retriever.retrieve(question, k=3)
                latencies.append((time.perf_counter() - started) * 1000)
        retriever.close()
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    unchanged_s = max(unchanged)

    table = Table(title="retrieval bench")
    table.add_column("what")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    table.add_row("cold ingest (fresh dir, model load included)", f"{cold:.2f} s", "")
    table.add_row(
        "unchanged re-ingest, new process (worst of 3)",
        f"{unchanged_s:.2f} s",
        f"≤ {TARGET_UNCHANGED_S} s",
    )
    table.add_row("unchanged re-ingest, in process", f"{in_process:.3f} s", "")
    table.add_row("retriever open + warm", f"{open_warm:.2f} s", "")
    table.add_row(f"warm query p50 ({len(latencies)} queries)", f"{p50:.1f} ms", "")
    table.add_row("warm query p95", f"{p95:.1f} ms", f"≤ {TARGET_P95_MS:.0f} ms")
    table.add_row("peak RSS, serving process (queries)", f"{peak_mb:.0f} MiB", "")
    table.add_row("peak RSS, ingest process (cold)", f"{child_mb:.0f} MiB", "")
    Console().print(table)
    ok = p95 <= TARGET_P95_MS and unchanged_s <= TARGET_UNCHANGED_S
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
