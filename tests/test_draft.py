"""Tests for the draft reader: offsets, block structure, control comments, classification, errors."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.draft import MAX_DRAFT_BYTES, REFERRING_REACH, Draft, load_draft, parse_draft
from claimcheck.errors import ClaimcheckError
from claimcheck.text import LineMap

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DRAFTS = Path(__file__).resolve().parent / "data" / "drafts"


def check_offsets(draft: Draft) -> None:
    """Every sentence is the exact, trimmed slice its offsets name, on the line it says, in order."""
    lines = LineMap(draft.text)
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", draft.text)]
    previous_end = 0
    for sentence in draft.sentences:
        assert draft.text[sentence.char_start : sentence.char_end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert any(ch.isalnum() for ch in sentence.text)
        assert sentence.line == lines.line_of(sentence.char_start)
        assert sentence.char_start >= previous_end
        previous_end = sentence.char_end
        # Container markers are never part of a sentence's start (mid-line text may look like one).
        before = draft.text[line_starts[sentence.line - 1] : sentence.char_start]
        if re.fullmatch(r"(?:[ \t>]|[-+*](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))*", before):
            assert not sentence.text.startswith(">")
            assert not re.match(r"[-+*][ \t]", sentence.text)
        assert "\n" not in sentence.plain and "\r" not in sentence.plain and "  " not in sentence.plain
    ids = [claim.id for claim in draft.claims()]
    assert len(ids) == len(set(ids))


def by_text(draft: Draft) -> dict[str, object]:
    """Sentences keyed by their raw text."""
    return {sentence.text: sentence for sentence in draft.sentences}


def fold(text: str) -> str:
    """Text compared loosely: NFKC, straight quotes, folded white space."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return " ".join(text.split())


# --- the bundled example ------------------------------------------------------------------------


def test_example_draft_yields_exactly_the_expected_claims() -> None:
    draft = load_draft(EXAMPLES / "draft.md")
    check_offsets(draft)
    expected = [fold(entry["text"]) for entry in yaml.safe_load((EXAMPLES / "draft.expected.yaml").read_text("utf-8"))]
    claims = draft.claims()
    assert [fold(claim.text) for claim in claims] == expected


def test_example_draft_metadata_and_left_out_sentences() -> None:
    draft = load_draft(EXAMPLES / "draft.md")
    assert draft.metadata == {
        "title": "Amazon's quiet role in immigration enforcement",
        "author": "Dana Whitfield",
        "date": "2019-07-15",
    }
    kinds = {sentence.plain: sentence.kind for sentence in draft.sentences}
    assert kinds["Who decides how this technology gets used?"] == "question"
    assert kinds["This is a troubling development."] == "opinion"
    assert kinds["What the records show:"] == "skipped"
    assert kinds["What ICE says"] == "heading"
    assert kinds['"There are no direct contracts [with Amazon]," Bourke said.'] == "quote"
    assert not any("Dana Whitfield" in sentence.text for sentence in draft.sentences)


def test_example_claim_ids_and_positions() -> None:
    draft = load_draft(EXAMPLES / "draft.md")
    claims = draft.claims()
    assert claims[0].id == "L9:1" and claims[1].id == "L9:2"
    for claim in claims:
        assert claim.file == str(EXAMPLES / "draft.md")
        assert claim.id.startswith(f"L{claim.line}:")
        assert claim.char_start is not None and claim.char_end is not None
        assert claim.line == draft.text.count("\n", 0, claim.char_start) + 1
    link = next(claim for claim in claims if "Mijente" in claim.text)
    assert "[Mijente](https://mijente.net/)" in draft.text[link.char_start : link.char_end]
    assert "https://" not in link.text


# --- YAML-driven fixture: every kind and control comment ---------------------------------------


def test_kinds_fixture_matches_its_expectations() -> None:
    draft = load_draft(DRAFTS / "kinds.md")
    check_offsets(draft)
    expected = yaml.safe_load((DRAFTS / "kinds.expected.yaml").read_text("utf-8"))
    assert [sentence.text for sentence in draft.sentences] == [entry["text"] for entry in expected]
    for sentence, entry in zip(draft.sentences, expected):
        assert sentence.kind == entry["kind"], sentence
        if "reason" in entry:
            assert sentence.reason == entry["reason"], sentence
        assert sentence.plain == entry.get("plain", entry["text"])
    assert draft.metadata["tags"] == "drafts, fixtures"
    assert draft.metadata["date"] == "2020-02-03"


