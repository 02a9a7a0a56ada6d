"""Tests for the citation check: how a cited path names a source, the `citation` value of a verdict, and the CLI end to end."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimcheck.citations import SourceNames, citation
from claimcheck.cli import main
from claimcheck.corpus import load_corpus
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Citation, Claim, Evidence, Label, Passage, Stance
from claimcheck.verdict import MAX_EVIDENCE, decide

# Invented sources: two that say different things, a copy of the first, a link to it, and one in a subfolder.
BRIDGE = "The Harbor Bridge opened in 1931 after four years of work.\nIt carries 40,000 cars a day.\n"
MUSEUM = "The city museum has 300 paintings on display.\nIt opened in 1987.\n"
FERRY = "The island ferry runs every 20 minutes in summer.\n"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    write(root, {"bridge.txt": BRIDGE, "museum.txt": MUSEUM, "notes/ferry.md": FERRY, "copies/bridge-copy.txt": BRIDGE})
    os.symlink("museum.txt", root / "museum-link.txt")
    return root


@pytest.fixture
def names(sources: Path) -> SourceNames:
    return SourceNames(load_corpus([sources], warn=lambda message: None))


# --- how a written path names a source -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("bridge.txt", "bridge.txt"),
        ("./bridge.txt", "bridge.txt"),
        ("notes/ferry.md", "notes/ferry.md"),
        ("notes\\ferry.md", "notes/ferry.md"),
        ("./notes/./ferry.md", "notes/ferry.md"),
        ("ferry.md", "notes/ferry.md"),  # a bare file name one source has
        ("copies/bridge-copy.txt", "bridge.txt"),  # same text as bridge.txt, indexed once: resolves to it
        ("bridge-copy.txt", "bridge.txt"),
        ("museum-link.txt", "museum.txt"),  # a link to a file read already
    ],
)
def test_a_written_path_names_its_source(names: SourceNames, sources: Path, written: str, expected: str) -> None:
    assert names.resolve(written) == ((str(sources), expected),)


@pytest.mark.parametrize(
    "written", ["nowhere.txt", "notes/bridge.txt", "other/ferry.md", "../src/bridge.txt", "/etc/passwd", "", ".", "https://example.org/bridge.txt"]
)
def test_a_path_naming_no_source_resolves_to_nothing(names: SourceNames, written: str) -> None:
    assert names.resolve(written) == ()


def test_a_file_name_several_sources_share_names_none_of_them(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write(root, {"a/report.txt": BRIDGE, "b/report.txt": MUSEUM})
    names = SourceNames(load_corpus([root], warn=lambda message: None))
    assert names.resolve("report.txt") == ()
    assert names.resolve("a/report.txt") == ((str(root), "a/report.txt"),)
    with pytest.raises(ClaimcheckError, match=r"cites 'report\.txt', a file name several sources share \(a/report\.txt, b/report\.txt\); cite its path"):
        names.cited(Claim("c", "A claim.", cite=("report.txt",), file="claims.yaml", line=3))


def test_a_draft_link_is_read_relative_to_the_draft(names: SourceNames, sources: Path, tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    claim = Claim("L1:1", "A claim.", references=("../src/notes/ferry.md#L1", "../elsewhere/bridge.txt?x=1"), file=str(drafts / "story.md"))
    # The first lands inside the root; the second does not, and its bare name is no bare name (it has a folder part).
    assert names.cited(claim) == ((str(sources), "notes/ferry.md"),)


def test_a_cite_is_strict_and_a_draft_reference_is_not(names: SourceNames, sources: Path) -> None:
    claim = Claim("c", "A claim.", cite=("./bridge.txt",), references=("nowhere.txt", "museum.txt", "bridge.txt"), file="claims.yaml", line=3)
    assert names.cited(claim) == ((str(sources), "bridge.txt"), (str(sources), "museum.txt"))
    with pytest.raises(ClaimcheckError, match=r"^claims\.yaml:3: claim .c. cites .nowhere\.txt., which is not among the sources$"):
        names.cited(Claim("c", "A claim.", cite=("nowhere.txt",), file="claims.yaml", line=3))
    with pytest.raises(ClaimcheckError, match="points outside the sources root"):
        names.cited(Claim("c", "A claim.", cite=("../src/bridge.txt",), file="claims.yaml", line=3))


def test_a_cite_keeps_a_hash_in_a_file_name(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write(root, {"issue#4.txt": BRIDGE})
    names = SourceNames(load_corpus([root], warn=lambda message: None))
    assert names.cited(Claim("c", "A claim.", cite=("issue#4.txt",))) == ((str(root), "issue#4.txt"),)


def test_a_copy_across_roots_resolves_to_the_first_root(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write(first, {"bridge.txt": BRIDGE})
    write(second, {"mirror/bridge.txt": BRIDGE, "museum.txt": MUSEUM})
    names = SourceNames(load_corpus([first, second], warn=lambda message: None))
    assert names.resolve("mirror/bridge.txt") == ((str(first), "bridge.txt"),)


# --- the citation value -------------------------------------------------------------------------------


def passage(source: str, start: int = 0) -> Passage:
    return Passage(source, "src", f"A sentence of {source}.", start, start + 20, 1, 1)


def evidence(source: str, stance: Stance, score: float = 0.8, start: int = 0) -> Evidence:
    return Evidence(passage(source, start), stance, score, "because")


CITED = (("src", "a.txt"),)


@pytest.mark.parametrize(
    ("judged", "label", "value"),
    [
        ([evidence("a.txt", Stance.SUPPORTS)], Label.SUPPORTED, Citation.OK),
        ([evidence("b.txt", Stance.SUPPORTS), evidence("a.txt", Stance.SUPPORTS, 0.5)], Label.SUPPORTED, Citation.OK),
        ([evidence("b.txt", Stance.SUPPORTS), evidence("a.txt", Stance.RELATED, 0.9)], Label.SUPPORTED, Citation.WRONG_SOURCE),
        ([evidence("a.txt", Stance.CONTRADICTS)], Label.CONFLICTING, Citation.OK),
        ([evidence("b.txt", Stance.CONTRADICTS), evidence("a.txt", Stance.SUPPORTS, 0.5)], Label.CONFLICTING, Citation.OK),
        ([evidence("b.txt", Stance.CONTRADICTS), evidence("a.txt", Stance.RELATED)], Label.CONFLICTING, Citation.WRONG_SOURCE),
        ([evidence("a.txt", Stance.RELATED)], Label.UNSOURCED, Citation.WRONG_SOURCE),
        ([], Label.UNSOURCED, Citation.WRONG_SOURCE),
    ],
)
def test_the_citation_value_of_a_verdict(judged: list[Evidence], label: Label, value: Citation) -> None:
    verdict = decide(Claim("c", "A claim."), judged, CITED)
    assert verdict.label is label  # the citation never changes the verdict
    assert verdict.citation is value
    assert verdict.cited == CITED
    assert decide(Claim("c", "A claim."), judged).citation is Citation.NONE


def test_the_cited_source_that_bears_it_out_is_among_the_evidence_shown() -> None:
    judged = [evidence(f"other{n}.txt", Stance.SUPPORTS, 0.9) for n in range(MAX_EVIDENCE + 2)] + [evidence("a.txt", Stance.SUPPORTS, 0.4)]
    verdict = decide(Claim("c", "A claim."), judged, CITED)
    assert verdict.citation is Citation.OK
    assert len(verdict.evidence) == MAX_EVIDENCE
    assert verdict.evidence[0].passage.source == "other0.txt" and verdict.evidence[-1].passage.source == "a.txt"


def test_citation_needs_a_decisive_passage_of_the_right_side() -> None:
    supporting = [evidence("a.txt", Stance.SUPPORTS)]
    assert citation(Label.SUPPORTED, supporting, [], ()) is Citation.NONE
    assert citation(Label.SUPPORTED, [], [evidence("a.txt", Stance.CONTRADICTS)], CITED) is Citation.WRONG_SOURCE
    assert citation(Label.UNSOURCED, supporting, [], CITED) is Citation.WRONG_SOURCE


# --- end to end: the real CLI -----------------------------------------------------------------------------


def run(args: list[str], cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


CLAIMS_FILE = """\
sources: src
claims:
  - id: right
    text: The Harbor Bridge opened in 1931.
    cite: bridge.txt
  - id: copy
    text: The Harbor Bridge carries 40,000 cars a day.
    cite: [copies/bridge-copy.txt]
  - id: wrong
    text: The city museum has 300 paintings on display.
    cite: [bridge.txt]
  - id: uncited
    text: The island ferry runs every 20 minutes in summer.
  - id: nothing-says-it
    text: The Harbor Bridge was designed by a Norwegian engineer.
    cite: bridge.txt
