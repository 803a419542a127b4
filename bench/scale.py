"""Scale bench: the kb copied 1×, 100×, 1000× and 2500× (each copy a distinct document: its
id and title altered, its body unchanged), per size: fresh ingest, unchanged re-ingest, warm
query p50/p95 and serving RSS on both dense paths (exact numpy, Chroma HNSW).

Copies share their chunk texts, and the ingest embeds each distinct text once (a chunk whose
text is already indexed reuses its vector): a fresh ingest of every size embeds the kb's own
texts only. The table says how many texts were embedded and how many chunks reused a
vector; the embedding column prices the chunks as if every text were new, at the per-chunk
cost measured in the same run. Every step runs in a child process with a time limit.

    python bench/scale.py [--sizes 1,100,1000,2500] [--step-timeout 1800]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (1, 100, 1000, 2500)
ROUNDS = 3  # passes over the golden questions per path and size
STEP_TIMEOUT = 1800.0  # seconds per child process (an ingest of 52,500 chunks takes minutes)
EMBED_SAMPLE = 4  # copies of the kb's chunk texts (made distinct) timed per embedding method
EMBED_ROUNDS = 5  # alternating runs of each method; the best counts


def make_kb(source: Path, target: Path, copies: int) -> None:
    """copies × every Markdown document of source; copy 0 is the original."""
    target.mkdir(parents=True)
    for path in sorted(source.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        for i in range(copies):
            lines = []
            for line in head.splitlines():
                key = line.split(":", 1)[0]
                if i and key == "id":
                    line = f"{line}-c{i:04d}"
                elif i and key == "title":
                    line = f"{line}（副本{i}）"
                lines.append(line)
            name = f"{path.stem}-c{i:04d}.md" if i else path.name
            (target / name).write_text("---\n" + "\n".join(lines) + "\n---\n" + body, "utf-8")


def _child(code: str, timeout: float) -> dict[str, Any]:
    """Run code in a fresh interpreter; it prints one JSON line last."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


INGEST = """
import json, resource
from dataclasses import asdict
from pathlib import Path
from ingest import ingest
summary = asdict(ingest(Path({kb!r}), Path({data!r})))
summary["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(summary, ensure_ascii=False))
"""

SERVE = """
import json, resource, statistics, time
from pathlib import Path
from bot.evaluation.retrieval import GOLDEN, load_golden
from ingest.reader.retrieval import CANDIDATES, HybridRetriever
from ingest.text import normalise

class Retriever(HybridRetriever):
    in_memory_max = {in_memory_max}

started = time.perf_counter()
retriever = Retriever.open(Path({data!r}))
retriever.warm()
opened = time.perf_counter() - started
answerable, unanswerable = load_golden(GOLDEN)
questions = [q.text for q in answerable] + unanswerable
for question in questions:  # warm: every code path and the store's caches once
    retriever.retrieve(question, k=5)
latencies = []
for _ in range({rounds}):
    for question in questions:
        retriever.clear_query_cache()  # the uncached path: the query is encoded each time
        began = time.perf_counter()
        retriever.retrieve(question, k=5)
        latencies.append((time.perf_counter() - began) * 1000)
latencies.sort()
cached, dense = [], []
state = retriever._state
for question in questions:  # remember every query vector first
    retriever.retrieve(question, k=5)
for _ in range({rounds}):
    for question in questions:
        began = time.perf_counter()
        retriever.retrieve(question, k=5)  # its query vector remembered: no encoding
        cached.append((time.perf_counter() - began) * 1000)
        vector = retriever._query_vector(normalise(question))
        began = time.perf_counter()
        retriever._dense(state, vector, CANDIDATES, None, None, None)
        dense.append((time.perf_counter() - began) * 1000)
cached.sort()
dense.sort()
rss = int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmRSS")))
print(json.dumps({{
    "path": "memory" if retriever._state.vectors is not None else "chroma",
    "queries": len(latencies),
    "p50": statistics.median(latencies),
    "p95": latencies[int(0.95 * (len(latencies) - 1))],
    "rss_mib": rss / 1024,
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "open_s": opened,
    "cached_p50": statistics.median(cached),
    "cached_p95": cached[int(0.95 * (len(cached) - 1))],
    "dense_p50": statistics.median(dense),
    "dense_p95": dense[int(0.95 * (len(dense) - 1))],
}}))
"""

