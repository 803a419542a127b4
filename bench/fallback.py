"""Calibrate the embedding fallback that places unseen wording (bot/analyse.py EMBED_MIN,
EMBED_LEAD): the golden calculator questions with their measure's trigger words removed,
and the golden refusal/clarify questions, scored against each measure's profile.

Prints, for candidate thresholds, how many stripped questions are placed rightly / wrongly
and how many refusal or clarify questions would be placed at all.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from bot.analyse import Analyser
    from bot.evaluation.answers import GOLDEN, load_cases
    from bot.lexicon import Lexicon
    from ingest import ingest
    from ingest.reader.retrieval import HybridRetriever
    from policy import builtin_policies

    tmp = tempfile.TemporaryDirectory(prefix="bench-fallback-")  # removed at exit
    data_dir = Path(tmp.name)
    ingest(ROOT / "kb", data_dir)
    retriever = HybridRetriever.open(data_dir)
    lexicon = Lexicon(builtin_policies())
    ids, matrix = Analyser(lexicon, embed=retriever.embed).profiles()

    def ranked(text: str) -> list[tuple[str, float]]:
        sims = matrix @ np.asarray(retriever.embed([text])[0], dtype=np.float32)
        best: dict[str, float] = {}
        for qid, sim in zip(ids, sims, strict=True):
            best[qid] = max(best.get(qid, -1.0), float(sim))
        return sorted(best.items(), key=lambda kv: -kv[1])

    positives: list[tuple[bool, float, float]] = []
    negatives: list[tuple[float, float]] = []
    for case in load_cases(ROOT / GOLDEN):
        text = case["turns"][0]
        if case["kind"] == "calculator" and "measure" in case:
            measure = next(m for m in lexicon.measures.values() if m.id == case["measure"])
            for word in sorted(measure.vocabulary.triggers, key=len, reverse=True):
                text = re.sub(re.escape(word), "", text, flags=re.IGNORECASE)
            top = ranked(text)
            right = top[0][0].endswith(f"/{case['measure']}")
            positives.append((right, top[0][1], top[0][1] - top[1][1]))
        elif case["kind"] in ("refusal", "clarify"):
            top = ranked(case["turns"][-1])
            negatives.append((top[0][1], top[0][1] - top[1][1]))
    print(f"{len(positives)} stripped calculator questions, {len(negatives)} refusal/clarify")
    print(f"{'min':>6}{'lead':>6}{'right':>7}{'wrong':>7}{'negatives placed':>18}")
    for low in (0.80, 0.82, 0.85, 0.88):
        for lead in (0.02, 0.03, 0.04):
            right = sum(ok and t >= low and d >= lead for ok, t, d in positives)
            wrong = sum(not ok and t >= low and d >= lead for ok, t, d in positives)
            placed = sum(t >= low and d >= lead for t, d in negatives)
            print(f"{low:>6.2f}{lead:>6.2f}{right:>7}{wrong:>7}{placed:>18}")


if __name__ == "__main__":
    main()
