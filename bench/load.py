"""Load test: N concurrent clients against the HTTP API on 127.0.0.1.

By default it ingests kb/ into a temp data dir, starts `policybot serve` on a free port in a
subprocess (high rate limit, no access log), runs the mix below for --seconds, and reports
requests/s, latency percentiles, errors and the server's peak RSS (VmHWM). With --reindex it
changes a kb document and calls /api/admin/reindex twice during the run.

    .venv/bin/python bench/load.py                      # 32 clients, 60 s
    .venv/bin/python bench/load.py --reindex            # the same, with two re-ingests
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --seconds 20

Against the reference deployment (deploy/local, nginx in front of N replicas), with
--kill-replica I it kills replica I (SIGKILL) a third of the way in and starts it again at two
thirds, and reports the errors before, while and after it is down:

    POLICYBOT_RATE_LIMIT_PER_MINUTE=10000000 PROXY_CONN_PER_CLIENT=100 deploy/local up 3
    .venv/bin/python bench/load.py --url http://127.0.0.1:8080 --kill-replica 2

Targets (DESIGN.md): >= 100 req/s, p95 <= 200 ms, 0 errors, peak RSS <= 1 GiB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CALC_QUESTIONS = [
    "在重庆租用摄影棚产生了{n}万元服务费用，能拿多少补助？",
    "委托在渝企业做电脑特效花了{n}万元，补助多少？",
    "我们公司给剧组提供设备租赁，服务费用{n}万元，能补多少？",
    "新建影视棚实际投入{n}万元，硬件建设补贴多少？",
]
KNOWLEDGE_QUESTIONS = [
    "2025上合组织国家电影节的主题是什么？",
    "这项政策是哪些部门联合出台的？",
    "剧本被列入国家电影局重点影片生产规划，有什么奖励？",
    "贾樟柯在电影节上说了什么？",
    "后期制作企业的奖励需要多少社保人员？",
    "重庆永川科技影视产业合作洽谈会签约了多少项目？",
]


def _golden_questions() -> list[str]:
    """Knowledge questions: the fixed ones plus every question of both golden sets (~170
    distinct texts), so the server's query-vector cache is not the only thing measured."""
    import yaml

    eval_dir = ROOT / "tests" / "eval"
    retrieval = yaml.safe_load((eval_dir / "retrieval.yaml").read_text("utf-8"))
    answers = yaml.safe_load((eval_dir / "answers.yaml").read_text("utf-8"))
    pool = list(KNOWLEDGE_QUESTIONS)
    pool += [item["q"] for item in retrieval["answerable"]]
    pool += [item["q"] if isinstance(item, dict) else item for item in retrieval["unanswerable"]]
    pool += [c["turns"][-1] for c in answers if c["kind"] in {"fact", "refusal"}]
    return list(dict.fromkeys(pool))


MEASURE_IDS = ["studio", "crew-services", "digital-services", "postproduction", "hardware"]
KNOWLEDGE_POOL = _golden_questions()
# Share of each kind of request in the mix.
MIX = [("chat_calc", 0.25), ("chat_knowledge", 0.25), ("calculate", 0.25), ("measures", 0.25)]


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    error_times: list[float] = field(default_factory=list)
    reindex: list[dict[str, Any]] = field(default_factory=list)
    # (event, perf_counter time): "killed", "restarted" (the replica answers /readyz again)
    replica_events: list[tuple[str, float]] = field(default_factory=list)


def request_for(kind: str, rng: random.Random) -> tuple[str, str, dict[str, Any] | None]:
    if kind == "chat_calc":
        question = rng.choice(CALC_QUESTIONS).format(n=rng.choice([300, 600, 800, 1200, 6000]))
        return (
            "POST",
            "/api/chat",
            {"message": question, "format": rng.choice(["markdown", "plain"])},
        )
    if kind == "chat_knowledge":
        return "POST", "/api/chat", {"message": rng.choice(KNOWLEDGE_POOL)}
    if kind == "calculate":
        facts = {"amount": f"{rng.randint(100, 9000)}万"}
        return "POST", "/api/calculate", {"measure": rng.choice(MEASURE_IDS), "facts": facts}
    if rng.random() < 0.5:
        return "GET", "/api/measures", None
    return "GET", f"/api/measures/{rng.choice(MEASURE_IDS)}", None


