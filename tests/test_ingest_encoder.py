"""The light numpy encoder matches sentence-transformers; LangChain and Chroma adapters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.encoder import (
    MODEL_CACHE_ENV,
    EncoderEmbeddings,
    NumpyBertEncoder,
    OnnxEncoder,
    SentenceTransformerEncoder,
    document_encoder,
    export_light_model,
    export_onnx_model,
)

TEXTS = [
    "摄影棚补贴怎么申请？",
    "在渝影视企业(协拍服务机构)为影视剧组提供场地搭建、设备租赁、服化道、机灯美等服务",
    "AI会帮助我们更加快捷、经济、从容地享受更多的创作资源。",
    "今天天气",
]


def test_light_encoder_matches_sentence_transformers(tmp_path: Path) -> None:
    light = NumpyBertEncoder(export_light_model(tmp_path))
    reference = SentenceTransformerEncoder().encode(TEXTS)
    ours = light.encode(TEXTS)
    assert ours.shape == reference.shape == (len(TEXTS), 512)
    cosines = (ours * reference).sum(axis=1)
    assert (cosines > 0.999).all(), cosines
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # Batched (padded) and single encodings agree.
    single = light.encode([TEXTS[1]])[0]
    assert float(single @ ours[1]) > 0.9999


def test_onnx_encoder_gives_sentence_transformers_vectors(tmp_path: Path) -> None:
    export_light_model(tmp_path)
    path = export_onnx_model(tmp_path)
    assert path is not None and path.is_file()
    encoder = document_encoder(tmp_path)
    assert isinstance(encoder, OnnxEncoder)
    # Sorted by length, as the pipeline batches them; padding must not move a vector.
    texts = sorted(TEXTS, key=len)
    reference = SentenceTransformerEncoder().encode(texts)
    assert np.abs(encoder.encode(texts) - reference).max() < 1e-5
    assert np.abs(encoder.encode(texts[-1:])[0] - reference[-1]).max() < 1e-5
    assert encoder.encode([]).shape == (0, 512)
    assert export_onnx_model(tmp_path) == path  # exported once


def test_exported_model_is_kept_once_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With $POLICYBOT_MODEL_CACHE, the second data dir links the first one's export; without
    it, each data dir holds its own files."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(MODEL_CACHE_ENV, str(cache))
    first = export_light_model(tmp_path / "a")
    second = export_light_model(tmp_path / "b")
    for name in ("weights.npz", "tokenizer.json", "config.json"):
        assert (first / name).stat().st_ino == (second / name).stat().st_ino
        assert (second / name).stat().st_nlink == 3  # a, b and the cache
    assert np.array_equal(
        NumpyBertEncoder(second).encode(TEXTS[:1]), NumpyBertEncoder(first).encode(TEXTS[:1])
    )
    monkeypatch.delenv(MODEL_CACHE_ENV)
    own = export_light_model(tmp_path / "c")
    assert (own / "weights.npz").stat().st_nlink == 1
    assert (own / "weights.npz").read_bytes() == (first / "weights.npz").read_bytes()


def test_query_path_does_not_import_torch(kb_index: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from ingest.reader.retrieval import HybridRetriever;"
        f"r = HybridRetriever.open(Path({str(kb_index)!r})); r.warm();"
        "print(r.retrieve('做特效有补贴吗').hits[0].chunk.measure);"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["digital-services", "False", "False"]


def test_langchain_embeddings_adapter(tmp_path: Path) -> None:
    embeddings = EncoderEmbeddings(NumpyBertEncoder(export_light_model(tmp_path)))
    docs = embeddings.embed_documents(TEXTS[:2])
    query = embeddings.embed_query(TEXTS[0])
    assert len(docs) == 2 and len(query) == 512
    assert abs(sum(a * b for a, b in zip(docs[0], query, strict=True)) - 1.0) < 1e-4


def test_chroma_embedding_function_stores_a_name_not_a_path() -> None:
    from ingest.store import embedding_function

    ef = embedding_function(None, "m3e-small")
    assert ef.name() == "policybot-encoder"
    assert ef.get_config() == {"model": "m3e-small"}
    assert not ef.is_legacy()
