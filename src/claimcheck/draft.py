"""Draft articles (Markdown) → sentences with exact offsets, classified, and the checkable ones as `Claim`s.

Block structure comes from markdown-it-py (CommonMark); sentences come from `text.sentence_spans`.
Every `DraftSentence.text` is the exact slice `draft.text[char_start:char_end]` of the text as read
(code points; CRLF stays two characters, a lone CR ends a line too), so raw Markdown such as link
syntax stays in it; `DraftSentence.plain` is what gets checked: inline markup removed (links keep
their label, images their alt text, emphasis and code markers and HTML tags go), block-quote markers
and list bullets inside the span dropped, white space folded. Curly quotes are left as written.

What is read and what is not:

- YAML front matter (`---` on the very first line, closed by `---` or `...`) gives `Draft.metadata`
  and is never checked; invalid or unclosed front matter is an error naming its line.
- Paragraphs, including those in list items and block quotes, are split into sentences by
  `sentence_spans`, and cut again where it cannot see an end: after an abbreviation that a common
  sentence opener follows ("... Empower LLC. It found ...") and inside closing emphasis
  ("*It was over.* Then ...").
  Headings become one sentence each. Code blocks, fences and HTML blocks yield no sentences at all.
- `<!-- claimcheck off -->` … `<!-- claimcheck on -->` (anywhere outside code) turns checking off
  for the sentences that start between them (to the end of the draft when never turned back on).
- `<!-- claimcheck ignore -->` skips the sentence just before it in the same paragraph, or, on a
  line of its own, every sentence of the next paragraph.
- Where a sentence points, for the citation check (`citations.py` says which count): the targets of
  its links (inline, reference, autolink; percent-escapes decoded) and, for each of its footnote
  markers, the words of that footnote's definition that may be file names (a `.` inside). A marker
  after a space (`... in 1931. [^1]`) belongs to the sentence before it in the same paragraph.

Classification, first matching rule wins (the reason is stored on the sentence):

1. heading → "heading" (not checked).
2. ignored → "skipped" ("ignored"); inside an off region → "skipped" ("claimcheck off").
3. no sentence end within `MAX_SENTENCE_CHARS` → "skipped" ("too long"): runaway text is cut into
   pieces so that splitting stays linear, and such a fragment is not a claim.
4. fewer than 4 words and no digit → "skipped" ("too short").
5. ends in "?" (closing brackets and emphasis aside) → "question"; a quoted question (`?"`) only when
   nothing outside the quotation marks attributes it (`"Why?" she asked.` reports a fact).
6. ends in ":" with no digit → "skipped" ("lead-in"): it introduces what follows (a list, a quote).
7. in a block quote → "quote", which is checked like a claim.
8. opinion → "opinion" only when all of these hold, so that doubtful cases stay checkable:
   no digit or number word; no name-like word (a capitalised word after the first, other than "I",
   or a capitalised first word that is not a common sentence opener); no attribution outside
   quotation marks ("said", "according to", ...: reported opinion is a fact about the speaker); and
   either a first-person or hedging lead-in ("I think", "We believe", "In my view", "Frankly", ...)
   or, in a sentence of at most 15 words, an evaluative word ("troubling", "shameful", "welcome",
   "good", "bad", "should", "ought", or "must" after a personal pronoun).
9. anything else → "claim". A direct quotation with an attribution (`"...," she said.`) is a claim
   (that the speaker said it) and keeps its text as written.

`Draft.claims()` returns the "claim" and "quote" sentences as `Claim`s with ids `L<line>:<n>`,
n counting the checkable sentences that start on that line.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import ClaimcheckError
from .models import Claim
from .safeio import read_regular_file, safe_yaml
from .text import Span, mask_hidden, sentence_spans, strip_hidden, trim, words

__all__ = [
    "CHECKED_KINDS",
    "MAX_DRAFT_BYTES",
    "MAX_SENTENCE_CHARS",
    "Draft",
    "DraftSentence",
    "load_draft",
    "parse_draft",
]

MAX_DRAFT_BYTES = 5 * 1024 * 1024
# Sentences are found window by window: `sentence_spans` re-reads the rest of its region at every
# candidate boundary, so bounded windows keep enormous paragraphs linear instead of quadratic.
_WINDOW = 1024
MAX_SENTENCE_CHARS = _WINDOW
CHECKED_KINDS = frozenset({"claim", "quote"})

# The block pass skips inline parsing: inline markup is read per sentence, where it is bounded.
_BLOCK_MD = MarkdownIt("commonmark").disable("inline")
_INLINE_MD = MarkdownIt("commonmark")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DIRECTIVE = re.compile(r"<!--[ \t]*claimcheck[ \t]+(off|on|ignore)[ \t]*-->", re.IGNORECASE)
_QUOTE_MARKER = re.compile(r"[ \t]*>")
_BULLET = re.compile(r"[ \t]*(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_ATX_OPEN = re.compile(r"#{1,6}(?=[ \t]|$)")
_MARKUP_CHARS = frozenset("[]*_`<>&\\!~")
# Runs of end punctuation this long are leaders or decoration, never a sentence end; left in, each
# makes the sentence-end pattern backtrack over the whole run.
_PUNCTUATION_RUN = re.compile(r"[.!?…]{9,}")
_STRAY_OPEN = re.compile(r"^[*_]{1,3}(?=\S)")
_STRAY_CLOSE = re.compile(r"(?<=\S)[*_]{1,3}(?=[.!?,;:\"'”’)\]]{0,4}$)")

# How many sentences before a draft sentence a pronoun may reach back over, through sentences that open on a pronoun too.
REFERRING_REACH = 5


@dataclass(frozen=True)
class DraftSentence:
    """One sentence (or heading) of a draft, with its exact offsets and whether it is checked."""

    text: str  # == draft text[char_start:char_end], raw Markdown
    char_start: int
    char_end: int
    line: int  # 1-based line of the first character
    kind: str  # "claim" | "heading" | "question" | "opinion" | "quote" | "skipped"
    reason: str = ""  # why it is not checked (for non-claim kinds)
    plain: str = ""  # the text with Markdown markup removed and white space folded: what is checked
    # Where the sentence points: its links' targets, then what its footnotes' text names (see `citations` for what counts).
    references: tuple[str, ...] = ()
    listed: bool = False  # in a list item

    @property
    def checked(self) -> bool:
        """Whether the sentence is checked against the sources."""
        return self.kind in CHECKED_KINDS


@dataclass(frozen=True)
class Draft:
    """A parsed draft: its text, every sentence in order, and its front-matter metadata."""

    path: str
    text: str
    sentences: tuple[DraftSentence, ...]
    metadata: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def claims(self) -> list[Claim]:
        """The checkable sentences as `Claim`s, with ids `L<line>:<n>` and their draft offsets."""
        claims: list[Claim] = []
        per_line: dict[int, int] = {}
        previous: list[str] = []
        section = frame = ""
        for sentence in self.sentences:
            if sentence.kind == "heading":
                previous, section, frame = [], sentence.plain, ""
                continue
            if not sentence.listed:
                # A paragraph ending in a colon introduces the list after it: its items are read as its ("targets for 2025:").
                frame = sentence.plain if sentence.plain.rstrip(" *_").endswith(":") else ""
            before = tuple(previous[-REFERRING_REACH:])
            previous.append(sentence.plain)
            if not sentence.checked:
                continue
            n = per_line[sentence.line] = per_line.get(sentence.line, 0) + 1
            claims.append(
                Claim(
                    id=f"L{sentence.line}:{n}",
                    text=sentence.plain,
                    file=self.path,
                    line=sentence.line,
                    char_start=sentence.char_start,
                    char_end=sentence.char_end,
                    references=sentence.references,
                    previous=before,
                    section=section,
                    frame=frame if sentence.listed else "",
                )
            )
        return claims


def load_draft(path: str | os.PathLike[str]) -> Draft:
    """Read a draft file (UTF-8, BOM stripped, at most 5 MB) and parse it."""
    name = os.fspath(path)
    if not Path(name).exists():
        raise ClaimcheckError("draft not found", name)
    # Regular files only: a FIFO or device is refused, never waited on.
    data = read_regular_file(name, MAX_DRAFT_BYTES, "draft", hint=" (drafts may be at most 5 MB)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = len(re.findall(rb"\r\n|\r|\n", data[: exc.start])) + 1
        raise ClaimcheckError(f"draft is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)", name, line) from None
    return parse_draft(text, name)


def parse_draft(text: str, path: str = "<draft>") -> Draft:
    """Split a draft's text into classified sentences with exact offsets; never checks front matter."""
    text = text.removeprefix("\ufeff")  # offsets count from after a BOM, as for sources
    lines = _Lines(text)
    metadata, body = _front_matter(text, lines, path)
    if body >= lines.count:
        return Draft(path, text, (), metadata)
    # Front-matter lines become blank so that markdown-it's line numbers stay those of the file.
    source = "\n" * body + text[lines.starts[body] :] if body else text
    env: dict[str, object] = {}
    blocks = _blocks(_BLOCK_MD.parse(source, env))
    directives = _directives(text, lines, lines.starts[body], blocks)
    directive_lines = [d.line for d in directives]
    reader = _Reader(text, lines, env, _off_regions(directives, len(text)))
    pending_ignore = False
    for block in blocks:
        inside = directives[bisect.bisect_left(directive_lines, block.first) : bisect.bisect_left(directive_lines, block.last)]
        if block.kind == "html":
            # A standalone ignore comment is an HTML block of its own; it applies to the next block.
            pending_ignore = any(d.kind == "ignore" for d in inside)
            continue
        if block.kind == "heading":
            reader.heading(block)
        elif block.kind == "paragraph":
            reader.paragraph(block, inside, ignore_all=pending_ignore)
        pending_ignore = False
    return Draft(path, text, _with_footnotes(text, reader.sentences, _footnotes(text, lines, body, blocks)), metadata)


