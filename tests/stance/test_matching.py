"""Word matching shared by the stance rules."""

from __future__ import annotations

import pytest

from claimcheck.analysis import analyse
from claimcheck.stance.matching import answered_yes_no, coverage, matches
from claimcheck.text import stem


@pytest.mark.parametrize(("claim_word", "passage"), [("shipyard", "The yard closed in 1927."), ("farmhouse", "The house burned down.")])
def test_a_closed_compound_is_matched_by_its_head(claim_word: str, passage: str) -> None:
    assert matches(stem(claim_word), analyse(passage))


def test_a_short_head_or_the_word_alone_is_no_compound() -> None:
    # A head of three letters ("son" in "season") is too short to stand for the word.
    assert not matches(stem("season"), analyse("Her son played."))
    assert coverage(analyse("The shipyard closed."), analyse("The yard closed.")) == 1.0


@pytest.mark.parametrize(
    ("passage", "question", "says"),
    [
        ("## Does the app work offline?\n\nYes. Maps are kept on the phone.", "Does the app work offline?", True),
        ("Q: Does it run on Windows?\nA: No. Linux only.", "Does it run on Windows?", False),
        ("**Is v2.0 faster?**\nCertainly not.", "Is v2.0 faster?", False),
        ("### Can I park there?\n\nNot by default.", "Can I park there?", False),
        ("### Can I park there?\n\nNo, unless you hold a permit.", "Can I park there?", None),
        ("### Can I park there?\n\nOnly on Sundays.", "Can I park there?", None),
    ],
)
def test_a_yes_or_no_question_is_read_with_its_answer(passage: str, question: str, says: bool | None) -> None:
    answered = answered_yes_no(passage)
    assert answered is not None and answered.question == question and answered.says is says


@pytest.mark.parametrize("passage", ["### When did the ferry start?\n\nIn 1994.", "## Does it run on Windows?", "The plan worked. Did it? Yes."])
def test_only_a_passage_opening_on_an_answered_yes_or_no_question_is_one(passage: str) -> None:
    assert answered_yes_no(passage) is None