# --- offsets and line endings --------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_offsets_hold_for_every_line_ending(newline: str) -> None:
    source = newline.join(
        [
            "# Title line here",
            "",
            "First sentence has four words. Second sentence spans",
            "two lines of the paragraph here.",
            "",
            "- A list item with a claim.",
            "- Another list item with 3 figures.",
            "",
            "> A quoted sentence spans",
            "> two lines here. And another one follows it.",
        ]
    )
    draft = parse_draft(source)
    check_offsets(draft)
    lines = {sentence.plain: sentence.line for sentence in draft.sentences}
    assert lines == {
        "Title line here": 1,
        "First sentence has four words.": 3,
        "Second sentence spans two lines of the paragraph here.": 3,
        "A list item with a claim.": 6,
        "Another list item with 3 figures.": 7,
        "A quoted sentence spans two lines here.": 9,
        "And another one follows it.": 10,
    }


def test_crlf_counts_two_characters() -> None:
    source = "Line one is a sentence.\r\n\r\nThe second paragraph is here."
    draft = parse_draft(source)
    second = draft.sentences[1]
    assert second.char_start == source.index("The second")
    assert second.char_start == len("Line one is a sentence.") + 4
    assert second.line == 3


def test_bom_is_stripped_and_offsets_count_from_after_it(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + "The agency paid \u20ac5 to the vendor.\n".encode())
    draft = load_draft(path)
    assert draft.text.startswith("The agency")
    assert draft.sentences[0].char_start == 0
    check_offsets(draft)


# --- block structure -----------------------------------------------------------------------------


def test_code_and_html_blocks_are_never_read() -> None:
    source = (
        "```python\nThe fenced sentence is not read here.\n```\n\n"
        "    The indented sentence is not read either.\n\n"
        "<table><tr><td>The table sentence is not read.</td></tr></table>\n\n"
        "The only sentence that is read is this one."
    )
    draft = parse_draft(source)
    assert [sentence.plain for sentence in draft.sentences] == ["The only sentence that is read is this one."]


def test_headings_atx_closed_and_setext() -> None:
    draft = parse_draft("## Closed heading text ##\n\nSetext heading text\n-------------------\n\nBody text is here now.")
    check_offsets(draft)
    headings = [sentence.text for sentence in draft.sentences if sentence.kind == "heading"]
    assert headings == ["Closed heading text", "Setext heading text"]
    assert len(draft.claims()) == 1


def test_list_items_lose_their_bullets() -> None:
    source = (
        "* Star bullet item has words.\n+ Plus bullet item has words.\n\n"
        "1. Ordered item has words.\n2) Second ordered item here.\n   - Nested item with words here."
    )
    draft = parse_draft(source)
    check_offsets(draft)
    assert [claim.text for claim in draft.claims()] == [
        "Star bullet item has words.",
        "Plus bullet item has words.",
        "Ordered item has words.",
        "Second ordered item here.",
        "Nested item with words here.",
    ]


def test_block_quotes_are_quotes_and_still_checked() -> None:
    source = "> > Nested quote sentence is here,\n> > spanning two lines.\n>\n> Outer quote sentence is here.\n\nPlain claim sentence here."
    draft = parse_draft(source)
    check_offsets(draft)
    assert [(sentence.kind, sentence.plain) for sentence in draft.sentences] == [
        ("quote", "Nested quote sentence is here, spanning two lines."),
        ("quote", "Outer quote sentence is here."),
        ("claim", "Plain claim sentence here."),
    ]
    assert len(draft.claims()) == 3
    # The raw text keeps the inner markers; the checked text does not.
    assert "> >" in draft.sentences[0].text


def test_inline_markup_is_removed_from_claim_text() -> None:
    source = (
        'The **agency** paid *Palantir* `$41 million` per [year](https://x.org "t") '
        "and ![a chart](c.png) <span>showed</span> it &amp; more.\n\n"
        "[ref]: https://example.org\n\n"
        "A [reference link][ref] and <https://auto.example> stay readable."
    )
    draft = parse_draft(source)
    check_offsets(draft)
    assert [claim.text for claim in draft.claims()] == [
        "The agency paid Palantir $41 million per year and a chart showed it & more.",
        "A reference link and https://auto.example stay readable.",
    ]


