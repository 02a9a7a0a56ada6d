"""`--format jsonl`: one DESIGN.md claim record per line, claims in input order, no summary line."""

from __future__ import annotations

import json

from ..models import Verdict
from .base import ReportContext, claim_record

# JSON leaves these raw inside strings, but `str.splitlines()` and many JSONL readers split on them.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def render_jsonl(verdicts: list[Verdict], context: ReportContext) -> str:
    """One compact JSON object per claim, each on its own line."""
    lines = []
    for verdict in verdicts:
        line = json.dumps(claim_record(verdict, context), ensure_ascii=False, separators=(",", ":"))
        for char, escaped in _LINE_BREAKS.items():
            line = line.replace(char, escaped)
        lines.append(line + "\n")
    return "".join(lines)
