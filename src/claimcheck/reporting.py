"""Report input: the gate's decisions, baseline status, bibliography and quoted paragraphs, computed once for `report/`.

Reports render decisions; they never import the gate, the baseline or the source reader. Everything they
show about those comes from the `ReportContext` built here, by the CLI or a library caller.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from .baseline import fingerprint
from .gate import DEFAULT_FAIL_ON, FailOn, fails_gate, miscited
from .models import Claim, Document, Label, Verdict
from .report.base import BaselineState, Decision, Paragraph, PassageKey, ReportContext, SourceInfo
from .sources import METADATA_FIELDS

# A paragraph longer than this is shown as a window of about this many characters around the quote.
PARAGRAPH_LIMIT = 1600
_BLANK_LINE = re.compile(r"(?:\r\n|\n|\r)[ \t]*(?:\r\n|\n|\r)")


def decisions(verdicts: Iterable[Verdict], fail_on: FailOn, baseline: Mapping[str, Label] | None) -> dict[Claim, Decision]:
    """The gate's decision on every claim, with its standing against the baseline when there is one."""
    known = dict(baseline) if baseline is not None else None
    result: dict[Claim, Decision] = {}
    for verdict in verdicts:
        key = fingerprint(verdict.claim)
        failing = fails_gate(verdict, fail_on, known)
        note = ""
        if failing:
            expect = verdict.claim.expect
            if expect is not None and verdict.label is not expect:
                note = f"expected {expect.value}, got {verdict.label.value}"
            elif expect is None and verdict.label in fail_on:
                note = f"{verdict.label.value} fails the gate"
            else:
                note = "the cited source does not bear it out (miscited fails the gate)" if miscited(verdict, fail_on) else "fails the gate"
        state: BaselineState | None = None
        previous = known.get(key) if known is not None else None
        if known is not None:
            state = BaselineState.NEW if previous is None else BaselineState.KNOWN if previous is verdict.label else BaselineState.CHANGED
        result[verdict.claim] = Decision(failing, note, state, previous, key)
    return result


def source_infos(documents: Iterable[Document], wanted: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], SourceInfo]:
    """Each document's bibliographic fields (known keys, blank ones dropped) and encoding; only `wanted` ones when given."""
    infos: dict[tuple[str, str], SourceInfo] = {}
    for document in documents:
        key = (document.root, document.path)
        if wanted is not None and key not in wanted:
            continue
        meta = document.metadata
        fields = {name: str(meta[name]).strip() for name in METADATA_FIELDS if meta.get(name) is not None and str(meta[name]).strip()}
        infos[key] = SourceInfo(fields, document.encoding)
    return infos


Breaks = tuple[list[int], list[int]]  # where each blank line starts, and where each ends


def blank_lines(text: str) -> Breaks:
    """The starts and ends of the blank lines that separate `text`'s paragraphs."""
    found = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    return [a for a, _ in found], [b for _, b in found]


def paragraph_around(text: str, start: int, end: int, limit: int = PARAGRAPH_LIMIT, breaks: Breaks | None = None) -> Paragraph:
    """The blank-line-delimited paragraph of `text` holding `[start:end]`, cut to a window near `limit` characters when longer.

    `breaks` are `blank_lines(text)`, when a caller quoting one text many times found them once.
    """
    starts, ends = breaks if breaks is not None else blank_lines(text)
    # The last blank line ending at or before the quote, and the first starting at or after its end (bisection: a
    # long transcript quoted thousands of times is scanned once, not once per quote).
    at = bisect.bisect_right(ends, start) - 1
    begin = ends[at] if at >= 0 else 0
    after = bisect.bisect_left(starts, end)
    finish = starts[after] if after < len(starts) else len(text)
    if finish - begin > limit:
        room = max(0, (limit - (end - start)) // 2)
        low, high = max(begin, start - room), min(finish, end + room)
        # Whole words at the cut ends.
        while low > begin and not text[low - 1].isspace():
            low -= 1
        while high < finish and not text[high].isspace():
            high += 1
        begin, finish = low, high
    while begin < start and text[begin].isspace():
        begin += 1
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    return Paragraph(text[begin:finish], begin)


def paragraphs(verdicts: Iterable[Verdict], documents: Iterable[Document]) -> dict[PassageKey, Paragraph]:
    """The paragraph around every quoted passage, read from the documents here so that reports never read a source."""
    texts = {(d.root, d.path): d.text for d in documents}
    breaks: dict[tuple[str, str], Breaks] = {}
    result: dict[PassageKey, Paragraph] = {}
    for verdict in verdicts:
        for item in verdict.evidence:
            p = item.passage
            key = (p.root, p.source)
            text = texts.get(key)
            if text is None or p.key in result or text[p.char_start : p.char_end] != p.text:
                continue
            if key not in breaks:
                breaks[key] = blank_lines(text)
            result[p.key] = paragraph_around(text, p.char_start, p.char_end, breaks=breaks[key])
    return result


def report_context(
    verdicts: list[Verdict],
    *,
    documents: Iterable[Document] = (),
    fail_on: FailOn = DEFAULT_FAIL_ON,
    baseline: Mapping[str, Label] | None = None,
    mode: str = "check",
    roots: tuple[str, ...] = (),
    draft_path: str | None = None,
    draft_text: str | None = None,
    title: str = "claimcheck report",
    color: bool = False,
    width: int | None = None,
    extra: dict[str, object] | None = None,
    with_paragraphs: bool = True,
) -> ReportContext:
    """Everything a report shows, decided once: the gate and baseline per claim, the cited sources' bibliography, quoted paragraphs.

    `with_paragraphs=False` leaves the paragraphs out, for a format that does not show them (`report.SHOWS_PARAGRAPHS`):
    finding them scans every quoted document for blank lines, a tenth of a 100k-passage re-run the results memo serves.
    """
    docs = list(documents)
    cited = {(e.passage.root, e.passage.source) for v in verdicts for e in v.evidence}
    return ReportContext(
        mode=mode,
        roots=roots,
        draft_path=draft_path,
        draft_text=draft_text,
        title=title,
        color=color,
        width=width,
        extra=dict(extra or {}),
        decisions=decisions(verdicts, fail_on, baseline),
        baseline_given=baseline is not None,
        sources=source_infos(docs, cited),
        paragraphs=paragraphs(verdicts, docs) if with_paragraphs else {},
    )


def with_verdicts(
    context: ReportContext,
    verdicts: list[Verdict],
    documents: Iterable[Document] = (),
    *,
    fail_on: FailOn = DEFAULT_FAIL_ON,
    baseline: Mapping[str, Label] | None = None,
) -> ReportContext:
    """A copy of `context` deciding afresh for `verdicts` (and reading bibliography and paragraphs from `documents` when given)."""
    docs = list(documents)
    return replace(
        context,
        decisions=decisions(verdicts, fail_on, baseline),
        baseline_given=baseline is not None,
        sources=source_infos(docs) if docs else context.sources,
        paragraphs=paragraphs(verdicts, docs) if docs else context.paragraphs,
    )
