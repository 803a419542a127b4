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
    def __init__(self, words: Iterable[str], is_word: IsWord | None = None) -> None:
        kept = {w for w in words if len(w) >= 2 and _HAN.fullmatch(w)}
        self.lengths = sorted({len(w) for w in kept}, reverse=True)  # "摄影棚" before "影棚"
        self.known = re.compile("|".join(sorted(kept, key=len, reverse=True)) or "(?!)")
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
                for word in self._candidates(window):
                    # the dictionary is asked last: most windows sound like no policy word
                    if self._typo_of(window, word) and not self._cuts_word(text, start, start + n):
                        chars[start : start + n] = list(word)
                        taken[start : start + n] = [True] * n
                        break
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
        if window == word or not _HAN.fullmatch(window):
            return False
        if not all(sound(a) == sound(b) for a, b in zip(window, word, strict=True)):
            return False
        return not self.is_word(window)
