"""`Passages`: a corpus's passages held as one run per document, read as one list."""

from __future__ import annotations

import pytest

from claimcheck.models import Passage
from claimcheck.sources.load import Passages


def _run(source: str, count: int) -> list[Passage]:
    return [Passage(source, "root", f"{source} sentence {n}.", 20 * n, 20 * n + 12, n + 1, n + 1) for n in range(count)]


def _passages(*runs: list[Passage]) -> Passages:
    passages = Passages()
    for run in runs:
        passages.extend(run)
    return passages


def test_passages_read_as_the_list_of_their_runs_joined() -> None:
    runs = [_run("a.txt", 3), [], _run("b.txt", 1), _run("c.txt", 4)]
    joined = [p for run in runs for p in run]
    passages = _passages(*runs)
    assert len(passages) == len(joined) == 8 and len(passages.runs) == 3  # an empty run is not kept
    assert list(passages) == joined and passages == joined and joined == passages
    assert [passages[n] for n in range(len(joined))] == joined
    assert passages[-1] == joined[-1] and passages[-8] == joined[0]
    for first in range(len(joined) + 1):
        for last in range(first, len(joined) + 2):
            assert passages[first:last] == joined[first:last]
    assert passages[::3] == joined[::3] and passages[-3:] == joined[-3:]
    assert passages.index(joined[5]) == 5 and joined[4] in passages


def test_passages_refuse_a_position_past_either_end() -> None:
    passages = _passages(_run("a.txt", 2))
    for position in (2, -3):
        with pytest.raises(IndexError):
            passages[position]
    assert _passages() == [] and list(_passages()) == []


def test_passages_equal_only_the_same_passages_in_the_same_order() -> None:
    a, b = _run("a.txt", 2), _run("b.txt", 2)
    assert _passages(a, b) == _passages(a + b)
    assert _passages(a, b) != _passages(b, a) and _passages(a) != a + b and _passages(a) != "a.txt"
