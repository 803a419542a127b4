"""Copies of a data dir for tests that change one: the exported model is hard-linked (it is
only ever replaced, never written in place), everything else copied."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def copy_data_dir(source: Path, target: Path) -> Path:
    """A private copy of source at target; the model's files shared on disk."""

    def link_model(src: str, dst: str) -> object:
        if Path(src).relative_to(source).parts[0] == "model":
            try:
                os.link(src, dst)
                return dst
            except OSError:
                pass
        return shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link_model)
    return target
