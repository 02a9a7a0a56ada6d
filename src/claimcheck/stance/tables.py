"""Tables in passages: their rows and cells, and the row of one a claim reads from."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..analysis import Analysis, analyse
from ..figures import Quantity, dates, quantities
from ..lexicon import AMOUNT_VERBS, LIGHT_VERBS, NEGATION_CUES, OUTCOME_PAIRS, READING_VERBS, STOP_WORDS
from ..models import Conflict
from ..names import name_present
from ..text import stem, words
from .base import Finding, Pair, Rule
from .matching import matches, opposites


def table_rows(text: str) -> list[list[str]]:
    """The rows of a table in a text, each a list of its cells: a Markdown table, or a plain-text one aligned by spaces."""
    rows = [line.strip().strip("|").split("|") for line in text.splitlines() if line.strip().startswith("|")]
    if rows:
        return [[cell.strip() for cell in row] for row in rows if not all(set(cell.strip()) <= set("-: ") for cell in row)]
    return _aligned_table(text)


# The rule under a plain-text table's heading: runs of dashes or equals signs, one per column, apart by spaces.
_COLUMN_RULE = re.compile(r"^\s*[-=]{2,}(?:\s+[-=]{2,})+\s*$")


def _aligned_table(text: str) -> list[list[str]]:
    """The heading and rows of a plain-text table, with as many columns as the rule under the heading has runs of dashes.

    A heading may take several lines ("Waiting" over "Mar 2024"): each column's heading is its words on all of them.
    """
    lines = text.splitlines()
    at = next((n for n, line in enumerate(lines) if n > 0 and _COLUMN_RULE.match(line)), None)
    if at is None:
        return _gapped_table(lines)
    runs = [m.start() for m in re.finditer(r"[-=]{2,}", lines[at])]
    bounds = list(zip(runs, [*runs[1:], None]))

    def cells(line: str) -> list[str]:
        # A line whose cells are all filled splits at its wide gaps (a passage may have lost its first line's indent); one
        # with an empty cell is cut where the rule's runs are.
        split = re.split(r"\s{2,}", line.strip())
        return split if len(split) == len(bounds) else [line[start:end].strip() for start, end in bounds]

    top = at
    while top > 0 and at - top < 3 and lines[top - 1].strip():
        top -= 1
    heading = [" ".join(filter(None, column)) for column in zip(*(cells(line) for line in lines[top:at]))]
    body = []
    for line in lines[at + 1 :]:
        if not line.strip():
            break
        if not _COLUMN_RULE.match(line):
            body.append(cells(line))
    return [heading, *body]


def _gapped_table(lines: list[str]) -> list[list[str]]:
    """A plain-text table with no rule under its heading: three or more lines of figures that wide gaps cut into the same
    number (three or more) of cells, and the nearest line above them cut the same way as their heading (else none)."""

    def cells(line: str) -> list[str]:
        return re.split(r"\s{2,}", line.strip())

    best: list[int] = []
    run: list[int] = []
    for n, line in enumerate(lines + [""]):
        if run and set(line.strip()) <= set("-=") and line.strip():
            continue  # a rule across the table, before its total
        width = len(cells(line)) if line.strip() and re.search(r"\d", line) else 0
        if width >= 3 and (not run or width == len(cells(lines[run[0]]))):
            run.append(n)
            continue
        if len(run) > len(best):
            best = run
        run = [n] if width >= 3 else []
    if len(best) < 3:
        return []
    width = len(cells(lines[best[0]]))
    above = [n for n in range(max(0, best[0] - 3), best[0]) if len(cells(lines[n])) == width]
    heading = [cells(lines[above[-1]])] if above else [[""] * width]
    return heading + [cells(lines[n]) for n in best]


def stems_of(text: str) -> set[str]:
    """The stems of a text's words other than stop words."""
    return {stem(w) for w in words(text.lower()) if w not in STOP_WORDS}


def gives(figure: Quantity, cell: str) -> bool:
    """Whether a table cell gives the figure's amount (its unit may be in the column's heading): the very amount, or one within
    a rounded claim figure ("a quarter" for "25%")."""
    if figure.exact:
        return any(math.isclose(q.low, figure.low, rel_tol=0.001) and math.isclose(q.high, figure.high, rel_tol=0.001) for q in quantities(cell))
    return any(q.exact and q.kind == figure.kind and figure.low <= q.low <= figure.high for q in quantities(cell))


