"""The chat page in a real Chromium when the network or the server misbehaves.

A small proxy stands between the page and the real server: it passes everything through
except the answer stream, which it can hold, cut, or end early, as a failing server would.
"""

from __future__ import annotations

import contextlib
import http.server
import itertools
import json
import threading
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.utils.pages import CALC_QUESTION, PHONE, WAIT_MS, shot
from tests.utils.service import admin_headers, free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.server]

POST_QUESTION = "在渝影视技术企业为影片提供后期制作支持，收入300万元，能补助多少？"
SHORT_MS = 10_000  # what a person would wait to see the page react, with margin
STREAM = "/api/chat/stream"


class Proxy:
    """Forwards to `upstream`; `mode` says what the answer stream does: pass, stall (headers
    never come), die (the server stops after opening the stream), truncate (text but no
    `done`), hold (the real answer, sent only after `release`)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.mode = "pass"
        self.release = threading.Event()
        self.bodies: list[dict[str, Any]] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self.forward(None)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path == STREAM:
                    proxy.bodies.append(json.loads(body))
                    mode = proxy.mode
                    if mode == "stall":
                        proxy.release.wait(WAIT_MS / 1000)
                        self.close_connection = True
                        return
                    if mode in ("die", "truncate"):
                        self.send_response(200)
                        self.send_header("Content-Type", "text/event-stream")
                        self.send_header("Transfer-Encoding", "chunked")
                        self.end_headers()
                        text = ": answering\n\n"
                        if mode == "truncate":
                            text += 'event: delta\ndata: {"text": "可按20%补助，"}\n\n'
                        self.chunk(text.encode())
                        if mode == "truncate":
                            self.wfile.write(b"0\r\n\r\n")
                        self.wfile.flush()
                        if mode == "die":  # no more answers, no more connections
                            threading.Thread(target=proxy.stop, daemon=True).start()
                        self.close_connection = True
                        return
                    if mode == "hold":
                        proxy.release.wait(WAIT_MS / 1000)
                self.forward(body)

            def chunk(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")

            def forward(self, body: bytes | None) -> None:
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                response = httpx.request(
                    self.command, proxy.upstream + self.path, headers=headers, content=body
                )
                self.send_response(response.status_code)
                for key, value in response.headers.items():
                    if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(response.content)))
                self.end_headers()
                # the page may have given up on this request
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(response.content)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Proxy:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture
def proxy(base_url: str) -> Iterator[Proxy]:
    with Proxy(base_url) as proxy:
        yield proxy


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()


def ask(page: Page, question: str) -> None:
    page.fill("#question", question)
    page.click("#send")


def expect_failure_then_retry(page: Page, question: str, says: str) -> None:
    """The failure is said in Chinese with what to do, the page is usable again, the
    question is back in the box, and 重试 puts it back too."""
    from playwright.sync_api import expect

    reply = page.locator(".message.bot").last
    expect(reply.locator(".failure")).to_contain_text(says, timeout=SHORT_MS)
    text = reply.inner_text()
    assert "fetch" not in text.lower() and "正在查询" not in text
    expect(page.locator("#send")).to_be_enabled()
    expect(page.locator("#stop")).to_be_hidden()
    assert page.input_value("#question") == question
    page.fill("#question", "")
    reply.locator("button.retry").click()
    assert page.input_value("#question") == question


def test_a_server_stopped_mid_question_is_said_in_chinese(proxy: Proxy, page: Page) -> None:
    from playwright.sync_api import expect

    page.goto(proxy.url)
    proxy.mode = "die"
    ask(page, CALC_QUESTION)
    expect_failure_then_retry(page, CALC_QUESTION, "连接中断")
    shot(page, "chat-server-stopped")
    page.click("#send")  # the server is gone: asking again fails the same way
    expect(page.locator(".message.bot")).to_have_count(2)
    expect_failure_then_retry(page, CALC_QUESTION, "连接中断")


def test_a_stalled_server_times_out(proxy: Proxy, page: Page) -> None:
    page.clock.install()
    page.goto(proxy.url)
    proxy.mode = "stall"
    ask(page, CALC_QUESTION)
    page.locator(".typing").wait_for()
    page.clock.run_for(61_000)
    expect_failure_then_retry(page, CALC_QUESTION, "没有答复")


def test_stop_ends_a_request(proxy: Proxy, page: Page) -> None:
    page.goto(proxy.url)
    proxy.mode = "stall"
    ask(page, CALC_QUESTION)
    page.click("#stop", timeout=SHORT_MS)
    expect_failure_then_retry(page, CALC_QUESTION, "已停止")


def test_a_stream_without_done_is_a_failure(proxy: Proxy, page: Page) -> None:
    page.goto(proxy.url)
    proxy.mode = "truncate"
    ask(page, CALC_QUESTION)
    expect_failure_then_retry(page, CALC_QUESTION, "不完整")
    assert "可按20%补助" in page.locator(".message.bot .bubble").last.inner_text()
    shot(page, "chat-stream-cut")


def test_a_reload_keeps_the_conversation_and_its_session(proxy: Proxy, page: Page) -> None:
    page.goto(proxy.url)
    ask(page, CALC_QUESTION)
    page.locator(".message.bot table.steps").wait_for()
    page.reload()
    page.locator(".message.bot table.steps").wait_for(timeout=SHORT_MS)
    assert page.locator(".message.user .bubble").inner_text() == CALC_QUESTION
    ask(page, "已立项备案")
    page.locator(".message.bot").nth(1).locator(".bubble:not(.streaming)").wait_for()
    first, second = proxy.bodies
    assert first["session_id"] is None and second["session_id"]


def test_new_chat_drops_a_late_reply_and_its_session(proxy: Proxy, page: Page) -> None:
    from playwright.sync_api import expect

    page.goto(proxy.url)
    ask(page, CALC_QUESTION)
    page.locator(".message.bot table.steps").wait_for()
    proxy.mode = "hold"
    ask(page, "已立项备案")
    page.locator(".typing").wait_for()
    page.click("#new-session")
    proxy.release.set()
    page.wait_for_timeout(1500)  # what the late reply would need to arrive and render
    expect(page.locator(".messages li")).to_have_count(0)
    proxy.mode = "pass"
    ask(page, CALC_QUESTION)
    page.locator(".message.bot table.steps").wait_for()
    assert proxy.bodies[-1]["session_id"] is None
    page.reload()
    expect(page.locator(".message.bot")).to_have_count(1, timeout=SHORT_MS)


def test_enter_that_ends_a_composition_does_not_send(proxy: Proxy, page: Page) -> None:
    page.goto(proxy.url)
    assert page.get_attribute("#question", "enterkeyhint") == "send"
    page.fill("#question", "摄影棚")
    page.dispatch_event("#question", "keydown", {"key": "Enter", "keyCode": 229, "bubbles": True})
    page.wait_for_timeout(300)
    assert proxy.bodies == [] and page.locator(".messages li").count() == 0


def test_an_answer_is_announced_once_and_shown_from_its_start(proxy: Proxy, page: Page) -> None:
    page.goto(proxy.url)
    page.evaluate(
        """() => {
          window.announced = 0;
          const observer = new MutationObserver((records) => {
            for (const r of records) {
              const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
              if (node.closest("[aria-live], [role=status], [role=alert], [role=log]"))
                window.announced += 1;
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        }"""
    )
    ask(page, CALC_QUESTION)
    page.locator(".message.bot table.steps").wait_for()
    page.wait_for_timeout(1000)  # smooth scrolling
    assert page.evaluate("window.announced") == 1
    assert "160万元" in page.locator("[role=status]").inner_text()
    header = page.evaluate("document.querySelector('.topbar').getBoundingClientRect().bottom")
    top = page.evaluate(
        "[...document.querySelectorAll('.message.bot')].pop().getBoundingClientRect().top"
    )
    assert header <= top <= header + 40


def test_an_answer_can_be_copied_and_shared(proxy: Proxy, page: Page) -> None:
    from playwright.sync_api import expect

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=proxy.url)
    page.add_init_script(
        "window.shared = []; navigator.share = async (data) => { window.shared.push(data); };"
    )
    page.goto(proxy.url)
    ask(page, CALC_QUESTION)
    reply = page.locator(".message.bot").last
    reply.locator("table.steps").wait_for()
    shot(page, "chat-answer-actions")
    reply.get_by_role("button", name="复制").click()
    expect(page.locator("[role=status]")).to_contain_text("已复制")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "160万元" in copied and "**" not in copied and proxy.url in copied
    reply.get_by_role("button", name="分享").click()
    page.wait_for_function("window.shared.length === 1", timeout=SHORT_MS)
    assert page.evaluate("window.shared[0].text") == copied

    # Without a share sheet (most desktop browsers), 分享 copies the text and the link.
    page.evaluate("navigator.clipboard.writeText('')")
    page.evaluate("delete navigator.share; navigator.share = undefined")
    reply.get_by_role("button", name="分享").click()
    expect(page.locator("[role=status]")).to_contain_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == copied


def test_quick_replies_answer_the_questions_the_bot_asks(proxy: Proxy, page: Page) -> None:
    page.goto(proxy.url)
    ask(page, CALC_QUESTION)
    first = page.locator(".message.bot").last
    first.locator("table.steps").wait_for()
    assert "立项备案" in first.locator(".calculation ul.notes").first.inner_text()
    first.locator(".quick-reply", has_text="立项备案").click()
    second = page.locator(".message.bot").nth(1)
    second.locator(".bubble:not(.streaming)").wait_for()
    assert "立项备案" in page.locator(".message.user .bubble").nth(1).inner_text()
    second.locator("table.steps").wait_for()
    assert "立项备案" not in (second.locator(".calculation").text_content() or "")


def test_a_number_the_bot_asks_for_is_filled_in(proxy: Proxy, page: Page) -> None:
    page.goto(proxy.url)
    ask(page, POST_QUESTION)
    reply = page.locator(".message.bot").last
    reply.locator("table.steps").wait_for()
    reply.locator(".quick-reply", has_text="社保").click()
    assert page.input_value("#question").endswith("：")
    assert page.evaluate("document.activeElement.id") == "question"
    assert page.locator(".message.user").count() == 1


def test_red_buttons_show_a_focus_ring(proxy: Proxy, page: Page) -> None:
    page.goto(proxy.url)
    page.fill("#question", "摄影棚")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "send"
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor,
                           getComputedStyle(document.documentElement).backgroundColor]; }"""
    )
    outline, width, color, background = style
    assert outline == "solid" and width >= 2
    assert contrast(color, background) >= 3


def contrast(first: str, second: str) -> float:
    """WCAG contrast of two CSS rgb() colours."""

    def luminance(css: str) -> float:
        values = [int(v) / 255 for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def rated(upstream: str, question: str) -> list[str | None]:
    """The ratings the admin questions report shows for `question`, and under ?feedback=down."""
    rows = httpx.get(
        f"{upstream}/api/admin/questions", params={"limit": 1000}, headers=admin_headers()
    ).json()
    down = httpx.get(
        f"{upstream}/api/admin/questions",
        params={"limit": 1000, "feedback": "down"},
        headers=admin_headers(),
    ).json()
    return [r["feedback"] for r in rows if r["question"] == question] + [
        f"filtered:{r['feedback']}" for r in down if r["question"] == question
    ]


def test_an_answer_is_rated_into_the_question_log(base_url: str, proxy: Proxy, page: Page) -> None:
    from playwright.sync_api import expect

    question = f"{CALC_QUESTION}（{uuid.uuid4().hex[:6]}）"
    page.goto(proxy.url)
    ask(page, question)
    reply = page.locator(".message.bot").last
    reply.locator("table.steps").wait_for()
    rating = reply.get_by_role("group", name="这条回答有帮助吗？")
    up, down = (
        rating.get_by_role("button", name="有用"),
        rating.get_by_role("button", name="没用"),
    )
    expect(up).to_have_attribute("aria-pressed", "false")
    assert rated(base_url, question) == [None]

    down.click()
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[role=status]")).to_contain_text("感谢反馈")
    assert rated(base_url, question) == ["down", "filtered:down"]
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(down).to_have_attribute("aria-pressed", "false")
    assert rated(base_url, question) == ["up"]

    # The choice is kept with the conversation.
    page.reload()
    kept = page.locator(".message.bot").last.get_by_role("button", name="有用")
    expect(kept).to_have_attribute("aria-pressed", "true", timeout=SHORT_MS)


def test_a_rating_that_fails_says_so(proxy: Proxy, page: Page) -> None:
    from playwright.sync_api import expect

    page.goto(proxy.url)
    ask(page, CALC_QUESTION)
    reply = page.locator(".message.bot").last
    reply.locator("table.steps").wait_for()
    page.route("**/api/feedback", lambda route: route.abort("internetdisconnected"))
    down = reply.get_by_role("button", name="没用")
    down.click()
    expect(page.locator("[role=status]")).to_contain_text("没有发送成功")
    expect(down).to_have_attribute("aria-pressed", "false")
    expect(down).to_be_enabled()


def test_a_citation_opens_its_clause_in_the_source_panel(proxy: Proxy, page: Page) -> None:
    from playwright.sync_api import expect

    page.goto(proxy.url)
    ask(page, CALC_QUESTION)
    reply = page.locator(".message.bot").last
    reply.locator("table.steps").wait_for()
    viewer = page.get_by_role("dialog", name="依据原文")
    expect(viewer).to_be_hidden()
    link = reply.locator(".citations").get_by_role("button", name="[1]")
    link.click()
    expect(viewer).to_be_visible()
    expect(viewer.locator(".source-doc")).to_contain_text("第1项", timeout=SHORT_MS)
    # The whole clause, its terms, and the quoted part marked in it.
    assert "补助给" in viewer.inner_text() and "上限" in viewer.inner_text()
    assert "摄影棚" in viewer.locator("mark").inner_text()
    shot(page, "chat-source-panel")
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent") == link.inner_text()


def test_a_marker_in_a_knowledge_answer_opens_its_passage(proxy: Proxy, page: Page) -> None:
    from playwright.sync_api import expect

    page.goto(proxy.url)
    ask(page, "2025上合组织国家电影节的主题是什么？")
    reply = page.locator(".message.bot").last
    marker = reply.locator(".bubble button.cite-ref").first
    marker.click()
    viewer = page.get_by_role("dialog", name="依据原文")
    expect(viewer).to_be_visible()
    assert "段" in viewer.locator(".source-doc").inner_text()
    assert "科技光影" in viewer.locator("blockquote").inner_text()
    viewer.get_by_role("button", name="关闭").click()
    expect(viewer).to_be_hidden()


# Issue 11 measured the phone page with its keyboard open: 844 px less 148 (header), 88 (input)
# and 51 (caveat) left about 200 px, so the keyboard took about 357 px.
KEYBOARD_PX = 357

CHROME = """() => {
  const height = (selector) => document.querySelector(selector).getBoundingClientRect().height;
  const fixed = (selector) => getComputedStyle(document.querySelector(selector)).position;
  return {header: height('.topbar'), composer: height('#ask'),
          footer: ['fixed', 'sticky'].includes(fixed('#caveat')) ? height('#caveat') : 0};
}"""


def test_the_phone_header_is_compact_and_the_conversation_gets_the_screen(
    proxy: Proxy, page: Page
) -> None:
    page.goto(proxy.url)
    chrome = page.evaluate(CHROME)
    assert chrome["header"] <= 64, chrome
    assert chrome["composer"] <= 64, chrome
    left = PHONE["height"] - KEYBOARD_PX - sum(chrome.values())
    assert left >= 350, chrome  # was about 200
    assert "主管部门" in page.inner_text("#caveat")  # the caveat is still on the page

    # The box grows with a long question, within bounds, and shrinks once it is sent.
    page.fill("#question", CALC_QUESTION * 3)
    grown = page.evaluate(CHROME)["composer"]
    assert chrome["composer"] < grown <= 140
    page.click("#send")
    page.locator(".message.bot table.steps").wait_for()
    assert page.evaluate(CHROME)["composer"] == chrome["composer"]
    shot(page, "chat-phone-answered-top")


@pytest.mark.parametrize("width", [390, 1366])
def test_the_step_number_column_is_narrow(proxy: Proxy, page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(proxy.url)
    ask(page, CALC_QUESTION)
    table = page.locator(".message.bot table.steps")
    table.wait_for()
    number = table.locator("td.num").first.bounding_box()
    whole = table.bounding_box()
    assert number and whole
    assert number["width"] <= 64 and number["width"] <= whole["width"] * 0.2


HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter((h) => h.getClientRects().length)
  .map((h) => Number(h.tagName[1]))"""


def test_landmarks_headings_and_a_local_favicon(proxy: Proxy, page: Page) -> None:
    from playwright.sync_api import expect

    page.add_init_script(
        "window.refused = []; document.addEventListener('securitypolicyviolation',"
        " (e) => window.refused.push(e.blockedURI));"
    )
    page.goto(proxy.url)
    form = page.get_by_role("form", name="提问")
    expect(form.locator("#question")).to_be_attached()
    ask(page, CALC_QUESTION)
    page.locator(".message.bot table.steps").wait_for()
    page.locator(".message.bot .citations button.citation-link").first.click()
    page.locator("#source-viewer mark").wait_for()
    levels = page.evaluate(HEADINGS)
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels

    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon and icon.startswith("/static/")
    response = page.request.get(f"{proxy.url}{icon}")
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg")
    assert page.evaluate("window.refused") == []
