"""Report input: the quoted paragraphs are found only for the formats that show them."""

from __future__ import annotations

from claimcheck.models import Claim, Document, Evidence, Label, Passage, Stance, Verdict
from claimcheck.report import FORMATS, SHOWS_PARAGRAPHS, render
from claimcheck.reporting import report_context

TEXT = "Intro.\n\nThe council approved the budget. The vote was close.\n\nOther words.\n"


def _verdict() -> tuple[Verdict, Document]:
    document = Document("a.md", "src", TEXT, "0" * 64, metadata={"title": "Council", "publisher": "Gazette"})
    start = TEXT.index("The council")
    passage = Passage("a.md", "src", "The council approved the budget.", start, start + 32, 3, 3, title="Council")
    claim = Claim("c1", "The council approved the budget.", file="claims.yaml", line=3)
    return Verdict(claim, Label.SUPPORTED, 0.9, "source says so", evidence=(Evidence(passage, Stance.SUPPORTS, 0.9),)), document


def test_without_paragraphs_the_context_holds_none_and_the_rest_is_the_same() -> None:
    verdict, document = _verdict()
    full = report_context([verdict], documents=[document], roots=("src",))
    lean = report_context([verdict], documents=[document], roots=("src",), with_paragraphs=False)
    assert len(full.paragraphs) == 1 and lean.paragraphs == {}
    assert lean.sources == full.sources and lean.decisions == full.decisions


def test_every_format_that_does_not_show_paragraphs_renders_the_same_bytes_without_them() -> None:
    verdict, document = _verdict()
    full = report_context([verdict], documents=[document], roots=("src",))
    lean = report_context([verdict], documents=[document], roots=("src",), with_paragraphs=False)
    assert set(FORMATS) > SHOWS_PARAGRAPHS
    for format_name in FORMATS:
        same = render([verdict], format_name, lean) == render([verdict], format_name, full)
        assert same is (format_name not in SHOWS_PARAGRAPHS), format_name