EMBED = """
import json, tempfile, time
from pathlib import Path
from ingest.encoder import SentenceTransformerEncoder, document_encoder, export_light_model
from ingest.writer.chunking import chunk_document
from ingest.writer.documents import kb_files, load_document
from ingest.writer.embedding import BATCH

chunks = [c for p in kb_files(Path({kb!r})) for c in chunk_document(load_document(p))]
# distinct texts (a suffix per copy), so that nothing is shared between or within runs
texts = [f"{{c.text}}{{i}}" for i in range({sample}) for c in chunks]
encoder = SentenceTransformerEncoder()
encoder.encode(texts[:4])
_tmp = tempfile.TemporaryDirectory()  # removed when the script ends
model_dir = Path(_tmp.name)
export_light_model(model_dir)
onnx = document_encoder(model_dir)  # exported here, before any timing
onnx.encode(texts[:4])

def before():  # reading order, 32 texts per call (the pipeline until now)
    for start in range(0, len(texts), 32):
        encoder.encode(texts[start : start + 32])

def sort_only():  # sentence-transformers, sorted by length, BATCH texts per call
    ordered = sorted(texts, key=len)
    for start in range(0, len(ordered), BATCH):
        encoder.encode(ordered[start : start + BATCH])

def after():  # the pipeline now: onnxruntime, sorted by length, BATCH texts per call
    ordered = sorted(texts, key=len)
    for start in range(0, len(ordered), BATCH):
        onnx.encode(ordered[start : start + BATCH])

def padded(order, size):  # tokens the model runs, padding included (batches of 16 inside)
    lengths = [min(len(e.ids), 512) for e in tokenizer.encode_batch(order)]
    total = 0
    for start in range(0, len(lengths), size):
        call = sorted(lengths[start : start + size])
        total += sum(len(b) * max(b) for b in (call[i : i + 16] for i in range(0, len(call), 16)))
    return total

from tokenizers import Tokenizer
from ingest.encoder import default_model_dir
tokenizer = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))
result = {{"texts": len(texts), "runtime": type(onnx).__name__, "tokens_before": padded(texts, 32),
           "tokens_after": padded(sorted(texts, key=len), BATCH)}}
for _ in range({rounds}):  # alternate, so that a busy neighbour weighs on both alike
    for name, run in (("before", before), ("sorted", sort_only), ("after", after)):
        began, cpu = time.perf_counter(), time.process_time()
        run()
        wall = (time.perf_counter() - began) * 1000 / len(texts)
        cpu = (time.process_time() - cpu) * 1000 / len(texts)
        result[name] = min(result.get(name, wall), wall)
        result[name + "_cpu"] = min(result.get(name + "_cpu", cpu), cpu)
print(json.dumps(result))
"""