def test_emphasis_spanning_sentences_is_split_and_cleaned() -> None:
    draft = parse_draft("*The first sentence is here. The second one ends the emphasis.* The third sentence follows.")
    check_offsets(draft)
    assert [claim.text for claim in draft.claims()] == [
        "The first sentence is here.",
        "The second one ends the emphasis.",
        "The third sentence follows.",
    ]


def test_company_abbreviation_can_end_a_sentence() -> None:
    draft = parse_draft("The report was compiled by Empower LLC. It found 204 authorizations. Mr. Smith said so.")
    assert [claim.text for claim in draft.claims()] == [
        "The report was compiled by Empower LLC.",
        "It found 204 authorizations.",
        "Mr. Smith said so.",
    ]


# --- front matter --------------------------------------------------------------------------------


def test_front_matter_is_metadata_and_never_checked() -> None:
    source = "---\r\ntitle: A claim-like title with 41 figures\r\nyear: 2019\r\ndraft: true\r\nnested: {a: 1}\r\n...\r\nThe body sentence is checked."
    draft = parse_draft(source)
    check_offsets(draft)
    assert draft.metadata == {"title": "A claim-like title with 41 figures", "year": "2019", "draft": "true"}
    assert [claim.text for claim in draft.claims()] == ["The body sentence is checked."]
    assert draft.claims()[0].id == "L7:1"


def test_empty_front_matter_and_front_matter_only() -> None:
    assert parse_draft("---\n---\n").claims() == []
    assert parse_draft("---\ntitle: x\n---").metadata == {"title": "x"}


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("---\ntitle: ok\nbad: [unclosed\n---\nBody text is here.", 4, "invalid YAML front matter"),
        ("---\ntitle: ok\n  bad: indent\n---\n", 3, "invalid YAML front matter"),
        ("---\n- a\n- b\n---\nBody text is here.", 2, "mapping"),
        ("---\ntitle: never closed\n\nBody text is here.", 1, "never closed"),
    ],
)
def test_invalid_front_matter_names_its_line(source: str, line: int, fragment: str) -> None:
    with pytest.raises(ClaimcheckError) as caught:
        parse_draft(source, "article.md")
    assert caught.value.file == "article.md"
    assert caught.value.line == line
    assert fragment in caught.value.message
    assert str(caught.value).startswith(f"article.md:{line}: ")


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        # An alias bomb: nine references nested nine deep would expand to hundreds of millions of nodes.
        ('a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n', 3, "YAML aliases (*name) are not allowed"),
        ("title: !!python/object/apply:os.system [echo hi]\n", 2, "YAML tag '!!python/object/apply:os.system' is not allowed"),
        ("title: ok\nnested: " + "[" * 100 + "]" * 100 + "\n", 3, "YAML nested more than 32 levels deep"),
        ("title: ok\nbase: {a: 1}\nother:\n  <<: {a: 2}\n", 5, "YAML merge keys ('<<') are not allowed"),
    ],
)
def test_front_matter_is_read_with_the_strict_claims_loader(front: str, line: int, message: str) -> None:
    with pytest.raises(ClaimcheckError) as caught:
        parse_draft("---\n" + front + "---\nThe body sentence is here.\n", "article.md")
    assert (caught.value.file, caught.value.line, caught.value.message) == ("article.md", line, message)


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069"])
@pytest.mark.parametrize("where", ["before the space", "after the space", "instead of the space"])
def test_invisible_characters_between_sentences_never_merge_two_claims(mark: str, where: str) -> None:
    joint = {"before the space": mark + " ", "after the space": " " + mark, "instead of the space": " " + mark + mark}[where]
    draft = parse_draft("The agency paid Palantir 41 million dollars." + joint + "The contract ran for three years.\n")
    check_offsets(draft)
    assert [claim.text for claim in draft.claims()] == ["The agency paid Palantir 41 million dollars.", "The contract ran for three years."]


def test_escape_sequences_in_a_draft_split_like_white_space_and_leave_the_claim_text() -> None:
    draft = parse_draft("The agency paid \x1b[31m41\x1b[0m million dollars.\x1b[0m The contract ran for three years.\n")
    check_offsets(draft)
    assert [claim.text for claim in draft.claims()] == ["The agency paid 41 million dollars.", "The contract ran for three years."]


