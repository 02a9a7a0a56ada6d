"""Text utilities shared by every stage: line maps, sentence spans, normalisation, tokens."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col sgt capt cmdr adm st jr sr inc corp co ltd llc
    vs etc al e.g i.e u.s u.k u.n a.m p.m no nos fig figs jan feb mar apr jun jul aug sep sept oct nov
    dec mt ft approx est dept univ assn bros ave blvd rd ph.d d.c""".split()
)
# Abbreviations only before a number ("No. 5", "Fig. 2"): "voting no. Dana Whitfield said" ends a sentence.
NUMBER_ABBREVIATIONS = frozenset("no nos fig figs".split())
# The look-behind makes each run of punctuation a single match attempt: without it a long run of dots
# with no space after it is retried from every position, which is quadratic.
# A sentence ends at . ! ? … with any closing quotes or brackets, and any footnote references ("[^2]").
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]»]*(?:\[\^[^\]\s]{1,40}\])*(?=\s)")
_BLOCK_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*")
# Words keep inner apostrophes and dots ("don't", "U.S"); hyphenated compounds split into their parts.
_WORD = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿ]+(?:['’.][A-Za-z0-9À-ÖØ-öø-ÿ]+)*")


# Text a reader never sees, which must never be read as words, figures or sentence ends: terminal escape
# sequences (CSI such as ESC[31m, also the 8-bit CSI; OSC, DCS, SOS, PM and APC strings up to BEL, ST or
# the end of the line; two-character escapes; a lone ESC) and invisible format characters (soft hyphen,
# zero-width space and joiners, word joiner and invisible operators, BOM, bidi marks, embeddings,
# overrides and isolates).
_ESCAPE = r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b\r\n]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]|\x1b"
INVISIBLE = "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
_HIDDEN = re.compile(f"(?:{_ESCAPE}|[{INVISIBLE}])+")
_MAYBE_HIDDEN = frozenset(INVISIBLE + "\x1b\x9b")


def _has_hidden(text: str) -> bool:
    """Whether `text` may hold an escape sequence or an invisible character (a cheap test first)."""
    return (not text.isascii() and not _MAYBE_HIDDEN.isdisjoint(text)) or "\x1b" in text


def strip_hidden(text: str) -> str:
    """`text` without terminal escape sequences and invisible characters: what a reader sees."""
    return _HIDDEN.sub("", text) if _has_hidden(text) else text


def mask_hidden(text: str) -> str:
    """`text` with every escape sequence and invisible character replaced by spaces: same length, so offsets still hold."""
    return _HIDDEN.sub(lambda m: " " * len(m.group()), text) if _has_hidden(text) else text


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of some text."""

    start: int
    end: int


class LineMap:
    """Maps character offsets to 1-based line numbers; CRLF, LF and lone CR all end a line."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def line_of(self, offset: int) -> int:
        """The 1-based line holding the character at `offset`."""
        return bisect.bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column (in code points) of `offset`."""
        line = self.line_of(offset)
        return line, offset - self._starts[line - 1] + 1


_CLOSERS = "\"'”’)]»"
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
# Longer than any abbreviation or dotted acronym: scanning back further only costs time (quadratic on
# a long line of dotted tokens).
_MAX_TOKEN = 64
_NON_SPACE = re.compile(r"\S")


def _ends_sentence(text: str, block_start: int, dot_end: int) -> bool:
    """Whether the punctuation ending at `dot_end` closes a sentence (not an abbreviation or initial)."""
    end = dot_end
    while end > block_start and text[end - 1] in _CLOSERS:
        end -= 1
    if end <= block_start or text[end - 1] != ".":
        return True
    # The run of letters and dots before the final dot, found by scanning back a bounded distance:
    # slicing or regex-searching the text from the block start made long blocks quadratic.
    start = end - 1
    limit = max(block_start, start - _MAX_TOKEN)
    while start > limit and text[start - 1] in _TOKEN_CHARS:
        start -= 1
    if start == end - 1:
        return True
    if start == limit and limit > block_start and text[start - 1] in _TOKEN_CHARS:
        return True  # a "word" this long is no abbreviation
    token = text[start : end - 1].lower()
    if start > block_start and text[start - 1].isdigit():
        return True  # letters glued to a number ("the 1940s.", "$5m.", "747s.") are a unit or a plural, not an initial
    if token in NUMBER_ABBREVIATIONS:
        following = _NON_SPACE.search(text, dot_end, dot_end + 8)
        return following is None or not following.group().isdigit()
    if token in ABBREVIATIONS or len(token) == 1:
        return False
    # Dotted acronyms such as "U.S." or "a.m." are abbreviations, not sentence ends.
    return not re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)


def _next_starts_sentence(text: str, pos: int, end: int) -> bool:
    """Whether the text after a candidate boundary looks like the start of a new sentence."""
    match = _NON_SPACE.search(text, pos, end)
    if match is None:
        return False
    first = match.group()
    return first.isupper() or first.isdigit() or first in "\"'“‘([*#$-—"


def _first_non_space(text: str, start: int, end: int) -> int | None:
    """Offset of the first non-white-space character in [start, end), if any."""
    match = _NON_SPACE.search(text, start, end)
    return match.start() if match else None


def _last_non_space(text: str, start: int, end: int) -> int | None:
    """Offset of the last non-white-space character in [start, end), if any."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end - 1 if end > start else None


