"""The negations `analysis.analyse` reads: what a negation cue governs, and what it does not."""

from __future__ import annotations

import pytest

from claimcheck.analysis import analyse


@pytest.mark.parametrize(
    "text",
    [
        "No more than 150 homes can be occupied until the road is built.",
        "The report is due not later than May.",
        "| Zyxin in wound closure | 2022 | No (honest error) | Correction |",
    ],
)
def test_a_bound_or_a_tables_answer_is_no_denial(text: str) -> None:
    assert analyse(text).negated == {}


def test_a_tables_no_governs_its_own_cell_only() -> None:
    negated = analyse("| Vinculin under shear | No | None |\n| Paxillin in invasive cells | Yes | Retraction |").negated
    assert "paxillin" not in negated and "invas" not in negated


@pytest.mark.parametrize(("text", "head"), [("The owners have yet to be found.", "find"), ("There was no (known) risk.", "risk")])
def test_yet_to_and_a_bracketed_word_are_still_denied(text: str, head: str) -> None:
    assert head in analyse(text).negated
