"""API without answering questions: health, calculator, measures, error shapes, limits, auth."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import re
from pathlib import Path

import httpx
import pytest

from bot.service.app import create_app
from bot.service.logstore import LoggedQuestion, SqliteQuestionLog, is_answered
from policy import Facts, calculate, load_measures
from tests.utils.service import admin_headers, asgi_client, make_settings, served, wechat_query

pytestmark = pytest.mark.anyio


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    if code is not None:
        assert body["error"]["code"] == code
    message: str = body["error"]["message"]
    assert message
    return message


async def test_healthz_answers_and_readyz_reports_a_missing_index(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path / "empty"))
    async with asgi_client(app, ready=False) as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        readyz = await client.get("/readyz")
        assert readyz.status_code == 503
        assert readyz.json()["error"]["code"] in {"not_ready", "load_failed"}
        # Questions need the bot: 503 with a Chinese message, not a crash.
        chat = await client.post("/api/chat", json={"message": "摄影棚补贴上限是多少？"})
        assert chat.status_code == 503


async def test_measures_list_and_detail(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        listing = (await client.get("/api/measures")).json()
        assert [m["id"] for m in listing][:2] == ["studio", "crew-services"]
        assert all({"id", "title", "inputs", "conditions", "source"} <= set(m) for m in listing)
        studio = (await client.get("/api/measures/studio")).json()
        assert studio["rate"] == "20%"
        assert "摄影棚" in studio["source"]["text"]
        assert_error(await client.get("/api/measures/nope"), 404, "unknown_measure")


async def test_calculate(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        ok = await client.post(
            "/api/calculate",
            json={"measure": "studio", "facts": {"amount": "800万", "conditions": {"filed": True}}},
        )
        assert ok.status_code == 200
        calc = ok.json()
        assert calc["amount_yuan"] == 1_600_000
        assert calc["eligible"] is True
        assert calc["steps"] and calc["citation"]["clause"] == "studio"
        capped = await client.post(
            "/api/calculate", json={"measure": "studio", "facts": {"amount": 80_000_000}}
        )
        assert capped.json()["amount_yuan"] == 10_000_000
        assert capped.json()["capped"] is True
        unknown = await client.post("/api/calculate", json={"measure": "nope", "facts": {}})
        assert_error(unknown, 404, "unknown_measure")
        bad = await client.post(
            "/api/calculate", json={"measure": "studio", "facts": {"amount": "很多钱"}}
        )
        assert "金额" in assert_error(bad, 422)
        unknown_field = await client.post(
            "/api/calculate", json={"measure": "studio", "facts": {"colour": "red"}}
        )
        assert_error(unknown_field, 422, "invalid_facts")


async def test_response_models_pass_the_policy_data_through_unchanged(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        listing = (await client.get("/api/measures")).json()
        assert listing == _as_json([m.to_dict() for m in load_measures()])
        facts = {"amount": "800万", "staff": 3, "conditions": {"filed": True}}
        for measure in load_measures():
            got = await client.post("/api/calculate", json={"measure": measure.id, "facts": facts})
            want = calculate(measure.id, Facts.from_dict(facts)).to_dict()
            assert got.text == json.dumps(want, ensure_ascii=False, separators=(",", ":"))


def _as_json(data: object) -> object:
    return json.loads(json.dumps(data, ensure_ascii=False))


async def test_openapi_names_the_model_of_every_json_response(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        spec = (await client.get("/openapi.json")).json()
    json_routes = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            content = operation["responses"]["200"].get("content", {})
            if "application/json" not in content:
                continue
            json_routes += 1
            schema = content["application/json"]["schema"]
            assert "$ref" in schema.get("items", schema), f"{method} {path}"
    assert json_routes == 11


async def test_error_shapes(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        assert_error(await client.get("/no/such/page"), 404, "not_found")
        assert_error(await client.delete("/api/measures"), 405, "method_not_allowed")
        malformed = await client.post(
            "/api/calculate", content=b'{"measure": ', headers={"Content-Type": "application/json"}
        )
        assert_error(malformed, 422, "invalid_json")
        wrong_type = await client.post("/api/chat", json={"message": 42})
        assert_error(wrong_type, 422, "validation_error")
        missing = await client.post("/api/chat", json={})
        assert_error(missing, 422, "validation_error")
        bad_format = await client.post("/api/chat", json={"message": "你好", "format": "html"})
        assert_error(bad_format, 422, "validation_error")


async def test_limits_on_messages_and_bodies(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_message_chars=20)
    async with asgi_client(create_app(settings), ready=False) as client:
        for blank in ("", "   ", "\n\t "):
            empty = await client.post("/api/chat", json={"message": blank})
            assert "问题" in assert_error(empty, 422, "empty")
        long = await client.post("/api/chat", json={"message": "补" * 21})
        assert "20" in assert_error(long, 422, "too_long")
        huge = await client.post(
            "/api/chat",
            content=b'{"message": "' + b"x" * 70_000 + b'"}',
            headers={"Content-Type": "application/json"},
        )
        assert_error(huge, 413, "payload_too_large")

        async def chunks() -> object:
            for _ in range(20):
                yield b"x" * 8192

        chunked = await client.post(
            "/api/chat", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert_error(chunked, 413, "payload_too_large")


async def test_admin_needs_the_bearer_token(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        for headers in ({}, admin_headers("wrong"), {"Authorization": "Basic abc"}):
            denied = await client.get("/api/admin/questions", headers=headers)
            assert_error(denied, 401, "unauthorized")
            assert_error(await client.post("/api/admin/reindex", headers=headers), 401)
        allowed = await client.get("/api/admin/questions", headers=admin_headers())
        assert allowed.status_code == 200
        assert allowed.json() == []


async def test_admin_is_closed_without_a_configured_token(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path, admin_token="")), ready=False) as c:
        assert_error(await c.get("/api/admin/questions", headers=admin_headers("")), 401)
        assert_error(await c.get("/api/admin/questions", headers={"Authorization": "Bearer "}), 401)


async def test_pages_and_static_files(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        for path, marker in (("/", "影视政策助手"), ("/staff", "热线工作台")):
            page = await client.get(path)
            assert page.status_code == 200
            assert page.headers["content-type"].startswith("text/html")
            assert marker in page.text
            assert "script-src 'self'" in page.headers["content-security-policy"]
            assert "http" not in page.text.replace("http-equiv", "")  # nothing from the network
        for name in ("app.js", "staff.js", "style.css"):
            assert (await client.get(f"/static/{name}")).status_code == 200
        assert "/api/chat" in (await client.get("/openapi.json")).text


def test_question_log_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "questions.db"
    log = SqliteQuestionLog(path)
    log.record(LoggedQuestion("c1", "api", "问一", "knowledge", True, 12, "s1", "答一"))
    log.record(LoggedQuestion("c2", "api", "问二", "out_of_scope", False, 3, "s2", "答二"))
    log.close()
    reopened = SqliteQuestionLog(path)
    rows = reopened.questions()
    assert [r["question"] for r in rows] == ["问二", "问一"]
    assert [r["question"] for r in reopened.questions(unanswered=True)] == ["问二"]
    assert reopened.questions(limit=1)[0]["latency_ms"] == 3
    reopened.close()


def test_what_counts_as_answered() -> None:
    assert is_answered({"route": "knowledge", "citations": [{"source": "x"}]})
    assert not is_answered({"route": "knowledge", "citations": []})
    assert is_answered({"route": "calculator", "calculation": None})
    assert not is_answered({"route": "clarify"})
    assert not is_answered({"route": "out_of_scope"})


async def test_docs_are_served_without_the_network(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        page = await client.get("/docs")
        assert page.status_code == 200
        assert "/docs-assets/swagger-ui-bundle.js" in page.text
        assert "cdn" not in page.text.lower()
        script = await client.get("/docs-assets/swagger-ui-bundle.js")
        assert script.status_code == 200 and len(script.content) > 100_000
        schema = (await client.get("/openapi.json")).json()
        assert "/api/chat" in schema["paths"]
        # The page's one inline script is allowed by its hash, nothing else inline runs.
        assert page.headers["x-content-type-options"] == "nosniff"
        policy = page.headers["content-security-policy"]
        inline = re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL)
        assert len(inline) == 1
        digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
        assert f"script-src 'self' 'sha256-{digest}';" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


async def test_every_response_forbids_sniffing_and_scripts(tmp_path: Path) -> None:
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        echo = await client.get("/wechat", params={**wechat_query(), "echostr": "<b>x</b>"})
        assert echo.text == "<b>x</b>"
        for response in (
            echo,
            await client.get("/api/measures"),
            await client.get("/no/such/page"),
            await client.post("/api/chat", content=b"x" * 70_000),
        ):
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["content-security-policy"].startswith("default-src 'none'")
        page = await client.get("/")  # pages keep their own policy
        assert "script-src 'self'" in page.headers["content-security-policy"]


async def test_readme_states_what_an_over_long_message_gets(tmp_path: Path) -> None:
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text("utf-8").split())
    stated = re.search(
        r"a message longer than `POLICYBOT_MAX_MESSAGE_CHARS` → (\d+) \(`(\w+)`\), "
        r"or (\d+) when its body passes 64 KB",
        readme,
    )
    assert stated, "the README's Limits paragraph no longer says it"
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        over = await client.post("/api/chat", json={"message": "补" * 501})
        # 21,846 three-byte characters pass 64 KB (JSON sent as UTF-8, not \u escapes).
        far_over = await client.post(
            "/api/chat",
            content=json.dumps({"message": "补" * 21_846}, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json"},
        )
    assert (str(over.status_code), over.json()["error"]["code"]) == stated.group(1, 2)
    assert str(far_over.status_code) == stated.group(3)


LONE_SURROGATES = [
    ("/api/chat", b'{"message": "\\ud800"}'),
    ("/api/chat", b'{"message": "\\u6444\\udc00\\u5f71"}'),
    ("/api/chat", b'{"message": "ok", "session_id": "\\udbff"}'),
    ("/api/chat", '{"message": "摄\ud800"}'.encode("utf-8", "surrogatepass")),
    ("/api/calculate", b'{"measure": "\\ud800", "facts": {}}'),
    ("/api/calculate", b'{"measure": "studio", "facts": {"amount": "\\udc00"}}'),
    ("/api/calculate", b'{"measure": "studio", "facts": {"\\ud800": 1}}'),
    ("/api/calculate", b'{"measure": "studio", "facts": {"conditions": ["\\ud800"]}}'),
]


async def test_lone_surrogates_are_refused_as_malformed_text(tmp_path: Path) -> None:
    json_type = {"Content-Type": "application/json"}
    async with asgi_client(create_app(make_settings(tmp_path)), ready=False) as client:
        for path, body in LONE_SURROGATES:
            refused = await client.post(path, content=body, headers=json_type)
            assert "字符" in assert_error(refused, 422, "invalid_text"), body
        # WeChat's JSON packets, signed: refused before the message is read.
        packet = b'{"ToUserName": "gh", "FromUserName": "o1", "CreateTime": 1700000000, '
        for tail in (b'"MsgType": "text", "Content": "\\ud800"}', b'"MsgType": "\\udfff"}'):
            refused = await client.post(
                "/wechat", params=wechat_query(), content=packet + tail, headers=json_type
            )
            assert_error(refused, 422, "invalid_text")
        # Surrogate pairs (emoji) and an escaped backslash are ordinary text.
        for amount in ("800万\\ud83d\\ude00", "\\\\ud800"):
            body = f'{{"measure": "studio", "facts": {{"amount": "{amount}"}}}}'.encode()
            ordinary = await client.post("/api/calculate", content=body, headers=json_type)
            assert ordinary.json()["error"]["code"] != "invalid_text"


@pytest.mark.server
def test_a_lone_surrogate_leaves_the_connection_usable(tmp_path: Path) -> None:
    with served({"POLICYBOT_DATA_DIR": str(tmp_path)}) as base_url:
        connection = http.client.HTTPConnection(base_url.removeprefix("http://"), timeout=30)
        try:
            connection.request(
                "POST",
                "/api/calculate",
                body=b'{"measure": "studio", "facts": {"amount": "\\udc00"}}',
                headers={"Content-Type": "application/json"},
            )
            refused = connection.getresponse()
            assert (refused.status, json.loads(refused.read())["error"]["code"]) == (
                422,
                "invalid_text",
            )
            assert not refused.will_close
            socket_used = connection.sock
            connection.request("GET", "/healthz")
            again = connection.getresponse()
            assert (again.status, again.read()) == (200, b'{"status":"ok"}')
            assert connection.sock is socket_used  # the same keep-alive connection
        finally:
            connection.close()