class _Lines:
    """Line starts and content ends (before the line break) of a text; CRLF, LF and lone CR end lines."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.ends: list[int] = []
        for match in _LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        self.count = len(self.starts)

    def line_of(self, offset: int) -> int:
        """The 0-based line holding the character at `offset`."""
        return bisect.bisect_right(self.starts, offset) - 1


def _front_matter(text: str, lines: _Lines, path: str) -> tuple[dict[str, str], int]:
    """The front matter's metadata and the 0-based line where the body starts (0 without front matter)."""
    if text[lines.starts[0] : lines.ends[0]].rstrip() != "---":
        return {}, 0
    for index in range(1, lines.count):
        if text[lines.starts[index] : lines.ends[index]].rstrip() not in ("---", "..."):
            continue
        # The same strict reader as claims files (no aliases, no tags, bounded nesting): an alias bomb in
        # front matter is refused before it expands. The leading blank line keeps YAML's line numbers the file's.
        data = safe_yaml("\n" + text[lines.starts[1] : lines.starts[index]], path, "YAML front matter")
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ClaimcheckError("front matter must be a mapping of keys to values", path, 2)
        return _metadata(data), index + 1
    raise ClaimcheckError("front matter opened on line 1 is never closed with a line '---'", path, 1)


def _metadata(data: dict[object, object]) -> dict[str, str]:
    """Front-matter values as strings: scalars as written, lists joined by commas, mappings left out."""
    metadata: dict[str, str] = {}
    for key, value in data.items():
        if value is None or isinstance(value, dict):
            continue
        if isinstance(value, list):
            items = [_scalar(item) for item in value if item is not None and not isinstance(item, (dict, list))]
            metadata[str(key)] = ", ".join(items)
        else:
            metadata[str(key)] = _scalar(value)
    return metadata


