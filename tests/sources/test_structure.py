"""Document structure: headings from Markdown and plain text, titles, furniture lines, and the passages they shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.models import Document
from claimcheck.sources import load_corpus, split_passages
from claimcheck.sources.boilerplate import is_furniture
from claimcheck.sources.structure import clean_title, find_headings, title_from_text


def load(tmp_path: Path, files: dict[str, str]) -> dict[str, list]:  # type: ignore[type-arg]
    """Passages per document of a corpus built from `files`."""
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    corpus = load_corpus([tmp_path], warn=lambda message: None)
    return {d.path: [d, [p for p in corpus.passages if p.source == d.path]] for d in corpus.documents}


def test_markdown_headings_atx_and_setext_with_offsets() -> None:
    text = (
        "# Harbour Report\nIntro line.\n\n## Budget ##\nThe port spent $3 million.\nStaff\n-----\nTwelve people work there.\n\n```\n# a comment in code\n```\n"
    )
    headings = find_headings(text, markdown=True)
    assert [(h.text, h.level) for h in headings] == [("Harbour Report", 1), ("Budget", 2), ("Staff", 2)]
    for heading in headings:
        assert heading.text in text[heading.char_start : heading.char_end]


def test_plain_text_headings_underlined_upper_case_and_numbered() -> None:
    text = (
        "Annual Review\n=============\n\nThe year went well.\n\nFINDINGS\n\nSales rose.\n\n3.2 Pricing\nPrices fell by 4%.\n\n"
        "It was a year when\n2 Things changed in the wrapped line.\n\nMARCH 3, 2020\n\nA dateline is no heading.\n"
    )
    headings = find_headings(text, markdown=False)
    assert [(h.text, h.level) for h in headings] == [("Annual Review", 1), ("FINDINGS", 2), ("3.2 Pricing", 2)]
    assert text[headings[2].char_start : headings[2].char_end] == "3.2 Pricing"


def test_a_numbered_line_opening_a_paragraph_is_no_heading() -> None:
    text = (
        "2.1  Method\n\n2.2  Enrollment fell in every year. Eastgate, the\n     smallest school, lost 16 percent.\n\n"
        "2.3  Staff expect enrollment of 6,540 for the year\n     beginning in July.\n\n2.4  Budget notes\nThe fund grew.\n"
    )
    assert [h.text for h in find_headings(text, markdown=False)] == ["2.1 Method", "2.4 Budget notes"]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("LS(1)                User Commands               LS(1)", "LS(1)"),
        ("# The Harbour Report #", "The Harbour Report"),
        ("2.1 Method of Counting", "Method of Counting"),
        ("  Plain first line  ", "Plain first line"),
    ],
)
def test_clean_title(line: str, title: str) -> None:
    assert clean_title(line) == title


def test_title_skips_page_markers_furniture_and_rules() -> None:
    text = "\n- 1 -\n\n© 2021 Example Press\n=====\nThe Real Title\n\nBody."
    assert title_from_text(text) == ("The Real Title", text.index("The Real Title"))


@pytest.mark.parametrize(
    "line",
    [
        "© 2019 Example News Ltd.",
        "Copyright 2020 Some Media",
        "All rights reserved.",
        "Disclaimer: Nothing here is advice.",
        "Share this article",
        "Sign up for our newsletter to get updates",
        "Home | World | Business | Sport",
        "Advertisement",
        "Skip to main content",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council will share this data with the regulator.",
        "Advertisement spending rose 5% in 2020.",
        "| Region | Sales | Staff |",
        "by A. Writer, Example Times / May 3, 2021",
        "(c) 20 percent of the budget went to roads.",
        "Privacy policy changes were announced on Monday.",
    ],
)
def test_body_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_passages_know_title_and_heading_and_headings_stand_alone(tmp_path: Path) -> None:
    text = (
        "# Harbour Report\nThe harbour opened in 1990.\n\n## Budget\nThe port spent $3 million. It hired five staff.\n"
        "© 2022 Example Press\nShare this article\nThe ferry runs hourly.\n"
    )
    found = load(tmp_path, {"report.md": text})
    document, passages = found["report.md"]
    assert document.title == "Harbour Report" == document.metadata["title"]
    by_text = {p.text: p for p in passages}
    assert by_text["The harbour opened in 1990."].heading == ""  # the title heading is no section heading
    assert by_text["The port spent $3 million."].heading == "Budget"
    assert by_text["## Budget"].heading == "Budget" and by_text["## Budget"].sentence_count == 1
    assert all(p.title == "Harbour Report" for p in passages)
    for passage in passages:
        assert text[passage.char_start : passage.char_end] == passage.text
        if passage.sentence_count == 2:  # no window reaches into a heading or a furniture line
            assert "#" not in passage.text and "©" not in passage.text and "Share this" not in passage.text
    assert "The port spent $3 million. It hired five staff." in by_text
    assert "© 2022 Example Press" in by_text  # furniture stays quotable on its own line, but joins no window


def test_question_heading_makes_a_window_with_the_first_sentence_of_its_answer(tmp_path: Path) -> None:
    text = "# Ferry FAQ\n\n## When did the ferry start?\n\nIn 1994. It runs hourly.\n\n## Fares\n\nA single costs $4.\n"
    _, passages = load(tmp_path, {"faq.md": text})["faq.md"]
    windows = [p.text for p in passages if p.sentence_count == 2]
    # The answer says nothing without its question; a heading that asks nothing still joins no window.
    assert windows == ["## When did the ferry start?\n\nIn 1994.", "In 1994. It runs hourly."]
    assert {p.text: p.heading for p in passages}[windows[0]] == "When did the ferry start?"
    assert "## When did the ferry start?" in {p.text for p in passages}


def test_plain_text_heading_is_not_glued_to_the_next_sentence(tmp_path: Path) -> None:
    text = "Site Survey\n\n4. Results\nThe survey counted 40 nests. Most were empty.\n\nNOTES\n\nCounts are rounded.\n"
    document, passages = load(tmp_path, {"survey.txt": text})["survey.txt"]
    texts = [p.text for p in passages]
    assert "4. Results" in texts and "NOTES" in texts
    assert not any(t.startswith("4. Results ") or t.endswith(" NOTES") or "Results\nThe" in t for t in texts)
    heading = {p.text: p.heading for p in passages}
    assert heading["The survey counted 40 nests."] == "4. Results" and heading["Counts are rounded."] == "NOTES"
    assert document.title == "Site Survey"


def test_documents_made_directly_still_split() -> None:
    text = "One sentence here. Another one there."
    passages = split_passages(Document("a.txt", "src", text, "0" * 64))
    assert [p.text for p in passages] == ["One sentence here.", "Another one there.", text]
    assert all(p.heading == "" and p.page is None for p in passages)


def test_a_table_laid_out_with_spaces_makes_no_window_with_the_prose_after_it() -> None:
    text = "Fund          2024     2025\nGeneral      118.7    121.3\nReserve        0.6      0.4\n\nThe reserve fund closes. Its money moves."
    passages = split_passages(Document("a.txt", "src", text, "0" * 64))
    windows = [p.text for p in passages if p.sentence_count == 2]
    assert windows == ["The reserve fund closes. Its money moves."]
