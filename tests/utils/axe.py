"""axe-core inside a page under test.

The script is the copy that the `axe-playwright-python` wheel ships (a dev dependency, so
`make setup` installs it from the package index); nothing is fetched while tests run, and the
app never serves it. Playwright evaluates it through the DevTools protocol, which the pages'
Content-Security-Policy does not apply to.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Every rule axe enables by default: WCAG 2.0–2.2 A and AA, and its best practices (landmarks,
# heading order); only what axe itself calls experimental is left out.
RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return { version: axe.version, violations: result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")) })) };
}"""


@cache
def axe_script() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def audit(page: Page) -> dict[str, Any]:
    """axe's version and its violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    result: dict[str, Any] = page.evaluate(RUN)
    return result


def violations(page: Page) -> list[str]:
    """One line per violation: rule, impact, and the elements it was found on."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['nodes'][:5])}"
        for v in audit(page)["violations"]
    ]