def _scalar(value: object) -> str:
    """One YAML scalar as text (dates in ISO form, booleans lower-case)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class _Block:
    """A leaf block of the Markdown structure, with its 0-based line range and enclosing containers."""

    kind: str  # "paragraph" | "heading" | "code" | "html"
    first: int
    last: int  # exclusive
    containers: tuple[tuple[str, int], ...] = ()  # ("quote" | "item", first line), outermost first
    setext: bool = False

    @property
    def quoted(self) -> bool:
        """Whether the block sits inside a block quote."""
        return any(kind == "quote" for kind, _ in self.containers)


def _blocks(tokens: list[Token]) -> list[_Block]:
    """The leaf blocks of a token stream, in document order."""
    blocks: list[_Block] = []
    stack: list[tuple[str, int]] = []
    for token in tokens:
        kind = token.type
        if kind in ("blockquote_open", "list_item_open") and token.map:
            stack.append(("quote" if kind == "blockquote_open" else "item", token.map[0]))
        elif kind in ("blockquote_close", "list_item_close"):
            if stack:
                stack.pop()
        elif token.map is None:
            continue
        elif kind == "paragraph_open":
            blocks.append(_Block("paragraph", token.map[0], token.map[1], tuple(stack)))
        elif kind == "heading_open":
            setext = token.markup in ("=", "-")
            blocks.append(_Block("heading", token.map[0], token.map[1], tuple(stack), setext))
        elif kind in ("fence", "code_block"):
            blocks.append(_Block("code", token.map[0], token.map[1]))
        elif kind == "html_block":
            blocks.append(_Block("html", token.map[0], token.map[1]))
    return blocks


@dataclass(frozen=True)
class _Directive:
    """A `<!-- claimcheck off|on|ignore -->` comment."""

    kind: str
    start: int
    end: int
    line: int  # 0-based


def _directives(text: str, lines: _Lines, body_start: int, blocks: list[_Block]) -> list[_Directive]:
    """Control comments outside code blocks and code spans, in order."""
    code = [(b.first, b.last) for b in blocks if b.kind == "code"]  # in order, never overlapping
    code_starts = [first for first, _ in code]
    found: list[_Directive] = []
    for match in _DIRECTIVE.finditer(text, body_start):
        line = lines.line_of(match.start())
        index = bisect.bisect_right(code_starts, line) - 1
        if index >= 0 and line < code[index][1]:
            continue  # a comment shown in a code block is an example, not a directive
        # An odd number of backticks before it on its line means it sits in a code span: an example.
        if text.count("`", lines.starts[line], match.start()) % 2:
            continue
        found.append(_Directive(match.group(1).lower(), match.start(), match.end(), line))
    return found


def _off_regions(directives: list[_Directive], length: int) -> list[tuple[int, int]]:
    """Character ranges between an off comment and the next on comment (or the end)."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    for directive in directives:
        if directive.kind == "off" and start is None:
            start = directive.end
        elif directive.kind == "on" and start is not None:
            regions.append((start, directive.start))
            start = None
    if start is not None:
        regions.append((start, length))
    return regions