# The dense crossover on distinct vectors: the copies above share their 21 vectors, which
# flatters neither path fairly. Each row is a kb chunk's vector plus Gaussian noise (cosine
# ≈ 0.8 to it), renormalised; the golden questions' vectors are the queries.
CROSSOVER_SIZES = (2_000, 5_000, 10_000, 20_000, 50_000)
DENSE = """
import json, statistics, tempfile, time
from pathlib import Path
import numpy as np
from bot.evaluation.retrieval import GOLDEN, load_golden
from ingest import ingest, store
from ingest.encoder import one_blas_thread
from ingest.reader.retrieval import CANDIDATES, HybridRetriever, _top
from ingest.text import normalise

_tmp = tempfile.TemporaryDirectory()  # removed when the script ends
work = Path(_tmp.name)
ingest(Path({kb!r}), work / "data")
retriever = HybridRetriever.open(work / "data")
base = retriever._state.vectors[1]
answerable, unanswerable = load_golden(GOLDEN)
questions = [a.text for a in answerable] + unanswerable
queries = [retriever._query_vector(normalise(q)) for q in questions]
rng = np.random.default_rng(14)
api = store.client(work / "bench", None)
rows = []
for n in {sizes}:
    matrix = base[rng.integers(0, len(base), n)] + rng.normal(0, 0.03, (n, base.shape[1]))
    matrix = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)
    coll = store.open_collection(api, f"dense-{{n}}", None, "m3e-small", create=True)
    began = time.perf_counter()
    for start in range(0, n, 5000):
        ids = [str(i) for i in range(start, min(n, start + 5000))]
        coll.add(ids=ids, embeddings=matrix[start : start + 5000])
    built = time.perf_counter() - began
    for q in queries[:5]:
        coll.query(query_embeddings=[q], n_results=CANDIDATES, include=["distances"])
    exact, hnsw, recall = [], [], []
    for _ in range(3):
        for q in queries:
            began = time.perf_counter()
            with one_blas_thread():
                sims = matrix @ q
            best = _top(sims, CANDIDATES)
            exact.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            got = coll.query(query_embeddings=[q], n_results=CANDIDATES, include=["distances"])
            hnsw.append((time.perf_counter() - began) * 1000)
            recall.append(len(set(map(int, got["ids"][0])) & set(best.tolist())) / CANDIDATES)
    exact.sort()
    hnsw.sort()
    rows.append({{
        "n": n,
        "exact_p50": statistics.median(exact),
        "hnsw_p50": statistics.median(hnsw),
        "exact_p95": exact[int(0.95 * (len(exact) - 1))],
        "hnsw_p95": hnsw[int(0.95 * (len(hnsw) - 1))],
        "recall": statistics.mean(recall),
        "build_s": built,
    }})
    api.delete_collection(f"dense-{{n}}")
print(json.dumps({{"rows": rows}}))
"""


