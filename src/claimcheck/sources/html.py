"""The HTML reader (trafilatura, Apache-2.0): the page's main content without navigation, ads, cookie banners and footers.

Title, author, date, site name and URL come from the page's own metadata (meta tags, OpenGraph,
JSON-LD `NewsArticle`), as trafilatura reads them.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ClaimcheckError
from .boilerplate import is_furniture
from .bounded import run_bounded
from .registry import Extracted, ReadOptions, register
from .structure import Blocks
from .walk import Warn

_SPACES = re.compile(r"[ \t\u00a0]+")
_HEADING_LEVEL = re.compile(r"h([1-6])")


def _inline(element: Any) -> str:
    """The text of an element, a line break for each `<lb>`, runs of spaces collapsed."""
    parts: list[str] = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    """One block's text: spaces collapsed on each line, blank lines removed."""
    return "\n".join(line for line in (_SPACES.sub(" ", line).strip() for line in text.split("\n")) if line)


def _blocks(body: Any) -> list[tuple[str, int]]:
    """(text, heading level or 0) of each block of trafilatura's cleaned body, in reading order; a table row is one block."""
    found: list[tuple[str, int]] = []

    def visit(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == "head":
                level = _HEADING_LEVEL.fullmatch(child.get("rend", "") or "")
                found.append((_clean(_inline(child)), int(level.group(1)) if level else 2))
            elif tag == "row":
                cells = [" ".join(_clean(_inline(cell)).split()) for cell in child]
                if any(cells):
                    found.append(("| " + " | ".join(cells) + " |", 0))
            elif (
                tag in {"list", "table", "div", "quote"}
                and len(child)
                and all(grandchild.tag in {"item", "row", "p", "head", "list", "quote", "table", "div", "lb"} for grandchild in child)
            ):
                visit(child)
            else:  # a paragraph, list item, quote or code block
                found.append((_clean(_inline(child)), 0))

    visit(body)
    return [(text, level) for text, level in found if text]


def _extract(data: bytes) -> Extracted:
    """The main content of a page as blocks separated by blank lines, with its headings and metadata."""
    import logging  # here, not at the top: a run that reads no HTML never needs it

    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):  # their log lines would break the one-line warnings
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        result = trafilatura.bare_extraction(
            data, with_metadata=True, include_tables=True, include_comments=False, include_formatting=False, include_links=False, include_images=False
        )
    except (ValueError, TypeError) as exc:
        raise ClaimcheckError(f"unreadable HTML ({' '.join(str(exc).split())[:120]})") from None
    if result is None or isinstance(result, dict) or result.body is None:
        raise ClaimcheckError("no main text found in the page")
    blocks = Blocks()
    for text, level in _blocks(result.body):
        if not level and is_furniture(text):
            continue  # site furniture left in the main content is no passage
        blocks.add(text, level)
    text, headings = blocks.text, blocks.headings
    if not any(ch.isalnum() for ch in text):
        raise ClaimcheckError("no main text found in the page")
    fields = {"title": result.title, "author": result.author, "date": result.date, "outlet": result.sitename, "url": result.url}
    metadata = {key: " ".join(str(value).split())[:300] for key, value in fields.items() if value and str(value).strip()}
    return Extracted(text, "utf-8", tuple(headings), (), metadata)


class HtmlReader:
    """`.html` and `.htm` files (pages saved from a browser): offsets index the extracted main text."""

    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")
    converted = True

    def read(self, data: bytes, name: str, warn: Warn, options: ReadOptions) -> Extracted:
        """Extract the main content under the run's time and memory bounds."""
        import trafilatura  # noqa: F401  (imported here, once: each forked child inherits it instead of importing it again)

        return run_bounded(lambda: _extract(data), options.max_seconds, options.max_memory)


register(HtmlReader())