def test_a_later_rule_is_not_front_matter() -> None:
    draft = parse_draft("The first sentence is here.\n\n---\ntitle: not metadata\n---\n")
    assert draft.metadata == {}


# --- control comments ----------------------------------------------------------------------------


def test_off_and_on_regions() -> None:
    source = (
        "Checked sentence number one. <!-- claimcheck off --> Skipped sentence in line.\n\n"
        "Skipped paragraph sentence here.\n\n"
        "<!-- claimcheck on -->\n\n"
        "Checked sentence number two. <!-- claimcheck off -->\n\n"
        "Skipped to the end of the draft."
    )
    draft = parse_draft(source)
    check_offsets(draft)
    assert [(sentence.kind, sentence.reason, sentence.plain) for sentence in draft.sentences] == [
        ("claim", "", "Checked sentence number one."),
        ("skipped", "claimcheck off", "Skipped sentence in line."),
        ("skipped", "claimcheck off", "Skipped paragraph sentence here."),
        ("claim", "", "Checked sentence number two."),
        ("skipped", "claimcheck off", "Skipped to the end of the draft."),
    ]


def test_ignore_applies_to_the_sentence_before_it_or_the_next_paragraph() -> None:
    source = (
        "One sentence is ignored here. <!-- claimcheck ignore --> The next one is checked.\n\n"
        "<!-- claimcheck ignore -->\n"
        "Whole paragraph is ignored now. Both of its sentences.\n\n"
        "This paragraph is checked again."
    )
    draft = parse_draft(source)
    check_offsets(draft)
    assert [(sentence.reason, sentence.plain) for sentence in draft.sentences] == [
        ("ignored", "One sentence is ignored here."),
        ("", "The next one is checked."),
        ("ignored", "Whole paragraph is ignored now."),
        ("ignored", "Both of its sentences."),
        ("", "This paragraph is checked again."),
    ]


def test_comments_shown_as_code_are_not_directives() -> None:
    source = "```\n<!-- claimcheck off -->\n```\n\nWrite `<!-- claimcheck off -->` to stop checking here.\n\nThis sentence is still checked."
    draft = parse_draft(source)
    assert [sentence.kind for sentence in draft.sentences] == ["claim", "claim"]


def test_other_html_comments_are_dropped_from_claims() -> None:
    draft = parse_draft("The agency <!-- editor: verify --> paid $5 million. The vendor declined <b>to</b> comment.")
    assert [claim.text for claim in draft.claims()] == [
        "The agency paid $5 million.",
        "The vendor declined to comment.",
    ]


# --- classification ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Who decides how this technology gets used?", "question"),
        ("Did Amazon pay $600,000 a year?", "question"),
        ('"Why now?" she asked the agency officials.', "claim"),
        ("I think the process was rushed and careless.", "opinion"),
        ("We believe this approach is deeply misguided overall.", "opinion"),
        ("In my view, the whole thing was handled poorly.", "opinion"),
        ("This is a troubling development.", "opinion"),
        ("That would be a welcome change for everyone.", "opinion"),
        ("We must do better than this as a society.", "opinion"),
        # Names, figures or an attribution keep a sentence checkable.
        ("I think Amazon paid $600,000 a year.", "claim"),
        ("This is a troubling development for Amazon.", "claim"),
        ("The agency called the report troubling, officials said.", "claim"),
        ('"This is outrageous," she said.', "claim"),
        ("Visitors must register before entering the building.", "claim"),
        ("Several protesters were arrested by police outside.", "claim"),
        ("The bad weather delayed three flights.", "claim"),
        # Too short, unless it holds a figure.
        ("It rained.", "skipped"),
        ("Revenue hit $5.", "claim"),
        ("Here is what they found:", "skipped"),
    ],
)
def test_classification(sentence: str, kind: str) -> None:
    draft = parse_draft(sentence)
    assert [s.kind for s in draft.sentences] == [kind]
    assert (draft.sentences[0].reason == "") == (kind in ("claim", "quote"))


def test_runaway_text_is_cut_and_not_checked() -> None:
    source = "word " * 5000
    draft = parse_draft(source)
    check_offsets(draft)
    assert draft.sentences and all(sentence.reason == "too long" for sentence in draft.sentences)
    assert draft.claims() == []


