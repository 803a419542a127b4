"""Benchmark the bot: warm Bot.ask p50/p95 per route, and a cold `policybot ask` process.

Usage: .venv/bin/python bench/ask.py [--rounds 5] [--cold 3]
Ingests kb/ into a temp data dir first (unless POLICYBOT_DATA_DIR points at an index).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold", type=int, default=3)
    parser.add_argument(
        "--cached", action="store_true", help="keep the query-vector cache between asks"
    )
    args = parser.parse_args()

    from bot.bot import Bot
    from bot.evaluation.answers import GOLDEN, load_cases
    from bot.sessions import SqliteSessionStore
    from ingest import ingest
    from ingest.reader.retrieval import HybridRetriever

    tmp = tempfile.TemporaryDirectory(prefix="bench-ask-")  # removed at exit
    data_dir = Path(os.environ.get("POLICYBOT_DATA_DIR") or tmp.name)
    ingest(ROOT / "kb", data_dir)
    retriever = HybridRetriever.open(data_dir)
    bot = Bot(retriever, SqliteSessionStore(data_dir / "bench-sessions.db"))
    bot.warm()
    cases = load_cases(ROOT / GOLDEN)
    per_route: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        for case in cases:
            session = None
            for turn in case["turns"]:
                if not args.cached:
                    retriever.clear_query_cache()
                started = time.perf_counter()
                reply = bot.ask(turn, session_id=session)
                session = reply.session_id
                per_route[reply.route].append((time.perf_counter() - started) * 1000)
    # Five parts in one message: two measures, a stated fact, an uncovered cost, a topic
    # the text leaves open and a sub-question that is looked up.
    five = (
        "棚和服装道具花了1200万，特效委托重庆公司做了800万，演员片酬另算，分别补多少？"
        "另外我们不是重庆注册的公司，有影响吗？需要什么材料？"
    )
    compound: list[float] = []
    for _ in range(args.rounds * 10):
        if not args.cached:
            retriever.clear_query_cache()
        started = time.perf_counter()
        bot.ask(five)
        compound.append((time.perf_counter() - started) * 1000)
    everything = [v for values in per_route.values() for v in values]
    cache = "query cache kept" if args.cached else "query cache cleared before each ask"
    print(
        f"warm Bot.ask over {len(everything)} turns ({args.rounds} rounds of the golden set, "
        f"{cache})"
    )
    print(f"{'route':<14}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for route, values in [*sorted(per_route.items()), ("all", everything)]:
        print(
            f"{route:<14}{len(values):>6}{statistics.median(values):>10.1f}"
            f"{percentile(values, 0.95):>10.1f}{max(values):>10.1f}"
        )

    print(
        f"{'five-part':<14}{len(compound):>6}{statistics.median(compound):>10.1f}"
        f"{percentile(compound, 0.95):>10.1f}{max(compound):>10.1f}"
    )

    policybot = str(Path(sys.executable).with_name("policybot"))
    env = {**os.environ, "POLICYBOT_DATA_DIR": str(data_dir)}
    for question in ("在重庆租摄影棚拍戏花了800万，能补多少？", "本届电影节的主题是什么？"):
        times = []
        for _ in range(args.cold):
            started = time.perf_counter()
            subprocess.run([policybot, "ask", question], env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        print(
            f"cold `policybot ask {question}`: best {min(times):.2f} s, "
            f"median {statistics.median(times):.2f} s, worst {max(times):.2f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
