"""`--format json`: the structured `conflict` a contradiction carries (DESIGN.md, 2026-11-30 additions)."""

from __future__ import annotations

import json

from claimcheck.report import render


def _records(verdicts, context) -> dict[str, dict]:
    return {c["id"]: c for c in json.loads(render(verdicts, "json", context))["claims"]}


def test_a_conflicting_claim_names_its_rule_and_both_sides(verdicts, context):
    record = _records(verdicts, context)["palantir-14-million"]
    assert record["verdict"] == "conflicting"
    assert record["conflict"] == {"rule": "figure", "claim_side": "$14 million", "source_side": "$41 million"}
    # The explanation is rendered from the conflict, and the claim's conflict is its first contradicting passage's.
    assert record["explanation"].startswith("source: $41 million; claim: $14 million")
    first = next(e for e in record["evidence"] if e["stance"] == "contradicts")
    assert first["conflict"] == record["conflict"]
    assert list(record).index("conflict") == list(record).index("explanation") + 1


def test_only_contradictions_carry_a_conflict(run):
    verdicts, context = run
    records = _records(verdicts, context)
    # The hand-built mixed verdict has no Conflict objects: it must come out without `conflict` keys.
    assert all("conflict" not in item for item in records.pop("mixed-evidence", {"evidence": []})["evidence"])
    assert any(r["verdict"] == "conflicting" for r in records.values())
    for record in records.values():
        assert ("conflict" in record) == (record["verdict"] == "conflicting")
        for item in record["evidence"]:
            assert ("conflict" in item) == (item["stance"] == "contradicts")


def test_json_is_streamed_a_claim_at_a_time_with_the_bytes_of_one_dump(run):
    """A large claims set is written piece by piece, yet the file is exactly one `json.dumps(indent=2)` of the report."""
    from claimcheck.report import render_chunks
    from claimcheck.report.escape import json_text
    from claimcheck.report.json import report_dict

    verdicts, context = run
    for subset in (verdicts, verdicts[:1], []):
        chunks = list(render_chunks(subset, "json", context))
        assert "".join(chunks) == json_text(report_dict(subset, context), indent=2) + "\n"
        assert len(chunks) == len(subset) + (3 if subset else 2)  # an opening, one per claim, a closing, the summary
    lines = list(render_chunks(verdicts, "jsonl", context))
    assert len(lines) == len(verdicts) and all(line.endswith("\n") and json.loads(line) for line in lines)
