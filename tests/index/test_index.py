"""The embedding cache: damaged, foreign, unwritable and concurrently written entries never break a run."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from claimcheck import index as index_module
from claimcheck.index import CACHE_FORMAT, ByteStore, EmbeddingCache, Index, build_index
from claimcheck.sources import Corpus, load_corpus
from claimcheck.text import normalise

SOURCES = {
    "a.txt": "In 2014, Palantir won a $41 million contract from ICE. The agency did not respond.\n",
    "b.md": "# Cloud\n\nPalantir pays Amazon about $600,000 a month. Microsoft has 150 authorizations.\n",
}


@pytest.fixture(scope="module")
def model(embedder):  # type: ignore[no-untyped-def]
    """The session's model on one thread (tiny batches are far faster so on a busy machine), restored after."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    embedder.encode(["warm up"])
    yield embedder
    torch.set_num_threads(threads)


class Counting:
    """An embedder that counts the texts it is asked to encode."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.id = inner.id
        self.texts: list[str] = []
        self.lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        with self.lock:
            self.texts.extend(texts)
        return self.inner.encode(texts)

    @property
    def dimension(self) -> int:
        return self.inner.dimension


class Warnings(list):
    def __call__(self, message: str) -> None:
        self.append(message)


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    for name, text in SOURCES.items():
        (tmp_path / "src").mkdir(exist_ok=True)
        (tmp_path / "src" / name).write_text(text, encoding="utf-8")
    return load_corpus([tmp_path / "src"], warn=Warnings())


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"v{CACHE_FORMAT}/vectors/*/*.entry"))


def build(corpus: Corpus, model, cache: Path | None, warnings: Warnings | None = None) -> tuple[Index, Counting]:  # type: ignore[no-untyped-def]
    counting = Counting(model)
    result = build_index(corpus, counting, cache_dir=cache, warn=warnings if warnings is not None else Warnings())  # type: ignore[arg-type]
    return result, counting


def passage_texts(counting: Counting) -> list[str]:
    """The passage texts that were encoded."""
    return list(counting.texts)


def test_a_warm_cache_encodes_nothing_and_gives_the_same_vectors(corpus: Corpus, model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cold, first = build(corpus, model, tmp_path / "cache")
    assert len(entries(tmp_path / "cache")) == len(corpus.documents) == 2
    # Sentences are encoded, repeated texts once; a window's row is derived from its sentences' (see test_windows.py).
    sentences = {normalise(p.text) for p in corpus.passages if p.sentence_count == 1}
    assert sorted(passage_texts(first)) == sorted(sentences)
    warnings = Warnings()
    warm, second = build(corpus, model, tmp_path / "cache", warnings)
    assert passage_texts(second) == [] and warnings == []
    assert np.array_equal(cold.vectors, warm.vectors)
    assert cold.vectors.shape == (len(corpus.passages), 384) and cold.vectors.dtype == np.float32


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip(offset_from_end: int) -> Callable[[Path], None]:
    """Flip one bit of the byte `offset_from_end` bytes before the checksum (inside the payload)."""

    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[-32 - offset_from_end] ^= 0x10
        path.write_bytes(bytes(data))

    return damage


def _zero_payload(path: Path) -> None:
    data = path.read_bytes()
    half = len(data) // 2
    path.write_bytes(data[:half] + bytes(len(data) - 32 - half) + data[-32:])


def _rewrite(path: Path, change: Callable[[dict, bytes], tuple[dict, bytes]]) -> None:
    """Rewrite an entry with a valid checksum but changed header or payload (what a bug or another version could leave)."""
    data = path.read_bytes()
    (length,) = struct.unpack_from("<I", data, 8)
    header = json.loads(data[12 : 12 + length])
    header, payload = change(header, data[12 + length : -32])
    header["size"] = len(payload)
    head = json.dumps(header, sort_keys=True).encode()
    body = data[:8] + struct.pack("<I", len(head)) + head + payload
    path.write_bytes(body + hashlib.sha256(body).digest())


def _other_content(header: dict, payload: bytes) -> tuple[dict, bytes]:
    header["key"]["content"] = "0" * 64  # another document's vectors filed under this one's name
    return header, payload


def _other_model(header: dict, payload: bytes) -> tuple[dict, bytes]:
    header["key"]["model"] = "other-model-0123456789abcdef"
    return header, payload


def _fewer_rows(header: dict, payload: bytes) -> tuple[dict, bytes]:
    rows, width = header["meta"]["shape"]
    header["meta"]["shape"] = [rows - 1, width]
    return header, payload[: (rows - 1) * width * 4]


def _wider(header: dict, payload: bytes) -> tuple[dict, bytes]:
    rows, width = header["meta"]["shape"]
    header["meta"]["shape"] = [rows, width * 2]
    return header, payload * 2


def _float64(header: dict, payload: bytes) -> tuple[dict, bytes]:
    header["meta"]["dtype"] = "<f8"
    return header, np.frombuffer(payload, dtype="<f4").astype("<f8").tobytes()


def _nan(header: dict, payload: bytes) -> tuple[dict, bytes]:
    return header, np.full(len(payload) // 4, np.nan, dtype="<f4").tobytes()


def _link(path: Path) -> None:
    target = path.with_name("elsewhere")
    path.rename(target)
    path.symlink_to(target)


@pytest.mark.parametrize(
    ("damage", "warning"),
    [
        (_truncate, "damaged cache entry; rebuilding it"),
        (lambda path: path.write_bytes(b""), "damaged cache entry; rebuilding it"),
        (lambda path: path.write_bytes(b"CLAIMCHK\xff\xff\xff\xff{"), "damaged cache entry; rebuilding it"),
        (lambda path: path.write_bytes(bytes(range(256)) * 8), "damaged cache entry; rebuilding it"),
        (_flip(1), "damaged cache entry; rebuilding it"),
        (_flip(700), "damaged cache entry; rebuilding it"),
        (_zero_payload, "damaged cache entry; rebuilding it"),
        (lambda path: path.write_bytes(path.read_bytes()[:-1]), "damaged cache entry; rebuilding it"),
        (_link, "damaged cache entry; rebuilding it"),
        (lambda path: _rewrite(path, _other_content), "cache entry does not match; rebuilding it"),
        (lambda path: _rewrite(path, _other_model), "cache entry does not match; rebuilding it"),
        (lambda path: _rewrite(path, _fewer_rows), "cache entry does not match; rebuilding it"),
        (lambda path: _rewrite(path, _wider), "cache entry does not match; rebuilding it"),
        (lambda path: _rewrite(path, _float64), "cache entry does not match; rebuilding it"),
        (lambda path: _rewrite(path, _nan), "cache entry does not match; rebuilding it"),
    ],
    ids=[
        "truncated",
        "empty",
        "garbage-header",
        "random-bytes",
        "payload-bit-flipped",
        "payload-bit-flipped-early",
        "payload-zeroed",
        "checksum-cut",
        "planted-link",
        "another-documents-key",
        "another-models-key",
        "wrong-rows",
        "another-model-dimension",
        "float64",
        "nan",
    ],
)
def test_a_damaged_or_foreign_entry_is_rebuilt_with_a_warning(corpus: Corpus, model, tmp_path: Path, damage, warning: str) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    fresh, _ = build(corpus, model, cache)
    victim = entries(cache)[0]
    damage(victim)
    warnings = Warnings()
    rebuilt, counting = build(corpus, model, cache, warnings)
    assert warnings == [f"{victim}: {warning}"]
    assert passage_texts(counting)  # the damaged document was encoded again
    assert np.array_equal(rebuilt.vectors, fresh.vectors)  # per-document encoding: the very same bits
    assert not victim.is_symlink()
    warnings = Warnings()
    again, counting = build(corpus, model, cache, warnings)  # and its entry was written back whole
    assert warnings == [] and passage_texts(counting) == [] and np.array_equal(again.vectors, fresh.vectors)
    assert list(victim.parent.glob("*.tmp")) == []


def test_entries_of_another_model_are_never_read(corpus: Corpus, model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    foreign = EmbeddingCache(cache, Warnings())
    for document in corpus.documents:
        foreign.put("other-model-0123456789abcdef", document.sha256, np.ones((3, 768), dtype=np.float32))
    warnings = Warnings()
    built, counting = build(corpus, model, cache, warnings)
    assert warnings == [] and len(passage_texts(counting)) > 0
    assert built.vectors.shape == (len(corpus.passages), 384)


def test_the_byte_store_round_trips_any_kind_and_checks_the_key(tmp_path: Path) -> None:
    warnings = Warnings()
    store = ByteStore(tmp_path / "cache", warnings)
    key = {"kind": "parses", "model": "m", "content": "c" * 64}
    assert store.get_bytes(key) is None
    store.put_bytes(key, b"\x00payload\xff", {"version": 3})
    assert store.get_bytes(key) == ({"version": 3}, b"\x00payload\xff")
    assert store.get_bytes({**key, "content": "d" * 64}) is None  # another key, another file
    assert store.path(key).parent.parent.name == "parses" and warnings == []


def test_an_unreadable_cache_folder_costs_one_warning_and_the_run_goes_on(corpus: Corpus, model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    fresh, _ = build(corpus, model, cache)
    original = os.open

    def unreadable(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path).startswith(str(cache)):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return original(path, flags, *args, **kwargs)

    # Root reads a chmod-000 folder, so the refusal is simulated at the one call that opens entries.
    monkeypatch.setattr(index_module.os, "open", unreadable)
    warnings = Warnings()
    built, counting = build(corpus, model, cache, warnings)
    assert warnings == [f"{cache}: cache not readable (Permission denied); continuing without it"]
    assert np.array_equal(built.vectors, fresh.vectors) and passage_texts(counting)


def test_a_cache_folder_that_is_a_file_costs_one_warning(corpus: Corpus, model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    warnings = Warnings()
    built, _ = build(corpus, model, blocker, warnings)
    assert len(warnings) == 1 and warnings[0].startswith(f"{blocker}: cache not writable") and "continuing without it" in warnings[0]
    assert built.vectors.shape[0] == len(corpus.passages)


def test_a_read_only_cache_folder_costs_one_warning_and_still_serves_reads(corpus: Corpus, model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    build(corpus, model, cache)
    (tmp_path / "src" / "c.txt").write_text("A third source about contracts and clouds.\n", encoding="utf-8")
    bigger = load_corpus([tmp_path / "src"], warn=Warnings())

    original = os.open

    def read_only(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return original(path, flags, *args, **kwargs)

    # Root writes into a chmod-555 folder, so the refusal is simulated where the cache writes.
    monkeypatch.setattr(index_module.os, "open", read_only)
    warnings = Warnings()
    built, counting = build(bigger, model, cache, warnings)
    assert warnings == [f"{cache}: cache not writable (Permission denied); continuing without it"]
    assert set(passage_texts(counting)) == {p.text for p in bigger.passages if p.source == "c.txt"}  # the others came from the cache
    assert built.vectors.shape[0] == len(bigger.passages)


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0, reason="root (or Windows) ignores folder permissions")
def test_a_chmod_read_only_cache_folder(corpus: Corpus, model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        warnings = Warnings()
        built, _ = build(corpus, model, cache, warnings)
        assert len(warnings) == 1 and "cache not writable" in warnings[0]
        assert built.vectors.shape[0] == len(corpus.passages)
    finally:
        cache.chmod(0o755)


def test_a_failed_write_leaves_no_half_written_file(corpus: Corpus, model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def disk_full(descriptor: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index_module.os, "write", disk_full)  # the file is created, the disk refuses its bytes
    warnings = Warnings()
    built, _ = build(corpus, model, tmp_path / "cache", warnings)
    assert warnings == [f"{tmp_path / 'cache'}: cache not writable (No space left on device); continuing without it"]
    assert list((tmp_path / "cache").rglob("*.tmp")) == [] and entries(tmp_path / "cache") == []
    assert built.vectors.shape[0] == len(corpus.passages)


def test_concurrent_builds_of_the_same_index_agree(corpus: Corpus, model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    results: list[np.ndarray] = []
    warnings = Warnings()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for _ in range(3):
                results.append(build_index(corpus, model, cache_dir=cache, warn=warnings).vectors)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and warnings == [] and len(results) == 12
    assert all(np.array_equal(r, results[0]) for r in results)
    assert len(entries(cache)) == 2 and list(cache.rglob("*.tmp")) == []


_HAMMER = """
import sys
import numpy as np
from pathlib import Path
from claimcheck.index import EmbeddingCache

