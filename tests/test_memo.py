"""The results memo: an unchanged re-run is served whole from the cache; any change to what a verdict depends on is checked again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import invoke

SOURCE = "The council approved the budget of $4 million on Tuesday.\n\nThe mayor said the library will reopen in May.\n"
CLAIMS = (
    "sources: [src]\nclaims:\n"
    "  - id: budget\n    text: The council approved a $4 million budget.\n"
    "  - id: library\n    text: The mayor said the library will reopen in May.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "council.md").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    return tmp_path


def run(project: Path, *extra: str):
    return invoke(["check", "claims.yaml", "--format", "json", "--no-fail", "--cache-dir", str(project / "cache"), *extra], project)


def labels(result) -> dict[str, str]:
    return {c["id"]: c["verdict"] for c in result.json()["claims"]}


@pytest.fixture
def checkers_built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many checkers (corpus loads) each run builds."""
    from claimcheck import api

    built: list[int] = []
    original = api.Checker.__init__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(api.Checker, "__init__", counting)
    return built


def test_an_unchanged_rerun_builds_no_checker_and_reports_the_same_bytes(project: Path, checkers_built: list[int]) -> None:
    first = run(project)
    assert first.code == 0 and len(checkers_built) == 1
    second = run(project)
    assert second.code == 0 and len(checkers_built) == 1  # served from the memo
    assert second.out == first.out and second.err == first.err
    assert labels(first) == {"budget": "supported", "library": "supported"}


def test_a_changed_source_is_checked_again(project: Path, checkers_built: list[int]) -> None:
    assert labels(run(project))["budget"] == "supported"
    (project / "src" / "council.md").write_text(SOURCE.replace("$4 million", "$9 million"), encoding="utf-8")
    again = run(project)
    assert len(checkers_built) == 2 and labels(again)["budget"] == "conflicting"


def test_a_changed_claim_an_added_file_or_another_setting_is_checked_again(project: Path, checkers_built: list[int]) -> None:
    run(project)
    (project / "claims.yaml").write_text(CLAIMS.replace("in May", "in June"), encoding="utf-8")
    assert run(project).json()["claims"][1]["text"].endswith("in June.") and len(checkers_built) == 2
    (project / "src" / "extra.md").write_text("An unrelated note about parking.\n", encoding="utf-8")
    run(project)
    assert len(checkers_built) == 3
    (project / ".claimcheck.toml").write_text("[thresholds]\nsupport = 0.99\n", encoding="utf-8")
    run(project)
    assert len(checkers_built) == 4


def test_the_original_runs_warnings_are_printed_again(project: Path, checkers_built: list[int]) -> None:
    (project / "src" / "blank.md").write_text("   \n", encoding="utf-8")
    first, second = run(project), run(project)
    assert len(checkers_built) == 1
    assert "blank.md: empty source; skipped" in first.err and second.err == first.err


def test_a_damaged_entry_is_warned_about_and_recomputed(project: Path, checkers_built: list[int]) -> None:
    first = run(project)
    entries = list((project / "cache").rglob("*.entry"))
    results = [e for e in entries if "results" in e.parts]
    assert len(results) == 1
    data = bytearray(results[0].read_bytes())
    data[len(data) // 2] ^= 0xFF
    results[0].write_bytes(bytes(data))
    second = run(project)
    assert len(checkers_built) == 2 and second.out == first.out
    assert "damaged cache entry; rebuilding it" in second.err


def test_no_cache_stores_nothing(project: Path, checkers_built: list[int]) -> None:
    invoke(["check", "claims.yaml", "--format", "json", "--no-fail", "--no-cache"], project)
    invoke(["check", "claims.yaml", "--format", "json", "--no-fail", "--no-cache"], project)
    assert len(checkers_built) == 2


def test_a_served_rerun_imports_no_numpy_torch_or_spacy(project: Path) -> None:
    script = (
        "import sys\n"
        "from claimcheck.cli import main\n"
        "try:\n"
        "    main(['check', 'claims.yaml', '--format', 'json', '--no-fail'])\n"
        "except SystemExit as exc:\n"
        "    print(exc.code, *(m in sys.modules for m in ('numpy', 'torch', 'spacy', 'claimcheck.api')), file=sys.stderr)\n"
    )
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(project / "cache")}
    first = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, env=env, check=True)
    assert first.stderr.split()[-5:] == ["0", "True", "True", "True", "True"]
    assert second.stderr.split()[-5:] == ["0", "False", "False", "False", "False"]
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_watch_after_a_served_run_loads_the_sources_and_rechecks_only_what_changed(project: Path, checkers_built: list[int], monkeypatch) -> None:
    import claimcheck.watch

    run(project)  # stores the run

    def changes(files, folders):  # type: ignore[no-untyped-def]
        (project / "claims.yaml").write_text(CLAIMS + "  - id: extra\n    text: The library will reopen in June.\n", encoding="utf-8")
        yield {project / "claims.yaml"}
        raise KeyboardInterrupt

    monkeypatch.setattr(claimcheck.watch, "file_changes", changes)
    result = invoke(["check", "claims.yaml", "--watch", "--format", "json", "--output", "report.json", "--cache-dir", str(project / "cache")], project)
    assert result.code == 130, result.err
    # The first report is the stored run's; the checker is built before the first save (warm), seeded with its verdicts.
    assert "checked 0 of 2 claims" in result.err and "checked 1 of 3 claims" in result.err
    assert len(checkers_built) == 2


