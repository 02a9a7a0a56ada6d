"""What every report format shares: run context, ordering, summaries and evidence records."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePath

from ..models import Citation, Claim, Evidence, Label, Stance, Verdict
from ..text import LineMap
from .escape import fold, link_url

# Reports list conflicts first, then unsourced claims, then supported ones.
LABEL_ORDER = {Label.CONFLICTING: 0, Label.UNSOURCED: 1, Label.SUPPORTED: 2}


class BaselineState(str, Enum):
    """How a claim's verdict compares with the baseline the run was given."""

    NEW = "new"  # the baseline does not record the claim
    CHANGED = "changed"  # it records another verdict for it
    KNOWN = "known"  # it records this verdict: the claim does not fail the gate


@dataclass(frozen=True)
class Decision:
    """The gate's decision on one claim, made before any report is rendered (reports show it, never remake it)."""

    fails: bool = False
    note: str = ""  # why it fails, in the gate's words ("" when it passes)
    baseline: BaselineState | None = None  # None when the run has no baseline
    previous: Label | None = None  # the recorded verdict, when the baseline holds one
    fingerprint: str = ""  # the key a baseline file uses for the claim


@dataclass(frozen=True)
class SourceInfo:
    """What a report may say about one source: its bibliographic fields (blank ones dropped) and its decoding."""

    metadata: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Paragraph:
    """The paragraph around a quoted passage: its text and where that text starts in the document."""

    text: str
    start: int


PassageKey = tuple[str, str, int, int]


@dataclass
class ReportContext:
    """Facts about the run that a report may show, every decision already made (see `claimcheck.reporting`)."""

    mode: str = "check"  # "check" | "draft"
    roots: tuple[str, ...] = ()
    draft_path: str | None = None
    draft_text: str | None = None
    title: str = "claimcheck report"
    color: bool = False
    width: int | None = None
    extra: dict[str, object] = field(default_factory=dict)
    decisions: dict[Claim, Decision] = field(default_factory=dict)
    baseline_given: bool = False
    sources: dict[tuple[str, str], SourceInfo] = field(default_factory=dict)
    paragraphs: dict[PassageKey, Paragraph] = field(default_factory=dict)

    def metadata(self, root: str, source: str) -> dict[str, str]:
        """Bibliographic metadata of a source, if known."""
        info = self.sources.get((root, source))
        return info.metadata if info else {}

    def encoding(self, root: str, source: str) -> str:
        """The text encoding a source was decoded with."""
        info = self.sources.get((root, source))
        return info.encoding if info else "utf-8"

    def decision(self, verdict: Verdict) -> Decision:
        """The gate's decision on a verdict's claim (a claim the run did not decide on does not fail)."""
        return self.decisions.get(verdict.claim, _PASSES)

    def paragraph(self, evidence: Evidence) -> Paragraph | None:
        """The paragraph around a quoted passage, when the run supplied it."""
        return self.paragraphs.get(evidence.passage.key)


_PASSES = Decision()


def ordered(verdicts: list[Verdict]) -> list[Verdict]:
    """Conflicts first, then unsourced, then supported; stable within each."""
    return sorted(verdicts, key=lambda v: LABEL_ORDER[v.label])


def summary(verdicts: list[Verdict]) -> dict[str, int]:
    """Counts per verdict, every verdict present."""
    counts = Counter(v.label.value for v in verdicts)
    return {label.value: counts.get(label.value, 0) for label in Label}


def gate_failures(verdicts: list[Verdict], context: ReportContext) -> list[Verdict]:
    """The verdicts that fail the gate."""
    return [v for v in verdicts if context.decision(v).fails]


def evidence_record(evidence: Evidence, context: ReportContext) -> dict[str, object]:
    """One evidence item in the DESIGN.md JSON shape."""
    p = evidence.passage
    record: dict[str, object] = {
        "source": p.source,
        "line_start": p.line_start,
        "line_end": p.line_end,
        "char_start": p.char_start,
        "char_end": p.char_end,
        "quote": p.text,
        "stance": evidence.stance.value,
        "score": round(min(1.0, max(0.0, evidence.score)), 4),
    }
    if p.page is not None:
        record["page"] = p.page  # a PDF's 1-based page, where the quote starts
    if len(context.roots) > 1:
        record["root"] = p.root
    encoding = context.encoding(p.root, p.source)
    if encoding.replace("-", "").lower() not in ("utf8", "ascii"):
        record["encoding"] = encoding
    return record


