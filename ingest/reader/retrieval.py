"""Hybrid retrieval: dense (Chroma, m3e) + BM25 (jieba), fused, with a calibrated "not found"."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ingest.bm25 import UNREADABLE, BM25Index, Bools, expand, in_kb_words, is_word, tokenize
from ingest.encoder import DEFAULT_MODEL, Encoder, one_blas_thread, query_encoder
from ingest.index import (
    BM25_FILE,
    LEGACY_BM25_FILE,
    VECTORS_FILE,
    Chunk,
    IndexNotBuilt,
    Manifest,
    generation_dir,
    read_pointer,
)
from ingest.text import normalise

Mode = Literal["hybrid", "dense", "bm25"]
OFFTOPIC = Path(__file__).resolve().parent / "offtopic.txt"

# Reciprocal rank fusion: score = Σ weight / (RRF_K + rank). On the golden set equal weights
# with RRF_K 10-20 sit on a plateau (MRR 0.93, recall@3 0.985); BM25 weight 0.6 loses 0.015 MRR,
# RRF_K 60 (the usual default, tuned for long result lists) loses recall@3. BM25 weighs 1.3: a
# news paragraph found by its own rare words ("签约", "23个重点影视产业项目") and ranked low by
# the dense model then leads (golden recall@1 0.879 → 0.894, MRR 0.932 → 0.938, recall@3
# 0.985 → 0.970; development sets: seven fact questions found, one refusal lost).
RRF_K = 10
DENSE_WEIGHT = 1.0
BM25_WEIGHT = 1.3
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
# Fusion and the not-found signals see each retriever's best CANDIDATES chunks, never the
# whole kb: a chunk ranked below 50 by both retrievers fuses to at most 2/61, below the 1/11
# of either one's first, and the bot reads 5 hits; the signals need only each best score.
# Up to this many chunks (all of today's kb) the ranking is the same as over every chunk.
CANDIDATES = 50
# Vectors read per Chroma call when a generation has no matrix file of its own.
VECTOR_PAGE = 2_000
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
    """Raw evidence for one query: dense cosine and BM25 score per chunk id, for each
    retriever's best candidates (BM25: those that score at all)."""

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
    """One generation; chunk i is row i of the BM25 matrix and of the dense matrix."""

    generation: int
    manifest: Manifest
    chunks: dict[str, Chunk]
    bm25: BM25Index
    collection: Any
    vectors: tuple[list[str], Any] | None = None  # (ids, float32 matrix) for exact search
    docs: Any = None  # per row: the code of its document in `doc_codes`
    doc_codes: dict[str, int] = field(default_factory=dict)
    kinds: Any = None  # per row: the code of its document type in `kind_codes`
    kind_codes: dict[str, int] = field(default_factory=dict)
    text: str = ""  # every chunk's normalised text, one per line: what the kb says, verbatim

    def mask(self, doc: str | None, kind: str | None) -> Bools | None:
        """Rows of one document and/or one document type; None when unrestricted."""
        if doc is None and kind is None:
            return None
        mask = np.ones(len(self.bm25.ids), dtype=bool)
        if doc is not None:
            mask &= self.docs == self.doc_codes.get(doc, -1)
        if kind is not None:
            mask &= self.kinds == self.kind_codes.get(kind, -1)
        return mask


def _codes(values: list[str]) -> tuple[Any, dict[str, int]]:
    """Each value's code (first seen, first code), and the codes."""
    codes = {name: i for i, name in enumerate(dict.fromkeys(values))}
    return np.array([codes[v] for v in values], dtype=np.int32), codes


def _load_vectors(folder: Path, collection: Any, ids: list[str]) -> Any:
    """The generation's float32 matrix (rows in chunk order); generations written without
    one are read out of Chroma a page at a time into a preallocated matrix (reading all
    embeddings at once held 1.7 GiB of Python lists at 50,000 chunks)."""
    try:
        matrix = np.load(folder / VECTORS_FILE, allow_pickle=False)
        if matrix.shape[0] == len(ids) and matrix.dtype == np.float32:
            return np.ascontiguousarray(matrix)
    except (OSError, ValueError):
        pass
    row = {cid: i for i, cid in enumerate(ids)}
    matrix = None
    for offset in range(0, len(ids), VECTOR_PAGE):
        got = collection.get(include=["embeddings"], limit=VECTOR_PAGE, offset=offset)
        page = np.asarray(got["embeddings"], dtype=np.float32)
        if matrix is None:
            matrix = np.zeros((len(ids), page.shape[1]), dtype=np.float32)
        matrix[[row[cid] for cid in got["ids"]]] = page
    return matrix if matrix is not None else np.zeros((0, 0), dtype=np.float32)