def test_empty_and_unclaimed_drafts_have_no_claims() -> None:
    assert parse_draft("").claims() == []
    assert parse_draft("\n\n   \n").sentences == ()
    assert parse_draft("# Only a heading\n\nIs this all?\n").claims() == []


# --- files and errors ----------------------------------------------------------------------------


def test_non_utf8_draft_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("First line is fine.\nCaf\u00e9 on the second line.\n".encode("latin-1"))
    with pytest.raises(ClaimcheckError) as caught:
        load_draft(path)
    assert "draft is not UTF-8" in caught.value.message
    assert caught.value.file == str(path)
    assert caught.value.line == 2


def test_oversized_draft_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_bytes(b"a" * (MAX_DRAFT_BYTES + 1))
    with pytest.raises(ClaimcheckError) as caught:
        load_draft(path)
    assert "5 MB" in caught.value.message


def test_missing_draft_and_folder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError, match="not found"):
        load_draft(tmp_path / "missing.md")
    with pytest.raises(ClaimcheckError, match="folder"):
        load_draft(tmp_path)


def test_load_draft_keeps_the_path_it_was_given(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The agency signed a contract in 2014.\n", encoding="utf-8")
    draft = load_draft(str(path))
    assert draft.path == str(path)
    assert draft.claims()[0].file == str(path)


# --- robustness ----------------------------------------------------------------------------------


# Enormous or hostile drafts, by name (benchmarks/hostile_speed.py times them).
HOSTILE_DRAFTS = dict(
    zip(
        ["prose", "html", "unclosed-comments", "brackets", "dots", "initials", "deep-quotes", "deep-lists", "bare-cr"],
        [
            "The agency paid Amazon 600 dollars in May. " * 20000,
            "<b>bold</b> <i>x <!-- c --> " * 20000,
            "text <!-- " * 50000,
            "[a](b " * 50000,
            "." * 300000,
            "a. " * 50000,
            "> " * 5000 + "deep",
            "- " * 5000 + "deep",
            "\r" * 100000,
        ],
    )
)


@pytest.mark.parametrize("source", list(HOSTILE_DRAFTS.values()), ids=list(HOSTILE_DRAFTS))
def test_enormous_or_hostile_input_keeps_offsets(source: str) -> None:
    """Speed on these inputs is measured in benchmarks/hostile_speed.py."""
    check_offsets(parse_draft(source))


_WORDS = st.sampled_from(
    [
        "The",
        "agency",
        "paid",
        "$41",
        "million",
        "Mr.",
        "U.S.",
        "said.",
        "it",
        "Amazon",
        "in",
        "2014.",
        '"quoted,"',
        "“curly”",
        "[link](http://x.org)",
        "*emph*",
        "**bold**",
        "`code`",
        "<b>",
        "&amp;",
        "why?",
        "wow!",
        "end.",
        "LLC.",
        "x>y",
        "—",
        "<!--",
        "-->",
        "<!-- claimcheck off -->",
        "<!-- claimcheck on -->",
        "<!-- claimcheck ignore -->",
        "café",
        "100%",
        "#tag",
        "a_b",
        "\\*",
    ]
)
_LINE = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)
_BLOCK = st.one_of(
    st.lists(_LINE, min_size=1, max_size=4),
    st.lists(_LINE, min_size=1, max_size=4).map(lambda lines: ["- " + line for line in lines]),
    st.lists(_LINE, min_size=1, max_size=4).map(lambda lines: [f"{i + 1}. " + line for i, line in enumerate(lines)]),
    st.lists(_LINE, min_size=1, max_size=4).map(lambda lines: ["> " + line for line in lines]),
    st.lists(_LINE, min_size=1, max_size=3).map(lambda lines: ["> - " + line for line in lines]),
    _LINE.map(lambda line: ["## " + line]),
    _LINE.map(lambda line: ["```", line, "```"]),
    st.just(["<!-- claimcheck ignore -->"]),
    st.just(["---"]),
)


@st.composite
def markdownish(draw: st.DrawFn) -> str:
    """Random Markdown-like drafts: paragraphs, bullets, quotes, headings, code, comments, mixed line ends."""
    blocks = draw(st.lists(_BLOCK, max_size=8))
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append("---\ntitle: random\n---\n")
    for block in blocks:
        for line in block:
            parts.append(line + draw(st.sampled_from(["\n", "\r\n", "\r"])))
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(["\n", "\r\n", "\r"])))
    return "".join(parts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish())
