"""Sentence spans, blocks and line maps: properties over any text, and linear time on pathological text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.text import INVISIBLE, LineMap, Span, blocks, mask_hidden, normalise, sentence_spans, stem, strip_hidden, trim, words

# Characters that matter to splitting, line counting and trimming, mixed with arbitrary Unicode.
_SPECIAL = list("aAzZ019 .!?…\"'”’“‘)(]»«*#$-—–\t\r\n\r\n\x0b\x0c\x85\u2028\u2029\u00a0\u200b\ufeff") + [
    "\r\n",
    "\n\n",
    "\r\r",
    "Mr.",
    "U.S.",
    "e.g.",
    "J.",
    "a.m.",
    "No. 5",
    "The",
    "it",
    "Ünïcode",
    "中文",
    "🎉",
    "e\u0301",
]
_PIECES = st.sampled_from(_SPECIAL) | st.characters(blacklist_categories=("Cs",))
TEXTS = st.lists(_PIECES, max_size=200).map("".join)
# A short random pattern repeated into a long line: the shape that made the old splitter quadratic.
LONG_LINES = st.tuples(st.lists(_PIECES, min_size=1, max_size=12).map("".join), st.integers(50, 2000)).map(lambda pair: pair[0] * pair[1])
ANY_TEXT = TEXTS | LONG_LINES

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def line_of(text: str, offset: int) -> int:
    """The 1-based line of `offset`, computed independently: a line ends after CRLF, CR or LF."""
    return 1 + sum(1 for match in re.finditer(r"\r\n|\r|\n", text) if match.end() <= offset)


def assert_well_formed(text: str, spans: list[Span]) -> None:
    """Spans are in bounds, non-empty, trimmed, ordered, disjoint, and each holds a letter or digit."""
    previous_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        assert any(ch.isalnum() for ch in piece)
        previous_end = span.end


@SETTINGS
@given(ANY_TEXT)
def test_sentence_spans_are_well_formed(text: str) -> None:
    assert_well_formed(text, sentence_spans(text))


@SETTINGS
@given(ANY_TEXT)
def test_sentence_spans_within_blocks_stay_inside_them(text: str) -> None:
    regions = blocks(text)
    spans = sentence_spans(text, regions)
    assert_well_formed(text, spans)
    for span in spans:
        assert any(block.start <= span.start and span.end <= block.end for block in regions)


@SETTINGS
@given(ANY_TEXT)
def test_blocks_are_ordered_disjoint_and_cover_every_word(text: str) -> None:
    regions = blocks(text)
    previous_end = 0
    for block in regions:
        assert previous_end <= block.start < block.end <= len(text)
        assert text[block.start : block.end].strip()
        previous_end = block.end
    # Nothing with a letter or digit falls between blocks.
    covered = [False] * len(text)
    for block in regions:
        covered[block.start : block.end] = [True] * (block.end - block.start)
    assert all(covered[i] or not text[i].isalnum() for i in range(len(text)))


@SETTINGS
@given(ANY_TEXT)
def test_every_sentence_word_survives(text: str) -> None:
    """Splitting loses no text with a letter or digit: every such character lies in some sentence (escape sequences aside)."""
    spans = sentence_spans(text)
    covered = [False] * len(text)
    for span in spans:
        covered[span.start : span.end] = [True] * (span.end - span.start)
    visible = mask_hidden(text)
    assert all(covered[i] or not visible[i].isalnum() for i in range(len(text)))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_line_map_agrees_with_an_independent_count(text: str) -> None:
    lines = LineMap(text)
    for offset in range(len(text) + 1):
        assert lines.line_of(offset) == line_of(text, offset)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(0, 300), st.integers(0, 300))
def test_trim_only_removes_white_space(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    span = trim(text, Span(start, end))
    assert start <= span.start <= span.end <= end
    assert text[span.start : span.end] == text[start:end].strip()


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_normalise_and_words_never_fail_and_fold_white_space(text: str) -> None:
    folded = normalise(text)
    assert folded == folded.strip() and "  " not in folded and "\n" not in folded
    assert all(word == word.lower() for word in words(folded))


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Mr. Smith went to Washington. He stayed.", ["Mr. Smith went to Washington.", "He stayed."]),
        ("U.S. officials said so. Then they left.", ["U.S. officials said so.", "Then they left."]),
        ("It rose 5 p.m. Monday. Prices fell.", ["It rose 5 p.m. Monday.", "Prices fell."]),
        ("J. Edgar Hoover ran it. Later, others did.", ["J. Edgar Hoover ran it.", "Later, others did."]),
        ("He said “yes.” She agreed!", ["He said “yes.”", "She agreed!"]),
        ("Line one\r\n\r\nLine two. Three.\r", ["Line one", "Line two.", "Three."]),
        ("Old Mac\rendings. Here\r\rNew block.", ["Old Mac\rendings.", "Here", "New block."]),
        ("a cut\n\nsentence goes on. Next.", ["a cut\n\nsentence goes on.", "Next."]),
        ("Wait... What?! Yes.", ["Wait...", "What?!", "Yes."]),
        ("It began in the 1940s. Nobody noticed.", ["It began in the 1940s.", "Nobody noticed."]),
        ("The deal is worth $5m. It closes soon.", ["The deal is worth $5m.", "It closes soon."]),
        ("Three members voted no. Ann Lee said so.", ["Three members voted no.", "Ann Lee said so."]),
        ("See No. 5 and Fig. 2 below. Then stop.", ["See No. 5 and Fig. 2 below.", "Then stop."]),
    ],
)
def test_known_splits(text: str, sentences: list[str]) -> None:
    assert [text[s.start : s.end] for s in sentence_spans(text)] == sentences


PATHOLOGICAL = {
    "abbreviations": "e.g. " * 200_000,
    "initials": "J. " * 300_000,
    "lower-case sentences": "A b. " * 200_000,
    "dotted run": "a." * 500_000,
    "dots": "." * 1_000_000,
    "dots then space": "." * 500_000 + " Next.",
    "closers": "." + ")" * 500_000 + " x",
    "blank-line blocks": "a\n\nb\n\n" * 200_000,
    "cr blocks": "a\r\rb\r\r" * 200_000,
    "one long word": "x" * 1_000_000,
    "spaces": " " * 1_000_000 + "x",
    "newlines": "\n" * 1_000_000 + "x.",
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_text_splits_well_formed(name: str) -> None:
    """About a megabyte each (the old splitter took minutes on 250 kB of some); speed: benchmarks/hostile_speed.py."""
    text = PATHOLOGICAL[name]
    assert_well_formed(text, sentence_spans(text))


# --------------------------------------------------------------------------- escape sequences and invisible characters

ESCAPES = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[38;5;196m",
    "\x1b[2J",
    "\x9b1m",
    "\x1b]0;Title 2024\x07",
    "\x1b]8;;http://x.test/9\x1b\\",
    "\x1bP1$r0m\x1b\\",
    "\x1b7",
    "\x1b(B",
]


@pytest.mark.parametrize("escape", ESCAPES)
def test_escape_sequences_never_reach_matching(escape: str) -> None:
    text = f"Palantir won a{escape} $41 million contract."
    assert normalise(text) == "Palantir won a $41 million contract."
    assert strip_hidden(text) == "Palantir won a $41 million contract."
    masked = mask_hidden(text)
    assert len(masked) == len(text) and masked.replace(" ", "") == "Palantirwona$41millioncontract."


@pytest.mark.parametrize("mark", list(INVISIBLE))
def test_invisible_characters_split_as_white_space_and_vanish_in_matching(mark: str) -> None:
    for text in (f"The agency paid the fee.{mark} Then it stopped paying.", f"The agency paid the fee. {mark}Then it stopped paying."):
        assert [text[s.start : s.end].strip(INVISIBLE) for s in sentence_spans(text)] == ["The agency paid the fee.", "Then it stopped paying."]
    assert normalise(f"Pal{mark}antir paid{mark} 41") == "Palantir paid 41"


def test_a_digit_inside_an_escape_sequence_is_no_word() -> None:
    assert words(normalise("The \x1b[1;31mcount\x1b[0m rose")) == ["the", "count", "rose"]
    assert sentence_spans("\x1b[0m\x1b[31m") == []  # nothing but escapes: no sentence at all


def test_hidden_free_text_is_returned_as_is() -> None:
    text = "Plain text, café and “quotes”."
    assert strip_hidden(text) is text and mask_hidden(text) is text


# ASCII text, with the characters Markdown clean-up and word splitting look at; no ESC (an open escape sequence hides the rest of its line).
ASCII_TEXTS = st.lists(
    st.sampled_from(list("aZ09 .'-\\*_`#()\t\n") + ["Mr.", "U.S.", "don't", "ABC", "x.y"]) | st.characters(max_codepoint=127, blacklist_characters="\x1b"),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(ASCII_TEXTS | TEXTS)
def test_words_are_the_lower_cased_word_matches_whatever_the_script(text: str) -> None:
    # The general definition, which words() short-cuts for ASCII text.
    expected = [w.lower().replace("’", "'") for w in re.findall(r"[A-Za-z0-9À-ÖØ-öø-ÿ]+(?:['’.][A-Za-z0-9À-ÖØ-öø-ÿ]+)*", text)]
    assert words(text) == expected


@settings(max_examples=300, deadline=None)
@given(ASCII_TEXTS)
def test_ascii_text_normalises_as_it_would_beside_non_ascii_text(text: str) -> None:
    # A non-ASCII word after it sends the text down the NFKC and quote-folding path, which must agree with the ASCII short cut.
    assert normalise(text + " é") == f"{normalise(text)} é".strip()


def test_normalise_still_folds_quotes_and_compatibility_forms() -> None:
    assert normalise("“Ｆｕｌｌ” width — ‘quoted’\u00a0here") == "\"Full\" width - 'quoted' here"
    assert normalise("## A **bold** \\*claim\\* 5\\% off") == "A bold claim 5% off"


@pytest.mark.parametrize(("past", "verb"), [("taught", "teach"), ("withdrew", "withdraw"), ("sought", "seek"), ("flown", "fly")])
def test_an_irregular_past_form_stems_as_its_verb(past: str, verb: str) -> None:
    assert stem(past) == stem(verb)
