"""Check-time encoding with ONNX Runtime: the model exported once into the cache, so checking loads no torch.

Importing torch and sentence-transformers costs 3.5-10 s and 250-350 MiB before one text is encoded; a check of new
claims against an indexed corpus encodes only the claims and the windows it judges, so that import was most of
its start-up. `OnnxEmbedder` exports the model's transformer to ONNX the first time it is needed (torch and onnx
are imported for that once), checks the export against the model on a probe of general sentences (cosine ≥
`MIN_AGREEMENT` each), keeps it in the cache as a checksummed entry, and from then on encodes with ONNX Runtime
and the model's own `tokenizer.json`: same tokens, same padding recipe, mean pooling, unit length. Indexing stays
on torch (`index/encoding.py`: its jobs run on workers and Ray nodes that share no cache).
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..embed import ENCODER_VARIABLE, PAD_TO, Embedder, available, supported, usable

if TYPE_CHECKING:
    import numpy as np

    from ..bytestore import ByteStore

EXPORT_SCHEME = "onnx-export-1"  # part of the export's cache key: how the graph is made (inputs, outputs, opset)
OPSET = 17
MIN_AGREEMENT = 0.999  # least cosine between the export's vector and the model's, on every probe sentence
# Padded tokens per run (`embed.TOKENS_PER_BATCH` is torch's). ONNX Runtime's arena keeps the largest run's activations for
# the life of the process, and attention grows with length squared: a run of 16 texts of 256 tokens held 257 MiB, of 2 such
# texts 29 MiB; the windows of a 100-claim check took 3% more CPU than at 4096 tokens. A vector is a function of its text
# alone, whatever its batch (`embed.PAD_TO`).
RUN_TOKENS = 512
# General sentences of varied length and shape the export must agree with the model on before it is kept.
PROBE = (
    "Yes.",
    "The meeting was moved to Thursday afternoon.",
    "Revenue rose 4% to $1.2 billion in the year to March, helped by higher prices.",
    "She said the bridge would not reopen before the end of 2026, whatever the council decided.",
    "Passengers were told to expect delays of up to 40 minutes on the northern line until further notice.",
    " ".join(["A long sentence keeps going, clause after clause, until the model's limit cuts it short."] * 30),
    "Numbers such as 3.14, 1,000,000 and 12% sit beside names like Zürich, São Paulo and O'Brien.",
    "It isn't what we expected — not at all.",
)


def check_time_embedder(embedder: Embedder, store: ByteStore) -> Embedder | OnnxEmbedder:
    """The encoder for claims and judged windows: ONNX Runtime when it can reproduce the model and a cache keeps its export."""
    return OnnxEmbedder(embedder, store) if store.directory is not None and usable(embedder.path) else embedder


def max_length(path: Path) -> int:
    """The model's token limit (sentence-transformers' `max_seq_length`), else 512."""
    try:
        value = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8")).get("max_seq_length")
    except (OSError, ValueError, AttributeError):
        value = None
    return int(value) if isinstance(value, int) and value > 0 else 512


def export(path: Path) -> bytes:
    """The model's transformer as ONNX bytes: token ids and attention mask in, the last hidden states out (torch and onnx imported here)."""
    from ..embed import offline_environment

    offline_environment()  # before transformers is imported: no hub, no loading chatter
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # "Loading weights" on stderr, even when transformers was imported before
    model = AutoModel.from_pretrained(str(path)).eval()

    class HiddenStates(torch.nn.Module):
        """The transformer's last hidden states, token types left at their default (one segment)."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    # Traced on a padded batch: the tracer keeps the branch its example takes, and an unpadded one may take the branch
    # that drops the attention mask ("every token is real").
    ids = torch.full((2, 8), 100, dtype=torch.long)
    mask = torch.ones((2, 8), dtype=torch.long)
    mask[1, 5:] = 0
    axes = {0: "batch", 1: "tokens"}
    with tempfile.TemporaryDirectory(prefix="claimcheck-onnx-") as folder, torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's warnings about Python values in the model's code: the probe is the check
        target = Path(folder) / "model.onnx"
        torch.onnx.export(
            HiddenStates().eval(),
            (ids, mask),
            target,
            input_names=["input_ids", "attention_mask"],
            output_names=["hidden"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "hidden": axes},
            opset_version=OPSET,
            dynamo=False,
        )
        return target.read_bytes()


class OnnxEmbedder:
    """`Embedder`'s interface on ONNX Runtime; the export is made, checked and cached on first use."""

    def __init__(self, embedder: Embedder, store: ByteStore, warn: Callable[[str], None] | None = None) -> None:
        self.base = embedder
        self.path = embedder.path
        self.store = store
        self.warn = warn or store.warn
        # Its own cache identity: vectors agree with torch's to ~1e-7 but not bit for bit, and a cache never mixes the two.
        self.id = f"{embedder.id}-onnx"
        self._lock = threading.Lock()  # one export or load at a time
        self._runtime: tuple[Any, Any, int] | None = None
        self._fallback = False

    @property
    def dimension(self) -> int:
        """The model's vector length."""
        return self.base.dimension

    def encode(self, texts: list[str]) -> np.ndarray:
        """Normalised float32 rows, one per text, padded and batched as `embed.encode_padded` does."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        runtime = self._load()
        return self.base.encode(texts) if runtime is None else _encode(runtime, texts, self.dimension)

    def prepare(self) -> None:
        """Make the export now unless the cache has it (`claimcheck index` does, so the first check after it starts fast)."""
        if self.base.id not in _RUNTIMES and not self.store.path(self._key).is_file():
            self._load()

    @property
    def _key(self) -> dict[str, str]:
        """The export's cache key."""
        return {"kind": "onnx-model", "model": self.base.id, "scheme": EXPORT_SCHEME}

    def _load(self) -> tuple[Any, Any, int] | None:
        """The session, tokenizer and token limit; None (torch then encodes) when the export cannot be made or disagrees."""
        with self._lock:
            if self._runtime is None and not self._fallback:
                self._runtime = self._open()
                self._fallback = self._runtime is None
            return self._runtime

    def _open(self) -> tuple[Any, Any, int] | None:
        """The runtime: this process's, the cache's export, or a new export once it agrees with the model."""
        key = self._key
        if self.base.id in _RUNTIMES:  # a checker made again for changed sources (watch mode) keeps the session
            return _RUNTIMES[self.base.id]
        found = self.store.get_bytes(key)
        model = found[1] if found is not None else None
        if model is None:
            try:
                model = export(self.path)
            except Exception as exc:  # an exporter that fails on this model: torch encodes, as before
                self.warn(
                    f"{self.path}: cannot export the embedding model to ONNX ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); encoding with torch"
                )
                return None
        try:
            runtime = _runtime(model, self.path)
        except Exception as exc:  # an export this ONNX Runtime cannot load (made by another version): torch encodes
            self.warn(
                f"{self.path}: ONNX Runtime cannot load the exported model ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); encoding with torch"
            )
            return None
        if found is None:
            import numpy as np

            agreement = float(np.min(np.sum(_encode(runtime, PROBE, self.dimension) * self.base.encode(list(PROBE)), axis=1)))
            if agreement < MIN_AGREEMENT:
                self.warn(f"{self.path}: the ONNX export disagrees with the model (cosine {agreement:.4f}); encoding with torch")
                return None
            self.store.put_bytes(key, model, {"agreement": round(agreement, 6)})
        _RUNTIMES[self.base.id] = runtime
        return runtime