def blocks(text: str) -> list[Span]:
    """Paragraph spans separated by blank lines, re-joining a sentence a stray blank line cut in two."""
    spans: list[Span] = []
    pos = 0
    for match in _BLOCK_BREAK.finditer(text):
        spans.append(Span(pos, match.start()))
        pos = match.end()
    spans.append(Span(pos, len(text)))
    merged: list[Span] = []
    for span in spans:
        head = _first_non_space(text, span.start, span.end)
        if head is None:
            continue
        previous = merged[-1] if merged else None
        if previous is not None:
            # Only the edge characters matter: re-slicing a growing merged block was quadratic.
            tail = _last_non_space(text, previous.start, previous.end)
            if tail is not None and text[tail].isalpha() and text[head].islower():
                merged[-1] = Span(previous.start, span.end)
                continue
        merged.append(span)
    return merged


def sentence_spans(text: str, within: list[Span] | None = None) -> list[Span]:
    """Sentence spans of `text` (or of the given regions), trimmed of white space; each holds a letter or digit.

    Escape sequences and invisible characters count as white space: "One.\u200b Two." is two sentences.
    Given `within`, the caller passes text already masked with `mask_hidden` (masking is linear; doing it
    for every window of a long paragraph would not be).
    """
    return list(iter_sentence_spans(text, within))


def iter_sentence_spans(text: str, within: list[Span] | None = None) -> Iterator[Span]:
    """`sentence_spans`, one at a time, so that a caller with a cap can stop early in a huge text."""
    if within is None:
        text = mask_hidden(text)
    for block in blocks(text) if within is None else within:
        cursor = block.start
        for match in _SENTENCE_END.finditer(text, block.start, block.end):
            if _ends_sentence(text, cursor, match.end()) and _next_starts_sentence(text, match.end(), block.end):
                span = trim(text, Span(cursor, match.end()))
                if any(ch.isalnum() for ch in text[span.start : span.end]):
                    yield span
                cursor = match.end()
        span = trim(text, Span(cursor, block.end))
        if any(ch.isalnum() for ch in text[span.start : span.end]):
            yield span


