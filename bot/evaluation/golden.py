"""Where the golden sets are: tests/eval of the project checkout, found from the current
directory (they are not part of the installed package) unless a path is given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

EVAL_DIR = Path("tests") / "eval"


class GoldenSetMissing(Exception):
    """A golden set file is not where it was looked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        where = str(path) if path.is_absolute() else f"{path}（{path.resolve()}）"
        self.message = f"找不到评测集 {where}：请在项目根目录运行，或用 --golden 指定文件"
        super().__init__(self.message)


def require(path: Path) -> Path:
    if not path.is_file():
        raise GoldenSetMissing(path)
    return path


def read(path: Path) -> Any:
    return yaml.safe_load(require(path).read_text(encoding="utf-8"))
