"""The staff console through a phone call, in a real Chromium against a real server."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import suppress
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.utils.pages import CALC_QUESTION, DESK, PHONE, WAIT_MS, shot
from tests.utils.service import admin_headers

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Route

pytestmark = [pytest.mark.browser, pytest.mark.server]

SETTLE_MS = 800  # time a stale response is given to (wrongly) render


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=DESK, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()


def open_console(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/staff")
    page.locator("#calc-measure option[value='studio']").wait_for(state="attached")


def focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def test_new_call_resets_session_and_forms_and_focuses_the_question(
    base_url: str, page: Page
) -> None:
    from playwright.sync_api import expect

    sent: list[dict[str, object]] = []

    def record(request: Request) -> None:
        if request.url.endswith("/api/chat"):
            sent.append(json.loads(request.post_data or "{}"))

    page.on("request", record)
    open_console(page, base_url)
    assert focused(page) == "staff-question"

    page.fill("#staff-question", CALC_QUESTION)
    page.press("#staff-question", "Enter")
    page.locator("#staff-extra table.steps").wait_for()
    page.fill("#search-query", "摄影棚")
    page.press("#search-query", "Enter")
    page.locator("#search-hits li.hit").first.wait_for()
    page.fill("#calc-amount", "800万")
    page.click("#calc-form button[type=submit]")
    page.locator("#calc-result .headline").wait_for()

    page.click("#new-call")
    assert focused(page) == "staff-question"
    assert page.input_value("#staff-question") == ""
    assert page.input_value("#search-query") == ""
    assert page.input_value("#calc-amount") == ""
    assert page.input_value("#copy-script") == ""
    expect(page.locator("#staff-reply")).to_be_hidden()
    expect(page.locator("#calc-result")).to_be_hidden()
    assert page.locator("#search-hits li").count() == 0
    assert page.inner_text("#search-status") == ""

    # The next caller starts a conversation of their own.
    page.fill("#staff-question", "电脑特效的补助比例是多少？")
    page.press("#staff-question", "Enter")
    page.locator("#staff-reply .citations").wait_for()
    assert sent[0]["session_id"] is None and sent[1]["session_id"] is None


def test_keyboard_shortcuts_are_documented_and_work(base_url: str, page: Page) -> None:
    from playwright.sync_api import expect

    open_console(page, base_url)
    documented = page.inner_text("#shortcuts")
    for keys in ("Alt+N", "Alt+A", "Alt+S", "Alt+C"):
        assert keys in documented

    page.keyboard.press("Alt+S")
    assert focused(page) == "search-query"
    page.keyboard.press("Alt+A")
    assert focused(page) == "staff-question"
    page.keyboard.type(CALC_QUESTION)
    page.keyboard.press("Enter")
    page.locator("#staff-extra table.steps").wait_for()
    page.keyboard.press("Alt+C")
    expect(page.locator("#copy-status")).to_contain_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#copy-script")
    page.keyboard.press("Alt+N")
    assert focused(page) == "staff-question"
    expect(page.locator("#staff-reply")).to_be_hidden()


def hold_first(page: Page, pattern: str) -> list[Route]:
    """Keep the first request to `pattern` waiting (until released); let the rest through."""
    held: list[Route] = []

    def handle(route: Route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route(pattern, handle)
    return held


def release(page: Page, held: list[Route]) -> None:
    from playwright.sync_api import Error

    with suppress(Error):  # the page gave up on it: nothing can render
        held[0].continue_()
    page.wait_for_timeout(SETTLE_MS)


def test_only_the_latest_search_renders(base_url: str, page: Page) -> None:
    open_console(page, base_url)
    held = hold_first(page, "**/api/search*")
    page.fill("#search-query", "摄影棚")
    page.press("#search-query", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    page.fill("#search-query", "电脑特效")
    page.press("#search-query", "Enter")
    page.locator("#search-hits li.hit").first.wait_for()
    page.wait_for_timeout(SETTLE_MS)
    latest = page.inner_text("#search-hits")
    status = page.inner_text("#search-status")
    release(page, held)
    assert page.inner_text("#search-hits") == latest
    assert page.inner_text("#search-status") == status


def test_only_the_latest_answer_renders(base_url: str, page: Page) -> None:
    open_console(page, base_url)
    held = hold_first(page, "**/api/chat")
    page.fill("#staff-question", CALC_QUESTION)
    page.press("#staff-question", "Enter")
    page.fill("#staff-question", "电脑特效的补助比例是多少？")
    page.press("#staff-question", "Enter")
    page.locator("#staff-reply .citations").wait_for()
    page.wait_for_timeout(SETTLE_MS)
    answer = page.inner_text("#staff-reply")
    release(page, held)
    assert page.inner_text("#staff-reply") == answer
    assert "800万元 × 20%" not in answer


def test_only_the_latest_calculation_renders(base_url: str, page: Page) -> None:
    open_console(page, base_url)
    held = hold_first(page, "**/api/calculate")
    page.fill("#calc-amount", "800万")
    page.click("#calc-form button[type=submit]")
    page.fill("#calc-amount", "600万")
    page.click("#calc-form button[type=submit]")
    amount = page.locator("#calc-result .headline .amount")
    amount.wait_for()
    assert amount.inner_text() == "120万元"
    release(page, held)
    assert amount.inner_text() == "120万元"
    assert "800万" not in page.inner_text("#calc-result")


def test_a_count_that_is_not_a_number_is_refused_and_announced(base_url: str, page: Page) -> None:
    from playwright.sync_api import expect

    calculations: list[str] = []
    page.on("request", lambda r: calculations.append(r.url) if "/api/calculate" in r.url else None)
    open_console(page, base_url)
    page.select_option("#calc-measure", "postproduction")
    page.fill("#calc-amount", "1000万")
    page.fill("#calc-staff", "abc")
    page.click("#calc-form button[type=submit]")
    staff = page.locator("#calc-staff")
    expect(staff).to_have_attribute("aria-invalid", "true")
    error = page.locator("#calc-staff-error")
    expect(error).to_be_visible()
    assert "整数" in error.inner_text()
    assert error.get_attribute("role") == "alert"
    assert staff.get_attribute("aria-describedby") == "calc-staff-error"
    assert focused(page) == "calc-staff"
    page.wait_for_timeout(SETTLE_MS)
    assert calculations == []
    expect(page.locator("#calc-result")).to_be_hidden()
    shot(page, "staff-calc-invalid-count")

    # Too few staff: nothing is awarded, and no step states an award.
    page.fill("#calc-staff", "2")
    expect(staff).not_to_have_attribute("aria-invalid", "true")
    page.click("#calc-form button[type=submit]")
    result = page.locator("#calc-result")
    result.locator(".headline").wait_for()
    assert result.locator(".headline .amount").inner_text() == "0元"
    assert result.locator(".headline .conclusion").inner_text() == "不符合"
    shown = result.inner_text()
    assert "150万" not in shown
    assert "少于政策要求的3人" in shown


def test_a_lost_connection_says_what_to_do_and_retry_keeps_the_question(
    base_url: str, page: Page
) -> None:
    open_console(page, base_url)
    page.route("**/api/chat", lambda route: route.abort("internetdisconnected"))
    page.fill("#staff-question", CALC_QUESTION)
    page.press("#staff-question", "Enter")
    error = page.locator("#staff-answer .error")
    error.wait_for()
    assert "Failed" not in error.inner_text() and "网络" in error.inner_text()
    assert error.get_attribute("role") == "alert"
    assert page.input_value("#staff-question") == CALC_QUESTION
    page.unroute("**/api/chat")
    page.fill("#staff-question", "")  # even if the box was cleared meanwhile
    page.click("#staff-answer button.retry")
    page.locator("#staff-extra table.steps").wait_for()
    assert page.input_value("#staff-question") == CALC_QUESTION


def test_a_server_that_stalls_times_out_with_a_retry(base_url: str, page: Page) -> None:
    from playwright.sync_api import Error

    page.clock.install()
    open_console(page, base_url)
    held: list[Route] = []
    page.route("**/api/search*", lambda route: held.append(route))
    page.fill("#search-query", "摄影棚")
    page.press("#search-query", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    page.clock.run_for(60_000)
    status = page.locator("#search-status")
    page.locator("#search-status .error").wait_for()
    assert "重试" in status.inner_text() and "秒" in status.inner_text()
    page.unroute("**/api/search*")
    page.click("#search-status button.retry")
    page.locator("#search-hits li.hit").first.wait_for()
    assert page.input_value("#search-query") == "摄影棚"
    for route in held:
        with suppress(Error):  # the page already gave up on it
            route.abort()


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_section_links_scroll_headings_clear_of_the_header(
    base_url: str, page: Page, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    open_console(page, base_url)
    page.locator("#clause-list details").first.wait_for()
    # Every clause open: the page is long enough for each section to reach the top.
    page.evaluate("document.querySelectorAll('#clause-list details').forEach(d => d.open = true)")
    for section in ("clauses", "calculator", "search", "answer"):
        page.click(f".tabs a[href='#{section}']")
        page.wait_for_timeout(100)
        header = page.locator(".topbar").bounding_box()
        heading = page.locator(f"#{section} h2").bounding_box()
        assert header and heading
        assert heading["y"] >= header["y"] + header["height"], section


def test_a_citation_opens_its_clause_in_the_clause_browser(base_url: str, page: Page) -> None:
    from playwright.sync_api import expect

    open_console(page, base_url)
    page.fill("#staff-question", CALC_QUESTION)
    page.press("#staff-question", "Enter")
    link = page.locator("#staff-extra .citations a.citation-link").first
    expect(link).to_contain_text("第1项")
    clause = page.locator("#clause-studio")
    assert clause.get_attribute("open") is None
    link.click()
    expect(clause).to_have_attribute("open", "")
    assert (
        focused(page) == ""
        and page.evaluate("document.activeElement.closest('details').id") == "clause-studio"
    )
    header = page.locator(".topbar").bounding_box()
    box = clause.bounding_box()
    assert header and box
    assert header["y"] + header["height"] <= box["y"] < DESK["height"]
    assert "摄影棚" in clause.locator("blockquote").inner_text()
    # Folded again, the same link unfolds it again.
    page.evaluate("document.getElementById('clause-studio').open = false")
    link.click()
    expect(clause).to_have_attribute("open", "")


def test_a_calculation_s_source_opens_its_clause_in_the_clause_browser(
    base_url: str, page: Page
) -> None:
    from playwright.sync_api import expect

    open_console(page, base_url)
    page.fill("#calc-amount", "800万")
    page.click("#calc-form button[type=submit]")
    link = page.locator("#calc-result a.citation-link")
    expect(link).to_contain_text("依据")
    clause = page.locator("#clause-studio")
    assert clause.get_attribute("open") is None
    link.click()
    expect(clause).to_have_attribute("open", "")
    assert "摄影棚" in page.locator("#calc-result blockquote").inner_text()


def test_staff_rate_an_answer_into_the_question_log(base_url: str, page: Page) -> None:
    from playwright.sync_api import expect

    question = f"{CALC_QUESTION}（{uuid.uuid4().hex[:6]}）"
    open_console(page, base_url)
    rating = page.get_by_role("group", name="这条答复有帮助吗？")
    expect(rating).to_be_hidden()
    page.fill("#staff-question", question)
    page.press("#staff-question", "Enter")
    page.locator("#staff-extra table.steps").wait_for()
    down = rating.get_by_role("button", name="没用")
    down.click()
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#rating-status")).to_contain_text("已记下")
    rows = httpx.get(
        f"{base_url}/api/admin/questions",
        params={"feedback": "down", "limit": 1000},
        headers=admin_headers(),
    ).json()
    assert [r["channel"] for r in rows if r["question"] == question] == ["api"]

    page.click("#new-call")  # the next caller's answer starts unrated
    expect(rating).to_be_hidden()
    page.fill("#staff-question", "电脑特效的补助比例是多少？")
    page.press("#staff-question", "Enter")
    page.locator("#staff-reply .citations").wait_for()
    expect(down).to_have_attribute("aria-pressed", "false")
    expect(rating).to_be_visible()
