"""Hybrid retrieval: dense (Chroma, m3e) + BM25 (jieba), fused, with a calibrated "not found"."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ingest.bm25 import BM25Index, expand, is_word, tokenize
from ingest.encoder import DEFAULT_MODEL, Encoder, query_encoder
from ingest.index import Chunk, IndexNotBuilt, Manifest, generation_dir, read_pointer
from ingest.text import normalise

Mode = Literal["hybrid", "dense", "bm25"]
OFFTOPIC = Path(__file__).resolve().parent / "offtopic.txt"

# Reciprocal rank fusion: score = Σ weight / (RRF_K + rank). On the golden set equal weights
# with RRF_K 10-20 sit on a plateau (MRR 0.93, recall@3 0.985); BM25 weight 0.6 loses 0.015 MRR,
# RRF_K 60 (the usual default, tuned for long result lists) loses recall@3.
RRF_K = 10
DENSE_WEIGHT = 1.0
BM25_WEIGHT = 1.0
# "Nothing relevant". m3e's cosine sits high for any Chinese text: on the golden set the best
# kb cosine of answerable questions spans 0.69-0.87 and of unanswerable ones 0.69-0.78, so no
# raw threshold separates them (best: 62% found / 71% refused). What separates them is the
# margin over off-topic anchors (ingest/reader/offtopic.txt: weather, tax, visas, other cities'
# policies, …): margin = best kb cosine − best anchor cosine. On the golden set (66 answerable,
# 14 unanswerable) answerable margins start at −0.040, unanswerable ones end at +0.010;
# MARGIN = −0.02 finds 93.9% and refuses 92.9%. A strong BM25 match (≥ BM25_RESCUE on exact
# policy terms) rescues answerable questions within MARGIN_FLOOR. BM25 alone cannot refuse
# (unanswerable questions reuse kb words: 上合电影节的门票 scores 15).
MARGIN = -0.02
MARGIN_FLOOR = -0.045
BM25_RESCUE = 6.0
# Lexical coverage: the share of the query's idf mass (terms the kb never uses weigh as much
# as its rarest term) found in one chunk. On the golden set no unanswerable question reaches
# 0.41 while answerable ones the margin misses (an anchor sits close: "需要什么材料") reach
# 0.53-0.69; coverage ≥ COVERAGE_RESCUE therefore also counts as found.
COVERAGE_RESCUE = 0.5
# Query vectors kept (LRU); the embedding model is fixed for the life of a retriever.
QUERY_CACHE_SIZE = 2048
# Single-signal modes, for the side-by-side evaluation only.
BM25_ONLY_FOUND = 4.0


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk and its fused score (for chunks_for_measure, 1.0)."""

    chunk: Chunk
    score: float


@dataclass(frozen=True)
class RetrievalResult:
    query: str
    hits: list[Hit]
    found: bool


@dataclass(frozen=True)
class Signals:
    """Raw evidence for one query: dense cosine and BM25 score per chunk id."""

    dense: dict[str, float]
    bm25: dict[str, float]
    offtopic: float = 0.0
    coverage: float = 0.0

    @property
    def margin(self) -> float:
        return self.top_dense - self.offtopic

    @property
    def top_dense(self) -> float:
        return max(self.dense.values(), default=0.0)

    @property
    def top_bm25(self) -> float:
        return max(self.bm25.values(), default=0.0)


def is_found(signals: Signals, mode: Mode = "hybrid") -> bool:
    """Calibrated relevance decision (thresholds above)."""
    if mode == "bm25":
        return signals.top_bm25 >= BM25_ONLY_FOUND
    if mode == "dense":
        return signals.margin > MARGIN
    return (
        signals.margin > MARGIN
        or (signals.margin > MARGIN_FLOOR and signals.top_bm25 >= BM25_RESCUE)
        or signals.coverage >= COVERAGE_RESCUE
    )


@dataclass(frozen=True)
class _State:
    generation: int
    manifest: Manifest
    chunks: dict[str, Chunk]
    bm25: BM25Index
    collection: Any
    vectors: tuple[list[str], Any] | None = None  # (ids, matrix) read out of Chroma


def _read_vectors(collection: Any) -> tuple[list[str], Any]:
    got = collection.get(include=["embeddings"])
    matrix = np.asarray(got["embeddings"], dtype=np.float32)
    return list(got["ids"]), np.ascontiguousarray(matrix)


def _coverage(index: BM25Index, tokens: list[str]) -> float:
    """Best share of the query's idf mass that one chunk contains (unknown terms weigh max)."""
    terms = list(dict.fromkeys(tokens))
    if not terms or not index.idf:
        return 0.0
    unknown = max(index.idf.values())
    weights = {t: index.idf.get(t, unknown) for t in terms}
    best = max(sum(w for t, w in weights.items() if t in tf) for tf in index.term_freqs)
    return best / sum(weights.values())


