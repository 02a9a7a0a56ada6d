"""Builders for the hostile table's cache-integrity rows: a clean run fills the cache, then one entry is damaged."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck import index as index_module
from claimcheck.api import Checker
from claimcheck.claims import load_claims_file
from claimcheck.index import CACHE_FORMAT

CACHE = "cache"  # under the case's tmp folder, passed as --cache-dir
CLEAN = "clean-verdicts.json"
ARGS = ("--cache-dir", CACHE)
ENTRY = rf"^{CACHE}/v{CACHE_FORMAT}/vectors/[0-9a-f]{{2}}/[0-9a-f]{{64}}\.entry: "


def entry(tmp: Path, scheme: str) -> Path:
    """The one cache entry of vectors of this scheme (`claims-v1`, or the passage scheme's name)."""
    found = []
    for path in (tmp / CACHE).glob(f"v{CACHE_FORMAT}/vectors/*/*.entry"):
        data = path.read_bytes()
        length = int.from_bytes(data[8:12], "little")
        if json.loads(data[12 : 12 + length])["key"]["scheme"].startswith(scheme):
            found.append(path)
    assert len(found) == 1, found
    return found[0]


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) - 32 - 100] ^= 0x01  # one bit of one float in the payload
    path.write_bytes(bytes(data))


def _zero(path: Path) -> None:
    data = path.read_bytes()
    length = int.from_bytes(data[8:12], "little")
    start = 12 + length
    path.write_bytes(data[:start] + bytes(len(data) - 32 - start) + data[-32:])


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])


DAMAGE: dict[str, Callable[[Path], None]] = {"flip": _flip, "zero": _zero, "truncate": _truncate}


def _clean(tmp: Path) -> None:
    """A clean run's verdicts and evidence places, recorded beside the inputs; it fills the cache."""
    claims = list(load_claims_file(tmp / "claims.yaml").claims)
    verdicts = Checker([tmp / "src"], cache_dir=tmp / CACHE).check(claims)
    record = {v.claim.id: [v.label.value, [[e.passage.source, e.passage.char_start, e.passage.char_end, e.stance.value] for e in v.evidence]] for v in verdicts}
    (tmp / CLEAN).write_text(json.dumps(record), encoding="utf-8")


def _without_corpus_index(tmp: Path) -> None:
    """The corpus index holds the passages' vectors too: removed, so the run reads the per-document entry where the damage is."""
    shutil.rmtree(tmp / CACHE / f"v{CACHE_FORMAT}" / "corpus")


def damaged(how: str, scheme: str = "") -> Callable[[pytest.MonkeyPatch, Path], None]:
    """A patch: fill the cache with a clean run, then damage the entry of `scheme` (passages when empty) `how`."""

    def patch(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        _clean(tmp)
        DAMAGE[how](entry(tmp, scheme or "sentences"))
        if not scheme:
            _without_corpus_index(tmp)

    return patch


def swapped() -> Callable[[pytest.MonkeyPatch, Path], None]:
    """A patch: the claims' entry copied over the passages' entry — sound bytes under the wrong key."""

    def patch(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        _clean(tmp)
        shutil.copyfile(entry(tmp, "claims"), entry(tmp, "sentences"))
        _without_corpus_index(tmp)

    return patch


CORPUS_INDEX = rf"^{CACHE}/v{CACHE_FORMAT}/corpus/[0-9a-f]{{32}}: "


def _generation(tmp: Path) -> tuple[Path, Path]:
    """The one corpus index's manifest and current generation folder."""
    (manifest,) = (tmp / CACHE).glob(f"v{CACHE_FORMAT}/corpus/*/manifest.json")
    return manifest, manifest.parent / json.loads(manifest.read_text(encoding="utf-8"))["generation"]


def _retarget(manifest: Path, generation: Path) -> None:
    record = json.loads(manifest.read_text(encoding="utf-8"))
    record["generation"] = "../../../elsewhere"
    manifest.write_text(json.dumps(record), encoding="utf-8")


def _flip_postings(manifest: Path, generation: Path) -> None:
    path = generation / "postings.i32"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _plant_link(manifest: Path, generation: Path) -> None:
    """The vectors file swapped for a link to a sound copy elsewhere: no link is followed into the index."""
    copy = manifest.parents[3] / "planted.f32"
    copy.write_bytes((generation / "vectors.f32").read_bytes())
    (generation / "vectors.f32").unlink()
    (generation / "vectors.f32").symlink_to(copy)


INDEX_DAMAGE: dict[str, Callable[[Path, Path], None]] = {
    "vectors-truncated": lambda manifest, generation: (generation / "vectors.f32").write_bytes((generation / "vectors.f32").read_bytes()[:-64]),
    "postings-byte-flipped": _flip_postings,
    "manifest-pointing-elsewhere": _retarget,
    "vectors-a-planted-link": _plant_link,
}


def index_damaged(how: str) -> Callable[[pytest.MonkeyPatch, Path], None]:
    """A patch: fill the cache with a clean run, then damage the corpus index `how`."""

    def patch(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        _clean(tmp)
        INDEX_DAMAGE[how](*_generation(tmp))

    return patch


def unreadable() -> Callable[[pytest.MonkeyPatch, Path], None]:
    """A patch: a filled cache whose entries cannot be opened (simulated: root reads a chmod-000 folder)."""

    def patch(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        _clean(tmp)
        original = os.open
        folder = str(tmp / CACHE)

        def denied(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
            if os.path.abspath(path).startswith(folder):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return original(path, flags, *args, **kwargs)

        monkeypatch.setattr(index_module.os, "open", denied)

    return patch


def same_as_clean(report: dict, tmp: Path) -> None:
    """Every verdict and every evidence place as in the clean run."""
    clean = json.loads((tmp / CLEAN).read_text(encoding="utf-8"))
    got = {c["id"]: [c["verdict"], [[e["source"], e["char_start"], e["char_end"], e["stance"]] for e in c["evidence"]]] for c in report["claims"]}
    assert got == clean


def nothing_written_in_sources(tmp: Path) -> None:
    """No cache folder was made among the sources."""
    assert sorted(p.name for p in (tmp / "src").iterdir()) == ["a.txt"]


def entry_scheme(entry: Path) -> str:
    """The `scheme` of a vector entry's key, read from its header (documents' vectors, claims, or judged windows)."""
    from claimcheck.bytestore import MAGIC

    data = entry.read_bytes()
    length = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "little")
    return str(json.loads(data[len(MAGIC) + 4 : len(MAGIC) + 4 + length])["key"]["scheme"])