def _runtime(model: bytes, path: Path) -> tuple[Any, Any, int]:
    """An ONNX Runtime session on the model bytes, the model's fast tokenizer truncating at its limit, and that limit."""
    import onnxruntime
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # errors only: no warnings about unused initialisers on stderr
    session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    # The Python wrapper keeps the model's bytes (87 MiB here) for the session's life only to rebuild it when a run falls
    # back to another execution provider; a CPU-only session has none to fall back to, and the native session holds its
    # own weights. So fallback is off and the copy dropped. `_model_bytes` is private (onnxruntime 1.32): a version
    # without it keeps its copy and works as before.
    session.disable_fallback()
    if hasattr(session, "_model_bytes"):
        session._model_bytes = None
    # Parsing the model left its copies of the weights freed in the C heap (~35 MiB at 87 MiB of model): given back now.
    from .. import heap

    heap.release()
    limit = max_length(path)
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=limit)
    return session, tokenizer, limit


_RUNTIMES: dict[str, tuple[Any, Any, int]] = {}  # model id → its loaded runtime, for this process

# A fast tokenizer keeps its truncation setting on itself, and two threads may encode at once.
_TOKENIZING = threading.Lock()


def _encode(runtime: tuple[Any, Any, int], texts: Sequence[str], dimension: int) -> np.ndarray:
    """Each text's unit vector: its tokens padded to a multiple of `PAD_TO`, batched with texts of that length, mean-pooled."""
    import numpy as np

    session, tokenizer, limit = runtime
    with _TOKENIZING:
        encodings = tokenizer.encode_batch(list(texts))
    padded = [min(limit, -(-len(e.ids) // PAD_TO) * PAD_TO) for e in encodings]
    rows = np.zeros((len(texts), dimension), dtype=np.float32)
    for length in sorted(set(padded)):
        chosen = [n for n, value in enumerate(padded) if value == length]
        step = max(1, RUN_TOKENS // length)
        for start in range(0, len(chosen), step):
            batch = chosen[start : start + step]
            ids = np.zeros((len(batch), length), dtype=np.int64)
            mask = np.zeros((len(batch), length), dtype=np.int64)
            for row, n in enumerate(batch):
                count = min(len(encodings[n].ids), length)
                ids[row, :count] = encodings[n].ids[:count]
                mask[row, :count] = 1
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            rows[batch] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return rows


__all__: Sequence[str] = ["ENCODER_VARIABLE", "OnnxEmbedder", "available", "check_time_embedder", "export", "supported", "usable"]
