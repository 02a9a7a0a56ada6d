"""Reports: verdicts → text for people and machines, one module per format."""

from __future__ import annotations

from collections.abc import Callable

from .base import ReportContext
from .json import render_json
from .text import render_text

Renderer = Callable[[list, ReportContext], str]

FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
}


def render(verdicts: list, format: str, context: ReportContext) -> str:
    """The report in `format`."""
    return FORMATS[format](verdicts, context)


__all__ = ["FORMATS", "ReportContext", "render"]