def _ranked(scores: dict[str, float]) -> list[str]:
    return sorted((cid for cid, s in scores.items() if s > 0), key=lambda c: -scores[c])


class HybridRetriever:
    """Reads the current index generation; `reload_if_changed` swaps to a newer one."""

    # Every query scores every chunk (fusion ranks them all). Up to this many chunks the
    # vectors are read out of Chroma once per generation and scored exactly in memory: the
    # same cosine as Chroma's, without a store round trip per query (which held the GIL for
    # ~18% of a loaded server's time). Above it, Chroma's index answers.
    in_memory_max = 50_000

    def __init__(
        self,
        data_dir: Path,
        *,
        embedding_model: str = DEFAULT_MODEL,
        chroma_url: str | None = None,
        collection: str = "policybot",
    ) -> None:
        self.data_dir = data_dir
        self.embedding_model = embedding_model
        self.chroma_url = chroma_url
        self.collection = collection
        self._lock = threading.Lock()
        self._api: Any = None
        self._encoder: Encoder | None = None
        self._anchor_vectors: Any = None
        self._vectors: OrderedDict[str, Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._state = self._load_state()

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        embedding_model: str = DEFAULT_MODEL,
        chroma_url: str | None = None,
        collection: str = "policybot",
    ) -> HybridRetriever:
        """Open the index in data_dir; raises IndexNotBuilt when there is none."""
        return cls(
            data_dir, embedding_model=embedding_model, chroma_url=chroma_url, collection=collection
        )

    # -- index state -------------------------------------------------------------------------
    def _load_state(self) -> _State:
        pointer = read_pointer(self.data_dir, self.collection)
        if pointer is None:
            raise IndexNotBuilt(f"no index in {self.data_dir}: run `policybot ingest` first")
        generation = int(pointer["generation"])
        folder = generation_dir(self.data_dir, self.collection, generation)
        try:
            manifest = Manifest.load(folder)
            bm25 = BM25Index.load(folder / "bm25.json")
        except (OSError, ValueError, TypeError) as exc:
            raise IndexNotBuilt(f"index generation {generation} is unreadable: {exc}") from exc
        if manifest.model != self.embedding_model:
            raise IndexNotBuilt(
                f"index was built with {manifest.model}, not {self.embedding_model}: re-ingest"
            )
        from ingest import store

        if self._api is None:
            self._api = store.client(self.data_dir, self.chroma_url)
        try:
            coll = store.open_collection(
                self._api, manifest.collection, self._encoder, self.embedding_model
            )
        except Exception as exc:
            raise IndexNotBuilt(f"collection {manifest.collection} is missing: {exc}") from exc
        chunks = {c.id: c for c in manifest.chunk_objects()}
        vectors = _read_vectors(coll) if len(chunks) <= self.in_memory_max else None
        return _State(generation, manifest, chunks, bm25, coll, vectors)

    def reload_if_changed(self) -> bool:
        """Swap to a newer generation if an ingest has published one."""
        pointer = read_pointer(self.data_dir, self.collection)
        if pointer is None or int(pointer["generation"]) == self._state.generation:
            return False
        with self._lock:
            if int(pointer["generation"]) == self._state.generation:
                return False
            self._state = self._load_state()
        return True

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = query_encoder(self.data_dir, self.embedding_model)
        return self._encoder

    def warm(self) -> None:
        """Load the encoder and jieba and run one query, so the first real one is fast."""
        self.retrieve("摄影棚补贴", k=1)

    # -- retrieval ---------------------------------------------------------------------------
    def signals(self, query: str) -> Signals:
        """Dense cosine and BM25 scores of every chunk for the (normalised) query."""
        state = self._state
        text = normalise(query)
        vector = self._query_vector(text)
        offtopic = float((self._anchors() @ vector).max())
        tokens = tokenize(text, self.data_dir)
        scores = state.bm25.scores(expand(text, tokens, self.data_dir))
        bm25 = dict(zip(state.bm25.ids, scores, strict=True))
        return Signals(self._dense(state, vector), bm25, offtopic, _coverage(state.bm25, tokens))

    def _query_vector(self, text: str) -> Any:
        """Encode a query, remembering recent ones: callers ask the same questions often
        (example questions, hotline FAQs) and encoding is most of a query's cost."""
        with self._cache_lock:
            vector = self._vectors.get(text)
            if vector is not None:
                self._vectors.move_to_end(text)
                return vector
        vector = self.encoder.encode([text])[0]
        with self._cache_lock:
            self._vectors[text] = vector
            if len(self._vectors) > QUERY_CACHE_SIZE:
                self._vectors.popitem(last=False)
        return vector

    def vocabulary_split(self, query: str) -> tuple[list[str], list[str]]:
        """The query's content words (two or more characters) the kb never uses, and those
        it does."""
        tokens = tokenize(normalise(query), self.data_dir)
        words = [t for t in dict.fromkeys(tokens) if len(t) >= 2 and not t.isascii()]
        vocab = self._state.bm25.idf
        return [t for t in words if t not in vocab], [t for t in words if t in vocab]

    def is_word(self, text: str) -> bool:
        """A word of the tokenizer's dictionary ("时效" is one; "特笑" is not)."""
        return is_word(text, self.data_dir)

    def embed(self, texts: list[str]) -> Any:
        """Unit vectors of short texts with the query encoder (cached like queries)."""
        return np.stack([self._query_vector(normalise(t)) for t in texts])

    def clear_query_cache(self) -> None:
        """Forget remembered query vectors (benchmarks measure the uncached path)."""
        with self._cache_lock:
            self._vectors.clear()

    def _anchors(self) -> Any:
        if self._anchor_vectors is None:
            lines = OFFTOPIC.read_text(encoding="utf-8").splitlines()
            texts = [t.strip() for t in lines if t.strip() and not t.startswith("#")]
            self._anchor_vectors = self._cached_encode(texts, "anchors")
        return self._anchor_vectors

    def _cached_encode(self, texts: list[str], name: str) -> Any:
        """Encode fixed texts once per (model, texts) and keep them in the data dir: a cold
        `policybot ask` then skips a batch encode."""
        import hashlib
        import os

        key = hashlib.sha256("\n".join([self.embedding_model, *texts]).encode()).hexdigest()
        path = self.data_dir / "cache" / f"{name}-{key[:16]}.npy"
        try:
            return np.load(path)
        except (OSError, ValueError):
            pass
        vectors = np.asarray(self.encoder.encode(texts), dtype=np.float32)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
            np.save(tmp, vectors)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only data dir only costs the encode next time
        return vectors

    def _dense(self, state: _State, vector: Any) -> dict[str, float]:
        n = len(state.chunks)
        if not n:
            return {}
        if state.vectors is not None:
            ids, matrix = state.vectors
            sims = matrix @ np.asarray(vector, dtype=np.float32)
            return {cid: float(sim) for cid, sim in zip(ids, sims, strict=True)}
        try:
            res = state.collection.query(
                query_embeddings=[vector], n_results=n, include=["distances"]
            )
        except Exception:
            # The generation may have been dropped by a second re-ingest: pick up the new one.
            if not self.reload_if_changed():
                raise
            state = self._state
            res = state.collection.query(
                query_embeddings=[vector], n_results=len(state.chunks), include=["distances"]
            )
        ids, distances = res["ids"][0], (res["distances"] or [[]])[0]
        return {cid: 1.0 - float(d) for cid, d in zip(ids, distances, strict=True)}

    def fuse(self, signals: Signals, mode: Mode) -> list[tuple[str, float]]:
        if mode == "dense":
            return [(c, signals.dense[c]) for c in _ranked(signals.dense)]
        if mode == "bm25":
            return [(c, signals.bm25[c]) for c in _ranked(signals.bm25)]
        fused: dict[str, float] = {}
        for weight, ranking in (
            (DENSE_WEIGHT, _ranked(signals.dense)),
            (BM25_WEIGHT, _ranked(signals.bm25)),
        ):
            for rank, cid in enumerate(ranking, start=1):
                fused[cid] = fused.get(cid, 0.0) + weight / (RRF_K + rank)
        return sorted(fused.items(), key=lambda item: -item[1])

    def retrieve(self, query: str, k: int = 3, mode: Mode = "hybrid") -> RetrievalResult:
        """Top-k chunks for the query; `found` says whether any of them is relevant."""
        state = self._state
        signals = self.signals(query)
        ranked = self.fuse(signals, mode)[:k]
        hits = [
            Hit(state.chunks[cid], round(score, 6)) for cid, score in ranked if cid in state.chunks
        ]
        return RetrievalResult(query=query, hits=hits, found=bool(hits) and is_found(signals, mode))

    # -- catalogue ---------------------------------------------------------------------------
    def documents(self) -> list[dict[str, object]]:
        """One row per indexed document: id, title, type, chunks, date, publisher."""
        return [
            {
                "id": d["id"],
                "title": d["title"],
                "type": d["type"],
                "chunks": d["chunks"],
                "date": d.get("date"),
                "publisher": d.get("publisher"),
            }
            for d in self._state.manifest.documents
        ]

    def chunks_for_measure(self, measure_id: str) -> list[Hit]:
        """The chunk(s) of one policy measure, in reading order."""
        found = [c for c in self._state.chunks.values() if c.measure == measure_id]
        return [Hit(c, 1.0) for c in sorted(found, key=lambda c: (c.doc_id, c.position))]

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """Every chunk of one document, in reading order (to quote a passage in context)."""
        found = [c for c in self._state.chunks.values() if c.doc_id == doc_id]
        return sorted(found, key=lambda c: c.position)

    def close(self) -> None:
        """Release the Chroma client (sqlite handles or HTTP connections)."""
        from ingest import store

        if self._api is not None:
            store.close(self._api)
            self._api = None

    @property
    def generation(self) -> int:
        return self._state.generation