def _content_start(text: str, start: int, end: int, containers: tuple[tuple[str, int], ...], line: int) -> int:
    """Offset of a block line's content: past block-quote markers, an item's bullet (first line), indentation."""
    pos = start
    for kind, first in containers:
        if kind == "quote":
            match = _QUOTE_MARKER.match(text, pos, end)
            if match is None:
                break  # a lazy continuation line carries no more markers
            pos = match.end()
        elif first == line:
            match = _BULLET.match(text, pos, end)
            if match is not None:
                pos = match.end()
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


class _Reader:
    """Turns blocks into classified sentences."""

    def __init__(self, text: str, lines: _Lines, env: dict[str, object], off: list[tuple[int, int]]) -> None:
        self.text = text
        self.lines = lines
        self.env = env
        self.off_starts = [start for start, _ in off]
        self.off = off
        self.sentences: list[DraftSentence] = []

    def heading(self, block: _Block) -> None:
        """One sentence for a heading's text (without `#` markers or the setext underline)."""
        text, lines = self.text, self.lines
        last = block.last - 1 if block.setext else block.last
        if last <= block.first:
            return
        start = _content_start(text, lines.starts[block.first], lines.ends[block.first], block.containers, block.first)
        end = lines.ends[last - 1]
        if not block.setext:
            match = _ATX_OPEN.match(text, start, end)
            if match is not None:
                start = match.end()
            end = trim(text, Span(start, end)).end
            closing = end
            while closing > start and text[closing - 1] == "#":
                closing -= 1
            if closing == start or text[closing - 1] in " \t":
                end = closing  # an optional closing sequence of `#`s is not content
        span = trim(text, Span(start, end))
        if not any(ch.isalnum() for ch in text[span.start : span.end]):
            return
        masked = self._masked(block, span.start, span.end)
        self._add(span, "heading", "heading", _plain(masked, self.env))

    def paragraph(self, block: _Block, directives: list[_Directive], ignore_all: bool) -> None:
        """The sentences of one paragraph, cut at control comments and classified."""
        text, lines = self.text, self.lines
        start = _content_start(text, lines.starts[block.first], lines.ends[block.first], block.containers, block.first)
        end = trim(text, Span(start, lines.ends[block.last - 1])).end
        if end <= start:
            return
        masked = self._masked(block, start, end)
        splittable = _PUNCTUATION_RUN.sub(lambda m: "\u00b7" * len(m.group(0)), masked)
        # Control comments are hard boundaries: no sentence runs across one.
        cuts = [d for d in directives if start <= d.start and d.end <= end]
        regions: list[tuple[int, int, bool]] = []  # start, end, followed by an ignore comment
        cursor = start
        for directive in cuts:
            regions.append((cursor, directive.start, directive.kind == "ignore"))
            cursor = directive.end
        regions.append((cursor, end, False))
        for region_start, region_end, ignore_last in regions:
            pieces = _split(splittable, region_start - start, region_end - start)
            for index, (span, runaway) in enumerate(pieces):
                absolute = Span(span.start + start, span.end + start)
                links: list[str] = []
                plain = _plain(masked[span.start : span.end], self.env, links)
                if ignore_all or (ignore_last and index == len(pieces) - 1):
                    kind, reason = "skipped", "ignored"
                else:
                    kind, reason = self._classify(absolute, plain, runaway, block.quoted)
                self._add(absolute, kind, reason, plain, tuple(links), listed=any(kind == "item" for kind, _ in block.containers))

    def _classify(self, span: Span, plain: str, runaway: bool, quoted: bool) -> tuple[str, str]:
        """The kind of a paragraph sentence and why it is not checked."""
        if self._is_off(span.start):
            return "skipped", "claimcheck off"
        if _FOOTNOTE_DEFINITION.match(self.text[span.start : span.end]):
            return "skipped", "footnote"
        if runaway:
            return "skipped", "too long"
        has_digit = any(ch.isdigit() for ch in plain)
        if not has_digit and len(words(plain)) < 4:
            return "skipped", "too short"
        if _is_question(plain):
            return "question", "question"
        if not has_digit and plain.rstrip(" *_").endswith(":"):
            return "skipped", "lead-in"
        if quoted:
            return "quote", ""
        opinion = _opinion(plain)
        if opinion:
            return "opinion", opinion
        return "claim", ""

    def _is_off(self, offset: int) -> bool:
        """Whether `offset` lies in a `claimcheck off` region."""
        index = bisect.bisect_right(self.off_starts, offset) - 1
        return index >= 0 and offset < self.off[index][1]

    def _masked(self, block: _Block, start: int, end: int) -> str:
        """text[start:end] with container markers and HTML comments blanked, same length, for splitting."""
        text, lines = self.text, self.lines
        parts: list[str] = []
        first = lines.line_of(start)
        last = lines.line_of(max(start, end - 1))
        for line in range(first, last + 1):
            line_start = max(lines.starts[line], start)
            stop = min(end, lines.ends[line])
            content = line_start
            if line > first:
                content = min(stop, _content_start(text, line_start, lines.ends[line], block.containers, line))
            parts.append(" " * (content - line_start))
            parts.append(text[content:stop])
            if line < last:
                parts.append(text[lines.ends[line] : lines.starts[line + 1]])
        # Invisible characters and escape sequences split like white space ("One.\u200b Two." is two sentences).
        return mask_hidden(_blank_comments("".join(parts)))

    def _add(self, span: Span, kind: str, reason: str, plain: str, links: tuple[str, ...] = (), *, listed: bool = False) -> None:
        """Record one sentence."""
        line = self.lines.line_of(span.start) + 1
        self.sentences.append(DraftSentence(self.text[span.start : span.end], span.start, span.end, line, kind, reason, plain, links, listed))


