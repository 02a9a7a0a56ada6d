"""Passage splitting: sentences with exact offsets, and windows of two neighbouring sentences within one stretch of body text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..models import Document, Heading, Passage
from ..text import LineMap, Span, blocks, iter_sentence_spans, mask_hidden, trim
from .boilerplate import is_furniture
from .structure import clean_title, lines
from .walk import Budget

# Bump when splitting changes, so cached embeddings of old passages are not reused.
# v3: escape sequences and invisible characters split as white space; v4: heading and furniture lines stand
# alone, never part of a neighbouring sentence or window; v5: a full stop after letters glued to a number ("the 1940s.") ends a sentence;
# v6: a heading that asks a question makes a window with the first sentence of its answer; v7: a numbered line that opens a
# paragraph (a sentence ends in it, or the next line goes on with it) is no heading in plain text; v8: a table laid out with
# spaces makes no window with the prose beside it.
PASSAGE_SCHEME = "sentences-v8+pairs"
# A "sentence" longer than this (a line of data, a page without punctuation) is cut at white space, so a
# quote stays readable and one passage cannot cost seconds of tokenising and fuzzy matching.
MAX_PASSAGE_CHARS = 1500


def pieces(text: str, span: Span, limit: int = MAX_PASSAGE_CHARS) -> list[Span]:
    """`span` itself, or, when longer than `limit`, consecutive trimmed pieces of it cut at white space."""
    if span.end - span.start <= limit:
        return [span]
    found: list[Span] = []
    start = span.start
    while start < span.end:
        end = min(start + limit, span.end)
        if end < span.end:
            cut = max(text.rfind(" ", start + 1, end), text.rfind("\n", start + 1, end))
            if cut > start:
                end = cut  # else one unbroken run of characters: cut it hard
        piece = trim(text, Span(start, end))
        if piece.start < piece.end and any(ch.isalnum() for ch in text[piece.start : piece.end]):
            found.append(piece)
        start = end
    return found


@dataclass(frozen=True)
class _Region:
    """A stretch of text split into sentences on its own: body text, or one line that stands alone (a heading, furniture)."""

    span: Span
    alone: bool


def _barriers(text: str, headings: tuple[Heading, ...]) -> list[tuple[int, int, bool]]:
    """(start, end, stands alone) of each line that is no body text: headings and furniture stand alone; rules such as `-----` only cut."""
    found = {(h.char_start, h.char_end): True for h in headings}
    for start, end in lines(text):
        if (start, end) in found or end - start > 400:
            continue
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            continue
        if is_furniture(stripped):
            found[(start, end)] = True
        elif len(stripped) >= 3 and set(stripped) <= set("=-_*~#"):
            found[(start, end)] = False
    return sorted((start, end, heading) for (start, end), heading in found.items())


def _regions(text: str, headings: tuple[Heading, ...]) -> list[_Region | None]:
    """Body regions and lines standing alone, in text order; None marks a cut (a rule) that no window crosses."""
    barriers = _barriers(text, headings)
    starts = [b[0] for b in barriers]
    regions: list[_Region | None] = []
    for block in blocks(text):
        cursor = block.start
        for index in range(bisect.bisect_left(starts, block.start), len(barriers)):
            start, end, alone = barriers[index]
            if start >= block.end:
                break
            if end <= cursor:
                continue
            if start > cursor:
                regions.append(_Region(Span(cursor, start), False))
            regions.append(_Region(Span(start, min(end, block.end)), True) if alone else None)
            cursor = max(cursor, end)
        if cursor < block.end:
            regions.append(_Region(Span(cursor, block.end), False))
    return regions


# A gap between the columns of a table laid out with spaces.
_COLUMN_GAP = re.compile(r"\S {3,}\S")


def _tabular(text: str) -> bool:
    """Whether a stretch of text is a table laid out with spaces: most of its lines, two or more, have a gap between columns."""
    rows = [line for line in text.splitlines() if line.strip()]
    return len(rows) >= 2 and sum(bool(_COLUMN_GAP.search(line.strip())) for line in rows) * 2 > len(rows)


def section_headings(document: Document) -> list[Heading]:
    """The headings passages sit under: all but a first heading that only repeats the document's title."""
    headings = list(document.headings)
    if headings and document.title and clean_title(document.text[headings[0].char_start : headings[0].char_end]) == document.title:
        first_line = next((start for start, end in lines(document.text[: headings[0].char_end + 1]) if document.text[start:end].strip()), None)
        if first_line == headings[0].char_start:
            headings.pop(0)
    return headings


def split_passages(document: Document, budget: Budget | None = None) -> list[Passage]:
    """Sentence passages of a document, then windows of each two neighbouring sentences (within the run's passage cap).

    Heading lines and furniture lines (copyright, disclaimers, sharing, navigation) are passages of their
    own, never joined to a neighbouring sentence in a window; but a heading that asks a question makes a window with the
    first sentence of its answer ("When did the ferry start?" / "In 1994."), which says nothing without it.
    """
    # Escape sequences and invisible characters are split as white space (a copy of the same length, so
    # offsets index the document's own text); matching drops them in `normalise`.
    visible = mask_hidden(document.text)
    room = budget.remaining_passages() if budget is not None else None
    spans: list[Span] = []
    groups: list[int] = []  # windows join only neighbours of one group: one stretch of body text between cuts
    group = 0
    questions = {h.char_start for h in document.headings if h.text.rstrip(" *_#").endswith("?")}
    for region in _regions(visible, document.headings):
        tabular = region is not None and _tabular(visible[region.span.start : region.span.end])
        if region is None or region.alone or tabular:
            group += 1  # a cut, a heading, furniture or a table ends the stretch before it
        if region is None:
            continue
        # A line that stands alone is one passage, never cut at "1." of "1. Introduction".
        found = [trim(visible, region.span)] if region.alone else iter_sentence_spans(visible, [region.span])
        for span in found:
            if span.start >= span.end or not any(ch.isalnum() for ch in visible[span.start : span.end]):
                continue
            for piece in pieces(visible, span):
                spans.append(piece)
                groups.append(group)
            # n sentences make at most 2n - 1 passages; stopping here keeps a huge file from being split (and held) whole.
            if budget is not None and room is not None and 2 * len(spans) - 1 > room:
                budget.over_passages()
        if (region.alone and region.span.start not in questions) or tabular:
            group += 1  # nor does a table make a window with the prose after it
    line_map = LineMap(document.text)
    headings = section_headings(document)
    heading_starts = [h.char_start for h in headings]

    def make(span: Span, count: int) -> Passage:
        under = bisect.bisect_right(heading_starts, span.start) - 1
        return Passage(
            source=document.path,
            root=document.root,
            text=document.text[span.start : span.end],
            char_start=span.start,
            char_end=span.end,
            line_start=line_map.line_of(span.start),
            line_end=line_map.line_of(span.end - 1),
            sentence_count=count,
            title=document.title,
            heading=headings[under].text if under >= 0 else "",
            page=document.page_of(span.start),
        )

    passages = [make(span, 1) for span in spans]
    passages += [make(Span(spans[i].start, spans[i + 1].end), 2) for i in range(len(spans) - 1) if groups[i] == groups[i + 1]]
    if budget is not None:
        budget.add_passages(len(passages))
    return passages
