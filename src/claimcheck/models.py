"""Plain dataclasses that flow through the pipeline: sources → passages → claims → verdicts."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePosixPath


class Label(str, Enum):
    """The verdict on a claim."""

    SUPPORTED = "supported"
    CONFLICTING = "conflicting"
    UNSOURCED = "unsourced"


class Citation(str, Enum):
    """Whether the source a claim cites is one that bears its verdict out."""

    OK = "ok"
    WRONG_SOURCE = "wrong-source"
    NONE = "none"  # the claim cites no source


class Stance(str, Enum):
    """How one passage bears on one claim."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    RELATED = "related"


@dataclass(frozen=True)
class Heading:
    """A section heading of a document: its text (without markup), level (1 = top) and the offsets of its line."""

    text: str
    level: int
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Document:
    """One source file, decoded (or extracted, for PDF, HTML, DOCX), with its structure and bibliographic metadata."""

    path: str  # relative to its root, with forward slashes
    root: str  # the sources root as the user gave it
    text: str  # the file's decoded text, or a converted format's extracted text: offsets index this
    sha256: str
    encoding: str = "utf-8"
    metadata: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    title: str = ""
    headings: tuple[Heading, ...] = field(default=(), hash=False, compare=False)  # section headings, in text order
    pages: tuple[int, ...] = field(default=(), hash=False, compare=False)  # offset where each page starts (PDF), else empty
    format: str = "text"  # the reader that made it: text, markdown, pdf, html, docx

    def page_of(self, offset: int) -> int | None:
        """The 1-based page holding `offset`, for a paged document."""
        if not self.pages:
            return None
        return max(1, bisect.bisect_right(self.pages, offset))