async def client_loop(
    http: httpx.AsyncClient, index: int, deadline: float, results: Results
) -> None:
    rng = random.Random(index)
    kinds, weights = zip(*MIX, strict=True)
    headers = {"X-Client-Id": f"bench-{index}"}
    while time.perf_counter() < deadline:
        kind = rng.choices(kinds, weights)[0]
        method, path, body = request_for(kind, rng)
        started = time.perf_counter()
        try:
            response = await http.request(method, path, json=body, headers=headers)
            ok = response.status_code == 200
            detail = f"{response.status_code} {response.text[:120]}"
        except httpx.HTTPError as exc:
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - started
        if ok:
            results.latencies[kind].append(elapsed)
        else:
            results.errors[kind] += 1
            results.error_times.append(started)
            if len(results.error_samples) < 5:
                results.error_samples.append(f"{method} {path}: {detail}")


def touch_kb(kb_dir: Path, round_no: int) -> None:
    """Change one document so the reindex really builds a new generation."""
    doc = kb_dir / "news-policy-release.md"
    doc.write_text(
        doc.read_text("utf-8")
        + f"\n（第{round_no}次更新）签约项目覆盖数字制作、智慧影像等领域。\n",
        "utf-8",
    )


async def reindexer(
    http: httpx.AsyncClient,
    token: str,
    kb_dir: Path | None,
    start: float,
    seconds: float,
    results: Results,
) -> None:
    for round_no, at in enumerate((seconds / 3, 2 * seconds / 3), start=1):
        await asyncio.sleep(max(0.0, start + at - time.perf_counter()))
        if kb_dir is not None:
            touch_kb(kb_dir, round_no)
        began = time.perf_counter()
        response = await http.post(
            "/api/admin/reindex", headers={"Authorization": f"Bearer {token}"}, timeout=300
        )
        results.reindex.append(
            {
                "status": response.status_code,
                "seconds": round(time.perf_counter() - began, 2),
                "body": response.json(),
            }
        )


async def replica_killer(replica: int, start: float, seconds: float, results: Results) -> None:
    """Kill replica `replica` of deploy/local at 1/3 of the run, start it again at 2/3."""
    script = str(ROOT / "deploy" / "local")
    for event, command, at in (
        ("killed", "stop-replica", seconds / 3),
        ("restarted", "start-replica", 2 * seconds / 3),
    ):
        await asyncio.sleep(max(0.0, start + at - time.perf_counter()))
        began = time.perf_counter()
        await asyncio.to_thread(
            subprocess.run, [script, command, str(replica)], check=True, timeout=300
        )
        results.replica_events.append((event, began if event == "killed" else time.perf_counter()))


