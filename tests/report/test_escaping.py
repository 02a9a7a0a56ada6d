"""Hostile text through every report format: shown, never acted on (see `claimcheck.report.escape`).

One set of verdicts, claims, file names and source metadata carries terminal escape sequences, BEL, NUL,
DEL, C1 controls, CR/LF in ids and file names, bidi overrides, lone surrogates, rich markup, Markdown and
HTML syntax, and `javascript:`/`data:` URLs. Every format renders it; each has its own checks.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from claimcheck.errors import ClaimcheckError, printable
from claimcheck.models import Claim, Document, Evidence, Label, Passage, Stance, Verdict
from claimcheck.report import FORMATS, ReportContext, render
from claimcheck.report.annotate import annotate
from claimcheck.report.base import cited_sources, reported
from claimcheck.report.escape import UNSAFE, github_data, json_text, link_url, markdown, one_line, rich_markup, visible
from claimcheck.reporting import report_context

# Everything a terminal or browser would act on: C0 (ESC, BEL, NUL, BS, …), DEL, C1 (CSI, NEL), bidi
# embeddings, overrides and isolates, line/paragraph separators. File names also carry a lone surrogate, as
# Python reads a name's undecodable bytes (text never does: decoding replaces bad bytes).
CONTROLS = "\x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \x07bell \x00nul \x08bs \x7fdel \x9bcsi \x85nel \u202eevil\u202c \u2066iso\u2069 \u2028sep"
MARKUP = "[/b] [red]red[/red] [bold]b :smile: *em* _u_ `code` | cell | ![i](javascript:alert(1)) [l](javascript:alert(2)) <img src=x onerror=alert(3)>"
HTML = "</script><script>alert(4)</script> \"double\" 'single' & &amp; </title>"
GITHUB = "100% %0A ::error::forged-in-data \r\n::warning file=x::forged-after-crlf\n# heading\n- item $x$"
HOSTILE = f"{CONTROLS} {MARKUP} {HTML} {GITHUB}"

ROOT = "root\x1b[2J\u202e\udcff"
FILE = "claims\n::error file=x::forged,1:2\udcff.yaml"
DRAFT_PATH = "draft\r\n::error::forged\udcff.md"
SOURCES = ["src\n::error::forged-a.txt", "b\x1b[31m\u202etxt.exe", "c,1:2.md", "d.txt"]
GOOD_URL = "https://good.example/path?q=1&r=2"
URLS = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", " JaVaScRiPt:alert(1)", GOOD_URL]
BAD_URLS = ["http://x\x1b[31m.example/", 'https://x.example/"onmouseover="alert(1)', "vbscript:msgbox(1)", "//evil.example/x", "https:///no-host"]


def _document(n: int, source: str) -> Document:
    metadata = {
        "title": f"[/b]*T{n}* {CONTROLS} </title><script>x</script> [a](javascript:alert(5))",
        "outlet": "O|ut\x07let [red]",
        "author": "A\u202e <b>",
        "date": "2024\x1b[8m-01-02",
        "url": URLS[n],
    }
    return Document(path=source, root=ROOT, text=f"{HOSTILE}\n", sha256=f"{n}" * 64, metadata=metadata)


def _passage(source: str) -> Passage:
    return Passage(source=source, root=ROOT, text=HOSTILE, char_start=0, char_end=len(HOSTILE), line_start=1, line_end=1)


def _verdicts(file: str | None) -> list[Verdict]:
    passages = [_passage(s) for s in SOURCES]
    evidence = (
        Evidence(passages[0], Stance.CONTRADICTS, 0.9, f"contradicts {CONTROLS} {MARKUP}"),
        Evidence(passages[1], Stance.SUPPORTS, 0.7, f"supports {HTML}"),
        Evidence(passages[2], Stance.RELATED, 0.3, GITHUB),
    )
    claims = [
        Claim(f"conflict\r\n::error::forged-id {CONTROLS}", f"Conflicting {HOSTILE}", file=file, line=3),
        Claim(f"unsourced {MARKUP}", f"Unsourced {HOSTILE}", file=file, line=7),
        Claim(f"supported-but-expected {HTML}", f"Supported {HOSTILE}", file=file, line=11, expect=Label.CONFLICTING),
        Claim(f"cited [/b] {GITHUB}", f"Cited {HOSTILE}", file=file, line=15),
    ]
    return [
        Verdict(claims[0], Label.CONFLICTING, 0.8, f"why {HOSTILE}", evidence),
        Verdict(claims[1], Label.UNSOURCED, 0.5, f"nothing {CONTROLS}", (Evidence(passages[2], Stance.RELATED, 0.2, ""),)),
        Verdict(claims[2], Label.SUPPORTED, 0.9, f"said {MARKUP}", (Evidence(passages[1], Stance.SUPPORTS, 0.8, HTML),)),
        Verdict(claims[3], Label.SUPPORTED, 0.9, "", (Evidence(passages[3], Stance.SUPPORTS, 0.8, ""),)),
    ]


def _context(mode: str) -> ReportContext:
    documents = tuple(_document(n, s) for n, s in enumerate(SOURCES))
    extra: dict[str, object] = {"date": "2024-05-06", "url": "javascript:alert(6)", "information_uri": "javascript:alert(7)"}
    common = {"roots": (ROOT, "other\x1b[0m"), "documents": documents, "title": f"Title {HOSTILE}", "extra": extra, "width": 4000}
    if mode == "draft":
        return report_context(_draft_verdicts(), mode="draft", draft_path=DRAFT_PATH, draft_text=_draft_text(), **common)  # type: ignore[arg-type]
    return report_context(_verdicts(FILE), mode="check", **common)  # type: ignore[arg-type]


def _draft_text() -> str:
    return "".join(f"{v.claim.text}\n\n" for v in _verdicts(None))


def _draft_verdicts() -> list[Verdict]:
    """The same verdicts placed in a draft: each claim is one paragraph of `_draft_text()`."""
    text = _draft_text()
    out = []
    for n, verdict in enumerate(_verdicts(None)):
        start = text.index(verdict.claim.text)
        claim = replace(
            verdict.claim, id=f"L{2 * n + 1}:1 {CONTROLS}", line=text.count("\n", 0, start) + 1, char_start=start, char_end=start + len(verdict.claim.text)
        )
        out.append(replace(verdict, claim=claim))
    return out


@pytest.fixture(params=["check", "draft"])
def hostile(request: pytest.FixtureRequest) -> tuple[list[Verdict], ReportContext]:
    """(verdicts, context) full of hostile text, for a claims-file run and a draft run."""
    if request.param == "draft":
        return _draft_verdicts(), _context("draft")
    return _verdicts(FILE), _context("check")


def _no_raw_controls(output: str, *, line_breaks_only: bool = False) -> None:
    """No unsafe character at all; with `line_breaks_only`, not even a CR or a tab (LF ends lines)."""
    found = UNSAFE.findall(output) + (re.findall(r"[\r\t]", output) if line_breaks_only else [])
    assert not found, sorted(set(found))


def _shown(output: str) -> None:
    """The hostile characters are there for a reviewer to see, as escapes."""
    for escaped in ("\\x1b[31mRED", "\\x07bell", "\\x00nul", "\\x7fdel", "\\x9bcsi", "\\u202eevil", "\\u2066iso"):
        assert escaped in output, escaped


# --------------------------------------------------------------------------- per-format checks


def check_text(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    _no_raw_controls(output, line_breaks_only=True)
    _shown(output)
    # Rich markup in data comes out as written, and never styles anything (no colour here, so no ESC at all).
    assert "[/b] [red]red[/red] [bold]b :smile:" in output
    coloured = render(verdicts, "text", replace(context, color=True))
    escapes = re.findall(r"\x1b[^m]*m?", coloured)
    assert escapes and all(re.fullmatch(r"\x1b\[[0-9;]*m", e) for e in escapes), set(escapes) - {e for e in escapes if re.fullmatch(r"\x1b\[[0-9;]*m", e)}
    _no_raw_controls(re.sub(r"\x1b\[[0-9;]*m", "", coloured), line_breaks_only=True)
    # The data's own `\x1b[31m` stays text; its `[31m` is never read as a colour (no red from data).
    assert "\\x1b" in coloured


LINE = re.compile(r"^(?P<path>[^\n]*?):(?P<line>\d+):(?P<col>\d+): (?P<verdict>conflicting|unsourced|supported): (?P<message>[^\n]*)$")


def check_line(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    _no_raw_controls(output, line_breaks_only=True)
    _shown(output)
    lines = output.split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == len(reported(verdicts, context))
    assert all(LINE.match(line) for line in lines[:-1]), lines


PROPERTY = r"(?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*"
COMMAND = re.compile(rf"^::(error|warning|notice)(?: {PROPERTY}(?:,{PROPERTY})*)?::([^\r\n]*)$")


def check_github(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    _no_raw_controls(output, line_breaks_only=True)
    _shown(output)
    lines = output.split("\n")
    assert lines[-1] == ""
    matches = [COMMAND.match(line) for line in lines[:-1]]
    assert all(matches), [line for line, m in zip(lines, matches) if not m]
    # Exactly one command per reported claim and the closing notice: nothing forged from data.
    assert len(matches) == len(reported(verdicts, context)) + 1
    assert [m.group(1) for m in matches].count("notice") == 1 and matches[-1].group(1) == "notice"  # type: ignore[union-attr]
    # The data's own "%0A" stays text after the runner unescapes (`%25` last); its line breaks were folded to spaces.
    message = matches[0].group(2).replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")  # type: ignore[union-attr]
    assert "100% %0A ::error::forged-in-data ::warning file=x::forged-after-crlf" in message


def _markdown_html(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


class Page(HTMLParser):
    """Tags, attributes and text of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "hr", "img", "input", "link"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (self.open[-3:], tag)
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(output: str) -> Page:
    page = Page()
    page.feed(output)
    page.close()
    return page