def _blank_comments(text: str) -> str:
    """HTML comments replaced by spaces of the same length (a linear scan: no regex backtracking)."""
    opening = text.find("<!--")
    if opening < 0:
        return text
    parts: list[str] = []
    cursor = 0
    while opening >= 0:
        closing = text.find("-->", opening + 4)
        if closing < 0:
            break  # no later comment can close either
        parts.append(text[cursor:opening])
        parts.append(" " * (closing + 3 - opening))
        cursor = closing + 3
        opening = text.find("<!--", cursor)
    parts.append(text[cursor:])
    return "".join(parts)


# Sentence ends `sentence_spans` leaves alone: an abbreviation's period followed by a common sentence
# opener ("... compiled by Empower LLC. It found ..."), and an end inside closing emphasis markers
# ("*It was over.* Then ..."), which plain text never has.
_MISSED_END = re.compile(
    r"(?<=[A-Za-z])\.[\"'”’)\]»]*(?=\s+(?:The|It|This|That|These|Those|He|She|They|We|But|However|Its|Their|"
    r"His|Her|In|On|At|After|Before|When|While)\b)"
    r"|(?<=\S)[.!?…]+[\"'”’)\]»]*[*_]{1,3}(?=\s+[\"'“‘(\[*_]*[A-Z0-9])"
)


