"""`--format json`: the DESIGN.md report shape, byte-identical for identical inputs."""

from __future__ import annotations

import json

from ..models import Verdict
from .base import ReportContext, claim_record, summary


def report_dict(verdicts: list[Verdict], context: ReportContext) -> dict[str, object]:
    """The report as plain data, claims in input order."""
    return {"claims": [claim_record(v, context) for v in verdicts], "summary": summary(verdicts)}


def render_json(verdicts: list[Verdict], context: ReportContext) -> str:
    """Pretty JSON with a trailing newline."""
    return json.dumps(report_dict(verdicts, context), ensure_ascii=False, indent=2) + "\n"
