"""Reports: verdicts → text for people and machines, one module per format."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import Any

from ..models import Verdict
from .base import ReportContext

Renderer = Callable[[list[Verdict], ReportContext], str]
Streamer = Callable[[list[Verdict], ReportContext], Iterator[str]]


class _Lazy(Mapping[str, Callable[..., Any]]):
    """Format name → renderer, each format's module imported on first use (a run imports only the one it writes)."""

    def __init__(self, where: dict[str, str]) -> None:
        self._where = where  # name → "module:function" within this package

    def __getitem__(self, name: str) -> Callable[..., Any]:
        module, function = self._where[name].split(":")
        found: Callable[..., Any] = getattr(import_module(f".{module}", __name__), function)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


FORMATS: Mapping[str, Renderer] = _Lazy(
    {
        "text": "text:render_text",
        "json": "json:render_json",
        "jsonl": "jsonl:render_jsonl",
        "markdown": "markdown:render_markdown",
        "html": "html:render_html",
        "line": "line:render_line",
        "github": "github:render_github",
        "junit": "junit:render_junit",
        "sarif": "sarif:render_sarif",
        "claimreview": "claimreview:render_claimreview",
    }
)


# Formats that show each quote's paragraph (`ReportContext.paragraph`): only for these does a run find the paragraphs.
# A format added here or reading `context.paragraph` must be named here, or its paragraphs are never found.
SHOWS_PARAGRAPHS = frozenset({"markdown", "html"})

# Formats written a claim at a time, so a large claims set never becomes one string in memory.
STREAMED: Mapping[str, Streamer] = _Lazy({"json": "json:stream_json", "jsonl": "jsonl:stream_jsonl"})


def render(verdicts: list[Verdict], format: str, context: ReportContext) -> str:
    """The report in `format`."""
    return FORMATS[format](verdicts, context)


def render_chunks(verdicts: list[Verdict], format: str, context: ReportContext) -> Iterator[str]:
    """The report in `format` as pieces to write in order: a claim at a time where the format allows, else whole."""
    if format in STREAMED:
        yield from STREAMED[format](verdicts, context)
    else:
        yield render(verdicts, format, context)


__all__ = ["FORMATS", "SHOWS_PARAGRAPHS", "STREAMED", "ReportContext", "render", "render_chunks"]
