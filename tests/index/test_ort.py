"""Check-time encoding on ONNX Runtime (`index/ort.py`): agreement with the model, the cached export, the fallbacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from claimcheck.bytestore import ByteStore
from claimcheck.embed import Embedder
from claimcheck.index import ort

TEXTS = [
    "The council approved the budget on Tuesday by seven votes to two.",
    "Shares fell 12% after the company cut its forecast for the third time this year.",
    "No.",
    "The library will stay open until 9 pm on weekdays from 1 March, a spokeswoman said.",
    " ".join(["Clause after clause, the sentence runs on past the model's limit."] * 40),
]


@pytest.fixture()
def fresh_runtimes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget this process's loaded sessions, so a test sees the cache or the exporter at work."""
    monkeypatch.setattr(ort, "_RUNTIMES", {})


def test_the_bundled_model_is_reproduced(embedder: Embedder, tmp_path: Path, fresh_runtimes: None) -> None:
    said: list[str] = []
    encoder = ort.check_time_embedder(embedder, ByteStore(tmp_path, said.append))
    assert isinstance(encoder, ort.OnnxEmbedder) and encoder.id == f"{embedder.id}-onnx"
    vectors = encoder.encode(TEXTS)
    expected = embedder.encode(TEXTS)
    assert vectors.shape == expected.shape and vectors.dtype == np.float32
    assert np.min(np.sum(vectors * expected, axis=1)) >= 0.9999
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert not said
    # Each text's vector is its own: the same in any batch.
    assert np.allclose(encoder.encode(TEXTS[1:2])[0], vectors[1], atol=1e-6)


def test_the_session_keeps_no_second_copy_of_the_model(embedder: Embedder, tmp_path: Path, fresh_runtimes: None) -> None:
    encoder = ort.OnnxEmbedder(embedder, ByteStore(tmp_path, print))
    runtime = encoder._load()
    assert runtime is not None and getattr(runtime[0], "_model_bytes", None) is None  # the Python wrapper's copy dropped
    assert np.min(np.sum(encoder.encode(TEXTS) * embedder.encode(TEXTS), axis=1)) >= 0.9999  # the session still encodes


