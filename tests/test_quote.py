"""Knowledge answers lead with the answer: the best source sentence first, quoted word for word,
no caption or pointing-back sentence as the lead, nothing twice, each source once."""

from __future__ import annotations

import numpy as np
import pytest

from bot import quote
from bot.bot import Bot
from bot.compose import INJECTION_NOTE
from bot.evaluation.answers import duplicated_sentences, first_sentence
from tests.conftest import KB_DIR

KB_TEXT = "".join(p.read_text(encoding="utf-8") for p in KB_DIR.glob("*.md")).replace("**", "")


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
        # the noun asked for, named by one of its kind
        ("这套激励政策是重庆哪几个部门一起出的？", "市委宣传部"),
        ("贾樟柯是在电影节的哪个活动上讲话的？", "科技电影周"),
        ("永川论剑那篇稿子是哪几位记者写的？", "兰世秋"),
        # the question type: how it is paid, a comparison
        ("硬件补贴是边建边给，还是怎么给？", "一次性兑现"),
        ("张升拿什么来类比AI和创作者的关系？", "照相机"),
        # a paraphrase only the sentence embedding sees (最先冲击 / 首先影响)
        ("长视频那边，布兰博认为AI最先冲击的是什么内容？", "纪录片"),
        # a sentence that points back leads with what it points to
        ("出台这个政策是为了打造什么？", "创新高地"),
    ],
)
def test_the_first_sentence_holds_the_answer(bot: Bot, question: str, fact: str) -> None:
    reply = bot.ask(question)
    assert reply.route == "knowledge"
    assert fact in first_sentence(reply.answer), reply.answer
    lead = reply.answer.splitlines()[0]
    assert lead.startswith("> ") and lead.endswith("[1]")
    referent, _, quoted = lead.removeprefix("> ").removesuffix("[1]").rpartition("〕")
    assert referent.removeprefix("〔") in KB_TEXT
    assert quoted.strip("…") in KB_TEXT  # word for word
    assert len(quoted) <= quote.LEAD_MAX + 2


def test_a_caption_never_leads_and_a_closing_quote_never_starts_a_line(bot: Bot) -> None:
    for question in ("本届电影节的主题是什么？", "贾樟柯说了什么", "贾樟柯在盛典上说了什么？"):
        answer = bot.ask(question).answer
        assert "推荐盛典活动现场" not in first_sentence(answer)
        assert not any(line.lstrip("> ").startswith("”") for line in answer.splitlines())


def test_a_sentence_that_points_back_leads_with_its_referent(bot: Bot) -> None:
    answer = bot.ask("政策是在什么活动上发布的？").answer
    assert first_sentence(answer).startswith("〔重庆永川科技影视产业合作洽谈会〕会上发布了")


def test_it_leads_after_the_sentence_before_when_that_one_holds_the_answer(bot: Bot) -> None:
    answer = bot.ask("激励政策是什么时候发布的？").answer
    assert first_sentence(answer).startswith("7月5日上午")
    assert "会上发布了" in answer.splitlines()[0]


def test_two_sentences_lead_together_when_the_second_answers_the_rest(bot: Bot) -> None:
    lead = bot.ask("侯克明怎么说电影史，新的征程是什么？").answer.splitlines()[0]
    assert "按技术来书写" in lead and "人工智能化" in lead
    assert len(lead) <= quote.LEAD_MAX + len("> [1]")


def test_the_kb_sentences_are_encoded_when_the_bot_warms(bot: Bot) -> None:
    bot.warm()
    assert bot.similarity is not None
    text = "如今,AI对短视频的影响最明显。"
    assert text in bot.similarity


def _sentences(*texts: str) -> list[quote.Sentence]:
    return [quote.Sentence(t, "doc", "标题", None, 1, i) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "referent"),
    [
        (["7月5日上午,重庆永川合作洽谈会举行。", "会上发布了政策。"], "重庆永川合作洽谈会"),
        (
            ["会上发布了《某市若干激励政策》,注入动力。", "该政策由三部门出台。"],
            "《某市若干激励政策》",
        ),
        # two sentences back, past one that only says the noun bare
        (
            ["会上发布了《某市激励政策》。", "在政策带动下,项目签约。", "该政策由三部门出台。"],
            "《某市激励政策》",
        ),
        (["张升看来,技术是支撑。", "但他认为AI不能取代创作力。"], ""),  # a pronoun: no noun
        (["项目签约。", "会上发布了政策。"], ""),  # nothing it could point to
        (["会上发布了政策。"], ""),
    ],
)
def test_the_referent_of_a_sentence_that_points_back(texts: list[str], referent: str) -> None:
    sentences = _sentences(*texts)
    assert quote._referent(sentences[-1], sentences) == referent


