"""Document structure from plain text and Markdown: section headings with offsets, and a clean title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Heading
from .boilerplate import is_furniture

# Longer than this, a line is prose, not a heading.
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_ATX = re.compile(r"[ ]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_UNDERLINE = re.compile(r"[ ]{0,3}(=+|-+)[ \t]*$")
# "3.2 Pricing", "4. Findings", "II. Background": a section number, then a capitalised title.
_NUMBERED = re.compile(r"[ ]{0,3}((?:\d{1,2}|[IVX]{1,4})(?:\.\d{1,2})*\.?)[ \t]+(\S.*)$")
_SENTENCE_END = (".", ",", ";", ":", "!", "?", '"', "”", "’")
# A page marker left in extracted text: "Page 3", "- 3 -", "3 of 12".
PAGE_MARKER = re.compile(r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s+of\s+\d{1,4})?", re.IGNORECASE)
_FIELDS = re.compile(r"\s{2,}|\t+")


def lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of `text`, without its line ending."""
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.start() > 0:
            return
        line = match.group()
        yield match.start(), match.start() + len(line.rstrip("\r\n"))


def _short(line: str) -> bool:
    """Whether a line is short enough to be a heading."""
    stripped = line.strip()
    return 0 < len(stripped) <= MAX_HEADING_CHARS and len(stripped.split()) <= MAX_HEADING_WORDS and any(ch.isalpha() for ch in stripped)


def _upper_case(line: str) -> bool:
    """Whether every cased letter of a line is upper case, with at least two letters."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and all(not ch.islower() for ch in letters) and any(ch.isupper() for ch in letters)


def _heading(start: int, end: int, level: int, heading_text: str) -> Heading:
    """A heading at the line [start, end), its text with white space folded."""
    return Heading(" ".join(heading_text.split()), level, start, end)


def _runs_on(numbered: re.Match[str], following: str) -> bool:
    """Whether a numbered line opens a paragraph rather than heading a section: a sentence ends inside it ("2.2  Enrollment
    fell. Eastgate, the"), or the next line goes on with it, in lower case or indented under its text (a hanging indent)."""
    if _INNER_SENTENCE_END.search(numbered.group(2)):
        return True
    going_on = following.strip()
    if not going_on:
        return False
    return going_on[0].islower() or len(following) - len(following.lstrip()) == numbered.start(2)


# A sentence ending inside a line and another beginning: "shown. Eastgate".
_INNER_SENTENCE_END = re.compile(r"[a-z0-9)][.!?]\s+[A-Z]")


def find_headings(text: str, markdown: bool) -> list[Heading]:
    """Section headings: ATX (`#`) and setext (underlined) everywhere; in plain text also upper-case and numbered lines standing alone.

    In plain text a heading must follow a blank line (or open the text), so a wrapped line of a
    paragraph that happens to be short or numbered is never taken for one.
    """
    spans = list(lines(text))
    headings: list[Heading] = []
    previous_blank = True
    previous_ended = False
    after_heading = False
    in_fence = False
    for n, (start, end) in enumerate(spans):
        line = text[start:end]
        stripped = line.strip()
        if markdown and stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            previous_blank = False
            continue
        if in_fence or not stripped:
            previous_blank = not in_fence and not stripped
            after_heading = False if not stripped else after_heading
            continue
        following = text[spans[n + 1][0] : spans[n + 1][1]] if n + 1 < len(spans) else ""
        found: Heading | None = None
        atx = _ATX.match(line)
        if atx and atx.group(2).strip():
            found = _heading(start, end, len(atx.group(1)), atx.group(2))
        elif _UNDERLINE.match(following) and len(following.strip()) >= 3 and _short(line) and (markdown or previous_blank):
            found = _heading(start, end, 1 if following.strip()[0] == "=" else 2, stripped)
        elif (
            not markdown
            and (previous_blank or after_heading or previous_ended)
            and _short(line)
            and not stripped.endswith(_SENTENCE_END)
            and not is_furniture(line)
        ):
            numbered = _NUMBERED.match(line)
            # After a line that ends a sentence only a numbered line can be a heading (extracted PDF text has no blank lines).
            if numbered and numbered.group(2)[:1].isupper() and not PAGE_MARKER.fullmatch(stripped) and not _runs_on(numbered, following):
                found = _heading(start, end, numbered.group(1).rstrip(".").count(".") + 1, stripped)
            elif _upper_case(stripped) and previous_blank and sum(ch.isdigit() for ch in stripped) <= 2:  # "MARCH 3, 2020" is a dateline
                indent = len(line) - len(line.lstrip())
                next_indent = len(following) - len(following.lstrip())
                if not following.strip() or next_indent > indent:
                    found = _heading(start, end, 2, stripped)
        if found is not None:
            headings.append(found)
        after_heading = found is not None
        previous_blank = False
        previous_ended = stripped.endswith((".", "!", "?", ":", '."', ".”"))
    return headings


def clean_title(line: str) -> str:
    """A title from a line: markup, running-header repeats ("LS(1)   User Commands   LS(1)") and section numbers removed."""
    stripped = line.strip().strip("#").strip()
    atx = _ATX.match(line)
    if atx:
        stripped = atx.group(2).strip()
    fields = [field for field in _FIELDS.split(stripped) if field]
    # A running header repeats its name at both ends ("NAME(1)  …  NAME(1)"): the name is the title.
    if len(fields) >= 2 and fields[0].casefold() == fields[-1].casefold():
        stripped = fields[0]
    numbered = _NUMBERED.match(stripped)
    if numbered and numbered.group(2)[:1].isupper():
        stripped = numbered.group(2)
    return " ".join(stripped.split())[:200]


def is_title_line(line: str) -> bool:
    """Whether a line can give a document its title: it has letters and is neither furniture nor a page marker."""
    stripped = line.strip()
    if not stripped or set(stripped) <= set("=-_*~#") or PAGE_MARKER.fullmatch(stripped) or is_furniture(stripped):
        return False
    return any(ch.isalpha() for ch in stripped)


def title_from_text(text: str, limit: int = 200_000) -> tuple[str, int | None]:
    """(title, offset of its line) from a document's first real line, cleaned; its heading text when that line is a heading.

    Only the first `limit` characters are looked at: a huge file without a title line is not scanned whole.
    """
    head = text[:limit]
    for start, end in lines(head):
        line = head[start:end]
        if is_title_line(line):
            title = clean_title(line)
            if title:
                return title, start
    return "", None


BLOCK_SEPARATOR = "\n\n"


class Blocks:
    """A converted document's text built block by block (paragraphs, headings, table rows), blank lines between them,
    with each heading's offsets in the joined text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.headings: list[Heading] = []
        self.offset = 0

    def add(self, text: str, level: int = 0) -> None:
        """Append a block (a heading of `level` when above 0); blank blocks are skipped."""
        if not text.strip():
            return
        if self.parts:
            self.offset += len(BLOCK_SEPARATOR)
        if level:
            self.headings.append(Heading(" ".join(text.split()), level, self.offset, self.offset + len(text)))
        self.parts.append(text)
        self.offset += len(text)

    @property
    def text(self) -> str:
        return BLOCK_SEPARATOR.join(self.parts)
