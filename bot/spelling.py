"""Homophone typos of the policy's own words: pinyin input methods put a character that sounds
the same in the place of the one meant ("租摄影朋" for 摄影棚, "特笑" for 特效). A stretch of
the message is read as a trigger word of the policy data when the two sound alike character
by character (common readings), share at least one character in place, and the stretch is
neither a word itself ("时效" is never read as 视效) nor cuts one ("剧组用" is not 租用)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from pypinyin.pinyin_dict import pinyin_dict

IsWord = Callable[[str], bool]
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# Particles are typed as meant: a stretch holding one is no typo of a word.
_PARTICLES = frozenset("的了是吗呢吧么啊和在")


@lru_cache(maxsize=8192)
def sound(char: str) -> str:
    """The toneless common reading of one character. Only the first reading counts: the rare
    ones make unlikely pairs sound alike (足 is also read jù, 个 gě)."""
    readings = pinyin_dict.get(ord(char))
    if readings is None:
        return char
    plain = unicodedata.normalize("NFD", readings.split(",")[0])
    return "".join(c for c in plain if not unicodedata.combining(c))


class Respeller:
    def __init__(
        self, words: Iterable[str], is_word: IsWord | None = None, more: Iterable[str] = ()
    ) -> None:
        """`words`: the policy's own (trigger) words; `more`: other words of the kb, read only
        when one alone sounds like the stretch ("主提" is 主题 or 主体: neither)."""
        first = {w for w in words if len(w) >= 2 and _HAN.fullmatch(w)}
        self.first = frozenset(first)
        kept = first | {w for w in more if len(w) >= 2 and _HAN.fullmatch(w)}
        self.words = frozenset(kept)  # a stretch that is one of them is spelled right
        self.lengths = sorted({len(w) for w in kept}, reverse=True)  # "摄影棚" before "影棚"
        # the policy's words found as typed are left alone ("摄影" of "摄影朋" is not one)
        self.known = re.compile("|".join(sorted(first, key=len, reverse=True)) or "(?!)")
        # (length, position, character) → the words with that character there
        self.index: dict[tuple[int, int, str], list[str]] = {}
        for word in sorted(kept):
            for i, char in enumerate(word):
                self.index.setdefault((len(word), i, char), []).append(word)
        self.is_word = is_word or (lambda _: False)

    def fix(self, text: str) -> str:
        """The message with each homophone typo of a policy word replaced by the word."""
        if not self.lengths:
            return text
        chars = list(text)
        taken = [False] * len(chars)
        for found in self.known.finditer(text):
            taken[found.start() : found.end()] = [True] * (found.end() - found.start())
        for n in self.lengths:
            for start in range(len(chars) - n + 1):
                if any(taken[start : start + n]):
                    continue
                window = "".join(chars[start : start + n])
                # the dictionary is asked last: most windows sound like no policy word
                typos = [w for w in self._candidates(window) if self._typo_of(window, w)]
                own = [w for w in typos if w in self.first]
                word = own[0] if own else (typos[0] if len(typos) == 1 else None)
                if word is not None and not self._cuts_word(text, start, start + n):
                    chars[start : start + n] = list(word)
                    taken[start : start + n] = [True] * n
        return "".join(chars)

    def _cuts_word(self, text: str, start: int, end: int) -> bool:
        """Does the stretch begin or end inside a word ("剧组用" holds no typo of 租用)?"""
        before = text[start - 1 : start + 1] if start else ""
        after = text[end - 1 : end + 1] if end < len(text) else ""
        return any(len(pair) == 2 and self.is_word(pair) for pair in (before, after))

    def _candidates(self, window: str) -> list[str]:
        n = len(window)
        found: list[str] = []
        for i, char in enumerate(window):
            found += self.index.get((n, i, char), ())
        return list(dict.fromkeys(found))

    def _typo_of(self, window: str, word: str) -> bool:
        if window in self.words or not _HAN.fullmatch(window) or _PARTICLES & set(window):
            return False  # "电影节的主题" holds no typo of 得主
        if not all(sound(a) == sound(b) for a, b in zip(window, word, strict=True)):
            return False
        return not self.is_word(window)
