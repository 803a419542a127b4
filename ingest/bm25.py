"""BM25 over jieba tokens with a domain dictionary, stop words and query expansion."""

from __future__ import annotations

import logging
import math
import os
import re
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ingest.text import normalise

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
# What reading a damaged or foreign bm25 file raises (np.load of a truncated zip, a missing key)
UNREADABLE = (OSError, ValueError, TypeError, KeyError, zipfile.BadZipFile)

HERE = Path(__file__).resolve().parent
USER_DICT = HERE / "userdict.txt"
STOP_WORDS = HERE / "stopwords.txt"
SYNONYMS = HERE / "synonyms.txt"
_WORD = re.compile(r"[\w\u4e00-\u9fff]")


@lru_cache(maxsize=4)
def _tokenizer(cache_dir: str) -> Any:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    # jieba caches its prefix dictionary; keep it in the data dir so it is built once.
    tok.tmp_dir = cache_dir
    tok.cache_file = "jieba.cache"
    tok.initialize()
    with USER_DICT.open("rb") as handle:  # jieba leaves a path's file unclosed
        tok.load_userdict(handle)
    return tok


def _cache_dir(data_dir: Path | None) -> str:
    if data_dir is not None:
        folder = data_dir / "cache"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                return str(folder)
        except OSError:
            pass
    return tempfile.gettempdir()


@lru_cache(maxsize=1)
def named_entities() -> tuple[str, ...]:
    """The people the kb names (the tokenizer's dictionary tags them nr)."""
    out = []
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2] == "nr":
            out.append(fields[0])
    return tuple(out)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    lines = STOP_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    """`term => a, b` lines: a query containing term also searches a and b."""
    table: dict[str, tuple[str, ...]] = {}
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "=>" not in line:
            continue
        left, right = line.split("=>", 1)
        targets = tuple(t.strip() for t in right.replace("，", ",").split(",") if t.strip())
        for term in left.replace("，", ",").split(","):
            if term.strip():
                table[term.strip()] = targets
    return table


def tokenize(text: str, data_dir: Path | None = None) -> list[str]:
    """Search-mode jieba tokens of normalised text, without stop words and punctuation."""
    tok = _tokenizer(_cache_dir(data_dir))
    stops = stop_words()
    return [
        t
        for t in (w.strip().lower() for w in tok.cut_for_search(normalise(text)))
        if t and t not in stops and _WORD.search(t)
    ]


def is_word(text: str, data_dir: Path | None = None) -> bool:
    """Is this a word of jieba's dictionary (or the domain's)?"""
    return bool(_tokenizer(_cache_dir(data_dir)).FREQ.get(text))


def synonyms_of(text: str, english_only: bool = False) -> list[str]:
    """The words of the kb that the domain synonyms give for the text's own ("哪几个部门" →
    市委宣传部, 市电影局…); `english_only`: for the glossary's English terms alone ("Chris
    Bramble 拿过什么奖" → 布兰博), in a message of either language."""
    norm = normalise(text)
    lower = norm.lower()
    return [
        t
        for term, targets in synonyms().items()
        if (_english(term, lower) if term.isascii() else not english_only and term in norm)
        for t in targets
    ]


def mostly_english(text: str, share: int = 1) -> bool:
    """More Latin letters than `share` times the Han characters: a message written in English."""
    return len(re.findall(r"[A-Za-z]", text)) > share * len(re.findall(r"[\u4e00-\u9fff]", text))


def glossed(text: str) -> str:
    """A message written mostly in English, with the glossary's English words put in the kb's
    words ("We used studios in Chongqing" → "We used 摄影棚 in 重庆"); other text unchanged."""
    if not mostly_english(text, 2):
        return text
    pattern = _glossary()
    if pattern is None:
        return text
    table = {_joined(term): targets for term, targets in synonyms().items() if term.isascii()}
    return pattern.sub(lambda m: table[_joined(m.group(1))][0], text)


def _joined(term: str) -> str:
    """An English term with its words joined one way ("Studio-rental" → "studio rental")."""
    return re.sub(r"[\s-]+", " ", term.lower())


