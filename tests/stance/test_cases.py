"""Table-driven stance cases (tests/stance/cases.yaml), written from general language knowledge."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.stance import judge

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['category']}-{n}" for n, c in enumerate(CASES)])
def test_stance(case, similarity):
    judgement = judge(case["claim"], case["passage"], similarity(case["claim"], case["passage"]))
    assert judgement.stance.value == case["expect"], f"{case['why']}: got {judgement.stance.value} ({judgement.explanation}; {judgement.signals})"
    for fragment in case.get("explain", []):
        assert fragment in judgement.explanation.lower()
