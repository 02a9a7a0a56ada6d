"""Assertion extraction: the decomposition table (cases.yaml), span invariants, and odd input that must never raise."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.language import Assertion, assertions

pytestmark = pytest.mark.parser

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))


def _param(case: dict) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case["known_limitation"])] if case.get("known_limitation") else []
    return pytest.param(case, id=case["sentence"][:48], marks=marks)


def _describe(parts: list[Assertion]) -> str:
    lines = []
    for part in parts:
        speaker = part.attribution.speaker.text if part.attribution and part.attribution.speaker else None
        lines.append(
            f"  [{part.kind}] {part.text!r} subject={part.subject.text if part.subject else None!r} lemma={part.predicate.lemma} "
            f"negated={part.negated} modality={part.modality} attribution={(speaker, part.attribution.verb) if part.attribution else None}\n"
            + "\n".join(f"      {a.type} {a.slot} {a.text!r}" for a in part.arguments)
        )
    return "\n".join(lines)


def test_table_is_broad() -> None:
    kinds = {p.get("kind") for c in CASES for p in c["parts"]}
    assert len(CASES) >= 40
    assert {"appositive", "with", "relative", "participial", "gapped", "coordinated", "adverbial", "fragment"} <= kinds
    assert sum(1 for c in CASES for p in c["parts"] if "attribution" in p) >= 6
    assert sum(1 for c in CASES for p in c["parts"] if p.get("negated")) >= 6
    for case in CASES:  # a YAML slip (an unquoted comma) would make a check vacuous
        for part in case["parts"]:
            for expected in part.get("args", []):
                assert len(expected) == 3 and isinstance(expected[2], str) and expected[2] in case["sentence"], (case["sentence"], expected)
            assert all(isinstance(t, str) and t in case["sentence"] for t in part.get("absent", [])), case["sentence"]
            assert part.get("text", case["sentence"]) in case["sentence"]


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_decomposition(case: dict) -> None:
    sentence = case["sentence"]
    parts = assertions(sentence)
    shown = f"{case['why']}\n{_describe(parts)}"
    assert len(parts) == len(case["parts"]), shown
    for part, expected in zip(parts, case["parts"]):
        assert sentence[part.start : part.end] == part.text, shown
        if "text" in expected:
            assert part.text == expected["text"], shown
        if "kind" in expected:
            assert part.kind == expected["kind"], shown
        if "subject" in expected:
            assert (part.subject.text if part.subject else None) == expected["subject"], shown
        assert part.predicate.lemma == expected["lemma"] if "lemma" in expected else True, shown
        assert part.negated == expected.get("negated", False), shown
        if "modality" in expected:
            assert set(expected["modality"]) <= set(part.modality), shown
            if not expected["modality"]:
                assert part.modality == (), shown
        if "attribution" in expected:
            speaker, verb = expected["attribution"]
            assert part.attribution is not None and part.attribution.verb == verb, shown
            assert part.attribution.speaker is not None and part.attribution.speaker.text == speaker, shown
        else:
            assert part.attribution is None, shown
        for kind, slot, text in expected.get("args", []):
            assert any(a.type == kind and a.slot == slot and a.text == text for a in part.arguments), f"missing [{kind}, {slot}, {text}]\n{shown}"
        for text in expected.get("absent", []):
            assert not any(text in a.text for a in part.arguments), f"{text!r} should not be an argument of {part.text!r}\n{shown}"


def test_spans_point_into_the_text_and_figures_are_read_by_claimcheck() -> None:
    text = "  The ferry company carried 1.2 million people in 2023, and the airline, with 900,000, came second.  "
    parts = assertions(text)
    assert parts
    for part in parts:
        assert text[part.start : part.end] == part.text
        assert text[part.predicate.start : part.predicate.end] == part.predicate.text
        if part.subject:
            assert text[part.subject.start : part.subject.end] == part.subject.text
        for argument in part.arguments:
            assert text[argument.start : argument.end] == argument.text
    figures = {a.text: a.quantity for p in parts for a in p.arguments if a.type == "CARDINAL"}
    assert figures["1.2 million"] is not None and figures["1.2 million"].low == 1_200_000
    assert figures["900,000"] is not None and figures["900,000"].low == 900_000
    years = [a.date for p in parts for a in p.arguments if a.type == "DATE"]
    assert any(d is not None and d.value == 2023 for d in years)


def test_several_sentences_give_parts_in_order() -> None:
    text = "The pharmacy closed in May. It reopened in June under a new owner."
    parts = assertions(text)
    assert [p.predicate.lemma for p in parts] == ["close", "reopen"]
    assert parts[1].start > text.index(".")


def test_noisy_names_are_corrected() -> None:
    """The small model's slips, forced onto a real parse: a capitalised adjective inside a person, a lower-case word as a person."""
    from spacy.tokens import Span

    from claimcheck.language import assertions_of, parse

    doc = parse("Brave Sarah Lin rescued the dog, and the team later replaced zipster with a newer tool.")
    brave = Span(doc, 0, 3, label="PERSON")
    zipster = next(t for t in doc if t.text == "zipster")
    doc.ents = [brave, Span(doc, zipster.i, zipster.i + 1, label="PERSON")]
    parts = assertions_of(doc)
    people = [a.text for p in parts for a in p.arguments if a.type == "PERSON"]
    assert "Sarah Lin" in people and "Brave Sarah Lin" not in people
    assert "zipster" not in people
    assert any(a.text == "zipster" and a.type == "NP" for p in parts for a in p.arguments)


