"""Both pages in their main states at a desktop and a phone size, in a real Chromium against
a real server: axe-core finds no violation of any impact in any of them, and a screenshot of
each (as the screen shows it) is kept in artifacts/screenshots/ for people to look at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.utils.axe import audit, violations
from tests.utils.pages import CALC_QUESTION, SCREENSHOTS, WAIT_MS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.server]

SIZES = {"desk": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
KNOWLEDGE_QUESTION = "2025上合组织国家电影节的主题是什么？"


@pytest.fixture(params=list(SIZES))
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    # Reduced motion: an answer is scrolled to at once, so the screenshot shows where it lands.
    context = browser.new_context(
        viewport=SIZES[request.param], locale="zh-CN", reduced_motion="reduce"
    )
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.size = request.param  # type: ignore[attr-defined]
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.requested = requested  # type: ignore[attr-defined]
    yield page
    context.close()


def loaded_only_from(page: Page, base_url: str) -> None:
    """The page asked its own server for everything, and never for axe (only tests inject it)."""
    requested: list[str] = page.requested  # type: ignore[attr-defined]
    assert requested
    assert all(url.startswith((base_url, "data:")) for url in requested), requested
    assert not any("axe" in url.lower() for url in requested)


def check(page: Page, name: str) -> None:
    """No axe violation in this state; then its screenshot."""
    size = page.size  # type: ignore[attr-defined]
    assert violations(page) == [], f"{name} at {size}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.png"))


def ask(page: Page, question: str) -> None:
    page.click("#new-session")
    page.fill("#question", question)
    page.click("#send")


def test_the_chat_page_in_each_state(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/")
    page.locator("button.example").first.wait_for()
    check(page, "chat-empty")

    ask(page, KNOWLEDGE_QUESTION)
    page.locator(".message.bot .citations").wait_for()
    check(page, "chat-knowledge")

    ask(page, CALC_QUESTION)
    page.locator(".message.bot table.steps").wait_for()
    check(page, "chat-calculation")

    page.locator(".message.bot .citations button.citation-link").first.click()
    page.locator("#source-viewer mark").wait_for()
    check(page, "chat-source")
    page.keyboard.press("Escape")

    page.route("**/api/chat/stream", lambda route: route.abort("internetdisconnected"))
    ask(page, CALC_QUESTION)
    page.locator(".message.bot .failure").wait_for()
    check(page, "chat-error")
    loaded_only_from(page, base_url)


def test_the_staff_console_in_each_state(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/staff")
    page.locator("#clause-list details").first.wait_for()
    check(page, "staff-empty")

    page.fill("#staff-question", CALC_QUESTION)
    page.press("#staff-question", "Enter")
    page.locator("#staff-extra table.steps").wait_for()
    page.fill("#search-query", "电脑特效的补助比例")
    page.press("#search-query", "Enter")
    page.locator("#search-hits li.hit").first.wait_for()
    page.fill("#calc-amount", "800万")
    page.click("#calc-form button[type=submit]")
    page.locator("#calc-result .headline").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    check(page, "staff-answered")

    page.locator("#staff-extra .citations a.citation-link").first.click()
    page.locator("#clause-studio[open]").wait_for()
    check(page, "staff-clause")

    page.route("**/api/chat", lambda route: route.abort("internetdisconnected"))
    page.fill("#staff-question", KNOWLEDGE_QUESTION)
    page.press("#staff-question", "Enter")
    page.locator("#staff-answer .error").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    check(page, "staff-error")
    loaded_only_from(page, base_url)


def test_axe_runs_and_reports_what_it_finds(browser: Browser) -> None:
    """The audit is real: on a page with known faults it names them."""
    page = browser.new_page()
    page.set_content(
        '<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "<button></button><h1>一</h1><h3>三</h3></body></html>"
    )
    result = audit(page)
    page.close()
    found = {v["id"] for v in result["violations"]}
    assert {"image-alt", "button-name", "html-has-lang", "heading-order"} <= found
    assert result["version"].startswith("4.")