warnings = []
cache = EmbeddingCache(Path(sys.argv[1]), warnings.append)
value = float(sys.argv[2])
bad = 0
for _ in range(200):
    cache.put("model", "d" * 64, np.full((40, 384), value, dtype=np.float32))
    got = cache.get("model", "d" * 64, 40, 384)
    if got is None or got.shape != (40, 384) or not (got == got[0, 0]).all() or got[0, 0] not in (1.0, 2.0):
        bad += 1
print(bad, len(warnings))
"""


def test_concurrent_processes_writing_one_entry_never_read_a_torn_file(tmp_path: Path) -> None:
    """Two processes write and read the same entry as fast as they can: every read is one whole write."""
    runs = [
        subprocess.Popen([sys.executable, "-c", _HAMMER, str(tmp_path / "cache"), value], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for value in ("1", "2")
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert out.split() == ["0", "0"], (out, err)
    assert list((tmp_path / "cache").rglob("*.tmp")) == []


def test_threads_writing_one_entry_never_read_a_torn_file(tmp_path: Path) -> None:
    warnings = Warnings()
    cache = EmbeddingCache(tmp_path / "cache", warnings)
    bad: list[int] = []

    def hammer(value: float) -> None:
        for _ in range(150):
            cache.put("model", "e" * 64, np.full((40, 384), value, dtype=np.float32))
            got = cache.get("model", "e" * 64, 40, 384)
            if got is None or not (got == got[0, 0]).all() or got[0, 0] not in (1.0, 2.0, 3.0, 4.0):
                bad.append(1)

    threads = [threading.Thread(target=hammer, args=(float(v),)) for v in (1, 2, 3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert bad == [] and warnings == []


def test_no_cache_reads_and_writes_nothing(corpus: Corpus, model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    counting = Counting(model)
    build_index(corpus, counting, cache_dir=tmp_path / "cache", use_cache=False, warn=Warnings())  # type: ignore[arg-type]
    assert not (tmp_path / "cache").exists()


def test_a_documents_vectors_do_not_depend_on_what_was_encoded_with_it(corpus: Corpus, model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An index built in two steps (as after an interrupted run) holds the very bits of one built at once."""
    at_once = build_index(corpus, model, use_cache=False)
    name = corpus.documents[0].path
    first = Corpus(documents=corpus.documents[:1], passages=[p for p in corpus.passages if p.source == name])
    build(first, model, tmp_path / "cache")
    resumed, counting = build(corpus, model, tmp_path / "cache")
    assert set(passage_texts(counting)) == {normalise(p.text) for p in corpus.passages if p.source != name and p.sentence_count == 1}
    assert np.array_equal(resumed.vectors, at_once.vectors)


