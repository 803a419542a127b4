"""The hybrid retriever as a LangChain `BaseRetriever`, so a chain or an agent can use the kb.

from ingest.reader.langchain import KbRetriever
kb = KbRetriever(index=HybridRetriever.open(data_dir), k=3)
kb.invoke("摄影棚补贴上限是多少")  # → [Document(page_content=…, metadata={doc_id, …})]
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from ingest.reader.retrieval import Hit, HybridRetriever


def as_document(hit: Hit) -> Document:
    chunk = hit.chunk
    metadata = {
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "measure": chunk.measure,
        "score": hit.score,
    }
    return Document(id=chunk.id, page_content=chunk.text, metadata=metadata)


class KbRetriever(BaseRetriever):
    """Top-k chunks of the kb; none when the calibrated not-found decision says nothing in
    the kb answers the query (unless `only_found` is off)."""

    index: HybridRetriever
    k: int = 3
    only_found: bool = True

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        k: int | None = None,
        **kwargs: Any,
    ) -> list[Document]:
        result = self.index.retrieve(query, k=k or self.k)
        if self.only_found and not result.found:
            return []
        return [as_document(hit) for hit in result.hits]