def _safe_page(page: Page) -> None:
    """No script, no embedded object, no image, no event handler, and links only to http(s) or the page itself."""
    for tag, attrs in page.tags:
        assert tag not in ("script", "iframe", "object", "embed", "img", "svg", "math", "form", "base"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "srcdoc", "formaction"), (tag, name)
            assert name != "style" or re.fullmatch(r"text-align:(left|right|center)", value or ""), (tag, value)  # a table column's alignment
            if name == "href":
                assert value and (value.startswith("#") or re.match(r"https?://[^\s]+$", value)), value


def check_markdown(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    _no_raw_controls(output, line_breaks_only=True)
    rendered = _markdown_html(output)
    page = _page(rendered)
    _shown("".join(page.text))  # as a reader of the rendered page sees it
    _safe_page(page)
    tags = [tag for tag, _ in page.tags]
    # Only the report's own structure: the summary table, one title, a heading per claim, a bibliography entry per source.
    assert tags.count("table") == 1 and tags.count("h1") == 1 and tags.count("h3") == len(verdicts)
    assert not {"h4", "h5", "h6", "ol", "hr", "pre"} & set(tags)
    assert tags.count("li") == len(cited_sources(verdicts, context))
    assert [attrs["href"] for tag, attrs in page.tags if tag == "a"] == [GOOD_URL]
    text = "".join(page.text)
    assert "[l](javascript:alert(2))" in text and "<img src=x onerror=alert(3)>" in text and "</script><script>alert(4)</script>" in text
    for url in URLS[:3]:
        assert url.strip() in text  # shown as text, not as a link


def check_html(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    _no_raw_controls(output)
    _shown(output)
    page = _page(output)
    assert page.open == []
    _safe_page(page)
    assert sum(1 for tag, attrs in page.tags if tag == "section" and "claim" in (attrs.get("class") or "").split()) == len(verdicts)
    text = "".join(page.text)
    assert "</script><script>alert(4)</script>" in text  # shown as text
    assert [attrs["href"] for tag, attrs in page.tags if tag == "a" and not (attrs["href"] or "").startswith("#")] == [GOOD_URL]
    for url in URLS[:3]:
        assert url.strip() in text


def check_junit(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    _no_raw_controls(output)
    _shown(output)
    root = ET.fromstring(output.encode("utf-8"))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [visible(v.claim.id) for v in verdicts]


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in (_strings(key) + _strings(value))]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    return []


def _urls(data: object) -> list[str]:
    if isinstance(data, dict):
        found = [str(v) for k, v in data.items() if k in ("url", "sameAs", "informationUri", "uri")]
        return found + [u for v in data.values() for u in _urls(v)]
    if isinstance(data, list):
        return [u for item in data for u in _urls(item)]
    return []


def check_json(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    _no_raw_controls(output)
    report = json.loads(output)
    assert [(c["id"], c["text"], c["explanation"]) for c in report["claims"]] == [(v.claim.id, v.claim.text, v.explanation) for v in verdicts]
    assert [[e["quote"] for e in c["evidence"]] for c in report["claims"]] == [[e.passage.text for e in v.evidence] for v in verdicts]
    assert [[e["source"] for e in c["evidence"]] for c in report["claims"]] == [[e.passage.source for e in v.evidence] for v in verdicts]


def check_jsonl(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    _no_raw_controls(output)
    assert len(output.splitlines()) == len(verdicts)  # no line break of any kind inside a record
    records = [json.loads(line) for line in output.splitlines()]
    assert [(r["id"], r["text"]) for r in records] == [(v.claim.id, v.claim.text) for v in verdicts]


def check_sarif(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    from jsonschema import Draft4Validator

    _no_raw_controls(output)
    log = json.loads(output)
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert "informationUri" not in run["tool"]["driver"]  # a javascript: URL is left out
    results = run["results"]
    assert len(results) == len(reported(verdicts, context))
    for result, verdict in zip(results, reported(verdicts, context)):
        assert result["properties"]["claimId"] == verdict.claim.id  # exact data in properties
        _no_raw_controls(result["message"]["text"], line_breaks_only=True)  # a display string: shown, not acted on
        snippets = [r["physicalLocation"]["region"]["snippet"]["text"] for r in result.get("relatedLocations", [])]
        assert snippets == [e.passage.text for e in verdict.evidence]
        for related in result.get("relatedLocations", []):
            assert ":" not in related["physicalLocation"]["artifactLocation"]["uri"]  # a relative reference, never a scheme


def check_claimreview(output: str, verdicts: list[Verdict], context: ReportContext) -> None:
    _no_raw_controls(output)
    reviews = json.loads(output)
    assert [(r["identifier"], r["claimReviewed"]) for r in reviews] == [(v.claim.id, v.claim.text) for v in verdicts]
    urls = _urls(reviews)
    assert urls
    for url in urls:
        # An absolute URL only when it is http(s); anything else is a relative reference with no scheme.
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
        assert (scheme is None and not url.startswith("//")) or link_url(url) == url, url
    assert GOOD_URL in urls
    assert not any(re.search(r"(?i)javascript|data:", u) for u in urls), urls
    assert not any(r.get("url") for r in reviews)  # the javascript: base URL is dropped


CHECKS = {
    "text": check_text,
    "line": check_line,
    "github": check_github,
    "markdown": check_markdown,
    "html": check_html,
    "junit": check_junit,
    "json": check_json,
    "jsonl": check_jsonl,
    "sarif": check_sarif,
    "claimreview": check_claimreview,
}


def test_every_format_is_checked() -> None:
    """A new format cannot skip the hostile-text checks."""
    assert set(CHECKS) == set(FORMATS)


@pytest.mark.parametrize("format_name", sorted(CHECKS))
def test_hostile_text_through_every_format(format_name: str, hostile: tuple[list[Verdict], ReportContext]) -> None:
    verdicts, context = hostile
    output = render(verdicts, format_name, context)
    output.encode("utf-8")  # writable as UTF-8 (no lone surrogate left raw)
    CHECKS[format_name](output, verdicts, context)


def test_annotated_draft_notes_are_escaped() -> None:
    """`--annotate` notes: titles, quotes and explanations cannot open a link, an image or HTML, nor carry a control character."""
    verdicts, context = _draft_verdicts(), _context("draft")
    text = _draft_text()
    annotated = annotate(text, verdicts, context)
    assert annotated.startswith(text[:40])
    notes = re.split(r"\r?\n---\r?\n", annotated)[-1]
    _no_raw_controls(notes.replace("\r\n", "\n"), line_breaks_only=True)  # notes end lines as the draft does (CRLF here)
    _shown("".join(_page(_markdown_html(notes)).text))  # as a reader of the rendered draft sees it
    lines = [line for line in notes.split("\n") if line.startswith("[^cc-")]
    assert len(lines) >= 4
    for line in lines:
        body = re.sub(r"^\[\^cc-\d+\]: ", "", line)
        page = _page(_markdown_html(body))
        _safe_page(page)
        assert not [tag for tag, _ in page.tags if tag == "a"], line  # no link at all inside a note
    assert any("[/b]*T0*" in "".join(_page(_markdown_html(re.sub(r"^\[\^cc-\d+\]: ", "", line))).text) for line in lines)


# --------------------------------------------------------------------------- the policy's building blocks


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31m", "\\x1b[31m"),
        ("\x07\x00\x7f\x9b\x85", "\\x07\\x00\\x7f\\x9b\\x85"),
        ("a\u202eb\u2066c\u2069", "a\\u202eb\\u2066c\\u2069"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("bad\udcff", "bad\\udcff"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),  # white space is each format's to fold or escape
        ("Ünïcödé — “quotes” 日本語 عربي \u200d\u200c", "Ünïcödé — “quotes” 日本語 عربي \u200d\u200c"),  # text, joiners kept
    ],
)
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_one_line_and_rich_markup() -> None:
    assert one_line("a\r\n\tb\x1b") == "a b\\x1b"
    from rich.console import Console

    console = Console(width=200, color_system=None, emoji=False)  # as `explain`'s console: emoji codes are not markup rich_markup can escape
    with console.capture() as captured:
        console.print(f"[bold]{rich_markup('[/b] [red]x[/red] :smile: ' + chr(27))}[/bold]")
    assert captured.get() == "[/b] [red]x[/red] :smile: \\x1b\n"


def test_github_data_escapes() -> None:
    assert github_data("100%\r\n\x1b") == "100%25%0D%0A\\x1b"


def test_markdown_escape_holds_no_live_syntax() -> None:
    html = _markdown_html(markdown("[x](javascript:alert(1)) <script>y</script> ![i](data:x) | a | \x1b"))
    assert "<a" not in html and "<script" not in html and "<img" not in html and "\x1b" not in html


@pytest.mark.parametrize("url", URLS[:3] + BAD_URLS + ["", "   ", "mailto:desk@example.org", "file:///etc/passwd", "http://[::1"])
def test_link_url_refuses(url: str) -> None:
    assert link_url(url) is None


@pytest.mark.parametrize("url", [GOOD_URL, "http://example.org", "HTTPS://EXAMPLE.ORG/a#b"])
def test_link_url_accepts(url: str) -> None:
    assert link_url(url) == url


def test_json_text_round_trips_exactly() -> None:
    data = {"k\u202e": [HOSTILE, "\udcff", "\u2028"]}
    text = json_text(data, indent=2)
    assert not UNSAFE.search(text)
    assert json.loads(text) == data


def test_error_messages_are_one_printable_line() -> None:
    """Diagnostics on stderr: file names and data in an error show their control and bidi characters as escapes."""
    error = ClaimcheckError(f"bad value {CONTROLS}", "x\n::error::forged\u202e.yaml", 3)
    message = str(error)
    assert "\n" not in message and not UNSAFE.search(message) and message.isprintable()
    assert message.startswith("x\\n::error::forged\\u202e.yaml:3: bad value \\x1b[31mRED")
    assert printable("a\x9bb\u2066") == "a\\x9bb\\u2066"
