"""`--format jsonl`: one DESIGN.md claim record per line, claims in input order, no summary line."""

from __future__ import annotations

from ..models import Verdict
from .base import ReportContext
from .escape import json_text
from .json import json_claim_record


def render_jsonl(verdicts: list[Verdict], context: ReportContext) -> str:
    """One compact JSON object per claim, each on its own line."""
    lines = []
    for verdict in verdicts:
        # `json_text` writes U+2028, U+2029 and NEL as escapes: `str.splitlines()` and many JSONL readers split on them.
        lines.append(json_text(json_claim_record(verdict, context), compact=True) + "\n")
    return "".join(lines)
