"""LangChain's standard suites for what users plug in: the kb retriever and the embeddings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from langchain_tests.integration_tests import (
    EmbeddingsIntegrationTests,
    RetrieversIntegrationTests,
)

from ingest.encoder import EncoderEmbeddings, SentenceTransformerEncoder, query_encoder
from ingest.reader.langchain import KbRetriever
from ingest.reader.retrieval import HybridRetriever

pytestmark = pytest.mark.anyio  # the suites' async tests


@pytest.fixture(scope="module")
def hybrid(kb_index: Path) -> HybridRetriever:
    return HybridRetriever.open(kb_index)


class TestKbRetriever(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _index(self, hybrid: HybridRetriever) -> None:
        self.hybrid = hybrid

    @property
    def retriever_constructor(self) -> type[BaseRetriever]:
        return KbRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"index": self.hybrid}

    @property
    def retriever_query_example(self) -> str:
        return "在重庆租摄影棚拍戏能补多少"


class TestQueryEncoderEmbeddings(EmbeddingsIntegrationTests):
    """The encoder that places questions (numpy, exported at ingest)."""

    @pytest.fixture(autouse=True)
    def _index(self, kb_index: Path) -> None:
        self.data_dir = kb_index

    @property
    def embeddings_class(self) -> type[Embeddings]:
        return EncoderEmbeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {"encoder": query_encoder(self.data_dir)}


class TestIngestEncoderEmbeddings(EmbeddingsIntegrationTests):
    """The encoder that embeds the kb (sentence-transformers)."""

    @property
    def embeddings_class(self) -> type[Embeddings]:
        return EncoderEmbeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {"encoder": SentenceTransformerEncoder()}


def test_documents_carry_the_hit_and_nothing_when_the_kb_has_no_answer(
    hybrid: HybridRetriever,
) -> None:
    kb = KbRetriever(index=hybrid, k=2)
    [first, _] = kb.invoke("在重庆租摄影棚拍戏能补多少")
    assert first.metadata["measure"] == "studio"
    assert set(first.metadata) == {"doc_id", "title", "measure", "score"}
    assert first.id and first.page_content
    assert kb.invoke("明天重庆会下雨吗？要不要带伞") == []
    assert KbRetriever(index=hybrid, k=2, only_found=False).invoke("明天重庆会下雨吗？")
