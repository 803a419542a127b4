"""The pages in a real Chromium against a real server (uvicorn on 127.0.0.1, real Bot)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.utils.pages import CALC_QUESTION, PHONE, WAIT_MS, shot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


def test_chat_page_streams_an_answer_with_citation_and_calculation(
    base_url: str, page: Page
) -> None:
    page.goto(f"{base_url}/")
    assert "主管部门" in page.locator("#caveat").inner_text()
    page.fill("#question", CALC_QUESTION)
    page.click("#send")
    reply = page.locator(".message.bot").last
    table = reply.locator("table.steps")
    table.wait_for()
    headline = reply.locator(".bubble").inner_text().splitlines()[0]
    assert "160万元" in headline and "结论：待确认" in headline
    assert "800万元 × 20%" in table.inner_text()
    assert "立项备案" in reply.locator(".calculation ul.notes").first.inner_text()
    # Each thing once: the steps (table), the open question (list), the caveat (once, under
    # the calculation); the source sentence is one tap away, in the source panel.
    everything = reply.text_content() or ""
    assert everything.count("800万元 × 20%") == 1
    assert everything.count("是否已在全国各地立项备案？") == 1
    assert everything.count("本结果仅为按政策条文的测算") == 1
    assert "服装道具等产生服务费用达到500万元及以上的" not in everything
    reply.locator(".citations button.citation-link").first.click()
    viewer = page.get_by_role("dialog", name="依据原文")
    viewer.locator("mark").wait_for()
    assert viewer.inner_text().count("服装道具等产生服务费用达到500万元及以上的") == 1
    page.keyboard.press("Escape")
    shot(page, "chat-calculation")

    # An example question is one click away; the session carries on.
    page.locator("button.example").nth(5).click()
    page.locator(".message.bot").nth(1).locator(".citation").first.wait_for()
    shot(page, "chat-example")
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_markup_in_a_message_is_shown_as_text(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/")
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>摄影棚补贴上限是多少？"
    page.fill("#question", hostile)
    page.click("#send")
    page.locator(".message.bot .bubble:not(.streaming)").last.wait_for()
    assert page.locator(".message.user .bubble").last.inner_text() == hostile
    assert page.locator(".messages script, .messages img").count() == 0
    shot(page, "chat-markup-as-text")
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_staff_console_calculator_search_and_copyable_answer(base_url: str, page: Page) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base_url}/staff")
    page.locator("#calc-measure option[value='studio']").wait_for(state="attached")
    page.select_option("#calc-measure", "studio")
    page.fill("#calc-amount", "800万")
    page.select_option("#calc-cond-filed", "true")
    page.click("#calc-form button[type=submit]")
    headline = page.locator("#calc-result .headline")
    headline.wait_for()
    assert headline.locator(".amount").inner_text() == "160万元"
    assert headline.locator(".conclusion").inner_text() == "待确认"  # 本市 is not yet confirmed
    assert "800万元 × 20%" in page.locator("#calc-result table.steps").inner_text()

    page.fill("#search-query", "电脑特效的补助比例")
    page.click("#search-form button")
    first_hit = page.locator("#search-hits li.hit").first
    first_hit.wait_for()
    assert first_hit.locator("mark").count() > 0

    page.fill("#staff-question", CALC_QUESTION)
    page.click("#staff-ask button")
    page.locator("#staff-extra table.steps").wait_for()
    shown = page.locator("#staff-reply").text_content() or ""
    assert shown.count("800万元 × 20%") == 1
    assert shown.count("本结果仅为按政策条文的测算") == 1
    script = page.locator("#copy-script").input_value()
    lines = script.splitlines()
    assert len(lines) == len(set(lines)), script  # no line twice
    assert "160万元，结论：待确认" in lines[0] and "第1项" in lines[0]
    assert "需要先确认：该影视项目是否已在全国各地立项备案？" in lines
    assert lines[-1].endswith("实际金额以主管部门审核为准。")
    assert script.count("本结果仅为按政策条文的测算") == 1
    assert "**" not in script and "800万元 × 20%" not in script  # spoken: no markdown, no steps
    assert not any(line.startswith(("- ", "> ", "#")) for line in lines)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.click("#copy-answer")
    expect(page.locator("#copy-status")).to_contain_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == script

    page.locator("#clause-studio summary").click()
    assert "摄影棚" in page.locator("#clause-studio blockquote").inner_text()
    shot(page, "staff-console")


def test_api_docs_render_offline(base_url: str, page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base_url}/docs")
    page.locator(".swagger-ui .opblock-summary-path").first.wait_for()
    assert "/api/chat" in page.locator(".swagger-ui").inner_text()
    assert all(url.startswith(base_url) or url.startswith("data:") for url in requested)
    shot(page, "api-docs")
