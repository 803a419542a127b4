"""A second policy arrives as a document plus a data file, never as code: it is retrieved,
routed and calculated with no change to bot/, ingest/ or policy/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.bot import Bot
from bot.sessions import SqliteSessionStore
from ingest import ingest
from ingest.reader.retrieval import HybridRetriever
from policy import BUILTIN_DIR, Policies
from tests.conftest import KB_DIR

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "second-policy"


@pytest.fixture(scope="module")
def two_policy_bot(tmp_path_factory: pytest.TempPathFactory) -> Bot:
    kb = tmp_path_factory.mktemp("kb")
    for path in [*KB_DIR.glob("*.md"), *(FIXTURE / "kb").glob("*.md")]:
        shutil.copy(path, kb / path.name)
    data = tmp_path_factory.mktemp("data")
    ingest(kb, data)
    policies = Policies.load((BUILTIN_DIR, FIXTURE / "policies"))
    sessions = SqliteSessionStore(tmp_path_factory.mktemp("s") / "s.db")
    return Bot(HybridRetriever.open(data), sessions, policies=policies)


def test_new_measure_is_routed_and_calculated(two_policy_bot: Bot) -> None:
    reply = two_policy_bot.ask("我们是临江的动画公司，租渲染农场的算力费用400万，能补多少？")
    assert reply.route == "calculator"
    calc = reply.calculations[0]
    assert (calc.clause, calc.document) == ("render-farm", "policy-linjiang-animation")
    assert (calc.eligible, calc.amount_yuan) == (True, 1_200_000)
    assert reply.citations[0].source == "policy-linjiang-animation"
    assert "临江市动画产业扶持办法" in reply.citations[0].title


def test_new_condition_and_old_policy_side_by_side(two_policy_bot: Bot) -> None:
    denied = two_policy_bot.ask("外地的公司租渲染农场，算力费用400万，能补吗？")
    assert (denied.calculations[0].eligible, denied.calculations[0].amount_yuan) == (False, 0)
    both = two_policy_bot.ask(
        "在重庆租摄影棚花了800万，另外临江渲染农场的算力费用200万，各补多少？"
    )
    got = {c.clause: c.amount_yuan for c in both.calculations}
    assert got == {"studio": 1_600_000, "render-farm": 600_000}


def test_new_document_is_retrieved(two_policy_bot: Bot) -> None:
    reply = two_policy_bot.ask("渲染农场算力补贴给哪些企业？")
    assert reply.route == "knowledge"
    assert "policy-linjiang-animation" in {c.source for c in reply.citations}


def test_a_question_naming_one_policy_is_not_answered_from_another(two_policy_bot: Bot) -> None:
    reply = two_policy_bot.ask("临江动画扶持办法里，剧本立项有什么要求？")
    assert all(c.source != "policy-chongqing-tech-film" for c in reply.citations), reply.answer
    assert "本市进行剧本立项" not in reply.answer
