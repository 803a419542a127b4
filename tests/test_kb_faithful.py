"""kb/ holds the seed text faithfully: nothing invented, nothing lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import KB_DIR, SEED_DIR

# The seed texts sit beside the checkout, not in it: without them there is nothing to compare.
pytestmark = pytest.mark.skipif(
    not any(SEED_DIR.glob("*.txt")),
    reason=f"no seed texts in {SEED_DIR}: kb/ cannot be checked against its sources",
)

SEED = "\n".join(p.read_text("utf-8") for p in sorted(SEED_DIR.glob("*.txt")))
KB_FILES = sorted(KB_DIR.glob("*.md"))


def _body_lines(text: str) -> list[str]:
    _, front, body = text.split("---\n", 2)
    assert yaml.safe_load(front)["id"]
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    lines = [re.sub(r"^#+\s*", "", line).strip() for line in body.splitlines()]
    return [line for line in lines if line]


def test_kb_has_the_three_documents() -> None:
    fronts = [yaml.safe_load(p.read_text("utf-8").split("---\n", 2)[1]) for p in KB_FILES]
    assert {f["type"] for f in fronts} == {"policy", "news", "article"}
    for front in fronts:
        assert {"id", "title", "type", "source"} <= set(front)
        assert front["source"] in {p.name for p in SEED_DIR.glob("*.txt")}


@pytest.mark.parametrize("path", KB_FILES, ids=lambda p: p.name)
def test_every_kb_line_occurs_in_the_seed(path: Path) -> None:
    missing = [line for line in _body_lines(path.read_text("utf-8")) if line not in SEED]
    assert missing == []


def test_every_seed_line_is_kept_in_the_kb() -> None:
    kb_text = "\n".join(line for p in KB_FILES for line in _body_lines(p.read_text("utf-8")))
    # kb/ may split a paragraph into one chunk per measure, so compare sentence by sentence.
    sentences = [s.strip() for s in re.split(r"(?<=[。！？?!;；])|\n", SEED) if s.strip()]
    lost = [sentence for sentence in sentences if sentence not in kb_text]
    assert lost == []