@lru_cache(maxsize=1)
def _glossary() -> re.Pattern[str] | None:
    """The glossary's English terms, longest first, as whole words with a plural ending."""
    english = sorted((t for t in synonyms() if t.isascii()), key=len, reverse=True)
    if not english:
        return None
    return re.compile(
        # (words joined by a space or a hyphen alike: "studio-rental", "post production")
        r"(?<![A-Za-z])("
        + "|".join(r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", t))) for t in english)
        + r")(?:s|es)?(?![A-Za-z])",
        re.I,
    )


def _english(term: str, lower: str) -> bool:
    """An English term of the glossary, as a whole word or phrase ("base", not "database")."""
    if term.lower() not in lower:
        return False  # (most terms are absent: no pattern needed)
    return _english_pattern(term).search(lower) is not None


@cache
def _english_pattern(term: str) -> re.Pattern[str]:
    # compiled once per term: the glossary holds more terms than `re`'s own cache
    return re.compile(rf"(?<![a-z]){re.escape(term.lower())}(?![a-z])")


def expand(text: str, tokens: list[str], data_dir: Path | None = None) -> list[str]:
    """Add the domain synonyms of terms found in the query text."""
    # the same jieba instance tokenizes them
    extra = [t for target in synonyms_of(text) for t in tokenize(target, data_dir)]
    return tokens + [t for t in extra if t not in tokens]


def in_kb_words(
    tokens: list[str], vocabulary: dict[str, int], data_dir: Path | None = None
) -> list[str]:
    """The tokens with each one the kb never uses replaced by its domain synonym's, when the
    kb uses those ("涉及哪些方向" is asked of 覆盖…领域): for the coverage signal."""
    table = synonyms()
    out: list[str] = []
    for token in tokens:
        targets = table.get(token, ()) if token not in vocabulary else ()
        words = [w for w in tokenize(targets[0], data_dir) if w in vocabulary] if targets else []
        out += [w for w in words if w not in out] or [token]
    return out


@dataclass
class BM25Index:
    """Okapi BM25 as a sparse term × chunk matrix (CSC: one column of postings per term).

    A query touches only the postings of its own terms; each term's weights are added to a
    score vector in the query's term order, so every score is the same float as the
    per-chunk loop's (``idf · f · (k1 + 1) / (f + k1 · (1 − b + b · len / avg))``).
    """

    ids: list[str]
    terms: list[str]
    idf: Floats  # per term
    indptr: Ints  # per term: its postings are rows[indptr[t]:indptr[t + 1]]
    rows: Ints  # chunk index of each posting
    weights: Floats  # BM25 weight of each posting
    lengths: Ints  # tokens per chunk
    avg_length: float
    k1: float = 1.5
    b: float = 0.75
    vocabulary: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.vocabulary = {term: column for column, term in enumerate(self.terms)}

    @classmethod
    def build(
        cls, ids: list[str], token_lists: list[list[str]], k1: float = 1.5, b: float = 0.75
    ) -> BM25Index:
        n = len(ids)
        counts = [Counter(tokens) for tokens in token_lists]
        df: Counter[str] = Counter()
        for tf in counts:
            df.update(tf.keys())
        terms = sorted(df)
        column = {term: i for i, term in enumerate(terms)}
        # math.log, not np.log: the same idf to the last bit as the loop this replaces
        idf = np.array([math.log(1.0 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in terms])
        lengths = np.array([len(t) for t in token_lists], dtype=np.int64)
        avg_length = (sum(len(t) for t in token_lists) / n) if n else 0.0
        term_of = np.array([column[t] for tf in counts for t in tf], dtype=np.int64)
        row_of = np.array([i for i, tf in enumerate(counts) for _ in tf], dtype=np.int64)
        freq = np.array([f for tf in counts for f in tf.values()], dtype=np.float64)
        order = np.lexsort((row_of, term_of))
        term_of, row_of, freq = term_of[order], row_of[order], freq[order]
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term_of, minlength=len(terms)), out=indptr[1:])
        norm = k1 * (1 - b + b * lengths.astype(np.float64) / (avg_length or 1.0))
        weights = idf[term_of] * freq * (k1 + 1) / (freq + norm[row_of])
        return cls(
            ids=list(ids),
            terms=terms,
            idf=idf,
            indptr=indptr,
            rows=row_of,
            weights=weights,
            lengths=lengths,
            avg_length=avg_length,
            k1=k1,
            b=b,
        )

    def _columns(self, query_tokens: list[str]) -> list[int]:
        """The query's distinct terms the kb uses, in query order, as columns."""
        return [self.vocabulary[t] for t in dict.fromkeys(query_tokens) if t in self.vocabulary]

    def scores(self, query_tokens: list[str]) -> Floats:
        """BM25 score of every chunk (0 where no query term occurs)."""
        out = np.zeros(len(self.ids))
        for col in self._columns(query_tokens):
            lo, hi = self.indptr[col], self.indptr[col + 1]
            out[self.rows[lo:hi]] += self.weights[lo:hi]
        return out

    def coverage(self, query_tokens: list[str], mask: Bools | None = None) -> float:
        """Best share of the query's idf mass that one chunk contains (unknown terms weigh
        as much as the kb's rarest term); only chunks holding a query term can have any."""
        terms = list(dict.fromkeys(query_tokens))
        if not terms or not self.terms:
            return 0.0
        unknown = float(self.idf.max())
        total = sum(
            float(self.idf[self.vocabulary[t]]) if t in self.vocabulary else unknown for t in terms
        )
        held = np.zeros(len(self.ids))
        for col in self._columns(terms):
            held[self.rows[self.indptr[col] : self.indptr[col + 1]]] += self.idf[col]
        if mask is not None:
            held[~mask] = 0.0
        return float(held.max(initial=0.0)) / total

    def save(self, path: Path) -> None:
        """Write to a temp file then rename, so readers never see half a file."""
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("wb") as handle:
            np.savez(
                handle,
                ids=np.array(self.ids, dtype=str),
                terms=np.array(self.terms, dtype=str),
                idf=self.idf,
                indptr=self.indptr,
                rows=self.rows,
                weights=self.weights,
                lengths=self.lengths,
                params=np.array([self.avg_length, self.k1, self.b]),
            )
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        with np.load(path, allow_pickle=False) as data:
            avg_length, k1, b = (float(v) for v in data["params"])
            return cls(
                ids=data["ids"].tolist(),
                terms=data["terms"].tolist(),
                idf=data["idf"],
                indptr=data["indptr"],
                rows=data["rows"],
                weights=data["weights"],
                lengths=data["lengths"],
                avg_length=avg_length,
                k1=k1,
                b=b,
            )

    @classmethod
    def load_legacy(cls, path: Path) -> BM25Index:
        """An index of the JSON format written before the sparse one (per-chunk term counts)."""
        import json

        data = json.loads(path.read_text(encoding="utf-8"))
        token_lists = [[t for t, f in tf.items() for _ in range(f)] for tf in data["term_freqs"]]
        return cls.build(data["ids"], token_lists, k1=data["k1"], b=data["b"])
