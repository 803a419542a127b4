"""The admin reindex's child process: ingest the kb, print the summary as one JSON line.

`python -m bot.service.reindex KB_DIR DATA_DIR MODEL CHROMA_URL COLLECTION` (CHROMA_URL may
be empty: the embedded store). Ingest runs in a child process so that the embedding model it
loads for new chunks (torch, ~450 MB) never sits in the serving process, and its CPU work
does not hold the server's GIL. It runs at a lower priority so that answering keeps the CPU
while it embeds.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    os.nice(10)  # first, so that even the imports below yield to answering

    from ingest import ingest

    kb_dir, data_dir, model, chroma_url, collection = argv
    summary = ingest(
        Path(kb_dir),
        Path(data_dir),
        embedding_model=model,
        chroma_url=chroma_url or None,
        collection=collection,
    )
    print(json.dumps(dataclasses.asdict(summary), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
