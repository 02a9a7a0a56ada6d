"""Reports: verdicts → text for people and machines, one module per format."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..models import Verdict
from .base import ReportContext
from .claimreview import render_claimreview
from .github import render_github
from .html import render_html
from .json import render_json, stream_json
from .jsonl import render_jsonl, stream_jsonl
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


# Formats written a claim at a time, so a large claims set never becomes one string in memory.
STREAMED: dict[str, Callable[[list[Verdict], ReportContext], Iterator[str]]] = {"json": stream_json, "jsonl": stream_jsonl}


def render(verdicts: list[Verdict], format: str, context: ReportContext) -> str:
    """The report in `format`."""
    return FORMATS[format](verdicts, context)


def render_chunks(verdicts: list[Verdict], format: str, context: ReportContext) -> Iterator[str]:
    """The report in `format` as pieces to write in order: a claim at a time where the format allows, else whole."""
    if format in STREAMED:
        yield from STREAMED[format](verdicts, context)
    else:
        yield render(verdicts, format, context)


__all__ = ["FORMATS", "STREAMED", "ReportContext", "render", "render_chunks"]