def read_row(pair: Pair) -> list[str] | None:
    """The one table row a claim's figures are read from, when the passage is a table and the claim says nothing more.

    The row is named by its label (the claim says every word of it, or the time or period it is); every claim figure is in
    it, each under a heading that the claim names or that no other figure of the row stands under; and every other word and
    name of the claim is in the row, the headings or what the table is read with (its lead-in, title, byline),
    but for verbs that say no more than that the row holds the figure ("had", "cost", "recorded"). A row that negates
    ("No", "Not affected") is read by the rules that compare words, never here.
    """
    claim = pair.claim
    if not claim.figures or claim.negated or claim.hedged:
        return None
    header, named = named_rows(pair)
    said = _said(claim)
    found = [row for row in named if all(_read_in(figure, row, header, said) for figure in claim.figures)]
    if len(found) != 1:
        return None
    row = found[0]
    if any(w in NEGATION_CUES for cell in row for w in words(cell.lower())):
        return None
    grounding = analyse("\n".join([" | ".join(header), " | ".join(row), pair.read_with]))
    if not all(name_present(name, grounding) for name in claim.entities):
        return None
    of_names = {stem(w) for name in claim.entities for w in words(name)}
    unsaid = [s for s in claim.content - of_names if not matches(s, grounding) and s not in _ROW_VERBS]
    return None if unsaid else row


# Verbs a table row says of itself: that its label has, costs or recorded the figure in a cell.
_ROW_VERBS = frozenset(stem(w) for w in LIGHT_VERBS | AMOUNT_VERBS | READING_VERBS)


def _named_row(label: str, claim_text: str, said: set[str]) -> bool:
    """Whether the claim names a row by its label: every word of a worded label, or a time or period label as written
    ("21:31", "2026/27"); a bare number labels a rank or position, which claims seldom give."""
    label_stems = stems_of(label)
    if any(ch.isalpha() for ch in label):
        return bool(label_stems) and label_stems <= said
    return len(label.strip()) >= 4 and not label.strip().isdigit() and re.search(rf"(?<![\w/:.]){re.escape(label.strip())}(?![\w/:.])", claim_text) is not None


def _read_in(figure: Quantity, row: list[str], header: list[str], said: set[str]) -> bool:
    """Whether the row gives the figure: in its label, or in a cell whose heading the claim names (by a word no other
    heading has) or under which stands the row's only figure of its kind."""
    if gives(figure, row[0]):
        return True
    distinct = _distinct(header, len(row))
    for column, cell in enumerate(row[1:], 1):
        if not gives(figure, cell):
            continue
        if distinct[column] & said:
            return True
        kinds = [q.kind for n, other in enumerate(row[1:], 1) if n != column for q in quantities(other)]
        if figure.kind not in kinds:
            return True
    return False


def _said(claim: Analysis) -> set[str]:
    """The stems of every word the claim says, stop words aside: what names a row's label or a column's heading."""
    return set(claim.content) | stems_of(claim.text)


def _distinct(header: list[str], width: int) -> list[set[str]]:
    """Each of `width` columns' heading words that no other heading but the row labels' has (none past the headings)."""
    headings = [stems_of(cell) for cell in header]
    return [headings[n] - set().union(*(h for m, h in enumerate(headings) if m not in (0, n))) if n < len(headings) else set() for n in range(width)]


def named_rows(pair: Pair) -> tuple[list[str], list[list[str]]]:
    """(the table's heading, the rows the claim names by their label) when the passage is a table: of labels the claim says
    in full, those that say most ("Kestrel with liner" over "Kestrel"); rows may share one ("BN-C220" facing each way)."""
    rows = [row for row in pair.table if len(row) >= 2]
    if len(rows) < 2:
        return [], []
    said = _said(pair.claim)
    named = [row for row in rows[1:] if _named_row(row[0], pair.claim_text, said)]
    return rows[0], [row for row in named if all(stems_of(other[0]) <= stems_of(row[0]) for other in named)]


