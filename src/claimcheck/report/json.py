"""`--format json`: the DESIGN.md report shape, byte-identical for identical inputs."""

from __future__ import annotations

from ..models import Verdict
from .base import ReportContext, claim_record, summary
from .escape import json_text


def report_dict(verdicts: list[Verdict], context: ReportContext) -> dict[str, object]:
    """The report as plain data, claims in input order."""
    return {"claims": [claim_record(v, context) for v in verdicts], "summary": summary(verdicts)}


def render_json(verdicts: list[Verdict], context: ReportContext) -> str:
    """Pretty JSON with a trailing newline; the exact data, terminal-unsafe characters as `\\u` escapes."""
    return json_text(report_dict(verdicts, context), indent=2) + "\n"