# The words of a file name ("annual-report_2024" → "annual", "report", "2024").
_NAME_WORDS = re.compile(r"[^\W_]+")
# A passage opening on another event of the kind its document tells of: "A second incident, a leak at the works, will not go
# to court" under "Company to be prosecuted over fish kill". The title is about the first.
_ANOTHER_EVENT = re.compile(
    r"\s*(?:(?:in\s+)?an?\s+(?:second|third|fourth|separate|unrelated|different|earlier|later)|another|separately,?\s+an?)\s+"
    r"(?:incident|case|accident|event|episode|leak|spill|crash|collision|fire|outbreak|attack|complaint|breach|failure|offence|charge|claim)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Passage:
    """A sentence (or a window of neighbouring sentences) of a document, with exact offsets."""

    source: str  # document path relative to its root
    root: str
    text: str  # == document.text[char_start:char_end]
    char_start: int
    char_end: int
    line_start: int  # 1-based line of the first character
    line_end: int  # 1-based line of the last character
    sentence_count: int = 1
    title: str = ""  # its document's title
    heading: str = ""  # the section heading it sits under ("" before the first one)
    page: int | None = None  # 1-based page of its first character, in a paged format (PDF)

    @property
    def lines(self) -> str:
        """`11` or `11-12`: the lines the passage spans."""
        return f"{self.line_start}" if self.line_start == self.line_end else f"{self.line_start}-{self.line_end}"

    @property
    def place(self) -> str:
        """`file:line` or `file:first-last` (`file:p4:line` in a PDF), as reports cite it."""
        return f"{self.source}:p{self.page}:{self.lines}" if self.page is not None else f"{self.source}:{self.lines}"

    @property
    def key(self) -> tuple[str, str, int, int]:
        """A stable identity for caching and de-duplication."""
        return (self.root, self.source, self.char_start, self.char_end)

    @property
    def about(self) -> str:
        """What its document is about: its title, its file name's words and the heading the passage sits under (only the
        heading when the passage opens on another event than the document's: "A second incident, ...")."""
        if _ANOTHER_EVENT.match(self.text):
            return self.heading  # only its section is about it
        name = " ".join(_NAME_WORDS.findall(PurePosixPath(self.source).stem))
        return " ".join(part for part in (self.title, name, self.heading) if part)


@dataclass(frozen=True)
class Claim:
    """A claim to check, from a claims file or a draft."""

    id: str
    text: str
    expect: Label | None = None
    cite: tuple[str, ...] = ()  # source paths a claims file's `cite:` names: each must be a loaded source
    # What a draft sentence points to (its footnotes' text, its link targets): only those naming a loaded source count.
    references: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    file: str | None = None  # where it was read from, for messages
    line: int | None = None  # 1-based line in that file
    char_start: int | None = None  # offsets in a draft
    char_end: int | None = None
    # What a draft sentence follows, for a pronoun that refers back ("It also ships ..."): the sentences before it in its
    # section (at most `draft.REFERRING_REACH`, nearest last), and the section's heading.
    previous: tuple[str, ...] = ()
    section: str = ""
    # The lead-in a draft's list item hangs from ("The company's targets for fiscal 2025:"): it gives the item its period.
    frame: str = ""


@dataclass(frozen=True)
class Conflict:
    """What a contradiction opposes: the rule that found it, the claim's words and the source's, and where they stand."""

    rule: str
    claim_side: str
    source_side: str
    # How the explanation reads, with `{claim}` and `{source}` for the two sides: each rule words its own.
    template: str = "source: {source}; claim: {claim}"
    claim_span: tuple[int, int] | None = None  # offsets of the claim side in the claim's text, where the rule knows them
    source_span: tuple[int, int] | None = None  # offsets of the source side in the passage's text, likewise
    speaker: str = ""  # who the passage quotes, when it quotes someone

    @property
    def statement(self) -> str:
        """The two sides in the rule's words."""
        return self.template.format(claim=self.claim_side, source=self.source_side)

    @property
    def explanation(self) -> str:
        """The one-line explanation reports show: the statement, and who said it in the source."""
        return self.statement + (f" ({self.speaker} said)" if self.speaker else "")


@dataclass(frozen=True)
class Evidence:
    """A passage judged against a claim."""

    passage: Passage
    stance: Stance
    score: float  # relevance of the passage to the claim, in [0, 1]
    explanation: str = ""
    signals: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    conflict: Conflict | None = None  # what the passage opposes, when it contradicts the claim
    rule: str | None = field(default=None, compare=False)  # the contradiction rule or support blocker that decided, if one did


@dataclass(frozen=True)
class PartVerdict:
    """The outcome for one part of a compound claim, checked on its own."""

    text: str  # the part as a sentence of its own, as it was checked
    start: int  # its words in the claim's text: claim.text[start:end]
    end: int
    label: Label
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    slots: tuple[str, ...] = ()  # its subject and arguments, as the parser read them
    kind: str = "clause"  # how it hangs in the sentence: "clause", "appositive", "relative", "participial", "with", ...


@dataclass(frozen=True)
class Verdict:
    """The outcome for one claim: label, confidence, explanation and evidence (most decisive first)."""

    claim: Claim
    label: Label
    confidence: float
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    citation: Citation = Citation.NONE
    cited: tuple[tuple[str, str], ...] = ()  # (root, path) of each source the claim cites, as resolved
    parts: tuple[PartVerdict, ...] = ()  # a compound claim's parts, each checked on its own; () for one assertion

    @property
    def failing_part(self) -> PartVerdict | None:
        """The part that decides a verdict other than supported: the first conflicting part, else the first unsourced one."""
        if self.label is Label.SUPPORTED:
            return None
        for label in (Label.CONFLICTING, Label.UNSOURCED):
            found = next((p for p in self.parts if p.label is label), None)
            if found is not None:
                return found
        return None

    @property
    def conflict(self) -> Conflict | None:
        """The conflict of a conflicting verdict: its most decisive contradicting passage's."""
        if self.label is not Label.CONFLICTING:
            return None
        return next((e.conflict for e in self.evidence if e.stance is Stance.CONTRADICTS), None)


@dataclass(frozen=True)
class IndexReport:
    """What opening the corpus index reused and what it computed."""

    documents: int
    documents_reused: int  # not read: stat signature unchanged
    documents_read: int
    documents_removed: int
    passages: int
    passages_reused: int  # rows copied from the index: not split, stemmed or encoded
    passages_encoded: int  # encoded by the model (the rest of the new rows came from the embedding cache)
    seconds: float