"""


@pytest.mark.usefixtures("embedder")
def test_claims_file_end_to_end(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "claims.yaml").write_text(CLAIMS_FILE, encoding="utf-8")
    code, out, err = run(["check", "claims.yaml", "--format", "json", "--fail-on", "none"], tmp_path, capsys, monkeypatch)
    assert code == 0, err
    assert "same text as bridge.txt; indexed once" in err  # the copy is still indexed once, and cited without an error
    claims = {c["id"]: c for c in json.loads(out)["claims"]}
    assert {key: (c["verdict"], c["citation"]) for key, c in claims.items()} == {
        "right": ("supported", "ok"),
        "copy": ("supported", "ok"),
        "wrong": ("supported", "wrong-source"),
        "uncited": ("supported", "none"),
        "nothing-says-it": ("unsourced", "wrong-source"),
    }
    assert list(claims["right"])[:4] == ["id", "text", "verdict", "citation"]
    assert {e["source"] for e in claims["copy"]["evidence"] if e["stance"] == "supports"} == {"bridge.txt"}
    # The gate: only the two wrong-source claims fail under `miscited`, with or without the verdict gate.
    assert run(["check", "claims.yaml", "--format", "json", "--fail-on", "miscited"], tmp_path, capsys, monkeypatch)[0] == 1
    (tmp_path / "fixed.yaml").write_text(
        CLAIMS_FILE.replace("cite: [bridge.txt]", "cite: [museum.txt]").replace("    cite: bridge.txt\n", "", 2), encoding="utf-8"
    )
    code, out, err = run(["check", "fixed.yaml", "--format", "line", "--fail-on", "miscited"], tmp_path, capsys, monkeypatch)
    assert code == 0, out + err
    code, out, _ = run(["check", "claims.yaml", "--format", "line", "--fail-on", "miscited"], tmp_path, capsys, monkeypatch)
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == ["supported", "unsourced"]
    assert "citation wrong-source: cites bridge.txt; the verdict rests on museum.txt [wrong]" in out


DRAFT = """\
# Harbor notes

