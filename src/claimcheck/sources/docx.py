"""The DOCX reader (python-docx, MIT): paragraphs, headings and tables as rows; comments and tracked deletions left out."""

from __future__ import annotations

import io
import re
from typing import Any

from ..errors import ClaimcheckError
from .bounded import run_bounded
from .registry import MAX_COMPRESSION_RATIO, Extracted, ReadOptions, register
from .structure import Blocks
from .walk import Warn

MAX_ZIP_ENTRIES = 10_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACES = re.compile(r"[ \t\u00a0]+")
_HEADING_STYLE = re.compile(r"heading\s*([1-9])", re.IGNORECASE)


def check_zip(data: bytes, limit: int) -> None:
    """Refuse a zip that unpacks to more than `limit` bytes, or whose members compress implausibly well (a zip bomb)."""
    import zipfile  # here, not at the top: it pulls in shutil, bz2 and lzma, and most runs read no DOCX

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ClaimcheckError(f"damaged DOCX (not a readable zip: {' '.join(str(exc).split())[:80]})") from None
    if len(members) > MAX_ZIP_ENTRIES:
        raise ClaimcheckError(f"DOCX holds more than {MAX_ZIP_ENTRIES:,} parts (a zip bomb?)")
    total = sum(member.file_size for member in members)
    if total > limit:
        raise ClaimcheckError(f"DOCX unpacks to {total:,} bytes, over the {limit:,}-byte limit (a zip bomb?)")
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            raise ClaimcheckError(f"DOCX part {member.filename[:60]} compresses {member.file_size // max(member.compress_size, 1):,} to 1 (a zip bomb?)")


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as accepted: insertions kept, deletions (`w:delText`) and comment marks left out, tabs and breaks kept."""
    parts: list[str] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == _W + "t":
            # Text inside a tracked deletion is w:delText, never w:t; a w:t under w:del would be malformed but is skipped too.
            if not any(ancestor.tag == _W + "del" for ancestor in element.iterancestors()):
                parts.append(element.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n")).strip("\n")


def _extract(data: bytes, limit: int) -> Extracted:
    """The body of a DOCX in order: paragraphs and table rows as blocks, with headings and core properties."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(data, limit)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ClaimcheckError(f"damaged DOCX ({' '.join(str(exc).split())[:120] or type(exc).__name__})") from None
    styles: dict[str, str] = {}
    for style in document.styles:
        style_id = getattr(style, "style_id", None)
        if style_id:
            styles[style_id] = style.name or ""
    blocks = Blocks()
    add = blocks.add
    title = ""

    for block in document.element.body.iterchildren():
        if block.tag == _W + "p":
            style = block.find(f"{_W}pPr/{_W}pStyle")
            name = styles.get(style.get(_W + "val", ""), style.get(_W + "val", "")) if style is not None else ""
            text = _paragraph_text(block)
            heading = _HEADING_STYLE.fullmatch(name.strip())
            if name.strip().casefold() == "title":
                title = title or " ".join(text.split())
                add(text, 1)
            else:
                add(text, int(heading.group(1)) if heading else 0)
        elif block.tag == _W + "tbl":
            for row in block.iter(_W + "tr"):
                cells = [" ".join(_paragraph_text(cell).split()) for cell in row.iterchildren(_W + "tc")]
                if any(cells):
                    add("| " + " | ".join(cells) + " |")
    text, headings = blocks.text, blocks.headings
    if not any(ch.isalnum() for ch in text):
        raise ClaimcheckError("DOCX holds no text")
    properties = document.core_properties
    date = properties.created or properties.modified
    metadata = {"title": properties.title or title, "author": properties.author or "", "date": date.date().isoformat() if date else ""}
    return Extracted(text, "utf-8", tuple(headings), (), {key: " ".join(value.split())[:300] for key, value in metadata.items() if value.strip()})


class DocxReader:
    """`.docx` files (Word): offsets index the extracted text."""

    name = "docx"
    suffixes: tuple[str, ...] = (".docx",)
    converted = True

    def read(self, data: bytes, name: str, warn: Warn, options: ReadOptions) -> Extracted:
        """Check the zip, then extract the text under the run's time and memory bounds."""
        check_zip(data, options.max_unpacked)  # here too: a bomb is refused before a child is even started
        import docx  # noqa: F401  (imported here, once: each forked child inherits it instead of importing it again)

        return run_bounded(lambda: _extract(data, options.max_unpacked), options.max_seconds, options.max_memory)


register(DocxReader())
