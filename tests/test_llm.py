"""The optional LLM composer with LangChain's fake chat models: used, tool-calling, guarded."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from bot.bot import Bot
from bot.llm import LLMComposer, make_calculator_tool
from bot.sessions import SqliteSessionStore
from bot.settings import Settings
from ingest.reader.retrieval import HybridRetriever
from policy import FIELDS


class ToolCallingFake(GenericFakeChatModel):
    """GenericFakeChatModel raises on bind_tools; scripted tool calls need it to return self."""

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ToolCallingFake:  # type: ignore[override]
        return self


def _bot(retriever: HybridRetriever, tmp_path: Path, *messages: AIMessage) -> Bot:
    composer = LLMComposer(ToolCallingFake(messages=iter(messages)))
    return Bot(retriever, SqliteSessionStore(tmp_path / "s.db"), composer=composer)


def test_a_good_answer_is_used(retriever: HybridRetriever, tmp_path: Path) -> None:
    text = "本届电影节的主题是“科技光影·上合风采”。"
    bot = _bot(retriever, tmp_path, AIMessage(text))
    reply = bot.ask("本届电影节的主题是什么？")
    assert reply.answer == text
    assert reply.route == "knowledge"
    assert any(c.source == "article-filmmakers-ai" for c in reply.citations)


def test_the_calculator_tool_is_called_and_its_amount_allowed(
    retriever: HybridRetriever, tmp_path: Path
) -> None:
    call = {
        "name": "calculate_subsidy",
        "args": {"measure": "studio", "amount": "800万"},
        "id": "call-1",
        "type": "tool_call",
    }
    bot = _bot(
        retriever,
        tmp_path,
        AIMessage("", tool_calls=[call]),
        AIMessage(
            "按使用本市摄影棚的条款，800万元服务费用可获补助160万元，须经审核后凭合法有效凭证兑现。"
        ),
    )
    reply = bot.ask("我们在重庆摄影棚拍戏，怎么计算补贴？")
    assert "160万元" in reply.answer
    assert reply.calculation is not None
    assert reply.calculation.amount_yuan == 1_600_000
    assert reply.calculation.clause == "studio"


def test_an_invented_amount_is_replaced_by_the_extractive_answer(
    retriever: HybridRetriever, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bot = _bot(retriever, tmp_path, AIMessage("电影节期间签约项目可获得2000万元补贴。"))
    with caplog.at_level(logging.WARNING, logger="bot.llm"):
        reply = bot.ask("本届电影节的主题是什么？")
    assert "2000万" not in reply.answer
    assert "科技光影·上合风采" in reply.answer
    assert "number guard rejected" in caplog.text


def test_an_unreachable_endpoint_falls_back(retriever: HybridRetriever, tmp_path: Path) -> None:
    settings = Settings(
        llm_base_url="http://127.0.0.1:9/v1", llm_model="qwen-plus", llm_api_key="test"
    )
    composer = LLMComposer.from_settings(settings)
    assert composer is not None
    bot = Bot(retriever, SqliteSessionStore(tmp_path / "s.db"), composer=composer)
    reply = bot.ask("本届电影节的主题是什么？")
    assert "科技光影·上合风采" in reply.answer


def test_no_llm_configured_means_no_composer() -> None:
    assert LLMComposer.from_settings(Settings()) is None


def test_the_calculator_tool_takes_the_measure_and_every_fact_field() -> None:
    results: list[dict[str, Any]] = []
    tool = make_calculator_tool(results)
    assert list(tool.args) == ["measure", *(f.name for f in FIELDS)]
    tool.invoke({"measure": "crew-services", "claims": ["600万", 8_000_000]})
    assert results[-1]["amount_yuan"] == 2_000_000
