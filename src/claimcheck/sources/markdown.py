"""The Markdown reader: the file's decoded text, with ATX and setext headings."""

from __future__ import annotations

from .plain import TextReader
from .registry import register


class MarkdownReader(TextReader):
    """`.md` and `.markdown` files: offsets index the decoded file itself."""

    name = "markdown"
    suffixes: tuple[str, ...] = (".md", ".markdown")
    markdown = True


register(MarkdownReader())