def claim_record(verdict: Verdict, context: ReportContext) -> dict[str, object]:
    """One claim in the DESIGN.md JSON shape (draft mode adds its place in the draft)."""
    claim = verdict.claim
    record: dict[str, object] = {"id": claim.id, "text": claim.text}
    if context.mode == "draft":
        record |= {"line": claim.line, "char_start": claim.char_start, "char_end": claim.char_end}
    record |= {
        "verdict": verdict.label.value,
        "citation": verdict.citation.value,
        "confidence": round(min(1.0, max(0.0, verdict.confidence)), 4),
        "explanation": verdict.explanation,
        "evidence": [evidence_record(e, context) for e in verdict.evidence],
    }
    return record


def place(evidence: Evidence) -> str:
    """`file:line` (or `file:first-last`) of a passage."""
    return evidence.passage.place


# --- helpers shared by the editor and CI formats ---------------------------------------------------

VERDICT_NAMES = {Label.SUPPORTED: "Supported", Label.CONFLICTING: "Conflicting", Label.UNSOURCED: "Unsourced"}


def claims_count(n: int) -> str:
    """ "1 claim", "3 claims"."""
    return f"{n} claim" if n == 1 else f"{n} claims"


def shorten(text: str, limit: int) -> str:
    """Folded text cut to at most `limit` characters, with an ellipsis when cut."""
    text = fold(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def lines_label(evidence: Evidence) -> str:
    """`11` or `11-12`: the lines a passage spans."""
    return evidence.passage.lines


def by_stance(verdict: Verdict) -> dict[Stance, list[Evidence]]:
    """The verdict's evidence grouped by stance, each group in the verdict's (most decisive first) order."""
    groups: dict[Stance, list[Evidence]] = {stance: [] for stance in Stance}
    for item in verdict.evidence:
        groups[item.stance].append(item)
    return groups


def fails(verdict: Verdict, context: ReportContext) -> bool:
    """Whether one verdict fails the gate."""
    return context.decision(verdict).fails


def reported(verdicts: list[Verdict], context: ReportContext) -> list[Verdict]:
    """What a linter lists, in input order: every claim that is not supported, and any that fails the gate."""
    return [v for v in verdicts if v.label is not Label.SUPPORTED or fails(v, context)]


def gate_note(verdict: Verdict, context: ReportContext) -> str:
    """Why a verdict fails the gate ("" when it passes)."""
    return context.decision(verdict).note


def baseline_note(verdict: Verdict, context: ReportContext) -> str:
    """How the claim stands against the run's baseline: "new", "changed, was supported", "in the baseline" ("" without one)."""
    decision = context.decision(verdict)
    if decision.baseline is BaselineState.NEW:
        return "new"
    if decision.baseline is BaselineState.CHANGED:
        return f"changed, was {decision.previous.value}" if decision.previous else "changed"
    if decision.baseline is BaselineState.KNOWN:
        return "in the baseline"
    return ""


def new_failures(verdicts: list[Verdict], context: ReportContext) -> int:
    """How many failing claims the baseline does not record with their verdict (0 without a baseline)."""
    return sum(1 for v in verdicts if context.decision(v).fails and context.decision(v).baseline in (BaselineState.NEW, BaselineState.CHANGED))


def citation_note(verdict: Verdict) -> str:
    """ "citation ok: a.txt", "citation wrong-source: cites a.txt; the verdict rests on b.txt", or "" when the claim cites nothing."""
    if verdict.citation is Citation.NONE:
        return ""
    cited = ", ".join(dict.fromkeys(path for _, path in verdict.cited)) or "a source"
    if verdict.citation is Citation.OK:
        return f"citation ok: {cited}"
    decisive = {Label.SUPPORTED: (Stance.SUPPORTS,), Label.CONFLICTING: (Stance.CONTRADICTS, Stance.SUPPORTS)}.get(verdict.label, ())
    others = dict.fromkeys(e.passage.source for e in verdict.evidence if e.stance in decisive and (e.passage.root, e.passage.source) not in verdict.cited)
    bearing = f"the verdict rests on {', '.join(others)}" if others else "no source bears it out"
    return f"citation {verdict.citation.value}: cites {cited}; {bearing}"


def claim_path(verdict: Verdict, context: ReportContext) -> str | None:
    """The file a claim was read from: the draft in draft mode, else the claims file."""
    if context.mode == "draft" and context.draft_path:
        return context.draft_path
    return verdict.claim.file or context.draft_path


def relative_path(path: str) -> str:
    """A path for CI annotations: relative to the working folder when inside it, with forward slashes."""
    candidate = PurePath(path)
    if candidate.is_absolute():
        try:
            candidate = Path(path).resolve().relative_to(Path.cwd().resolve())
        except (ValueError, OSError):
            pass
    text = candidate.as_posix()
    return text[2:] if text.startswith("./") else text


class TextPositions:
    """Offsets in a text → 1-based (line, column) in code points; CRLF, LF and a lone CR each end a line."""

    def __init__(self, text: str) -> None:
        self._lines = LineMap(text)

    def at(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of `offset`."""
        return self._lines.position(offset)


@dataclass(frozen=True)
class Position:
    """Where a claim sits: file, 1-based line and column, and (in a draft) where it ends."""

    path: str | None
    line: int | None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None  # the column just after the claim's last character


def claim_positions(verdicts: list[Verdict], context: ReportContext) -> dict[int, Position]:
    """Each verdict's position, keyed by `id(verdict)`; columns only in draft mode, from the draft text."""
    positions = TextPositions(context.draft_text) if context.mode == "draft" and context.draft_text is not None else None
    result: dict[int, Position] = {}
    for verdict in verdicts:
        claim = verdict.claim
        path = claim_path(verdict, context)
        if positions is not None and claim.char_start is not None:
            line, column = positions.at(claim.char_start)
            end_line = end_column = None
            if claim.char_end is not None and claim.char_end > claim.char_start:
                end_line, end_column = positions.at(claim.char_end)
            result[id(verdict)] = Position(path, claim.line or line, column, end_line, end_column)
        else:
            result[id(verdict)] = Position(path, claim.line, 1 if context.mode != "draft" else None)
    return result


def slugify(text: str) -> str:
    """A lower-case ASCII slug of letters, digits and hyphens ("" when nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def claim_slugs(verdicts: list[Verdict]) -> dict[int, str]:
    """A unique, stable slug per verdict (keyed by `id(verdict)`), from the claim id; duplicates numbered."""
    slugs: dict[int, str] = {}
    taken: set[str] = set()
    for n, verdict in enumerate(verdicts, start=1):
        base = slugify(verdict.claim.id) or f"claim-{n}"
        slug, k = base, 2
        while slug in taken:
            slug, k = f"{base}-{k}", k + 1
        taken.add(slug)
        slugs[id(verdict)] = slug
    return slugs


def cited_sources(verdicts: list[Verdict], context: ReportContext) -> list[tuple[str, str]]:
    """Every (root, source) any verdict quotes, once each: roots in the order given, sources by path."""
    found = {(e.passage.root, e.passage.source) for v in verdicts for e in v.evidence}
    root_rank = {root: n for n, root in enumerate(context.roots)}
    return sorted(found, key=lambda key: (root_rank.get(key[0], len(root_rank)), key[0], key[1]))


def source_metadata(context: ReportContext, root: str, source: str) -> dict[str, str]:
    """A source's known bibliographic fields (title, outlet, author, date, url), blank ones dropped."""
    return context.metadata(root, source)


def source_line(context: ReportContext, root: str, source: str) -> str:
    """ "Title — Outlet, date" for a quote's attribution ("" when nothing is known)."""
    metadata = source_metadata(context, root, source)
    tail = ", ".join(metadata[key] for key in ("outlet", "date") if key in metadata)
    title = metadata.get("title", "")
    return f"{title} — {tail}" if title and tail else title or tail


def safe_url(url: str) -> str | None:
    """The URL when it may be emitted as a link (http or https only, see `escape.link_url`), else None."""
    return link_url(url)


def quote_groups(verdict: Verdict) -> list[tuple[str, list[Evidence]]]:
    """The verdict's evidence under the headings an editor reads, empty groups left out.

    A conflict shows what contradicts the claim ("Source says") before what supports it ("Other
    sources"); an unsourced claim shows the passages that came closest.
    """
    groups = by_stance(verdict)
    if verdict.label is Label.CONFLICTING:
        named = [("Source says", groups[Stance.CONTRADICTS]), ("Other sources", groups[Stance.SUPPORTS]), ("Related passages", groups[Stance.RELATED])]
    elif verdict.label is Label.SUPPORTED:
        named = [("Evidence", groups[Stance.SUPPORTS]), ("Related passages", groups[Stance.CONTRADICTS] + groups[Stance.RELATED])]
    else:
        named = [("Closest passages", list(verdict.evidence))]
    return [(heading, items) for heading, items in named if items]
