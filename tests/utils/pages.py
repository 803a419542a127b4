"""What the browser tests of both pages share: sizes, the common question, screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "artifacts" / "screenshots"
DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
CALC_QUESTION = "在重庆租用摄影棚产生了800万元服务费用，能拿多少补助？"
WAIT_MS = 60_000  # a guard against hanging, not a speed assertion


def shot(page: Page, name: str) -> None:
    """A full-page screenshot into artifacts/screenshots/ (not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
