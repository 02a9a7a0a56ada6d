"""The plain-text reader: the file's decoded text, with headings found in it."""

from __future__ import annotations

from .decoding import decode
from .registry import Extracted, ReadOptions, register
from .structure import find_headings
from .walk import Warn


class TextReader:
    """`.txt` files: offsets index the decoded file itself."""

    name = "text"
    suffixes: tuple[str, ...] = (".txt",)
    converted = False
    markdown = False

    def read(self, data: bytes, name: str, warn: Warn, options: ReadOptions) -> Extracted:
        """Decode the bytes and find the headings."""
        text, encoding = decode(data, name, warn)
        return Extracted(text, encoding, tuple(find_headings(text, markdown=self.markdown)))


register(TextReader())
