"""Table-driven stance cases, one YAML file per rule (tests/stance/<rule name>.yaml), written from general language knowledge.

A file named after a contradiction rule holds the cases that rule must find (`expect: contradicts`) and its near
misses; a file named after a support blocker holds the cases it must block (`expect: related`) and its near misses;
`support.yaml` holds the cases no rule or blocker decides (paraphrases, topical near misses).

Fields of a case:
  category  what the case is about: figures, rates, dates, negation, antonyms, entities, attribution, paraphrase, topical
  claim     the claim being checked
  passage   the source passage being judged
  expect    supports    - the passage asserts the claim (wording may differ: synonyms, digits vs words, compatible
                          hedged ranges, passive/active, acronyms, etc.)
            contradicts - the passage asserts something specifically incompatible (different figure, date, period,
                          rate, polarity flip, explicit antonym, or the same figure/role given to a different entity)
            related     - same topic/names, but the passage neither asserts nor specifically contradicts the claim
  why       one short phrase explaining the expected label
  known_limitation (optional) why claimcheck does not get this case yet; the test expects it to fail (strict xfail),
            so a fix shows up as a pass to promote
  subject   (optional) the words naming what the claim is about, as the parser gives them ("the ferry line's" → "ferry line")
  about     (optional) what the passage's document is about: its title, file name and the heading it sits under
  context   (optional) the sentences just before the passage in its document (its lead-in)
  byline    (optional) the passage's document's outlet and author
  author    (optional) the passage's document's author alone (also in `byline`)
  frame     (optional) the lead-in a draft's list item (the claim) hangs from ("Targets for 2025:")
  after     (optional) the sentence just after the passage in its document
  speaker   (optional) who a transcript's or minutes' label gives the passage's paragraph to ("Agnes Tully")
  lowercase (optional) the names the corpus writes in lower case ("heron"), as its titles show them
  explain   (optional, contradicts only) short lowercase substrings that a good explanation of the contradiction
            should contain, e.g. the two conflicting figures as they appear in claim and passage

All subjects are fictional or generic; the sentences were written for these fixtures and are not drawn from any demo corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.stance import BLOCKERS, CONTRADICTIONS, judge

HERE = Path(__file__).parent
RULES = {rule.name for rule in CONTRADICTIONS}
BLOCKER_NAMES = {blocker.name for blocker in BLOCKERS}
NO_RULE = "support"
FILES = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(HERE.glob("*.yaml"))}
CASES = [(name, case) for name, cases in FILES.items() for case in cases]


def _param(name: str, number: int, case: dict) -> object:
    """A case, marked as an expected failure where the fixture records a known limitation."""
    marks = [pytest.mark.xfail(strict=True, reason=case["known_limitation"])] if case.get("known_limitation") else []
    return pytest.param(name, case, id=f"{name}-{number}", marks=marks)


def test_files_are_named_after_registered_rules():
    assert set(FILES) <= RULES | BLOCKER_NAMES | {NO_RULE}
    for name, cases in FILES.items():
        assert isinstance(cases, list) and cases, name
        # A rule's file holds at least one case it must decide, or one it does not get yet.
        if name in RULES:
            assert any(c["expect"] == "contradicts" for c in cases), name
        if name in BLOCKER_NAMES:
            assert any(c["expect"] == "related" for c in cases), name


def test_table_is_large_and_balanced():
    categories = {c["category"] for _, c in CASES}
    assert len(CASES) >= 60
    assert {"figures", "dates", "negation", "entities", "attribution", "paraphrase", "topical"} <= categories
    assert sum("known_limitation" not in c for _, c in CASES) >= 100


@pytest.mark.parametrize(("name", "case"), [_param(name, n, c) for name, cases in FILES.items() for n, c in enumerate(cases)])
def test_stance(name, case, similarity):
    context = {key: case.get(key, "") for key in ("subject", "about", "context", "byline", "author", "frame", "after", "speaker")}
    lowercase = frozenset(case.get("lowercase", ()))
    judgement = judge(case["claim"], case["passage"], similarity(case["claim"], case["passage"]), **context, lowercase=lowercase)
    assert judgement.stance.value == case["expect"], f"{case['why']}: got {judgement.stance.value} ({judgement.explanation}; {judgement.signals})"
    for fragment in case.get("explain", []):
        assert fragment in judgement.explanation.lower()
    if case["expect"] == "contradicts":
        # The rule the file is named after found it, and the explanation is rendered from its conflict.
        assert judgement.rule == name and judgement.conflict is not None and judgement.conflict.rule == name
        assert judgement.explanation == judgement.conflict.explanation
    elif case["expect"] == "related" and name in BLOCKER_NAMES:
        assert judgement.rule == name, f"blocked by {judgement.rule}: {judgement.explanation}"
    elif name == NO_RULE:
        assert judgement.rule is None and judgement.conflict is None, judgement.explanation
    if judgement.stance.value != "contradicts":
        assert judgement.conflict is None