def test_organisation_word_overrides_a_person_label() -> None:
    from spacy.tokens import Span

    from claimcheck.language import assertions_of, parse

    doc = parse("The firmware was written by Kestrel Labs in Oslo.")
    start = next(t.i for t in doc if t.text == "Kestrel")
    doc.ents = [Span(doc, start, start + 2, label="PERSON")]
    labels = {a.text: a.type for p in assertions_of(doc) for a in p.arguments}
    assert labels.get("Kestrel Labs") == "ORG"


ODD = [
    "",
    " ",
    "\n\n\t",
    "a",
    "Hello",
    "No.",
    "?",
    "(((",
    "....",
    "😀🎉🔥",
    "1 2 3",
    "$$$ %%% 100%",
    "\u200b\u200b",
    "a\x00b",
    "Der Hund bellt laut in Berlin, sagte er.",
    "日本語のテキストです。",
    "Это предложение на русском языке.",
    "<b>bold</b> &amp; <i>x</i>",
    "def f(x): return x ** 2",
    "and and and or but",
    "said said said",
    "The The The.",
    ", said the man.",
    "with 3 million",
    "According to.",
    "It was reported that.",
    "which, who, that, whose.",
    "The firm, which employs 20 people and 3 million robots in May and June, said that its rival, a Boston bank, lost $4 million. " * 20,
    "x" * 2000,
    "word " * 400,
    "A. B. C. D.",
    "Mr. Smith's.",
    "— — —",
    "“”‘’",
    "42",
    "$5",
    "May.",
    "2021-05-04T10:00:00Z",
]


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_odd_input_never_raises(text: str) -> None:
    parts = assertions(text)
    for part in parts:
        assert text[part.start : part.end] == part.text
        for argument in part.arguments:
            assert text[argument.start : argument.end] == argument.text
    if not text.strip():
        assert parts == []


_WORDS = "the a firm said that which who with and but not no may 3 million in May June Boston teacher built rose , . ; reportedly about $5 %".split()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=120), st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join)))
def test_any_text_gives_assertions_with_valid_spans(text: str) -> None:
    for part in assertions(text):
        assert 0 <= part.start <= part.end <= len(text) and text[part.start : part.end] == part.text
        assert text[part.predicate.start : part.predicate.end] == part.predicate.text
        for argument in part.arguments:
            assert text[argument.start : argument.end] == argument.text