def test_encoding_through_an_executor_gives_the_same_vectors(corpus: Corpus, model) -> None:  # type: ignore[no-untyped-def]
    """`encode_job`s of up to `JOB_TEXTS` texts, mapped by an executor with this process's thread count: the rows of the direct path."""
    import torch

    from claimcheck.index import LocalExecutor

    direct = build_index(corpus, model, use_cache=False)
    mapped = build_index(corpus, model, use_cache=False, executor=LocalExecutor(), threads=torch.get_num_threads())
    assert mapped.encoded == direct.encoded == len(corpus.passages)
    assert np.array_equal(mapped.vectors, direct.vectors)


def test_a_texts_vector_is_the_same_alone_and_in_any_batch(model) -> None:  # type: ignore[no-untyped-def]
    """Each text is padded to its own length, never to its batch's: documents can share batches without changing a bit."""
    texts = [
        "The ferry leaves at noon.",
        "A much longer sentence about the harbour master's annual report on tides, cargo tonnage and the new breakwater.",
        "Rain.",
        "The council voted to close the old bridge to lorries from March.",
    ]
    together = model.encode(texts)
    assert together.shape == (4, model.dimension)
    for n, text in enumerate(texts):
        assert np.array_equal(model.encode([text])[0], together[n])
    assert np.array_equal(model.encode(texts[::-1])[::-1], together)
    norms = np.linalg.norm(together, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5)


def test_padded_encoding_agrees_with_sentence_transformers(model) -> None:  # type: ignore[no-untyped-def]
    """The recipe changes padding only: every vector is the library's own to cosine 0.99999."""
    from claimcheck.embed import _load

    texts = ["Short one.", "Another sentence, somewhat longer than the first, with a clause.", "Third: a list of three items, all short."]
    ours = model.encode(texts)
    theirs = _load(str(model.path)).encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    assert float(np.min(np.einsum("ij,ij->i", ours, theirs))) > 0.99999