def trim(text: str, span: Span) -> Span:
    """The span without leading and trailing white space."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": " - ", "\u00a0": " "})


def normalise(text: str) -> str:
    """Text for matching: escapes and invisible characters removed, NFKC, straight quotes, Markdown escapes and emphasis removed, white space folded."""
    text = strip_hidden(text)
    if not text.isascii():  # ASCII is its own NFKC form and holds none of the curly quotes and dashes
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _HEADING_MARK.sub("", text)
    return " ".join(text.split())


_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$%&])")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_HEADING_MARK = re.compile(r"^\s*#+\s*")


def words(text: str) -> list[str]:
    """Lower-case word tokens of normalised text, keeping internal apostrophes and dots; hyphens split words."""
    if text.isascii():
        # Lower-casing ASCII only turns A-Z into a-z, both word characters: the same words, lower-cased in one pass.
        return _WORD.findall(text.lower())
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


@lru_cache(maxsize=1)
def _english_stemmer():  # type: ignore[no-untyped-def]
    from snowballstemmer import stemmer  # imported lazily: only stance needs it

    return stemmer("english")


# Bump when `stem` changes: a persisted index stores its passages' stems.
STEM_SCHEME = "porter2-irregular-v2"
# Irregular past forms Porter2 cannot reach, mapped to their base verb.
_IRREGULAR = {
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "grew": "grow",
    "grown": "grow",
    "won": "win",
    "lost": "lose",
    "sold": "sell",
    "bought": "buy",
    "began": "begin",
    "begun": "begin",
    "wrote": "write",
    "written": "write",
    "paid": "pay",
    "spent": "spend",
    "told": "tell",
    "made": "make",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "held": "hold",
    "left": "leave",
    "sank": "sink",
    "shrank": "shrink",
    "built": "build",
    "found": "find",
    "brought": "bring",
    "sent": "send",
    "went": "go",
    "gone": "go",
    "came": "come",
    "became": "become",
    "met": "meet",
    "ran": "run",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "known": "know",
    "thought": "think",
    "fought": "fight",
    "struck": "strike",
    "chose": "choose",
    "chosen": "choose",
    "drove": "drive",
    "driven": "drive",
    "hid": "hide",
    "hidden": "hide",
    "stood": "stand",
    "kept": "keep",
    "quit": "quit",
    "shut": "shut",
    "cut": "cut",
    "hit": "hit",
    "set": "set",
    "spoke": "speak",
    "spoken": "speak",
    "broke": "break",
    "broken": "break",
    "froze": "freeze",
    "frozen": "freeze",
    "rode": "ride",
    "wore": "wear",
    "worn": "wear",
    "swore": "swear",
    "sworn": "swear",
    "threw": "throw",
    "thrown": "throw",
    # Past forms of verbs whose bare form a parse gives as the lemma ("taught" is "teach"): without them a claim's "taught"
    # was never looked for as "teach", and a passage that never said who taught bore it out. ("led" is left out: it is
    # also "LED".)
    "fled": "flee",
    "bred": "breed",
    "sped": "speed",
    "meant": "mean",
    "lent": "lend",
    "bent": "bend",
    "dealt": "deal",
    "heard": "hear",
    "laid": "lay",
    "slept": "sleep",
    "swept": "sweep",
    "taught": "teach",
    "caught": "catch",
    "sought": "seek",
    "wept": "weep",
    "stuck": "stick",
    "sang": "sing",
    "sung": "sing",
    "rang": "ring",
    "drank": "drink",
    "swam": "swim",
    "flew": "fly",
    "flown": "fly",
    "drew": "draw",
    "drawn": "draw",
    "blew": "blow",
    "blown": "blow",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "forgot": "forget",
    "forgotten": "forget",
    "forgave": "forgive",
    "forgiven": "forgive",
    "got": "get",
    "gotten": "get",
    "understood": "understand",
    "undertook": "undertake",
    "undertaken": "undertake",
    "overtook": "overtake",
    "overtaken": "overtake",
    "overcame": "overcome",
    "underwent": "undergo",
    "undergone": "undergo",
    "ate": "eat",
    "eaten": "eat",
    "hung": "hang",
    "dug": "dig",
    "rebuilt": "rebuild",
    "rewrote": "rewrite",
    "rewritten": "rewrite",
    "oversaw": "oversee",
    "overseen": "oversee",
    "upheld": "uphold",
    "withheld": "withhold",
    "arose": "arise",
    "arisen": "arise",
    "shook": "shake",
    "shaken": "shake",
    "stole": "steal",
    "stolen": "steal",
    "sprang": "spring",
    "tore": "tear",
    "torn": "tear",
    "swung": "swing",
    "forbade": "forbid",
    "forbidden": "forbid",
    "foresaw": "foresee",
    "foreseen": "foresee",
    "outgrew": "outgrow",
    "resold": "resell",
    "remade": "remake",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter2 stem of a lower-case word (irregular past forms first mapped to the base verb)."""
    word = re.sub(r"'s?$", "", word)
    return str(_english_stemmer().stemWord(_IRREGULAR.get(word) or _prefixed_irregular(word)))


# Prefixes that make a verb of a verb and keep its irregular forms: "repaid", "rebuilt", "overpaid", "withheld", "undertook".
_VERB_PREFIXES = ("re", "over", "under", "out", "mis", "with", "fore", "up")


def _prefixed_irregular(word: str) -> str:
    """A prefixed irregular past form mapped to its base verb ("repaid" → "repay"), else the word itself."""
    for prefix in _VERB_PREFIXES:
        if word.startswith(prefix) and (base := _IRREGULAR.get(word[len(prefix) :])) is not None:
            return prefix + base
    return word
