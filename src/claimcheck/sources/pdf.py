"""The PDF reader (pypdf, BSD-3-Clause): the text layer page by page, line-end hyphens joined, running headers and footers dropped."""

from __future__ import annotations

import datetime
import io
import re
from collections import Counter
from pathlib import PurePosixPath

from ..errors import ClaimcheckError
from .bounded import run_bounded
from .registry import Extracted, ReadOptions, register
from .structure import PAGE_MARKER, find_headings
from .walk import Warn

# Pages are joined with a blank line, so a page break also ends a paragraph (a sentence it cut is re-joined
# by the splitter when the next page goes on in lower case).
PAGE_SEPARATOR = "\n\n"
# A line at the top or bottom of this share of the pages (and of at least two) is a running header or footer.
RUNNING_SHARE = 0.5
EDGE_LINES = 2
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_]*[a-z])")
_DIGITS = re.compile(r"\d+")


def _edge_key(line: str) -> str:
    """A line as compared across pages: digits (page numbers, dates) and spacing ignored."""
    return " ".join(_DIGITS.sub("#", line).split()).casefold()


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without the lines that repeat at their top or bottom (headers, footers) and bare page numbers at their edges."""
    counts: Counter[str] = Counter()
    for lines in pages:
        filled = [line for line in lines if line.strip()]
        counts.update({_edge_key(line) for line in filled[:EDGE_LINES] + filled[-EDGE_LINES:]})
    repeated = {key for key, count in counts.items() if len(pages) >= 2 and count >= 2 and count > RUNNING_SHARE * len(pages)}
    cleaned: list[list[str]] = []
    for lines in pages:
        numbers = [n for n, line in enumerate(lines) if line.strip()]
        dropped: set[int] = set()
        # Peeled from each edge inwards: only lines at the very top or bottom (or under one already dropped) go.
        for order in (numbers[:EDGE_LINES], list(reversed(numbers[-EDGE_LINES:]))):
            for n in order:
                line = lines[n].strip()
                if _edge_key(line) not in repeated and not PAGE_MARKER.fullmatch(line):
                    break
                dropped.add(n)
        cleaned.append([line for n, line in enumerate(lines) if n not in dropped])
    return cleaned


def _pdf_date(value: object) -> str:
    """An ISO date from a PDF date (a datetime, or a `D:20210504…` string)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    found = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", str(value or ""))
    if not found:
        return ""
    return "-".join(part for part in found.groups() if part)


def _metadata(reader: object) -> dict[str, str]:
    """Title, author and date from the document info, then XMP where the info lacks them."""
    from pypdf import PdfReader

    assert isinstance(reader, PdfReader)
    found: dict[str, str] = {}
    try:
        info = reader.metadata
        if info is not None:
            found = {"title": str(info.title or ""), "author": str(info.author or ""), "date": _pdf_date(info.get("/CreationDate"))}
        xmp = reader.xmp_metadata
        if xmp is not None:
            titles = xmp.dc_title or {}
            found.setdefault("title", "")
            if not found["title"] and titles:
                found["title"] = str(next(iter(titles.values())))
            if not found.get("author") and xmp.dc_creator:
                found["author"] = ", ".join(str(name) for name in xmp.dc_creator)
            if not found.get("date") and xmp.dc_date:
                found["date"] = _pdf_date(xmp.dc_date[0])
    except Exception:  # damaged metadata never costs the text
        pass
    title = " ".join(found.get("title", "").split())
    # Producers leave a file name or "Untitled" as the title: no title at all is better.
    if not title or title.casefold() in {"untitled", "title"} or PurePosixPath(title).suffix.lower() in {".doc", ".docx", ".pdf", ".odt", ".rtf", ".tex"}:
        found.pop("title", None)
    else:
        found["title"] = title[:200]
    return {key: " ".join(value.split()) for key, value in found.items() if value and value.strip()}


def _extract(data: bytes) -> Extracted:
    """The text layer of a PDF, page by page, with page offsets, headings and metadata."""
    import logging  # here, not at the top: a run that reads no PDF (or only cached ones) never needs it

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    # pypdf logs what it repairs ("EOF marker not found"); the warning that names the file says enough.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ClaimcheckError("encrypted PDF (it needs a password)")
        raw = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        raise ClaimcheckError("encrypted PDF (it needs a password)") from None
    except DependencyError:
        raise ClaimcheckError("encrypted PDF (AES: decrypting it needs the cryptography package)") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise ClaimcheckError(f"damaged or truncated PDF ({' '.join(str(exc).split())[:120] or type(exc).__name__})") from None
    if not raw:
        raise ClaimcheckError("PDF has no pages")
    pages = _drop_running_lines([text.replace("\r\n", "\n").replace("\r", "\n").split("\n") for text in raw])
    texts = [_HYPHENATED.sub("", "\n".join(line.rstrip() for line in lines).strip("\n")) for lines in pages]
    empty = [n for n, text in enumerate(texts, start=1) if not any(ch.isalnum() for ch in text)]
    if len(empty) == len(texts):
        raise ClaimcheckError(f"PDF has no text layer (a scan of {len(texts)} page{'s' if len(texts) != 1 else ''}?); run OCR on it first")
    notes: tuple[str, ...] = ()
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (", …" if len(empty) > 10 else "")
        notes = (f"page{'s' if len(empty) > 1 else ''} {shown} of {len(texts)} have no text layer (scanned?); not read",)
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(parts)
    return Extracted(text, "utf-8", tuple(find_headings(text, markdown=False)), tuple(starts), _metadata(reader), notes)


class PdfReader:
    """`.pdf` files: offsets index the extracted text; citations add the page."""

    name = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)
    converted = True

    def read(self, data: bytes, name: str, warn: Warn, options: ReadOptions) -> Extracted:
        """Extract the text layer under the run's time and memory bounds."""
        if not data.lstrip()[:5] == b"%PDF-" and b"%PDF-" not in data[:1024]:
            raise ClaimcheckError("not a PDF (no %PDF- header)")
        import pypdf  # noqa: F401  (imported here, once: each forked child inherits it instead of importing it again)

        return run_bounded(lambda: _extract(data), options.max_seconds, options.max_memory)


register(PdfReader())