def _resplit(masked: str, span: Span) -> list[Span]:
    """A sentence span cut again at the sentence ends `sentence_spans` misses in Markdown."""
    spans: list[Span] = []
    cursor = span.start
    for match in _MISSED_END.finditer(masked, span.start, span.end):
        spans.append(trim(masked, Span(cursor, match.end())))
        cursor = match.end()
    spans.append(trim(masked, Span(cursor, span.end)))
    return spans


def _split(masked: str, start: int, end: int) -> list[tuple[Span, bool]]:
    """Sentence spans of masked[start:end], each flagged when it belongs to runaway text without sentence ends."""
    return [(piece, runaway) for span, runaway in _split_windows(masked, start, end) for piece in _resplit(masked, span)]


def _split_windows(masked: str, start: int, end: int) -> list[tuple[Span, bool]]:
    """Sentence spans found window by window, so that the cost stays linear in the paragraph's length."""
    pieces: list[tuple[Span, bool]] = []
    cursor = start
    runaway = False
    while cursor < end:
        stop = min(end, cursor + _WINDOW)
        spans = sentence_spans(masked, within=[Span(cursor, stop)])
        if stop == end:
            pieces.extend((span, runaway and k == 0) for k, span in enumerate(spans))
            break
        if len(spans) >= 2:
            # The last span may run past the window: it is read again from its start.
            pieces.extend((span, runaway and k == 0) for k, span in enumerate(spans[:-1]))
            cursor = spans[-1].start
            runaway = False
            continue
        if not spans:
            cursor = stop
            continue
        # No sentence ends within a whole window: cut at white space in its second half.
        cut = stop
        floor = cursor + _WINDOW // 2
        while cut > floor and not masked[cut - 1].isspace():
            cut -= 1
        if cut == floor:
            cut = stop
        piece = trim(masked, Span(max(cursor, spans[0].start), cut))
        if any(ch.isalnum() for ch in masked[piece.start : piece.end]):
            pieces.append((piece, True))
        cursor = cut
        runaway = True
    return pieces


_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]\s]+\]:")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]+\]")
_FOOTNOTE_LINE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*", re.MULTILINE)
_LEADING_REFERENCES = re.compile(r"(?:\s*\[\^[^\]\s]+\])+")
_PARAGRAPH_GAP = re.compile(r"[ \t]*(?:\r\n|\r|\n)?[ \t]*")
# A word of a footnote that may be a file path: brackets, quotes and separators end it.
_PATH_WORD = re.compile(r"[^\s<>()\[\]{}\"'`,;|*]+")


