"""`--format jsonl`: one DESIGN.md claim record per line."""

from __future__ import annotations

import json

from claimcheck.models import Claim, Label, Verdict
from claimcheck.report import render
from claimcheck.report.json import json_claim_record
from claimcheck.reporting import with_verdicts


def test_one_record_per_claim(run):
    verdicts, context = run
    output = render(verdicts, "jsonl", context)
    lines = output.splitlines()
    assert len(lines) == len(verdicts)
    for line, verdict in zip(lines, verdicts):
        record = json.loads(line)
        assert record == json.loads(json.dumps(json_claim_record(verdict, context)))
        assert "summary" not in record
        assert record["verdict"] in {"supported", "conflicting", "unsourced"}


def test_unicode_line_separators_stay_inside_records(context):
    verdict = Verdict(Claim("sep", "one\u2028two\u2029three\x85four\nfive"), Label.UNSOURCED, 0.9, "none")
    output = render([verdict, verdict], "jsonl", with_verdicts(context, [verdict, verdict]))
    assert len(output.splitlines()) == 2
    assert json.loads(output.splitlines()[0])["text"] == "one\u2028two\u2029three\x85four\nfive"
