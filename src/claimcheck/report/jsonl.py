"""`--format jsonl`: one DESIGN.md claim record per line, claims in input order, no summary line."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Verdict
from .base import ReportContext
from .escape import json_text
from .json import json_claim_record


def render_jsonl(verdicts: list[Verdict], context: ReportContext) -> str:
    """One compact JSON object per claim, each on its own line."""
    return "".join(stream_jsonl(verdicts, context))


def stream_jsonl(verdicts: list[Verdict], context: ReportContext) -> Iterator[str]:
    """The JSONL report a line at a time."""
    for verdict in verdicts:
        # `json_text` writes U+2028, U+2029 and NEL as escapes: `str.splitlines()` and many JSONL readers split on them.
        yield json_text(json_claim_record(verdict, context), compact=True) + "\n"