def _footnotes(text: str, lines: _Lines, body: int, blocks: list[_Block]) -> dict[str, tuple[str, ...]]:
    """Footnote label (case-folded) → the words of its text that may name a file (with a `.` inside), outside code blocks.

    A definition runs from its `[^label]:` line to the next blank line or the next definition.
    """
    code = [(b.first, b.last) for b in blocks if b.kind in ("code", "html")]
    notes: dict[str, tuple[str, ...]] = {}
    for match in _FOOTNOTE_LINE.finditer(text, lines.starts[body] if body < lines.count else len(text)):
        first = lines.line_of(match.start())
        if any(start <= first < end for start, end in code):
            continue
        last = first
        while last + 1 < lines.count:
            following = text[lines.starts[last + 1] : lines.ends[last + 1]]
            if not following.strip() or _FOOTNOTE_LINE.match(following):
                break
            last += 1
        content = text[match.end() : lines.ends[last]]
        found = []
        for word in _PATH_WORD.findall(content):
            word = unquote(word.rstrip(".:!?"))
            if "." in word.strip("."):
                found.append(word)
        notes.setdefault(match.group(1).casefold(), tuple(found))  # the first definition of a label wins, as in GFM
    return notes


def _with_footnotes(text: str, sentences: list[DraftSentence], notes: dict[str, tuple[str, ...]]) -> tuple[DraftSentence, ...]:
    """The sentences, each checked one with what its footnotes name added to its references.

    A footnote marker after the sentence's end, separated by a space ("... in 2014. [^1] Then ..."), lands at the start
    of the next sentence: it belongs to the one before it in the same paragraph.
    """
    if not notes:
        return tuple(sentences)
    added: list[list[str]] = [[] for _ in sentences]
    for index, sentence in enumerate(sentences):
        if _FOOTNOTE_DEFINITION.match(sentence.text):
            continue
        leading = _LEADING_REFERENCES.match(sentence.text)
        for match in _FOOTNOTE_REFERENCE.finditer(sentence.text):
            owner = index
            if leading is not None and match.end() <= leading.end() and index > 0:
                before = sentences[index - 1]
                if _PARAGRAPH_GAP.fullmatch(text, before.char_end, sentence.char_start):
                    owner = index - 1
            added[owner].extend(notes.get(match.group(0)[2:-1].casefold(), ()))
    return tuple(
        replace(sentence, references=tuple(dict.fromkeys([*sentence.references, *extra]))) if extra else sentence for sentence, extra in zip(sentences, added)
    )


def _plain(source: str, env: dict[str, object], links: list[str] | None = None) -> str:
    """Sentence text for checking: inline Markdown rendered to plain text, invisible characters gone, white space folded.

    `links`, when given, receives the target of every link (inline, reference or autolink) as written, percent-escapes decoded.
    """
    source = _FOOTNOTE_REFERENCE.sub("", strip_hidden(source))
    if not _MARKUP_CHARS.isdisjoint(source):
        parts: list[str] = []
        for token in _INLINE_MD.parseInline(source, env):
            _collect(token.children or [], parts, links)
        source = "".join(parts)
        # Emphasis that spans a sentence boundary leaves its markers unmatched at the sentence's edges.
        source = _STRAY_CLOSE.sub("", _STRAY_OPEN.sub("", source.strip()))
    return " ".join(source.split())


def _collect(tokens: list[Token], parts: list[str], links: list[str] | None = None) -> None:
    """The visible text of inline tokens: text, code, link labels, image alt text; HTML dropped (link targets into `links`)."""
    for token in tokens:
        if token.type == "link_open" and links is not None:
            href = token.attrGet("href")
            if isinstance(href, str) and href:
                links.append(unquote(href))  # markdown-it percent-encodes targets ("a b.txt" → "a%20b.txt")
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak", "html_inline"):
            parts.append(" ")
        elif token.type == "image":
            _collect(token.children or [], parts)  # an image's source is no citation


# --- classification -------------------------------------------------------------------------------

