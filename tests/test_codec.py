"""The cache codec: verdicts of a real check survive a JSON round trip exactly; values of another shape are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.codec import CodecError, from_plain, to_plain
from claimcheck.models import Claim, Conflict, Evidence, Label, PartVerdict, Passage, Stance, Verdict

# Not `from conftest import …`: with tests/report/conftest.py loaded first, that name is another module.
ROOT = Path(__file__).resolve().parents[1]
SEEDS, CLAIMS = ROOT / "seeds", ROOT / "claims"


def test_verdicts_of_a_real_check_round_trip_exactly(tmp_path):
    from claimcheck.api import Checker
    from claimcheck.claims import load_claims_file

    claims = load_claims_file(str(CLAIMS / "seeds.yaml")).claims
    verdicts = Checker(SEEDS, cache_dir=tmp_path).check(claims)
    assert any(v.parts for v in verdicts) and any(v.conflict for v in verdicts)  # the tree has every kind of node
    again = [from_plain(Verdict, value) for value in json.loads(json.dumps([to_plain(v) for v in verdicts]))]
    assert again == verdicts
    # Fields that equality ignores travel too.
    assert [[e.signals for e in v.evidence] for v in again] == [[e.signals for e in v.evidence] for v in verdicts]
    assert [[e.rule for e in v.evidence] for v in again] == [[e.rule for e in v.evidence] for v in verdicts]


def test_a_hand_built_tree_round_trips_with_optional_and_fixed_tuples():
    passage = Passage("a.md", "src", "It rose 4%.", 0, 11, 1, 1, page=3)
    conflict = Conflict("figure", "5%", "4%", claim_span=(8, 10), source_span=(8, 10))
    evidence = Evidence(passage, Stance.CONTRADICTS, 0.5, "x", {"cosine": 0.9}, conflict, "figure")
    part = PartVerdict("It rose 5%.", 0, 11, Label.CONFLICTING, "x", (evidence,), ("it", "5%"))
    verdict = Verdict(Claim("c1", "It rose 5%.", expect=Label.CONFLICTING, cite=("a.md",)), Label.CONFLICTING, 0.8, "x", (evidence,), parts=(part,))
    again = from_plain(Verdict, json.loads(json.dumps(to_plain(verdict))))
    assert again == verdict and again.evidence[0].conflict.claim_span == (8, 10) and again.evidence[0].passage.page == 3


@pytest.mark.parametrize(
    "value",
    [
        {"id": "c1"},  # a required field missing
        {"id": "c1", "text": "x", "colour": "red"},  # a field this version does not know
        {"id": "c1", "text": 3},  # a number where text belongs
        {"id": "c1", "text": "x", "expect": "maybe"},  # not a label
        {"id": "c1", "text": "x", "cite": "a.md"},  # a string where a list belongs
        [],
    ],
)
def test_values_of_another_shape_are_refused(value):
    with pytest.raises(CodecError):
        from_plain(Claim, value)


def test_values_that_decode_to_themselves_are_taken_as_they_are_and_the_rest_still_converted_or_refused() -> None:
    """The short cuts (a float in a float field, None or an int in an `int | None` one, a str → float mapping) change nothing."""

    evidence = Evidence(Passage("a.md", "src", "Text.", 0, 5, 1, 1, page=None), Stance.SUPPORTS, 0.5, signals={"fuzzy": 0.25})
    plain = to_plain(evidence)
    assert from_plain(Evidence, plain) == evidence and from_plain(Evidence, plain).signals == {"fuzzy": 0.25}
    converted = from_plain(Evidence, {**plain, "score": 1, "signals": {"fuzzy": 1}})  # JSON writes 1.0 back as 1
    assert type(converted.score) is float and type(converted.signals["fuzzy"]) is float
    assert from_plain(Passage, {**plain["passage"], "page": 4}).page == 4
    for wrong in ({**plain, "score": True}, {**plain, "signals": {"fuzzy": "high"}}, {**plain, "passage": {**plain["passage"], "page": "4"}}):
        with pytest.raises(CodecError):
            from_plain(Evidence, wrong)
