"""What editors' reports mark inside quotes: the words a conflict opposes, and the quote within its paragraph.

Offsets stay those of the claim's and the passage's own text (DESIGN.md); only the display changes: Markdown
backslash escapes in a source (`\\$41`) are shown as the characters they stand for, and spans move with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..models import Evidence, Stance, Verdict
from .base import Paragraph

Span = tuple[int, int]
# CommonMark: a backslash before ASCII punctuation stands for that character.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class Layer:
    """A span to wrap in `open` … `close` when text is shown; layers nest (a paragraph's quote holds its marks)."""

    start: int
    end: int
    open: str
    close: str


def _find(text: str, side: str) -> list[Span]:
    """Where a conflict's side appears in a text (case aside), when a rule gave no span: whole, else each listed part."""
    folded = text.casefold()
    if len(folded) != len(text):  # case folding changed lengths: offsets would not match
        return []
    found: list[Span] = []
    for part in [side, *re.split(r",\s*|\s+(?:and|to)\s+", side)] if side.strip() else []:
        part = part.strip()
        at = folded.find(part.casefold()) if part else -1
        if at >= 0:
            found.append((at, at + len(part)))
            if part == side.strip():
                break
    return found


def _valid(span: Span | None, length: int) -> Span | None:
    return span if span is not None and 0 <= span[0] < span[1] <= length else None


def conflict_spans(verdict: Verdict) -> tuple[list[Span], dict[int, list[Span]]]:
    """The claim's opposed words, and each contradicting evidence item's (keyed by its index in `verdict.evidence`).

    A rule's own spans are used; where a rule gave none the side's words are looked for in the text.
    """
    claim: list[Span] = []
    sources: dict[int, list[Span]] = {}
    for n, item in enumerate(verdict.evidence):
        conflict = item.conflict
        if conflict is None or item.stance is not Stance.CONTRADICTS:
            continue
        here = _valid(conflict.claim_span, len(verdict.claim.text))
        there = _valid(conflict.source_span, len(item.passage.text))
        claim += [here] if here else _find(verdict.claim.text, conflict.claim_side)
        found = [there] if there else _find(item.passage.text, conflict.source_side)
        if found:
            sources.setdefault(n, []).extend(found)
    return claim, sources


def merged(spans: list[Span]) -> list[Span]:
    """Overlapping or touching spans joined, in order."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def trimmed(text: str, span: Span) -> Span:
    """A span without the white space at its ends (emphasis must touch the words it marks)."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def unescape(text: str, layers: list[Layer]) -> tuple[str, list[Layer]]:
    """`text` with Markdown backslash escapes shown as their characters, and the layers moved to match."""
    removed = [m.start() for m in _ESCAPE.finditer(text)]
    if not removed:
        return text, layers
    shown = _ESCAPE.sub(r"\1", text)

    def moved(offset: int) -> int:
        # Every backslash dropped before `offset` shifts it left by one.
        low, high = 0, len(removed)
        while low < high:
            mid = (low + high) // 2
            if removed[mid] < offset:
                low = mid + 1
            else:
                high = mid
        return offset - low

    return shown, [Layer(moved(layer.start), moved(layer.end), layer.open, layer.close) for layer in layers]


def render(text: str, layers: list[Layer], escape: Callable[[str], str]) -> str:
    """`text` escaped piece by piece, each layer's `open`/`close` around its span; outer layers first where they start together."""
    cuts: dict[int, list[tuple[int, str]]] = {}
    for depth, layer in enumerate(layers):
        if layer.start >= layer.end:
            continue
        # At one offset: closings before openings, inner closings first, outer openings first.
        cuts.setdefault(layer.end, []).append((-1 - depth - len(layers), layer.close))
        cuts.setdefault(layer.start, []).append((depth, layer.open))
    out: list[str] = []
    last = 0
    for offset in sorted(cuts):
        out.append(escape(text[last:offset]))
        out.extend(tag for _, tag in sorted(cuts[offset], key=lambda pair: pair[0]))
        last = offset
    out.append(escape(text[last:]))
    return "".join(out)


def quote_layers(item: Evidence, spans: list[Span], open: str, close: str) -> list[Layer]:
    """The marked words of one quote, as layers on the passage's text."""
    text = item.passage.text
    return [Layer(*trimmed(text, span), open, close) for span in merged(spans)]


def paragraph_layers(item: Evidence, paragraph: Paragraph, spans: list[Span], quote: tuple[str, str], mark: tuple[str, str]) -> list[Layer]:
    """The quote within its paragraph, and its marked words inside it, as layers on the paragraph's text."""
    shift = item.passage.char_start - paragraph.start
    layers = [Layer(shift, shift + len(item.passage.text), *quote)]
    return layers + [Layer(start + shift, end + shift, *mark) for start, end in (trimmed(item.passage.text, s) for s in merged(spans))]


def part_layers(verdict: Verdict, open: str, close: str, inner: list[Span]) -> list[Layer]:
    """The failing part of a compound claim (the part that decides a verdict other than supported), as an outer layer on the
    claim's text; none when the claim was not cut into parts, or when a marked word would straddle the part's edge."""
    part = verdict.failing_part
    if part is None or not _valid((part.start, part.end), len(verdict.claim.text)):
        return []
    start, end = trimmed(verdict.claim.text, (part.start, part.end))
    if any(a < start < b or a < end < b for a, b in inner):
        return []
    return [Layer(start, end, open, close)]