_FLAT_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
_QUOTED = re.compile(r'"[^"]*"')
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|saying|told|tells|asked|asks|added|adds|wrote|writes|stated|states|explained|"
    r"noted|notes|argued|argues|claimed|claims|insisted|insists|declared|tweeted|posted|testified|"
    r"recalled|warned|warns|replied|responded|acknowledged|admitted|according\s+to)\b",
    re.IGNORECASE,
)
_OPINION_LEAD = re.compile(
    r"(?:(?:I|We)(?:\s+(?:really|still|also|do|strongly|honestly))?\s+"
    r"(?:think|believe|feel|suspect|argue|would\s+argue|hope|fear|doubt|contend)"
    r"|(?:I|We)'d\s+argue|In\s+(?:my|our)\s+(?:view|opinion|judgment|judgement|experience)"
    r"|To\s+(?:me|us)|It\s+seems\s+to\s+(?:me|us)|Personally|Frankly|Honestly|Arguably)\b",
    re.IGNORECASE,
)
_EVALUATIVE = frozenset(
    """troubling disturbing outrageous shameful disgraceful scandalous appalling deplorable alarming
    worrying dismaying regrettable unfortunate unacceptable inexcusable unconscionable reckless
    irresponsible hypocritical absurd ridiculous shocking sad terrible awful good bad wrong welcome
    encouraging heartening laudable commendable admirable excellent should shouldn't ought""".split()
)
_PERSONAL_MUST = re.compile(r"\b(?:I|we|you|one)\s+must\b", re.IGNORECASE)
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred thousand million billion
    trillion dozen dozens percent half quarter""".split()
)
# Capitalised only because they open the sentence; any other capitalised opener may be a name.
_OPENERS = frozenset(
    """a an the this that these those it its it's there here we i our my you your they their he she
    his her such what how why when where while but and so yet or nor if in on at for to as with
    without no not nothing none all some any many much most more less few each every both either
    neither then still also even only perhaps maybe surely clearly obviously frankly honestly
    personally arguably sadly unfortunately fortunately thankfully hopefully instead however indeed
    of by from after before that's there's it's we're i'm let's whatever nobody everyone someone""".split()
)
_WORD_TOKEN = re.compile(r"[^\W\d_][\w'.-]*")


def _is_question(plain: str) -> bool:
    """Whether a sentence asks rather than asserts."""
    core = plain.rstrip(" )]*_")
    if core.endswith("?"):
        return True
    flat = core.translate(_FLAT_QUOTES)
    if flat.endswith(('?"', "?'")):
        # A quoted question is reported speech when something outside the quotes attributes it.
        return not _ATTRIBUTION.search(_QUOTED.sub(" ", flat))
    return False


def _opinion(plain: str) -> str:
    """Why a sentence reads as the writer's opinion rather than a checkable claim ("" when it does not)."""
    flat = plain.translate(_FLAT_QUOTES)
    if _ATTRIBUTION.search(_QUOTED.sub(" ", flat)):
        return ""  # reported opinion is a fact about the speaker
    if any(ch.isdigit() for ch in flat) or _has_name(flat):
        return ""
    tokens = words(flat)
    if any(w in _NUMBER_WORDS for w in tokens):
        return ""
    lead = _OPINION_LEAD.match(flat.lstrip(" \"'(*_"))
    if lead:
        return f"opinion (starts with '{' '.join(lead.group(0).split())}')"
    if len(tokens) <= 15:
        for token in tokens:
            if token in _EVALUATIVE:
                return f"opinion (evaluative '{token}')"
        must = _PERSONAL_MUST.search(flat)
        if must:
            return f"opinion ('{must.group(0)}')"
    return ""


def _has_name(flat: str) -> bool:
    """Whether a sentence holds a name-like word: capitalised after the first word, or an unusual capitalised opener."""
    for index, match in enumerate(_WORD_TOKEN.finditer(flat)):
        word = match.group(0).rstrip(".'")
        if not word or not word[0].isupper():
            continue
        if index == 0:
            if word.lower() not in _OPENERS or (len(word) > 1 and word.isupper()):
                return True
        elif word not in ("I", "I'm", "I've", "I'd", "I'll"):
            return True
    return False
