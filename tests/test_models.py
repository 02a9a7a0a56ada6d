"""Tests for the data records every stage shares."""

from __future__ import annotations

import pytest

from claimcheck.models import Passage


def _passage(text: str, heading: str = "") -> Passage:
    return Passage("prosecution_news.md", "/corpus", text, 0, len(text), 1, 1, title="Water firm to be prosecuted over fish kill", heading=heading)


def test_a_passage_is_about_its_title_file_name_and_heading() -> None:
    assert (
        _passage("The regulator announced its decision on Tuesday.", "Decision").about == "Water firm to be prosecuted over fish kill prosecution news Decision"
    )


@pytest.mark.parametrize(
    "text",
    [
        "A second incident, a chemical leak at the works on 2 July, will not go to court.",
        "In a separate case, the firm was fined £4,000.",
        "Another spill, at the harbour, was reported in May.",
    ],
)
def test_a_passage_opening_on_another_event_is_about_its_heading_only(text: str) -> None:
    # The title tells of the document's first event: "prosecuted" is not said of the second.
    assert _passage(text, "Other incidents").about == "Other incidents"
    assert _passage(text).about == ""


def test_another_of_something_not_an_event_keeps_the_title() -> None:
    assert "prosecuted" in _passage("A second witness said the river ran white.").about
