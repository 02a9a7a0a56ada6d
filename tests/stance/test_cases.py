"""Table-driven stance cases (tests/stance/cases.yaml), written from general language knowledge."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.stance import judge

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))


def _param(number: int, case: dict) -> object:
    """A case, marked as an expected failure where the fixture records a known limitation."""
    marks = [pytest.mark.xfail(strict=True, reason=case["known_limitation"])] if case.get("known_limitation") else []
    return pytest.param(case, id=f"{case['category']}-{number}", marks=marks)


def test_table_is_large_and_balanced():
    categories = {c["category"] for c in CASES}
    assert len(CASES) >= 60
    assert {"figures", "dates", "negation", "entities", "attribution", "paraphrase", "topical"} <= categories
    assert sum("known_limitation" not in c for c in CASES) >= 100


@pytest.mark.parametrize("case", [_param(n, c) for n, c in enumerate(CASES)])
def test_stance(case, similarity):
    judgement = judge(case["claim"], case["passage"], similarity(case["claim"], case["passage"]))
    assert judgement.stance.value == case["expect"], f"{case['why']}: got {judgement.stance.value} ({judgement.explanation}; {judgement.signals})"
    for fragment in case.get("explain", []):
        assert fragment in judgement.explanation.lower()
