"""A folder mixing PDF, HTML, DOCX, Markdown and text, checked end to end through the CLI; `claimcheck show` reproduces every quote."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import source_files as files

from claimcheck.cli import main
from claimcheck.sources import read_source

NOTES = "# Reporter notes\n\n## Dredging\n\nThe dredging budget for 2022 is $1.5 million.\n\n## Ferries\n\nThe ferry to Southcove leaves every 40 minutes.\n"
MINUTES = (
    "Larkfield Council minutes\n\nThe council meeting on harbour fees was attended by 60 residents.\n\nCouncillors voted to publish the harbour accounts.\n"
)
# (id, claim, expected verdict, the source that must decide it)
CLAIMS = [
    ("pdf-fees", "The Larkfield Port Authority collected $4.2 million in mooring fees in 2021.", "supported", "report.pdf"),
    ("pdf-cargo", "Cargo volumes at Larkfield fell by 30% in the second half of the year.", "conflicting", "report.pdf"),
    ("html-rise", "The Larkfield harbour board raised berth fees by 33% on Monday.", "supported", "harbour-fees.html"),
    ("html-owners", "About 900 boat owners pay the berth fee, according to the harbour board.", "conflicting", "harbour-fees.html"),
    ("docx-staff", "Tomas Reyes said the port employs 85 full-time staff.", "supported", "interview.docx"),
    ("docx-staff-wrong", "Tomas Reyes said the port employs 40 full-time staff.", "conflicting", "interview.docx"),
    ("md-dredging", "The dredging budget for 2022 is $1.5 million.", "supported", "notes.md"),
    ("md-dredging-wrong", "The dredging budget for 2022 is $2.5 million.", "conflicting", "notes.md"),
    ("txt-residents", "The council meeting on harbour fees was attended by 60 residents.", "supported", "council.txt"),
    ("txt-residents-wrong", "The council meeting on harbour fees was attended by 25 residents.", "conflicting", "council.txt"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mixed")
    src = root / "src"
    src.mkdir()
    (src / "report.pdf").write_bytes(files.pdf_bytes())
    (src / "harbour-fees.html").write_text(files.NEWS_PAGE, encoding="utf-8")
    (src / "interview.docx").write_bytes(files.docx_bytes())
    (src / "notes.md").write_text(NOTES, encoding="utf-8")
    (src / "council.txt").write_text(MINUTES, encoding="utf-8")
    body = "".join(f"  - id: {cid}\n    text: {text}\n    expect: {verdict}\n" for cid, text, verdict, _ in CLAIMS)
    (root / "claims.yaml").write_text(f"sources: src\nclaims:\n{body}", encoding="utf-8")
    return root


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_every_format_supports_and_conflicts_with_verifiable_citations(
    folder: Path, embedder: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    code, out, err = run(["check", "claims.yaml", "--format", "json"], capsys)
    assert code == 0, err
    assert err == ""
    report = {claim["id"]: claim for claim in json.loads(out)["claims"]}
    texts = {name: read_source(folder / "src" / name).text for name in {source for *_, source in CLAIMS}}
    for cid, _, verdict, source in CLAIMS:
        claim = report[cid]
        assert claim["verdict"] == verdict, claim
        top = claim["evidence"][0]
        assert top["source"] == source and top["stance"] == ("supports" if verdict == "supported" else "contradicts"), claim
        assert ("page" in top) == source.endswith(".pdf")
        for item in claim["evidence"]:
            text = texts.get(item["source"]) or read_source(folder / "src" / item["source"]).text
            assert text[item["char_start"] : item["char_end"]] == item["quote"]  # the quote is the extracted text at its offsets
            # `claimcheck show SOURCE --lines A-B` prints the lines that hold the quote, with their numbers (and page).
            _, shown, _ = run(["show", f"src/{item['source']}", "--lines", f"{item['line_start']}-{item['line_end']}"], capsys)
            lines = shown.splitlines()
            assert len(lines) == item["line_end"] - item["line_start"] + 1
            numbers = [re.match(r"(?:p(\d+)\s+)?\s*(\d+)  ", line) for line in lines]
            assert all(numbers) and [int(m.group(2)) for m in numbers if m] == list(range(item["line_start"], item["line_end"] + 1))
            body = "\n".join(line[m.end() :] for line, m in zip(lines, numbers) if m)
            assert " ".join(item["quote"].split()) in " ".join(body.split())
            if "page" in item:
                assert numbers[0] is not None and int(numbers[0].group(1)) == item["page"]
    assert report["pdf-cargo"]["evidence"][0]["page"] == 2
    assert report["pdf-fees"]["evidence"][0]["page"] == 1


@pytest.mark.parametrize("format_name", ["text", "line", "markdown", "html", "github", "junit", "sarif", "jsonl"])
def test_every_report_format_shows_the_pdf_page(
    folder: Path, embedder: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    monkeypatch.chdir(folder)
    code, out, err = run(["check", "claims.yaml", "--format", format_name], capsys)
    assert code == 0, err
    assert re.search(r"report\.pdf:p2:\d", out) or (format_name == "jsonl" and '"page": 2' in out), out[:2000]


def test_show_prints_numbered_lines_and_refuses_bad_ranges(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    code, out, _ = run(["show", "src/council.txt"], capsys)
    assert code == 0 and out.splitlines() == [f"{n}  {line}" for n, line in enumerate(MINUTES.rstrip("\n").split("\n"), start=1)]
    code, out, _ = run(["show", "src/report.pdf", "--lines", "1"], capsys)
    assert code == 0 and out == "p1   1  1. Fees\n"
    code, out, err = run(["show", "src/report.pdf", "--lines", "9-3"], capsys)
    assert code == 2 and out == "" and err == "--lines must be A-B with 1 <= A <= B, or one line number; got '9-3'\n"
    code, out, err = run(["show", "src"], capsys)
    assert code == 2 and err == "src: not a regular file: show takes one source file\n"
