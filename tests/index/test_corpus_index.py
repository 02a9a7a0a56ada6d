"""The persistent corpus index: opened as it is when nothing changed, updated by the rows that did, never trusted when damaged."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimcheck.api import Checker
from claimcheck.index.corpus import FILES, MANIFEST, Generation, corpus_key, file_sha256, index_folder
from claimcheck.index.lexical import LexicalIndex
from claimcheck.names import known_names
from claimcheck.sources import ReadOptions, load_corpus

SOURCES = {
    "a.txt": "In 2014, Palantir won a $41 million contract from ICE. The agency did not respond.\n\nIt was renewed in 2019.\n",
    "b.md": "# Cloud\n\nPalantir pays Amazon about $600,000 a month. Microsoft has 150 authorizations.\n",
    "sub/c.txt": "The harbour authority approved a new ferry terminal on Tuesday. Officials said construction would begin next spring.\n",
}
CLAIMS = ["Palantir won a $41 million contract in 2014.", "The ferry terminal was approved on Tuesday.", "Amazon is paid $600,000 a month."]


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    _write(folder, SOURCES)
    return folder


def _checker(folder: Path, cache: Path, embedder) -> Checker:  # type: ignore[no-untyped-def]
    return Checker(folder, cache_dir=cache, embedder=embedder)


def _outcome(checker: Checker) -> list[tuple[str, list[tuple[str, int, int, str, float]]]]:
    return [
        (v.label.value, [(e.passage.source, e.passage.char_start, e.passage.char_end, e.stance.value, e.score) for e in v.evidence])
        for v in checker.check(CLAIMS)
    ]


def _folder(source: Path, cache: Path, embedder) -> Path:  # type: ignore[no-untyped-def]
    return index_folder(cache, corpus_key([source], embedder.id, ReadOptions()))


def _generation(source: Path, cache: Path, embedder) -> Path:  # type: ignore[no-untyped-def]
    folder = _folder(source, cache, embedder)
    return folder / json.loads((folder / MANIFEST).read_text())["generation"]


def test_a_warm_open_reads_splits_and_encodes_nothing_and_writes_no_new_generation(corpus_dir: Path, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    cold = _checker(corpus_dir, tmp_path / "cache", embedder)
    assert cold.index_report.documents_read == 3 and cold.index_report.passages_encoded == cold.index_report.passages > 0
    warm = _checker(corpus_dir, tmp_path / "cache", embedder)
    report = warm.index_report
    assert (report.documents, report.documents_reused, report.documents_read, report.documents_removed) == (3, 3, 0, 0)
    assert report.passages_reused == report.passages == cold.index_report.passages and report.passages_encoded == 0
    assert warm.index.generation == cold.index.generation != ""
    assert isinstance(warm.index.vectors, np.ndarray) and not warm.index.vectors.flags.writeable  # memory-mapped, read-only
    assert _outcome(warm) == _outcome(cold)


def test_the_opened_index_equals_one_built_from_scratch(corpus_dir: Path, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    _checker(corpus_dir, tmp_path / "cache", embedder)
    (corpus_dir / "d.txt").write_text("Ferry fares will rise by ten percent next year, the operator said.\n", encoding="utf-8")
    (corpus_dir / "b.md").unlink()
    warm = _checker(corpus_dir, tmp_path / "cache", embedder)
    fresh = load_corpus([corpus_dir])
    assert warm.corpus.passages == fresh.passages and warm.corpus.documents == fresh.documents
    assert [d.metadata for d in warm.corpus.documents] == [d.metadata for d in fresh.documents]
    lexical = LexicalIndex(fresh.passages)
    assert warm.lexical.idf == lexical.idf
    assert sorted(warm.lexical.postings) == sorted(lexical.postings)
    assert all(list(warm.lexical.postings[s]) == list(lexical.postings[s]) for s in lexical.postings)
    assert warm.names == known_names([p.text for p in fresh.passages if p.sentence_count == 1])
    uncached = Checker(corpus_dir, use_cache=False, embedder=embedder)
    assert np.array_equal(warm.index.vectors, uncached.index.vectors)
    assert _outcome(warm) == _outcome(uncached)
    # The lead-ins, follow-on sentences and speakers made per document on demand are the ones made for the whole corpus at once.
    from claimcheck.api import _surroundings

    every = _surroundings(fresh.passages)
    around = [(warm.lead_in(p), warm.follow_on(p), warm.section_lead_in(p), warm.speaker(p)) for p in warm.corpus.passages]
    assert around == [every.get(p.key, ("", "", "", "")) for p in warm.corpus.passages]


def test_adding_one_file_encodes_only_its_passages(corpus_dir: Path, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    first = _checker(corpus_dir, tmp_path / "cache", embedder)
    added = "The quokka population on the island has doubled since 2010. Tourists come to see them.\n"
    (corpus_dir / "sub" / "new.txt").write_text(added, encoding="utf-8")
    second = _checker(corpus_dir, tmp_path / "cache", embedder)
    own = [p for p in second.corpus.passages if p.source == "sub/new.txt"]
    report = second.index_report
    assert own and report.passages_encoded == len(own)
    assert (report.documents, report.documents_reused, report.documents_read) == (4, 3, 1)
    assert report.passages_reused == first.index_report.passages == report.passages - len(own)
    assert second.index.generation != first.index.generation


def test_a_changed_file_re_encodes_its_rows_and_a_removed_one_drops_them(corpus_dir: Path, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    _checker(corpus_dir, tmp_path / "cache", embedder)
    (corpus_dir / "a.txt").write_text("In 2015, Palantir lost a contract. The agency declined to comment.\n", encoding="utf-8")
    (corpus_dir / "sub" / "c.txt").unlink()
    changed = _checker(corpus_dir, tmp_path / "cache", embedder)
    report = changed.index_report
    own = [p for p in changed.corpus.passages if p.source == "a.txt"]
    assert (report.documents, report.documents_read, report.documents_removed, report.passages_encoded) == (2, 1, 1, len(own))
    assert not any(p.source == "sub/c.txt" for p in changed.corpus.passages)


def test_a_touched_file_is_read_again_but_not_split_or_encoded(corpus_dir: Path, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    _checker(corpus_dir, tmp_path / "cache", embedder)
    os.utime(corpus_dir / "a.txt", ns=(1_000_000_000, 1_000_000_000))
    touched = _checker(corpus_dir, tmp_path / "cache", embedder)
    report = touched.index_report
    assert (report.documents_read, report.passages_encoded, report.passages_reused) == (1, 0, report.passages)
    again = _checker(corpus_dir, tmp_path / "cache", embedder)  # the new signature was saved
    assert again.index_report.documents_read == 0


def test_a_reused_documents_reader_notes_and_metadata_overrides_still_apply(corpus_dir: Path, tmp_path: Path, embedder, capsys) -> None:  # type: ignore[no-untyped-def]
    (corpus_dir / "latin.txt").write_bytes("Caf\xe9 owners said the rent doubled in 2020.\n".encode("latin-1"))
    _checker(corpus_dir, tmp_path / "cache", embedder)
    cold = capsys.readouterr().err
    assert "latin.txt: not UTF-8" in cold
    _checker(corpus_dir, tmp_path / "cache", embedder)
    assert capsys.readouterr().err == cold  # the same warnings, though the file was not read
    (corpus_dir / "sources.yaml").write_text("a.txt:\n  outlet: The Harbour Gazette\n", encoding="utf-8")
    edited = _checker(corpus_dir, tmp_path / "cache", embedder)
    assert edited.corpus.document(str(corpus_dir), "a.txt").metadata.get("outlet") == "The Harbour Gazette"  # type: ignore[union-attr]
    assert edited.index_report.passages_encoded == 0


def _flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at % len(data)] ^= 0x01
    path.write_bytes(bytes(data))


def _retarget(manifest: Path, generation: str) -> None:
    record = json.loads(manifest.read_text())
    record["generation"] = generation
    manifest.write_text(json.dumps(record))


def _plant_link(generation: Path, manifest: Path, tmp: Path) -> None:
    victim = tmp / "elsewhere.bin"
    victim.write_bytes((generation / "postings.i32").read_bytes())
    (generation / "postings.i32").unlink()
    (generation / "postings.i32").symlink_to(victim)


DAMAGE = {
    "vectors-truncated": lambda g, m, tmp: (g / "vectors.f32").write_bytes((g / "vectors.f32").read_bytes()[:-100]),
    "postings-byte-flipped": lambda g, m, tmp: _flip(g / "postings.i32", 5),
    "names-byte-flipped": lambda g, m, tmp: _flip(g / "names.txt", 3),
    "documents-table-byte-flipped": lambda g, m, tmp: _flip(g / "documents.json", 40),
    "manifest-pointing-elsewhere": lambda g, m, tmp: _retarget(m, "../../elsewhere"),
    "manifest-naming-a-missing-generation": lambda g, m, tmp: _retarget(m, "g-" + "0" * 32),
    "manifest-truncated": lambda g, m, tmp: m.write_bytes(m.read_bytes()[:50]),
    "postings-a-planted-link": _plant_link,
    "generation-a-planted-link": lambda g, m, tmp: (os.rename(g, tmp / "moved"), g.symlink_to(tmp / "moved")),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_index_is_warned_about_once_and_rebuilt(damage: str, corpus_dir: Path, tmp_path: Path, embedder, capsys) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    clean = _outcome(_checker(corpus_dir, cache, embedder))
    capsys.readouterr()
    DAMAGE[damage](_generation(corpus_dir, cache, embedder), _folder(corpus_dir, cache, embedder) / MANIFEST, tmp_path)
    rebuilt = _checker(corpus_dir, cache, embedder)
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and warnings[0].endswith("damaged corpus index; rebuilding it"), warnings
    assert rebuilt.index_report.passages_encoded == 0  # the per-document embedding cache still holds the vectors
    assert _outcome(rebuilt) == clean
    again = _checker(corpus_dir, cache, embedder)
    assert not capsys.readouterr().err and again.index_report.documents_read == 0
    if damage == "postings-a-planted-link":
        assert (tmp_path / "elsewhere.bin").exists()  # nothing written or removed through the link


def test_an_index_of_another_corpus_is_not_trusted(corpus_dir: Path, tmp_path: Path, embedder, capsys) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    other = tmp_path / "other"
    _write(other, {"x.txt": "Something else entirely was said here.\n"})
    _checker(other, cache, embedder)
    clean = _outcome(_checker(corpus_dir, cache, embedder))
    capsys.readouterr()
    ours = _folder(corpus_dir, cache, embedder)
    theirs = _folder(other, cache, embedder)
    (ours / MANIFEST).write_bytes((theirs / MANIFEST).read_bytes())
    for generation in theirs.glob("g-*"):
        os.rename(generation, ours / generation.name)
    checker = _checker(corpus_dir, cache, embedder)
    assert capsys.readouterr().err.strip().endswith("corpus index does not match; rebuilding it")
    assert _outcome(checker) == clean


def test_every_file_is_in_the_manifest_and_verified(corpus_dir: Path, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    _checker(corpus_dir, tmp_path / "cache", embedder)
    folder = _folder(corpus_dir, tmp_path / "cache", embedder)
    manifest = json.loads((folder / MANIFEST).read_text())
    assert sorted(manifest["files"]) == sorted(FILES)
    assert sorted(p.name for p in (folder / manifest["generation"]).iterdir()) == sorted(FILES)
    generation = Generation(folder, corpus_key([corpus_dir], embedder.id, ReadOptions()))
    assert generation.vectors.dtype == np.float32 and generation.vectors.shape[0] == len(generation.passages)


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, 64 * 5, 64 * 5 + 17])
def test_an_index_file_read_in_chunks_has_the_digest_of_its_whole_bytes(size: int, tmp_path: Path) -> None:
    data = np.random.default_rng(size).integers(0, 256, size, dtype=np.uint8).tobytes()
    (tmp_path / "file.bin").write_bytes(data)
    descriptor = os.open(tmp_path / "file.bin", os.O_RDONLY)
    try:
        assert file_sha256(descriptor, size, chunk=64) == hashlib.sha256(data).hexdigest()  # none, one, several chunks and a part
        assert file_sha256(descriptor, size) == hashlib.sha256(data).hexdigest()
    finally:
        os.close(descriptor)


def test_two_processes_updating_one_index_at_once_leave_it_whole(corpus_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    script = (
        "import sys\nfrom claimcheck.api import Checker\n"
        "c = Checker(sys.argv[1], cache_dir=sys.argv[2])\n"
        "print(c.index_report.passages, len(c.check(['Palantir won a contract.'])))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(corpus_dir), str(cache)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)
    ]
    results = [run.communicate(timeout=600) for run in runs]
    assert all(run.returncode == 0 for run in runs), [r[1] for r in results]
    assert all(not err for _, err in results), [r[1] for r in results]
    assert len({out for out, _ in results}) == 1
    after = subprocess.run([sys.executable, "-c", script, str(corpus_dir), str(cache)], capture_output=True, env=env, timeout=600)
    assert after.returncode == 0 and not after.stderr and after.stdout == results[0][0]


def test_the_index_command_says_what_it_reused_and_what_it_encoded(corpus_dir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimcheck.cli import cli

    arguments = ["index", "--sources", str(corpus_dir), "--cache-dir", str(tmp_path / "cache")]
    first = CliRunner().invoke(cli, arguments)
    assert first.exit_code == 0, first.output
    (corpus_dir / "added.txt").write_text("The quokka population on the island has doubled since 2010.\n", encoding="utf-8")
    second = CliRunner().invoke(cli, arguments)
    assert second.exit_code == 0, second.output
    # The closing line (stderr): one sentence, one passage encoded; everything else reused.
    assert re.search(r"claimcheck: index: 4 documents \(3 unchanged, 1 read\), \d+ passages \(\d+ reused, 1 encoded\)", second.output), second.output


def test_a_warm_open_holds_each_document_as_its_stored_rows_not_as_passages(corpus_dir: Path, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    import gc

    from claimcheck.index.corpus import StoredPassages
    from claimcheck.models import Passage
    from claimcheck.sources.load import Passages

    _checker(corpus_dir, tmp_path / "cache", embedder)
    gc.collect()
    before = sum(isinstance(o, Passage) for o in gc.get_objects())
    warm = _checker(corpus_dir, tmp_path / "cache", embedder)
    passages = warm.corpus.passages
    assert isinstance(passages, Passages) and len(passages.runs) == 3 and all(isinstance(run, StoredPassages) for run in passages.runs)
    gc.collect()
    # Opening kept none: each is made when asked, equal every time.
    assert sum(isinstance(o, Passage) for o in gc.get_objects()) <= before
    fresh = load_corpus([corpus_dir]).passages
    assert passages == fresh and passages[2:9] == fresh[2:9] and passages[-1] == fresh[-1]
    assert passages[0] == passages[0] and passages[0] is not passages[0]
    run = passages.runs[0]
    assert isinstance(run, StoredPassages) and list(run) == run[:] == [run[n] for n in range(len(run))]
    with pytest.raises(IndexError):
        run[len(run)]