def _top(values: Any, n: int, rows: Any = None) -> Any:
    """Indices of the n largest values (among rows), best first, ties in index order: a
    partial sort, then a sort of those n only."""
    if rows is None:
        rows = np.arange(len(values))
    if len(rows) > n:
        rows = rows[np.argpartition(-values[rows], n - 1)[:n]]
    return rows[np.lexsort((rows, -values[rows]))]


def _where(doc: str | None, kind: str | None) -> dict[str, Any] | None:
    """The Chroma metadata filter for a document and/or type."""
    terms: list[dict[str, Any]] = []
    if doc is not None:
        terms.append({"doc_id": doc})
    if kind is not None:
        terms.append({"doc_type": kind})
    if len(terms) > 1:
        return {"$and": terms}
    return terms[0] if terms else None


def _ranked(scores: dict[str, float]) -> list[str]:
    return sorted((cid for cid, s in scores.items() if s > 0), key=lambda c: -scores[c])


class HybridRetriever:
    """Reads the current index generation; `reload_if_changed` swaps to a newer one."""

    # Up to this many chunks the vectors are loaded once per generation and scored exactly
    # in memory: the same cosine as Chroma's, without a store round trip per query (which
    # held the GIL for ~18% of a loaded server's time). Above it, Chroma's HNSW index
    # answers with the CANDIDATES nearest. The crossover, measured (bench/scale.py
    # --crossover, top 50 of distinct vectors, p50): exact 1.51 ms / HNSW 1.84 ms at 20,000,
    # 3.34 / 2.31 ms at 50,000 (where HNSW finds 85% of the exact top 50); they meet near
    # 27,000, and below 30,000 the exact path costs at most ~0.2 ms more and is exact.
    in_memory_max = 30_000

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
    def _client(self) -> Any:
        from ingest import store

        if self._api is None:
            self._api = store.client(self.data_dir, self.chroma_url)
        return self._api

    def _pointer(self) -> dict[str, Any] | None:
        """The current generation: with a Chroma server the one it names (every replica reads
        it), else, or before a server has one, the data dir's file."""
        if self.chroma_url:
            from ingest import shared

            found = shared.read_pointer(self._client(), self.collection)
            if found is not None:
                return found
        return read_pointer(self.data_dir, self.collection)

    def _load_state(self) -> _State:
        pointer = self._pointer()
        if pointer is None:
            raise IndexNotBuilt(f"no index in {self.data_dir}: run `policybot ingest` first")
        generation = int(pointer["generation"])
        folder = generation_dir(self.data_dir, self.collection, generation)
        if self.chroma_url:
            from ingest import shared

            # A replica on another machine than the ingest: its files come from the server.
            try:
                shared.materialise(self._client(), self.data_dir, self.collection, pointer)
            except Exception as exc:  # chromadb's own tree (the collection gone, …)
                raise IndexNotBuilt(
                    f"index generation {generation} cannot be read from the Chroma server: {exc}"
                ) from exc
        try:
            manifest = Manifest.load(folder)
            if (folder / BM25_FILE).exists() or not (folder / LEGACY_BM25_FILE).exists():
                bm25 = BM25Index.load(folder / BM25_FILE)
            else:
                bm25 = BM25Index.load_legacy(folder / LEGACY_BM25_FILE)
        except UNREADABLE as exc:
            raise IndexNotBuilt(f"index generation {generation} is unreadable: {exc}") from exc
        if manifest.model != self.embedding_model:
            raise IndexNotBuilt(
                f"index was built with {manifest.model}, not {self.embedding_model}: re-ingest"
            )
        from ingest import store

        try:
            coll = store.open_collection(
                self._client(), manifest.collection, self._encoder, self.embedding_model
            )
        except Exception as exc:
            raise IndexNotBuilt(f"collection {manifest.collection} is missing: {exc}") from exc
        ordered = manifest.chunk_objects()
        if [c.id for c in ordered] != bm25.ids:
            raise IndexNotBuilt(f"index generation {generation} is inconsistent: re-ingest")
        chunks = {c.id: c for c in ordered}
        vectors = None
        if len(chunks) <= self.in_memory_max:
            vectors = (bm25.ids, _load_vectors(folder, coll, bm25.ids))
        docs, doc_codes = _codes([c.doc_id for c in ordered])
        kinds, kind_codes = _codes([c.doc_type for c in ordered])
        text = "\n".join(normalise(c.text) for c in ordered)
        return _State(
            generation,
            manifest,
            chunks,
            bm25,
            coll,
            vectors,
            docs,
            doc_codes,
            kinds,
            kind_codes,
            text,
        )

    def reload_if_changed(self) -> bool:
        """Swap to a newer generation if an ingest has published one."""
        pointer = self._pointer()
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
    def signals(
        self, query: str, *, doc: str | None = None, kind: str | None = None, depth: int = 0
    ) -> Signals:
        """Dense cosine and BM25 scores of each retriever's best candidates (at least
        CANDIDATES, or depth) for the (normalised) query, within one document or type if
        asked."""
        state = self._state
        depth = max(depth, CANDIDATES)
        mask = state.mask(doc, kind)
        text = normalise(query)
        vector = self._query_vector(text)
        offtopic = float((self._anchors() @ vector).max())
        tokens = tokenize(text, self.data_dir)
        scores = state.bm25.scores(expand(text, tokens, self.data_dir))
        scoring = scores > 0 if mask is None else (scores > 0) & mask
        ids = state.bm25.ids
        bm25 = {ids[i]: float(scores[i]) for i in _top(scores, depth, np.flatnonzero(scoring))}
        return Signals(
            self._dense(state, vector, depth, mask, doc, kind),
            bm25,
            offtopic,
            state.bm25.coverage(in_kb_words(tokens, state.bm25.vocabulary, self.data_dir), mask),
        )

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
        it does. A word the tokenizer splits differently in the kb is still one it uses
        ("剧组" inside "影视剧组", tokenized 影视剧 / 组)."""
        text = normalise(query)
        tokens = tokenize(text, self.data_dir)
        words = [t for t in dict.fromkeys(tokens) if len(t) >= 2 and not t.isascii()]
        state = self._state
        used = [
            t in state.bm25.vocabulary or t in state.text or self._split_off(t, text) for t in words
        ]
        return (
            [t for t, u in zip(words, used, strict=True) if not u],
            [t for t, u in zip(words, used, strict=True) if u],
        )

    def rare_words(self, query: str, most: int = 2) -> list[str]:
        """The query's words the kb uses in at most `most` chunks (a person's name, a title of
        its own): what a question naming them is about."""
        _, known = self.vocabulary_split(query)
        bm25 = self._state.bm25
        out = []
        for word in known:
            column = bm25.vocabulary.get(word)
            if column is not None and bm25.indptr[column + 1] - bm25.indptr[column] <= most:
                out.append(word)
        return out

    def kb_words(self) -> list[str]:
        """The words of the kb's text (two to four Han characters), as the tokenizer cut them."""
        return [
            t
            for t in self._state.bm25.vocabulary
            if 2 <= len(t) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in t)
        ]

    def _split_off(self, word: str, text: str) -> bool:
        """A word the tokenizer cut one character off its neighbour: "打造成" read as 打 / 造成,
        where 打造 is the kb's word."""
        vocab = self._state.bm25.vocabulary
        at = text.find(word)
        before = text[at - 1 : at] if at > 0 else ""
        after = text[at + len(word) : at + len(word) + 1]
        return bool(before and before + word[:-1] in vocab) or bool(
            after and word[1:] + after in vocab
        )

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

    def _dense(
        self,
        state: _State,
        vector: Any,
        depth: int,
        mask: Bools | None,
        doc: str | None,
        kind: str | None,
    ) -> dict[str, float]:
        """Cosine of the depth nearest chunks: exact in memory, else Chroma's HNSW."""
        if not state.chunks:
            return {}
        if state.vectors is not None:
            ids, matrix = state.vectors
            with one_blas_thread():
                sims = matrix @ np.asarray(vector, dtype=np.float32)
            rows = None if mask is None else np.flatnonzero(mask)
            return {ids[i]: float(sims[i]) for i in _top(sims, depth, rows)}
        if mask is not None and not mask.any():
            return {}
        n_results = min(depth, len(state.chunks) if mask is None else int(mask.sum()))
        where = _where(doc, kind)
        try:
            res = state.collection.query(
                query_embeddings=[vector], n_results=n_results, include=["distances"], where=where
            )
        except Exception:
            # The generation may have been dropped by a second re-ingest: pick up the new one.
            if not self.reload_if_changed():
                raise
            return self._dense(self._state, vector, depth, self._state.mask(doc, kind), doc, kind)
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

    def retrieve(
        self,
        query: str,
        k: int = 3,
        mode: Mode = "hybrid",
        *,
        doc: str | None = None,
        kind: str | None = None,
    ) -> RetrievalResult:
        """Top-k chunks for the query, within one document (id) or one document type if
        asked; `found` says whether any of them is relevant."""
        state = self._state
        signals = self.signals(query, doc=doc, kind=kind, depth=k)
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
