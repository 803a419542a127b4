"""Knowledge answers lead with the answer: the best source sentence first, quoted word for word,
no caption or pointing-back sentence as the lead, nothing twice, each source once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.bot import Bot
from bot.compose import INJECTION_NOTE
from bot.evaluation.answers import duplicated_sentences, first_sentence
from bot.sessions import SessionStore
from ingest.reader.retrieval import HybridRetriever
from tests.conftest import KB_DIR

KB_TEXT = "".join(p.read_text(encoding="utf-8") for p in KB_DIR.glob("*.md")).replace("**", "")


@pytest.fixture(scope="module")
def retriever(kb_index: Path) -> HybridRetriever:
    return HybridRetriever.open(kb_index)


@pytest.fixture
def bot(retriever: HybridRetriever, tmp_path: Path) -> Iterator[Bot]:
    sessions = SessionStore(tmp_path / "sessions.db")
    yield Bot(retriever, sessions)
    sessions.close()


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("本届电影节的主题是什么？", "科技光影·上合风采"),
        ("这个政策是哪些部门联合出台的？", "市委宣传部"),
        ("激励政策是什么时候发布的？", "7月5日"),
        ("硬件建设补贴什么时候兑现？", "项目建成后实行一次性兑现"),
        ("这篇电影节报道的记者是谁？", "兰世秋"),
        ("张升认为AI能取代创作力吗？", "共融"),
        ("侯克明说的“新的征程”指的是什么？", "人工智能化"),
    ],
)
def test_the_first_sentence_holds_the_answer(bot: Bot, question: str, fact: str) -> None:
    reply = bot.ask(question)
    assert reply.route == "knowledge"
    assert fact in first_sentence(reply.answer), reply.answer
    lead = reply.answer.splitlines()[0]
    assert lead.startswith("> ") and lead.endswith("[1]")
    quoted = lead.removeprefix("> ").removesuffix("[1]").strip("…")
    assert quoted in KB_TEXT  # word for word


def test_a_caption_never_leads_and_a_closing_quote_never_starts_a_line(bot: Bot) -> None:
    for question in ("本届电影节的主题是什么？", "贾樟柯说了什么", "贾樟柯在盛典上说了什么？"):
        answer = bot.ask(question).answer
        assert "推荐盛典活动现场" not in first_sentence(answer)
        assert not any(line.lstrip("> ").startswith("”") for line in answer.splitlines())


def test_a_sentence_that_points_back_leads_with_the_one_before(bot: Bot) -> None:
    answer = bot.ask("政策是在什么活动上发布的？").answer
    assert first_sentence(answer).startswith("7月5日上午")
    assert "会上发布了" in answer.splitlines()[0]


def test_nothing_is_said_twice_and_sources_are_named_once(bot: Bot) -> None:
    for question in (
        "贾樟柯说了什么",
        "张升认为AI能取代创作力吗？",
        "建棚的补贴是边建边拨，还是等完工了一次给？",
    ):
        reply = bot.ask(question)
        assert duplicated_sentences(reply.answer) == 0, reply.answer
        keys = [(c.source, c.clause) for c in reply.citations]
        assert len(keys) == len(set(keys))
        assert all(c.label for c in reply.citations)
        for citation in reply.citations:
            assert all(piece in KB_TEXT for piece in citation.text.split("\n"))


def test_a_policy_clause_is_cited_with_its_measure_and_no_calculation_caveat(bot: Bot) -> None:
    reply = bot.ask("协拍服务机构提供哪些服务能申请补助？")
    assert reply.route == "knowledge"
    assert "本结果仅为按政策条文的测算" not in reply.answer
    (citation,) = reply.citations
    assert citation.clause == "crew-services" and citation.label and "协拍" in citation.label


def test_an_article_is_cited_with_its_paragraph(bot: Bot) -> None:
    reply = bot.ask("这篇电影节报道的记者是谁？")
    (citation,) = reply.citations
    assert citation.paragraphs and citation.label == f"第{citation.paragraphs[0]}段"
    assert citation.label in reply.answer


@pytest.mark.parametrize(
    ("answer", "first"),
    [
        ("根据知识库中的资料：\n《某文》：\n> 第一句。第二句。", "第一句。"),
        ("> …可按10%给予硬件建设补贴…[1]\n来源：[1]《政策》第6项", "…可按10%给予硬件建设补贴…"),
        (
            f"{INJECTION_NOTE}\n> 甲说:“乙。”但丙认为这不对。",
            "甲说:“乙。”",
        ),
        ("", ""),
    ],
)
def test_first_sentence(answer: str, first: str) -> None:
    assert first_sentence(answer) == first


def test_duplicated_sentences_are_counted() -> None:
    assert (
        duplicated_sentences("> 项目建成后实行一次性兑现。[1]\n原文：纳入名单的,补贴可提高。") == 0
    )
    assert (
        duplicated_sentences("> 项目建成后实行一次性兑现。\n依据原文：“项目建成后实行一次性兑现。”")
        == 1
    )
    assert (
        duplicated_sentences(
            "> 项目建成后实行一次性兑现。\n原文：建设方案经评审。项目建成后实行一次性兑现。"
        )
        == 1
    )
    assert (
        duplicated_sentences("请同时确认：\n- 甲\n请同时确认：") == 0
    )  # labels are not quotations
