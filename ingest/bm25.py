"""BM25 over jieba tokens with a domain dictionary, stop words and query expansion."""

from __future__ import annotations

import json
import logging
import math
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.text import normalise

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


def expand(text: str, tokens: list[str], data_dir: Path | None = None) -> list[str]:
    """Add the domain synonyms of terms found in the query text."""
    norm = normalise(text)
    extra: list[str] = []
    for term, targets in synonyms().items():
        if term in norm:
            for target in targets:
                extra.extend(tokenize(target, data_dir))  # the same jieba instance
    return tokens + [t for t in extra if t not in tokens]


@dataclass
class BM25Index:
    """Okapi BM25 over chunk token lists; small enough to score exhaustively."""

    ids: list[str]
    term_freqs: list[dict[str, int]]
    lengths: list[int]
    idf: dict[str, float]
    avg_length: float
    k1: float = 1.5
    b: float = 0.75

    @classmethod
    def build(cls, ids: list[str], token_lists: list[list[str]]) -> BM25Index:
        n = len(ids)
        df: Counter[str] = Counter()
        for tokens in token_lists:
            df.update(set(tokens))
        idf = {t: math.log(1.0 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        lengths = [len(t) for t in token_lists]
        return cls(
            ids=list(ids),
            term_freqs=[dict(Counter(t)) for t in token_lists],
            lengths=lengths,
            idf=idf,
            avg_length=(sum(lengths) / n) if n else 0.0,
        )

    def scores(self, query_tokens: list[str]) -> list[float]:
        out = [0.0] * len(self.ids)
        terms = [t for t in dict.fromkeys(query_tokens) if t in self.idf]
        for i, tf in enumerate(self.term_freqs):
            norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / (self.avg_length or 1.0))
            total = 0.0
            for term in terms:
                f = tf.get(term, 0)
                if f:
                    total += self.idf[term] * f * (self.k1 + 1) / (f + norm)
            out[i] = total
        return out

    def save(self, path: Path) -> None:
        """Write to a temp file then rename, so readers never see half a file."""
        data = {
            "ids": self.ids,
            "term_freqs": self.term_freqs,
            "lengths": self.lengths,
            "idf": self.idf,
            "avg_length": self.avg_length,
            "k1": self.k1,
            "b": self.b,
        }
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**data)
