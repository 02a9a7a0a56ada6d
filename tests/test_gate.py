"""Tests for the CI gate: --fail-on parsing, which verdicts fail, baselines, and the exit status."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimcheck.baseline import fingerprint
from claimcheck.errors import ClaimcheckError
from claimcheck.gate import DEFAULT_FAIL_ON, ExitStatus, GateCheck, exit_status, fails_gate, parse_fail_on
from claimcheck.models import Citation, Claim, Label, Verdict

ALL = tuple(Label)


def verdict(label: Label, expect: Label | None = None, claim_id: str = "c1", text: str = "A claim.") -> Verdict:
    return Verdict(Claim(id=claim_id, text=text, expect=expect), label, 0.9, "because")


# --- parse_fail_on ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("conflicting", (Label.CONFLICTING,)),
        ("conflicting,unsourced", (Label.CONFLICTING, Label.UNSOURCED)),
        (" Unsourced , CONFLICTING ", (Label.UNSOURCED, Label.CONFLICTING)),
        ("supported,conflicting,unsourced", ALL),
        ("conflicting,", (Label.CONFLICTING,)),
        ("none", ()),
        ("NONE", ()),
        ("miscited", (GateCheck.MISCITED,)),
        ("conflicting, Miscited", (Label.CONFLICTING, GateCheck.MISCITED)),
    ],
)
def test_parse_fail_on(value: str, expected: tuple[Label | GateCheck, ...]) -> None:
    assert parse_fail_on(value) == expected


@pytest.mark.parametrize("value", ["conflicted", "conflicting,bogus", "", " , ", "none,conflicting", "all", "wrong-source", "none,miscited"])
def test_parse_fail_on_rejects_bad_values(value: str) -> None:
    with pytest.raises(ClaimcheckError) as info:
        parse_fail_on(value)
    assert "--fail-on" in str(info.value)


def test_default_fail_on() -> None:
    assert set(DEFAULT_FAIL_ON) == {Label.CONFLICTING, Label.UNSOURCED}


# --- fails_gate --------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", list(Label))
@pytest.mark.parametrize("expect", list(Label))
def test_with_expect_fails_iff_verdict_differs(label: Label, expect: Label) -> None:
    # `fail_on` is irrelevant when the claim states what it expects.
    for fail_on in ((), ALL, DEFAULT_FAIL_ON):
        assert fails_gate(verdict(label, expect), fail_on) is (label is not expect)


@pytest.mark.parametrize("label", list(Label))
def test_without_expect_fails_iff_verdict_in_fail_on(label: Label) -> None:
    assert fails_gate(verdict(label), DEFAULT_FAIL_ON) is (label in DEFAULT_FAIL_ON)
    assert fails_gate(verdict(label), ()) is False
    assert fails_gate(verdict(label), (label,)) is True


def test_baseline_suppresses_a_recorded_verdict() -> None:
    failing = verdict(Label.CONFLICTING, claim_id="x", text="ICE buys from Amazon.")
    baseline = {fingerprint(failing.claim): Label.CONFLICTING}
    assert fails_gate(failing, DEFAULT_FAIL_ON) is True
    assert fails_gate(failing, DEFAULT_FAIL_ON, baseline) is False


def test_baseline_does_not_suppress_a_changed_verdict_or_another_claim() -> None:
    now = verdict(Label.CONFLICTING, claim_id="x", text="ICE buys from Amazon.")
    recorded_other_verdict = {fingerprint(now.claim): Label.UNSOURCED}
    assert fails_gate(now, DEFAULT_FAIL_ON, recorded_other_verdict) is True
    other = verdict(Label.CONFLICTING, claim_id="y", text="ICE buys from Amazon.")
    assert fails_gate(other, DEFAULT_FAIL_ON, {fingerprint(now.claim): Label.CONFLICTING}) is True


def test_baseline_suppresses_a_recorded_mismatch_with_expect() -> None:
    now = verdict(Label.UNSOURCED, expect=Label.SUPPORTED)
    assert fails_gate(now, ()) is True
    assert fails_gate(now, (), {fingerprint(now.claim): Label.UNSOURCED}) is False


# --- exit_status --------------------------------------------------------------------------------------


def test_exit_status_codes() -> None:
    assert (ExitStatus.CLEAN, ExitStatus.GATE_FAILED, ExitStatus.ERROR) == (0, 1, 2)


def test_exit_status_clean_and_failed() -> None:
    clean = [verdict(Label.SUPPORTED), verdict(Label.CONFLICTING, expect=Label.CONFLICTING, claim_id="c2")]
    assert exit_status(clean, DEFAULT_FAIL_ON) is ExitStatus.CLEAN
    failing = clean + [verdict(Label.UNSOURCED, claim_id="c3")]
    assert exit_status(failing, DEFAULT_FAIL_ON) is ExitStatus.GATE_FAILED
    assert exit_status(failing, (Label.CONFLICTING,)) is ExitStatus.CLEAN
    assert exit_status(failing, DEFAULT_FAIL_ON, {fingerprint(failing[-1].claim): Label.UNSOURCED}) is ExitStatus.CLEAN


def test_empty_run_is_an_error_not_a_pass() -> None:
    with pytest.raises(ClaimcheckError):
        exit_status([], DEFAULT_FAIL_ON)
    with pytest.raises(ClaimcheckError):
        exit_status([], ())


# --- miscited ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("citation", list(Citation))
@pytest.mark.parametrize("expect", [None, *Label])
def test_miscited_fails_a_wrong_source_citation_whatever_the_verdict_and_expect(citation: Citation, expect: Label | None) -> None:
    cited = replace(verdict(Label.SUPPORTED, expect), citation=citation)
    verdict_fails = fails_gate(cited, DEFAULT_FAIL_ON)
    assert verdict_fails is (expect is not None and expect is not Label.SUPPORTED)  # the citation alone never fails the default gate
    assert fails_gate(cited, (*DEFAULT_FAIL_ON, GateCheck.MISCITED)) is (verdict_fails or citation is Citation.WRONG_SOURCE)
    assert fails_gate(cited, (GateCheck.MISCITED,)) is ((expect is not None and expect is not Label.SUPPORTED) or citation is Citation.WRONG_SOURCE)


def test_a_baseline_accepts_a_recorded_claim_whatever_its_citation() -> None:
    miscited = replace(verdict(Label.SUPPORTED, claim_id="x"), citation=Citation.WRONG_SOURCE)
    assert exit_status([miscited], (GateCheck.MISCITED,)) is ExitStatus.GATE_FAILED
    assert exit_status([miscited], (GateCheck.MISCITED,), {fingerprint(miscited.claim): Label.SUPPORTED}) is ExitStatus.CLEAN