def errors_by_phase(results: Results) -> dict[str, int] | None:
    """Errors before the kill, while the replica was down (kill → ready again), and after."""
    if not results.replica_events:
        return None
    times = dict(results.replica_events)
    killed, back = times["killed"], times.get("restarted", float("inf"))
    phases = {"before_kill": 0, "while_down": 0, "after_restart": 0}
    for at in results.error_times:
        phase = "before_kill" if at < killed else "while_down" if at < back else "after_restart"
        phases[phase] += 1
    return phases


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def peak_rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(workdir: Path, token: str) -> tuple[subprocess.Popen[bytes], str, Path]:
    data_dir, kb_dir = workdir / "data", workdir / "kb"
    shutil.copytree(ROOT / "kb", kb_dir)
    env = {
        **os.environ,
        "POLICYBOT_DATA_DIR": str(data_dir),
        "POLICYBOT_KB_DIR": str(kb_dir),
        "POLICYBOT_ADMIN_TOKEN": token,
        "POLICYBOT_RATE_LIMIT_PER_MINUTE": "10000000",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    print("ingesting kb/ into", data_dir, flush=True)
    subprocess.run([str(BIN / "policybot"), "ingest"], env=env, check=True, cwd=ROOT)
    port = free_port()
    command = [
        str(BIN / "policybot"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    log = (workdir / "server.log").open("wb")
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    while True:
        try:
            if httpx.get(f"{url}/readyz").status_code == 200:
                break
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.perf_counter() - started > 120:
            server.kill()
            sys.exit(f"server did not become ready; see {workdir / 'server.log'}")
        time.sleep(0.1)
    print(f"server ready on {url} in {time.perf_counter() - started:.1f} s", flush=True)
    return server, url, kb_dir


async def run(args: argparse.Namespace, url: str, token: str, kb_dir: Path | None) -> Results:
    results = Results()
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as http:
        # A short warm-up so first-request costs are not counted.
        await http.get("/api/measures", headers={"X-Client-Id": "bench-warmup"})
        start = time.perf_counter()
        deadline = start + args.seconds
        tasks = [client_loop(http, i, deadline, results) for i in range(args.clients)]
        if args.reindex:
            tasks.append(reindexer(http, token, kb_dir, start, args.seconds, results))
        if args.kill_replica:
            tasks.append(replica_killer(args.kill_replica, start, args.seconds, results))
        await asyncio.gather(*tasks)
        results.reindex.sort(key=lambda r: r["seconds"])
        results.latencies["_elapsed"] = [time.perf_counter() - start]
    return results


def report(args: argparse.Namespace, results: Results, rss: float | None) -> dict[str, Any]:
    elapsed = results.latencies.pop("_elapsed")[0]
    all_latencies = [x for values in results.latencies.values() for x in values]
    errors = sum(results.errors.values())
    total = len(all_latencies) + errors

    def ms(values: list[float], q: float) -> float:
        return round(percentile(values, q) * 1000, 1) if values else float("nan")

    summary: dict[str, Any] = {
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "reindex": args.reindex,
        "requests": total,
        "requests_per_second": round(total / elapsed, 1),
        "p50_ms": ms(all_latencies, 0.50),
        "p95_ms": ms(all_latencies, 0.95),
        "p99_ms": ms(all_latencies, 0.99),
        "mean_ms": round(statistics.fmean(all_latencies) * 1000, 1) if all_latencies else None,
        "errors": errors,
        "server_peak_rss_mib": None if rss is None else round(rss, 1),
        "by_kind": {
            kind: {
                "requests": len(values) + results.errors.get(kind, 0),
                "p50_ms": ms(values, 0.50),
                "p95_ms": ms(values, 0.95),
                "errors": results.errors.get(kind, 0),
            }
            for kind, values in sorted(results.latencies.items())
        },
        "reindex_runs": [
            {"status": r["status"], "seconds": r["seconds"], "summary": r["body"].get("summary")}
            for r in results.reindex
        ],
        "errors_by_phase": errors_by_phase(results),
        "error_samples": results.error_samples,
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    ok = (
        summary["requests_per_second"] >= 100
        and summary["p95_ms"] <= 200
        and errors == 0
        and all(r["status"] == 200 for r in results.reindex)
    )
    print("targets (>=100 req/s, p95 <= 200 ms, 0 errors):", "met" if ok else "NOT met")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--url", help="an already running server (default: start one)")
    parser.add_argument("--reindex", action="store_true", help="re-ingest twice during the run")
    parser.add_argument("--admin-token", default=os.environ.get("POLICYBOT_ADMIN_TOKEN", ""))
    parser.add_argument("--server-pid", type=int, help="pid for peak RSS when using --url")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    parser.add_argument(
        "--kill-replica",
        type=int,
        metavar="I",
        help="kill replica I of deploy/local at 1/3 of the run and start it again at 2/3",
    )
    args = parser.parse_args()

    server: subprocess.Popen[bytes] | None = None
    workdir: Path | None = None
    kb_dir: Path | None = None
    token = args.admin_token
    try:
        if args.url:
            url, pid = args.url.rstrip("/"), args.server_pid
        else:
            workdir = Path(tempfile.mkdtemp(prefix="policybot-load-"))
            token = secrets.token_urlsafe(24)
            server, url, kb_dir = start_server(workdir, token)
            pid = server.pid
        print(f"{args.clients} clients for {args.seconds:.0f} s against {url}", flush=True)
        results = asyncio.run(run(args, url, token, kb_dir))
        summary = report(args, results, peak_rss_mib(pid) if pid else None)
        if args.json:
            args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), "utf-8")
    finally:
        if server is not None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