The Harbor Bridge opened in 1931.[^bridge] The city museum has 300 paintings on display. [^b]

The island ferry runs every 20 minutes in summer, says [the timetable](../src/notes/ferry.md).
The Harbor Bridge carries 40,000 cars a day, by [one count](https://example.org/bridge.txt).

[^bridge]: Harbor history, `bridge.txt`, line 1.
[^b]: See bridge.txt again.
"""


@pytest.mark.usefixtures("embedder")
def test_draft_end_to_end(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "story.md").write_text(DRAFT, encoding="utf-8")
    code, out, err = run(["draft", "drafts/story.md", "--sources", "src", "--format", "json", "--fail-on", "miscited"], tmp_path, capsys, monkeypatch)
    claims = {c["text"]: c for c in json.loads(out)["claims"]}
    assert {text: (c["verdict"], c["citation"]) for text, c in claims.items()} == {
        "The Harbor Bridge opened in 1931.": ("supported", "ok"),  # a footnote naming the file
        "The city museum has 300 paintings on display.": ("supported", "wrong-source"),  # the footnote after the space is its own
        "The island ferry runs every 20 minutes in summer, says the timetable.": ("supported", "ok"),  # a link relative to the draft
        "The Harbor Bridge carries 40,000 cars a day, by one count.": ("supported", "none"),  # a web link is no source file
    }
    assert code == 1, err
    code, _, err = run(["draft", "drafts/story.md", "--sources", "src", "--format", "json"], tmp_path, capsys, monkeypatch)
    assert code == 0, err  # without `miscited` the default gate passes: every sentence is supported