class TableCellRule(Rule):
    """The table row the claim names gives, under the heading the claim names, another figure or the opposite word."""

    # "The Kestrel helmet recorded 6.1 kN" against a row "| Kestrel | 8.4 | Fail |" under "| Helmet | Peak force (kN) |
    # Result |": the claim names the row by its label and the column by its heading. "The Kestrel passed": the row says "Fail".
    name = "table_cell"
    signal = "figure_conflict"

    def admits(self, pair: Pair) -> bool:
        return not pair.missing and not pair.claim.negated and not pair.claim.hedged

    def check(self, pair: Pair) -> Finding | None:
        header, named = named_rows(pair)
        claim = pair.claim
        if len(named) != 1 or not _claims_row(named[0][0], claim):
            return None
        # A totals row ("Total", "All") is named by the claim only with the table's other words: "A total of 14 people
        # needed a hospital stay" is not about a table of cases by day.
        label = stems_of(named[0][0])
        if label and label <= _AGGREGATES and not (stems_of(" ".join(header)) - _AGGREGATES) & claim.content:
            return None
        row = named[0]
        said = _said(claim)
        for figure in claim.figures:
            if any(gives(figure, cell) for cell in row):
                continue
            others = [f for f in claim.figures if f is not figure]
            cell = _named_cell(figure, others, pair.claim_text, row, header, said)
            if cell is not None:
                template = f"source gives {{source}} in the row for “{row[0]}”; claim gives {{claim}}"
                return Finding(self.name, Conflict(self.name, figure.text, cell, template, claim_span=pair.span("claim", figure.start, figure.end)))
        row_stems = set().union(*(stems_of(cell) for cell in row))
        for token, word_stem in zip(claim.tokens, claim.stems):
            if word_stem in row_stems:
                continue
            # A short cell (a result, a state) saying the opposite: "Fail" where the claim says "passed".
            opposite = opposites().get(word_stem, frozenset()) | _outcomes().get(word_stem, frozenset())
            cell = next((c for c in row[1:] if len(words(c)) <= 3 and opposite & stems_of(c)), None)
            if cell is not None:
                template = f"source gives {{source}} in the row for “{row[0]}”; claim says {{claim}}"
                return Finding(self.name, Conflict(self.name, token, cell, template))
        return None


_AGGREGATES = frozenset(stem(w) for w in "total totals all overall sum grand combined".split())


def _claims_row(label: str, claim: Analysis) -> bool:
    """Whether the claim speaks of a row it names: by a name ("Kestrel"), by a time ("21:31"), or by common words it says
    before its figures, as what they are of ("The average annual tax rate is $42"); common words after them may be said of
    something else ("31 ships were diverted to other ports")."""
    if stems_of(label) & claim.entity_stems or not any(ch.isalpha() for ch in label):
        return True
    said = re.search(r"\b" + r"\W+".join(re.escape(w) for w in words(label.lower())) + r"\b", claim.text.lower())
    return said is not None and said.end() <= min((figure.start for figure in claim.figures), default=len(claim.text))


def _named_cell(figure: Quantity, others: list[Quantity], claim_text: str, row: list[str], header: list[str], said: set[str]) -> str | None:
    """The row's cell under the one heading the claim names in full (every word that sets it apart from the other headings),
    next to the figure ("a peak force of 6.1 kN", "11 vessels"), when it holds a figure of the same kind besides the claim's
    other figures (a cell holding only those is theirs: "2" metres beside "8.4" kN)."""
    distinct = _distinct(header, len(row))
    left = [[q for q in quantities(cell) if not any(gives(other, q.text) for other in others)] for cell in row]
    named = [column for column in range(1, len(row)) if left[column] and distinct[column] and distinct[column] <= said]
    if len(named) != 1:
        return None
    # The heading's words are the figure's noun or stand just before it: "of the six reaches" is not a temperature.
    beside = stems_of(figure.noun or "") | stems_of(" ".join(words(claim_text[: figure.start])[-2:]))
    column = named[0]
    if not distinct[column] & beside or dates(row[column]):
        return None
    return row[column] if any(q.kind == figure.kind for q in left[column]) else None


@lru_cache(maxsize=1)
def _outcomes() -> dict[str, frozenset[str]]:
    """Each stem → the stems of the outcomes opposed to it in a result cell (`lexicon.OUTCOME_PAIRS`)."""
    table: dict[str, set[str]] = {}
    for first, second in OUTCOME_PAIRS:
        table.setdefault(stem(first), set()).add(stem(second))
        table.setdefault(stem(second), set()).add(stem(first))
    return {key: frozenset(value) for key, value in table.items()}
