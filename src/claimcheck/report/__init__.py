"""Reports: verdicts → text for people and machines, one module per format."""

from __future__ import annotations

from collections.abc import Callable

from ..models import Verdict
from .base import ReportContext
from .claimreview import render_claimreview
from .github import render_github
from .html import render_html
from .json import render_json
from .jsonl import render_jsonl
from .junit import render_junit
from .line import render_line
from .markdown import render_markdown
from .sarif import render_sarif
from .text import render_text

Renderer = Callable[[list[Verdict], ReportContext], str]

FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "markdown": render_markdown,
    "html": render_html,
    "line": render_line,
    "github": render_github,
    "junit": render_junit,
    "sarif": render_sarif,
    "claimreview": render_claimreview,
}


def render(verdicts: list[Verdict], format: str, context: ReportContext) -> str:
    """The report in `format`."""
    return FORMATS[format](verdicts, context)


__all__ = ["FORMATS", "ReportContext", "render"]