def test_runs_capped_at_run_tokens_give_the_vectors_of_one_run_per_length(
    embedder: Embedder, tmp_path: Path, fresh_runtimes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = ort.OnnxEmbedder(embedder, ByteStore(tmp_path, print))._load()
    assert runtime is not None
    session, tokenizer, limit = runtime
    shapes: list[tuple[int, int]] = []

    class Recording:
        """The session, recording the (texts, tokens) shape of every run."""

        def run(self, names: object, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
            shapes.append(feed["input_ids"].shape)
            return session.run(names, feed)  # type: ignore[no-any-return]

    texts = [f"{TEXTS[n % 2]} It was item {n}." for n in range(40)] + TEXTS[2:]
    capped = ort._encode((Recording(), tokenizer, limit), texts, embedder.dimension)
    assert len(shapes) > len({tokens for _, tokens in shapes})  # some length took more than one run
    assert all(rows * tokens <= ort.RUN_TOKENS or rows == 1 for rows, tokens in shapes)
    monkeypatch.setattr(ort, "RUN_TOKENS", 1 << 30)
    shapes.clear()
    whole = ort._encode((Recording(), tokenizer, limit), texts, embedder.dimension)
    assert len(shapes) == len({tokens for _, tokens in shapes})  # one run per padded length
    assert np.allclose(capped, whole, rtol=0, atol=1e-6)


def test_the_export_is_kept_in_the_cache_and_reused(embedder: Embedder, tmp_path: Path, fresh_runtimes: None, monkeypatch: pytest.MonkeyPatch) -> None:
    first = ort.OnnxEmbedder(embedder, ByteStore(tmp_path, print)).encode(TEXTS[:2])
    assert list((tmp_path / "v2" / "onnx-model").rglob("*.entry"))
    monkeypatch.setattr(ort, "_RUNTIMES", {})

    def no_export(path: Path) -> bytes:
        raise AssertionError("exported again")

    monkeypatch.setattr(ort, "export", no_export)
    again = ort.OnnxEmbedder(embedder, ByteStore(tmp_path, print)).encode(TEXTS[:2])
    assert np.array_equal(first, again)


def test_an_export_that_fails_leaves_encoding_to_torch(embedder: Embedder, tmp_path: Path, fresh_runtimes: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path) -> bytes:
        raise RuntimeError("unsupported operator")

    monkeypatch.setattr(ort, "export", broken)
    said: list[str] = []
    encoder = ort.OnnxEmbedder(embedder, ByteStore(tmp_path, said.append))
    assert np.array_equal(encoder.encode(TEXTS[:2]), embedder.encode(TEXTS[:2]))
    assert len(said) == 1 and "cannot export the embedding model to ONNX (unsupported operator)" in said[0]
    encoder.encode(TEXTS[:1])
    assert len(said) == 1  # said once, not on every encode
    assert not (tmp_path / "v2" / "onnx-model").exists()


def test_an_export_that_disagrees_with_the_model_is_not_kept(embedder: Embedder, tmp_path: Path, fresh_runtimes: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ort, "MIN_AGREEMENT", 1.5)  # no export can reach it
    said: list[str] = []
    encoder = ort.OnnxEmbedder(embedder, ByteStore(tmp_path, said.append))
    assert np.array_equal(encoder.encode(TEXTS[:1]), embedder.encode(TEXTS[:1]))
    assert len(said) == 1 and "disagrees with the model" in said[0]
    assert not (tmp_path / "v2" / "onnx-model").exists()


def test_torch_encodes_without_a_cache_or_when_asked(embedder: Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ort.check_time_embedder(embedder, ByteStore(None, print)) is embedder  # nowhere to keep the export
    monkeypatch.setenv(ort.ENCODER_VARIABLE, "torch")
    assert ort.check_time_embedder(embedder, ByteStore(tmp_path, print)) is embedder


def test_only_mean_pooled_normalised_transformers_are_reproduced(embedder: Embedder, tmp_path: Path) -> None:
    assert ort.supported(embedder.path)
    model = tmp_path / "model"
    shutil.copytree(embedder.path, model, ignore=shutil.ignore_patterns("*.safetensors", "*.bin"))
    pooling = json.loads((model / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    (model / "1_Pooling" / "config.json").write_text(
        json.dumps(pooling | {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}), encoding="utf-8"
    )
    assert not ort.supported(model)  # CLS pooling: another recipe
    modules = json.loads((embedder.path / "modules.json").read_text(encoding="utf-8"))
    (model / "modules.json").write_text(json.dumps(modules[:2]), encoding="utf-8")
    assert not ort.supported(model)  # vectors not normalised
    assert not ort.supported(tmp_path / "nowhere")


def test_a_token_limit_comes_from_the_model_folder(embedder: Embedder, tmp_path: Path) -> None:
    assert ort.max_length(embedder.path) == json.loads((embedder.path / "sentence_bert_config.json").read_text(encoding="utf-8"))["max_seq_length"]
    assert ort.max_length(tmp_path) == 512


def test_indexing_prepares_the_export_for_later_checks(tmp_path: Path, fresh_runtimes: None) -> None:
    from claimcheck.api import Checker

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "note.md").write_text("The ferry leaves at noon.\n", encoding="utf-8")
    checker = Checker(sources, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache" / "v2" / "onnx-model").exists()  # indexing encodes on torch; nothing exported yet
    checker.prepare_checking()
    assert len(list((tmp_path / "cache" / "v2" / "onnx-model").rglob("*.entry"))) == 1


def test_an_export_the_runtime_cannot_load_leaves_encoding_to_torch(
    embedder: Embedder, tmp_path: Path, fresh_runtimes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ort, "export", lambda path: b"not an onnx model")
    said: list[str] = []
    encoder = ort.OnnxEmbedder(embedder, ByteStore(tmp_path, said.append))
    assert np.array_equal(encoder.encode(TEXTS[:1]), embedder.encode(TEXTS[:1]))
    assert len(said) == 1 and "ONNX Runtime cannot load the exported model" in said[0]
