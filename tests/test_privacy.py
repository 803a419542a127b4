"""Personal numbers never reach the question log; old questions are purged."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.service.app import create_app
from bot.service.logstore import LoggedQuestion, SqliteQuestionLog
from bot.service.privacy import mask
from tests.utils.service import admin_headers, asgi_client, make_settings, shared_bot

ID_CARD = "11010519491231002X"
MOBILE = "13812345678"
BANK_CARD = "6222 0212 3456 7890 128"

MASKED = [
    (f"我的身份证{ID_CARD}能申请吗", "我的身份证[身份证号]能申请吗"),
    ("身份证号110105491231002", "身份证号[身份证号]"),  # 15 digits, issued before 1999
    (f"电话{MOBILE}，", "电话[手机号]，"),
    ("电话 +86 138-1234-5678", "电话 [手机号]"),
    ("电话１３８１２３４５６７８", "电话[手机号]"),  # full-width digits
    (f"卡号{BANK_CARD}", "卡号[银行卡号]"),
    ("卡号6222021234567890", "卡号[银行卡号]"),
    # amounts, years and the policy's figures are not personal numbers
    ("在重庆租用摄影棚花了800万元，能拿多少补助？", None),
    ("2025年投资12000000元", None),
    ("补助不超过1000万元，咨询电话023-63899015", None),
    ("编号20250101123", None),  # 11 digits not starting 13x-19x
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_mask(text: str, expected: str | None) -> None:
    assert mask(text) == (text if expected is None else expected)


def _raw_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.glob("questions.db*"))


@pytest.mark.anyio
async def test_personal_numbers_are_masked_before_the_log_is_written(kb_index: Path) -> None:
    data = kb_index.parent / "privacy-data"
    settings = make_settings(data)
    question = (
        f"我身份证{ID_CARD}，手机{MOBILE}，银行卡{BANK_CARD}，"
        "在重庆租用摄影棚花了800万元能拿多少补助？"
    )
    app = create_app(settings, bot=shared_bot(kb_index))
    async with asgi_client(app) as client:
        reply = await client.post(
            "/api/chat", json={"message": question}, headers={"X-Client-Id": MOBILE}
        )
        assert reply.status_code == 200
        [logged] = (await client.get("/api/admin/questions", headers=admin_headers())).json()
    assert logged["question"].startswith("我身份证[身份证号]，手机[手机号]，银行卡[银行卡号]，")
    assert logged["client"].startswith("[手机号]@")  # the label, then the peer address
    raw = _raw_bytes(data)  # the database and its WAL, replies included
    for number in (ID_CARD, MOBILE, BANK_CARD, BANK_CARD.replace(" ", "")):
        assert number.encode() not in raw


def _entry(question: str) -> LoggedQuestion:
    return LoggedQuestion(
        client="c",
        channel="api",
        question=question,
        route="knowledge",
        answered=True,
        latency_ms=1,
    )


def _age(path: Path, question: str, days: int) -> None:
    when = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="milliseconds")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE questions SET time = ? WHERE question = ?", (when, question))


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("retention_days", "kept"), [(180, ["10 天前", "179 天前"]), (30, ["10 天前"])]
)
async def test_questions_older_than_the_retention_are_purged(
    tmp_path: Path, kb_index: Path, retention_days: int, kept: list[str]
) -> None:
    data = tmp_path / "data"
    log = SqliteQuestionLog(data / "questions.db")
    for days in (10, 179, 181, 400):
        log.record(_entry(f"{days} 天前"))
    log.close()
    for days in (10, 179, 181, 400):
        _age(data / "questions.db", f"{days} 天前", days)
    settings = make_settings(data, question_retention_days=retention_days)
    app = create_app(settings, bot=shared_bot(kb_index))
    async with asgi_client(app) as client:
        items = (await client.get("/api/admin/questions", headers=admin_headers())).json()
    assert sorted(item["question"] for item in items) == sorted(kept)
