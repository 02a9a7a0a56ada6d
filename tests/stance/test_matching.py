"""Word matching shared by the stance rules."""

from __future__ import annotations

import pytest

from claimcheck.analysis import analyse
from claimcheck.stance.matching import coverage, matches
from claimcheck.text import stem


@pytest.mark.parametrize(("claim_word", "passage"), [("shipyard", "The yard closed in 1927."), ("farmhouse", "The house burned down.")])
def test_a_closed_compound_is_matched_by_its_head(claim_word: str, passage: str) -> None:
    assert matches(stem(claim_word), analyse(passage))


def test_a_short_head_or_the_word_alone_is_no_compound() -> None:
    # A head of three letters ("son" in "season") is too short to stand for the word.
    assert not matches(stem("season"), analyse("Her son played."))
    assert coverage(analyse("The shipyard closed."), analyse("The yard closed.")) == 1.0