def test_random_markdown_keeps_offsets_exact(source: str) -> None:
    try:
        draft = parse_draft(source, "random.md")
    except ClaimcheckError as error:
        # Only a draft opening with a `---` line can fail: as front matter that is not YAML or never closed.
        assert re.match(r"---[ \t]*(\r\n|\r|\n|$)", source) and error.line
        return
    check_offsets(draft)
    for claim in draft.claims():
        assert claim.text.strip() and claim.file == "random.md"
        assert draft.text[claim.char_start : claim.char_end] in draft.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text_never_raises_and_keeps_offsets(source: str) -> None:
    try:
        draft = parse_draft(source)
    except ClaimcheckError as error:
        assert source.removeprefix("\ufeff").startswith("---") and error.line  # only front matter can be invalid
        return
    check_offsets(draft)


# --- where a sentence points: links and footnotes ------------------------------------------------------------


def test_references_are_link_targets_and_file_names_in_footnotes() -> None:
    text = (
        "# A [heading](notes/heading.txt) is not checked\n"
        "\n"
        "The bridge opened in 1931.[^1] The museum has 300 paintings. [^Two] The ferry runs every 20 minutes.\n"
        "The tower is [40 metres](<data/tower%20a.txt#L2>) tall, per [the survey][survey] and [a site](https://example.org/x.txt).\n"
        "\n"
        "[survey]: ./survey.md\n"
        "[^1]: Bridge history, `bridge.txt`, p. 2;\n"
        "    see also (archive/b2.md).\n"
        "[^two]: https://example.org/museum.txt and museum.txt.\n"
        "\n"
        "```\n"
        "[^1]: code.txt\n"
        "```\n"
    )
    draft = parse_draft(text, "story.md")
    check_offsets(draft)
    claims = {c.text: c.references for c in draft.claims()}
    assert claims == {
        "The bridge opened in 1931.": ("bridge.txt", "archive/b2.md"),
        "The museum has 300 paintings.": ("https://example.org/museum.txt", "museum.txt"),  # the marker after a space is its sentence's
        "The ferry runs every 20 minutes.": (),
        "The tower is 40 metres tall, per the survey and a site.": ("data/tower a.txt#L2", "./survey.md", "https://example.org/x.txt"),
    }
    assert all(c.cite == () for c in draft.claims())  # a draft's references are not strict `cite:` paths


def test_list_items_carry_the_lead_in_they_hang_from() -> None:
    draft = parse_draft(
        "# Outlook\n\nThe targets for 2025:\n\n- Sales growth of 4%.\n- Eight new stores. Two of them in Ohio.\n\n"
        "Sales rose 6% in 2024.\n\n- A list after a plain paragraph.\n\n## Next\n\n- A list after a heading.\n"
    )
    frames = {c.text: c.frame for c in draft.claims()}
    assert frames["Sales growth of 4%."] == frames["Two of them in Ohio."] == "The targets for 2025:"
    assert frames["Sales rose 6% in 2024."] == frames["A list after a plain paragraph."] == frames["A list after a heading."] == ""


def test_claims_carry_the_sentences_before_them_and_their_section_heading() -> None:
    draft = parse_draft(
        "# The Riverside ferry\n\nIt sails at noon. Tickets cost $5.\n\n> A quoted line.\n\nIt returns at six.\n\n## Fares\n\nChildren under 5 ride free.\n"
    )
    claims = {c.text: c for c in draft.claims()}
    assert (claims["It sails at noon."].previous, claims["It sails at noon."].section) == ((), "The Riverside ferry")
    assert claims["Tickets cost $5."].previous == ("It sails at noon.",)
    # Any sentence counts as what came before, checked or not (nearest last); a heading starts afresh.
    assert claims["It returns at six."].previous == ("It sails at noon.", "Tickets cost $5.", "A quoted line.")
    assert (claims["Children under 5 ride free."].previous, claims["Children under 5 ride free."].section) == ((), "Fares")
    many = parse_draft("".join(f"Acme built {n} ships in 19{n + 10}. " for n in range(10)))
    assert len(many.claims()[-1].previous) == REFERRING_REACH