LONG_SOURCE = (
    "# Harbour report\n\nIntro line one.\nIntro line two.\n\n"
    "The council approved the budget of $4 million on Tuesday. The vote was close.\r\n  \r\n"
    "An unrelated paragraph about parking that nobody quotes, long enough to matter. "
    * 3
    + "\n\n\nThe mayor said the library will reopen in May.\n\nClosing words.\n"
)


@pytest.mark.parametrize("format_name", ["markdown", "html"])
def test_a_served_run_quotes_the_same_paragraphs_though_it_stores_only_them(project: Path, format_name: str) -> None:
    """A stored run keeps only the quoted paragraphs of its documents; every report of it is still byte for byte the first run's."""
    (project / "src" / "council.md").write_text(LONG_SOURCE, encoding="utf-8")
    args = ["check", "claims.yaml", "--format", format_name, "--no-fail", "--cache-dir", str(project / "cache")]
    first, second = invoke(args, project), invoke(args, project)
    assert first.code == second.code == 0
    assert second.out == first.out and "library will reopen" in first.out
    stored = b"".join(p.read_bytes() for p in (project / "cache").rglob("*.entry") if "results" in p.parts)
    assert b"unrelated paragraph about parking" not in stored and b"library will reopen in May" in stored


def test_sparse_documents_keep_every_offset_and_every_quoted_paragraph() -> None:
    """`_sparse` then `_unsparse`: same length, same text inside each quoted paragraph, same paragraph found around each quote."""
    from claimcheck.memo import _sparse, _unsparse
    from claimcheck.models import Document
    from claimcheck.reporting import blank_lines, paragraph_around

    document = Document("a.md", "src", LONG_SOURCE * 2, "0" * 64, metadata={"title": "T"})
    text = document.text
    quotes = [(text.index(word), text.index(word) + len(word)) for word in ("Intro line two", "The vote was close", "library will reopen")]
    quotes.append((text.rindex("Closing"), len(text) - 1))
    back = _unsparse(json.loads(json.dumps(_sparse(document, quotes))))
    assert len(back.text) == len(text) and back.metadata == document.metadata and back.sha256 == document.sha256
    assert "parking" not in back.text
    for start, end in quotes:
        assert back.text[start:end] == text[start:end]
        assert paragraph_around(back.text, start, end, breaks=blank_lines(back.text)) == paragraph_around(text, start, end)
        assert paragraph_around(back.text, start, end, limit=12) == paragraph_around(text, start, end, limit=12)


def test_a_stored_run_keeps_only_the_documents_its_verdicts_own_evidence_quotes() -> None:
    """A part's evidence alone never reaches a report's bibliography or paragraphs, so the document only it quotes is not stored."""
    from claimcheck.memo import ResultsMemo
    from claimcheck.models import Claim, Document, Evidence, Label, PartVerdict, Passage, Stance, Verdict

    class Store:
        def __init__(self) -> None:
            self.entries: dict[str, bytes] = {}

        def get_bytes(self, key):  # type: ignore[no-untyped-def]
            return ({}, self.entries[key["run"]]) if key["run"] in self.entries else None

        def put_bytes(self, key, payload, meta=None):  # type: ignore[no-untyped-def]
            self.entries[key["run"]] = payload

    quoted = Document("a.md", "src", "Intro.\n\nThe council approved the budget.\n", "0" * 64, metadata={"title": "A"})
    part_only = Document("b.md", "src", "The mayor spoke.\n", "1" * 64)
    unquoted = Document("c.md", "src", "Nothing.\n", "2" * 64)
    start = quoted.text.index("The council")
    top = Passage("a.md", "src", "The council approved the budget.", start, start + 32, 3, 3)
    part = Evidence(Passage("b.md", "src", "The mayor spoke.", 0, 16, 1, 1), Stance.SUPPORTS, 0.9)
    verdict = Verdict(
        Claim("c1", "The council approved the budget and the mayor spoke."),
        Label.SUPPORTED,
        0.9,
        "source says so",
        evidence=(Evidence(top, Stance.SUPPORTS, 0.9),),
        parts=(PartVerdict("The mayor spoke.", 36, 52, Label.SUPPORTED, "source says so", (part,)),),
    )
    store = Store()
    memo = ResultsMemo(store, {})  # type: ignore[arg-type]
    key = {"kind": "results", "scheme": "test", "run": "r"}
    memo.remember(key, [verdict], [quoted, part_only, unquoted], [])
    recalled = memo.recall(key)
    assert recalled is not None and recalled.verdicts == [verdict]
    assert [d.path for d in recalled.documents] == ["a.md"]
    assert recalled.documents[0].text[top.char_start : top.char_end] == top.text


def test_a_served_run_reports_the_same_bytes_in_every_format(project: Path) -> None:
    """Paragraphs are found only for the formats that show them; every format's served report is the first run's, byte for byte."""
    from claimcheck.report import FORMATS

    (project / "src" / "council.md").write_text(LONG_SOURCE, encoding="utf-8")
    for format_name in FORMATS:
        args = ["check", "claims.yaml", "--format", format_name, "--no-fail", "--cache-dir", str(project / "cache")]
        first, second = invoke(args, project), invoke(args, project)
        assert first.code == second.code == 0, format_name
        assert second.out == first.out, format_name