def main() -> int:
    from rich.console import Console
    from rich.table import Table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--step-timeout", type=float, default=STEP_TIMEOUT)
    parser.add_argument("--keep", type=Path, help="build the kbs and indexes here and keep them")
    parser.add_argument(
        "--embedding", action="store_true", help="only the embedding cost per chunk, before / now"
    )
    parser.add_argument(
        "--crossover",
        action="store_true",
        help="only the dense search on distinct vectors: exact numpy against Chroma's HNSW",
    )
    parser.add_argument(
        "--serve-only", action="store_true", help="query the indexes kept by an earlier --keep run"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    console = Console()
    if args.crossover:
        return crossover(console, args.step_timeout)

    embedding: dict[str, Any] = {}
    if args.embedding or not args.serve_only:
        code = EMBED.format(kb=str(ROOT / "kb"), sample=EMBED_SAMPLE, rounds=EMBED_ROUNDS)
        embedding = _child(code, args.step_timeout)
        console.print(_embedding_line(embedding))
        if args.embedding:
            return 0
    per_chunk_ms = float(embedding.get("after", 0.0))

    table = Table(title="scale bench (this machine)")
    for column in (
        "copies",
        "chunks",
        "fresh ingest",
        "embedded / reused",
        "embedding all (est.)",
        "unchanged re-ingest",
        "exact: p50 / p95, RSS",
        "HNSW: p50 / p95, RSS",
        "cached vector: exact / HNSW p95",
        "dense search alone p50: exact / HNSW",
    ):
        table.add_column(column, justify="right")
    rows: list[dict[str, Any]] = []
    work = args.keep or Path(tempfile.mkdtemp(prefix="policybot-scale-"))
    try:
        for copies in sizes:
            kb, data = work / f"kb-{copies}", work / f"data-{copies}"
            fresh = again = {"error": "not run"}
            if not args.serve_only:
                shutil.rmtree(kb, ignore_errors=True)
                shutil.rmtree(data, ignore_errors=True)
                make_kb(ROOT / "kb", kb, copies)
                fresh = _child(INGEST.format(kb=str(kb), data=str(data)), args.step_timeout)
                again = _child(INGEST.format(kb=str(kb), data=str(data)), args.step_timeout)
            paths = {}
            for path, limit in (("memory", 10**9), ("chroma", 0)):
                code = SERVE.format(data=str(data), in_memory_max=limit, rounds=ROUNDS)
                paths[path] = _child(code, args.step_timeout)
            row = {"copies": copies, "fresh": fresh, "again": again, **paths}
            rows.append(row)
            console.print(json.dumps(row, ensure_ascii=False))
            table.add_row(*_cells(row, per_chunk_ms))
            if not args.keep:
                shutil.rmtree(data, ignore_errors=True)
                shutil.rmtree(kb, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    console.print(table)
    if embedding:
        console.print(_embedding_line(embedding))
    return 0


def _embedding_line(e: dict[str, Any]) -> str:
    if "error" in e:
        return f"embedding: {e['error']}"
    return (
        f"embedding, ms a chunk (wall / CPU), {e['texts']} texts, best of {EMBED_ROUNDS}"
        f" alternating runs: before (sentence-transformers, reading order, 32 a call)"
        f" {e['before']:.1f} / {e['before_cpu']:.1f}; sorted by length, 16 a call"
        f" {e['sorted']:.1f} / {e['sorted_cpu']:.1f}; now ({e['runtime']}, sorted)"
        f" {e['after']:.1f} / {e['after_cpu']:.1f}; padded tokens {e['tokens_before']:,}"
        f" before, {e['tokens_after']:,} sorted"
    )


def crossover(console: Any, timeout: float) -> int:
    from rich.table import Table

    code = DENSE.format(kb=str(ROOT / "kb"), sizes=CROSSOVER_SIZES)
    result = _child(code, timeout)
    if "error" in result:
        console.print(result["error"])
        return 1
    table = Table(title=f"dense top-50: exact numpy vs Chroma HNSW ({len(result['rows'])} sizes)")
    for column in ("vectors", "exact p50 / p95", "HNSW p50 / p95", "HNSW recall@50", "HNSW build"):
        table.add_column(column, justify="right")
    for row in result["rows"]:
        table.add_row(
            f"{row['n']:,}",
            f"{row['exact_p50']:.2f} / {row['exact_p95']:.2f} ms",
            f"{row['hnsw_p50']:.2f} / {row['hnsw_p95']:.2f} ms",
            f"{row['recall']:.3f}",
            f"{row['build_s']:.1f} s",
        )
    console.print(table)
    return 0


def _cells(row: dict[str, Any], per_chunk_ms: float) -> list[str]:
    fresh, again = row["fresh"], row["again"]

    def served(result: dict[str, Any]) -> str:
        if "error" in result:
            return str(result["error"])
        return f"{result['p50']:.1f} / {result['p95']:.1f} ms, {result['rss_mib']:.0f} MiB"

    def both(key: str) -> str:
        exact, hnsw = row["memory"], row["chroma"]
        if "error" in exact or "error" in hnsw:
            return ""
        return f"{exact[key]:.1f} / {hnsw[key]:.1f} ms"

    serving = [served(row["memory"]), served(row["chroma"]), both("cached_p95"), both("dense_p50")]
    if "error" in fresh:
        return [str(row["copies"]), "", fresh["error"], "", "", "", *serving]
    chunks = int(fresh["chunks"])
    return [
        str(row["copies"]),
        f"{chunks:,}",
        f"{fresh['wall']:.1f} s",
        f"{fresh['embedded']:,} / {chunks - fresh['embedded']:,}",
        f"{chunks * per_chunk_ms / 1000 / 60:.1f} min",
        f"{again['wall']:.1f} s" if "error" not in again else again["error"],
        *serving,
    ]


if __name__ == "__main__":
    raise SystemExit(main())
