"""`--format sarif`: SARIF 2.1.0, validated against the official OASIS schema (vendored in data/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from claimcheck import __version__
from claimcheck.baseline import fingerprint as claim_fingerprint
from claimcheck.models import Claim, Label, Verdict
from claimcheck.report import render
from claimcheck.report.base import gate_failures
from claimcheck.reporting import with_verdicts

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator():
    Draft4Validator.check_schema(SCHEMA)
    return Draft4Validator(SCHEMA, format_checker=Draft4Validator.FORMAT_CHECKER)


def _log(output: str, validator) -> dict:
    log = json.loads(output)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return log


def test_schema_valid(run, validator):
    verdicts, context = run
    log = _log(render(verdicts, "sarif", context), validator)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claimcheck" and driver["version"] == __version__
    assert {r["id"] for r in driver["rules"]} >= {"claimcheck/conflicting", "claimcheck/unsourced"}


def test_results(run, validator):
    verdicts, context = run
    run_log = _log(render(verdicts, "sarif", context), validator)["runs"][0]
    rules = [r["id"] for r in run_log["tool"]["driver"]["rules"]]
    unsupported = [v for v in verdicts if v.label is not Label.SUPPORTED]
    failing = {id(v) for v in gate_failures(verdicts, context)}
    results = run_log["results"]
    assert len(results) == len(unsupported)
    for result, verdict in zip(results, unsupported):
        assert result["ruleId"] == f"claimcheck/{verdict.label.value}"
        assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] == ("error" if id(verdict) in failing else "warning")
        assert " ".join(verdict.claim.text.split()) in result["message"]["text"].replace("\\[", "[").replace("\\]", "]")
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert "\\" not in uri and not uri.startswith("/") and ":" not in uri
        assert location["region"]["startLine"] == verdict.claim.line
        if context.mode == "draft":
            assert uri == "drafts/story.md"
            assert location["region"]["startColumn"] >= 1
            assert location["region"]["endLine"] >= location["region"]["startLine"]
        else:
            assert uri == verdict.claim.file
            assert "startColumn" not in location["region"]
        related = result["relatedLocations"]
        assert len(related) == len(verdict.evidence)
        for entry, item in zip(related, verdict.evidence):
            physical = entry["physicalLocation"]
            assert physical["artifactLocation"]["uri"] == item.passage.source
            assert physical["artifactLocation"]["uriBaseId"] in run_log["originalUriBaseIds"]
            region = physical["region"]
            assert (region["startLine"], region["endLine"]) == (item.passage.line_start, item.passage.line_end)
            assert region["snippet"]["text"] == item.passage.text
        assert result["partialFingerprints"]["claimHash/v1"] == claim_fingerprint(verdict.claim)
    prints = [r["partialFingerprints"]["claimHash/v1"] for r in results]
    assert len(set(prints)) == len(prints)


def test_fingerprint_ignores_case_and_spacing():
    a = Verdict(Claim("c1", "ICE awarded  Palantir\na contract."), Label.UNSOURCED, 0.5, "")
    b = Verdict(Claim("c1", "ice awarded palantir a contract."), Label.CONFLICTING, 0.9, "other")
    c = Verdict(Claim("c2", "ICE awarded Palantir a contract."), Label.UNSOURCED, 0.5, "")
    assert claim_fingerprint(a.claim) == claim_fingerprint(b.claim) != claim_fingerprint(c.claim)


def test_expectation_mismatch_and_no_location(context, validator):
    claims = [
        Verdict(Claim("exp", "A claim [with] brackets.", expect=Label.CONFLICTING, file="c.yaml", line=2), Label.SUPPORTED, 0.9, "source says so"),
        Verdict(Claim("api", "From the library API, no file."), Label.UNSOURCED, 0.9, "no source passage bears on this claim"),
    ]
    results = _log(render(claims, "sarif", with_verdicts(context, claims)), validator)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["claimcheck/supported", "claimcheck/unsourced"]
    assert results[0]["level"] == "error"
    assert "\\[with\\]" in results[0]["message"]["text"]
    assert "physicalLocation" not in results[1]["locations"][0]


def test_empty_run_is_valid(context, validator):
    log = _log(render([], "sarif", context), validator)
    assert log["runs"][0]["results"] == []
