"""Tests for baselines: stable fingerprints, a write/load round trip, and errors that name the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimcheck.baseline import MAX_BASELINE_BYTES, baseline_text, fingerprint, is_known, load_baseline, write_baseline
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Claim, Label, Verdict


def claim(text: str = "ICE awarded Palantir a $41 million contract in 2014.", claim_id: str = "palantir", **extra: object) -> Claim:
    return Claim(id=claim_id, text=text, **extra)  # type: ignore[arg-type]


def verdict(c: Claim, label: Label) -> Verdict:
    return Verdict(c, label, 0.8, "why")


# --- fingerprint ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "ICE awarded Palantir a $41 million contract in 2014.",
        "  ICE awarded   Palantir a $41 million\ncontract in 2014.  ",
        "ice awarded palantir a $41 million contract in 2014.",
        "ICE AWARDED PALANTIR A $41 MILLION CONTRACT IN 2014.",
        "ICE\tawarded Palantir a $41 million contract\r\nin 2014.",
    ],
)
def test_fingerprint_ignores_whitespace_and_case(variant: str) -> None:
    assert fingerprint(claim(variant)) == fingerprint(claim())


def test_fingerprint_ignores_expect_tags_and_location() -> None:
    moved = claim(expect=Label.SUPPORTED, tags=("contracts",), file="other.yaml", line=40)
    assert fingerprint(moved) == fingerprint(claim())


def test_fingerprint_changes_with_id_or_text() -> None:
    base = fingerprint(claim())
    assert fingerprint(claim(claim_id="palantir-2")) != base
    assert fingerprint(claim("ICE awarded Palantir a $14 million contract in 2014.")) != base
    assert fingerprint(claim("ICE awarded Palantir a $41 million contract in 2016.")) != base


def test_fingerprint_is_a_short_hex_string() -> None:
    value = fingerprint(claim())
    assert value == fingerprint(claim())
    int(value, 16)
    assert 8 <= len(value) <= 64


# --- write / load ----------------------------------------------------------------------------------


def test_round_trip(tmp_path: Path) -> None:
    verdicts = [
        verdict(claim(claim_id="a", text="First claim."), Label.SUPPORTED),
        verdict(claim(claim_id="b", text="Second claim."), Label.CONFLICTING),
        verdict(claim(claim_id="c", text="Third claim."), Label.UNSOURCED),
    ]
    path = tmp_path / "baseline.json"
    write_baseline(str(path), verdicts)
    known = load_baseline(str(path))
    assert known == {fingerprint(v.claim): v.label for v in verdicts}
    assert all(is_known(v, known) for v in verdicts)
    changed = verdict(claim(claim_id="b", text="Second claim."), Label.SUPPORTED)
    assert not is_known(changed, known)
    # Nothing left behind but the baseline itself.
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_written_baseline_is_stable_and_sorted(tmp_path: Path) -> None:
    verdicts = [verdict(claim(claim_id=i, text=f"Claim {i}."), Label.SUPPORTED) for i in ("z", "a", "m")]
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    write_baseline(str(first), verdicts)
    write_baseline(str(second), list(reversed(verdicts)))
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert list(data["claims"]) == sorted(data["claims"])


def test_write_overwrites_an_existing_baseline(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    c = claim()
    write_baseline(str(path), [verdict(c, Label.UNSOURCED)])
    write_baseline(str(path), [verdict(c, Label.SUPPORTED)])
    assert load_baseline(str(path)) == {fingerprint(c): Label.SUPPORTED}


def test_write_into_a_missing_folder_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "baseline.json"
    with pytest.raises(ClaimcheckError) as info:
        write_baseline(str(path), [verdict(claim(), Label.SUPPORTED)])
    assert info.value.file == str(path)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("{not json", "invalid-json"),
        ("[]", "a-list"),
        ('{"version": 99, "claims": {}}', "wrong-version"),
        ('{"version": 1}', "no-claims"),
        ('{"version": 1, "claims": []}', "claims-not-a-mapping"),
        ('{"version": 1, "claims": {"abc": {"verdict": "maybe"}}}', "bad-verdict"),
        ('{"version": 1, "claims": {"abc": "supported"}}', "entry-not-a-mapping"),
        ('{"version": 1, "claims": {"abc": {}}}', "entry-without-verdict"),
    ],
)
def test_bad_baseline_files_name_the_path(tmp_path: Path, content: str, name: str) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ClaimcheckError) as info:
        load_baseline(str(path))
    assert info.value.file == str(path)
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


def test_missing_and_undecodable_baselines_name_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(ClaimcheckError) as info:
        load_baseline(str(missing))
    assert info.value.file == str(missing)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ClaimcheckError) as info:
        load_baseline(str(binary))
    assert info.value.file == str(binary)


def test_invalid_json_reports_its_line(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text('{\n  "version": 1,\n  "claims": {,}\n}\n', encoding="utf-8")
    with pytest.raises(ClaimcheckError) as info:
        load_baseline(str(path))
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: ")


# --- bounded reading and safe writing ---------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_baseline_is_refused_without_reading(device: str) -> None:
    """`--baseline /dev/zero` once read gigabytes; a device is not a file and is never read."""
    with pytest.raises(ClaimcheckError, match="baseline is not a regular file") as info:
        load_baseline(device)
    assert info.value.file == device


def test_a_fifo_as_baseline_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    with pytest.raises(ClaimcheckError, match="baseline is not a regular file"):
        load_baseline(str(fifo))


def test_an_oversized_baseline_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BASELINE_BYTES + 1)  # sparse: nothing is written, nothing need be read
    with pytest.raises(ClaimcheckError, match=r"baseline is [\d,]+ bytes, over the [\d,]+-byte limit \(a baseline may be at most 64 MB\)"):
        load_baseline(str(path))


def test_a_deeply_nested_baseline_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(ClaimcheckError, match="nested too deeply") as info:
        load_baseline(str(path))
    assert info.value.file == str(path)


def test_a_baseline_with_a_bom_loads(tmp_path: Path) -> None:
    c = claim()
    path = tmp_path / "baseline.json"
    write_baseline(str(path), [verdict(c, Label.SUPPORTED)])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as some Windows editors save it
    assert load_baseline(str(path)) == {fingerprint(c): Label.SUPPORTED}


def test_writing_never_follows_a_link(tmp_path: Path) -> None:
    """The old writer used the predictable `.NAME.tmp` and wrote through whatever was planted there."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (tmp_path / ".baseline.json.tmp").symlink_to(victim)
    write_baseline(str(tmp_path / "baseline.json"), [verdict(claim(), Label.SUPPORTED)])
    assert victim.read_text(encoding="utf-8") == "keep"
    assert load_baseline(str(tmp_path / "baseline.json")) == {fingerprint(claim()): Label.SUPPORTED}
    (tmp_path / "linked.json").symlink_to(victim)
    with pytest.raises(ClaimcheckError, match="symbolic link"):
        write_baseline(str(tmp_path / "linked.json"), [verdict(claim(), Label.SUPPORTED)])
    assert victim.read_text(encoding="utf-8") == "keep"


def test_baseline_text_is_what_write_baseline_writes(tmp_path: Path) -> None:
    verdicts = [verdict(claim(claim_id=i, text=f"Claim {i}."), Label.UNSOURCED) for i in ("b", "a")]
    write_baseline(str(tmp_path / "b.json"), verdicts)
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == baseline_text(verdicts)