# (question, the sentence that answers it, one that shares words but does not)
SCORING = [
    # the noun asked for is named by one of its kind: 学校→学院, 部门→宣传部, 记者→byline
    (
        "侯克明以前在哪个学校任职？",
        "北京电影学院原副院长侯克明表示,电影不同。",
        "侯克明说电影开始了数字化。",
    ),
    (
        "这套政策是哪几个部门一起出的？",
        "该政策由市委宣传部、市电影局联合出台。",
        "这套政策带动23个项目签约。",
    ),
    (
        "永川论剑的稿子是哪几位记者写的？",
        "新重庆-重庆日报记者 兰世秋 周双双",
        "电影人也围绕AI,永川“论剑”。",
    ),
    (
        "贾樟柯是在哪个活动上讲话的？",
        "贾樟柯在科技电影周盛典上说道:“有电影。”",
        "贾樟柯称,电影在技术推动下革新。",
    ),
    # "哪几个" asks which, not how many
    (
        "这套政策是哪几个部门出的？",
        "该政策由市委宣传部、市财政局联合出台。",
        "这套政策发布时有23个项目签约。",
    ),
    # the words beside the question word weigh most ("先进入哪类")
    (
        "电影行业里AI会先进入哪类电影？",
        "在电影领域,AI也会进入,先是动画电影。",
        "布兰博看来,AI会帮助我们更快捷。",
    ),
    # question types: how an award is paid, a comparison drawn, who wrote it
    (
        "硬件补贴是边建边给，还是怎么给？",
        "项目建成后实行一次性兑现。",
        "纳入重大项目名单的,补贴可提高。",
    ),
    (
        "张升拿什么来类比AI和创作者的关系？",
        "“就像当初照相机出来,没有取代画家。”张升说。",
        "但他认为AI与创作力的关系是共融。",
    ),
    ("这篇报道是谁写的？", "重庆日报记者 兰世秋", "电影人也围绕AI,永川“论剑”。"),
]


@pytest.mark.parametrize(("question", "better", "worse"), SCORING)
def test_the_sentence_that_answers_scores_higher(question: str, better: str, worse: str) -> None:
    score = quote.Scorer.of(question)
    assert score(better) > score(worse)


def test_a_quoted_title_names_the_document_not_what_is_asked() -> None:
    question = "那篇“电影人永川论剑”的报道是哪两位记者写的？"
    byline, echo = "新重庆-重庆日报记者 兰世秋 周双双", "高朋满座的电影人,也围绕AI,永川“论剑”。"
    titled = quote.Scorer.of(question, titles=["电影人永川“论剑”： AI时代,开启光影艺术新征程"])
    assert titled(byline) > titled(echo)
    # a quoted phrase of no title is still what the question is about
    assert quote.Scorer.of(question)(echo) > quote.Scorer.of(question)(byline) - 100
    assert not quote._in_title("论剑", ["电影人永川“论剑”： AI时代"])  # too short to name it


class FakeEmbed:
    """Unit vectors from the characters a text holds; records what it was asked to encode."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        vectors = np.array([[t.count(c) for c in "甲乙丙"] for t in texts], dtype=float) + 0.01
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_each_sentence_is_encoded_once_and_the_closest_scores_highest() -> None:
    embed = FakeEmbed()
    similarity = quote.Similarity(embed)
    texts = ["甲甲。", "乙乙。", "丙丙。"]
    first = similarity("甲?", texts)
    again = similarity("乙?", texts)
    assert embed.calls == [texts, ["甲?"], ["乙?"]]  # sentences once, then only the question
    assert first.index(max(first)) == 0 and again.index(max(again)) == 1


def test_meaning_adds_to_the_closest_sentences_only_among_enough_candidates() -> None:
    similarity = quote.Similarity(FakeEmbed())
    pool = _sentences("甲甲。", "乙乙。", "丙丙。", "乙丙。", "甲乙丙。")
    bonus = quote._meaning("甲", pool, similarity)
    assert max(bonus, key=lambda t: bonus[t]) == "甲甲。" and bonus["丙丙。"] == 0
    assert quote._meaning("甲", pool[: quote.MEANING_POOL - 1], similarity) == {}


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
