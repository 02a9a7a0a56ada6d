"""The escaping policy of every report format, in one place: data from claims, drafts and sources is shown, never acted on.

Claims, drafts, source texts, file names and `sources.yaml` metadata are untrusted. Each format calls
one function from here on every piece of data it emits (or on each finished line, where the format's
own structure holds no such character):

- text, line, github, markdown, html, junit: control characters (C0 but tab, line feed and carriage
  return; DEL; C1), bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069, which
  reorder what a reviewer reads), the Unicode line and paragraph separators, noncharacters U+FFFE/FFFF
  and lone surrogates (undecodable bytes of a file name) are *shown* as Python escapes (`\\x1b`, `\\u202e`,
  `\\udcff`), not removed, so a reviewer sees that they are there (a literal backslash in the data reads
  the same; that ambiguity is harmless). Tab, line feed and carriage return are left to each format, which
  folds them to spaces (one-line displays), escapes them (`%0A` in GitHub workflow commands) or keeps them
  as white space (HTML, XML); folding also turns what Python counts as white space among the characters
  above (VT, FF, U+001C–U+001F, NEL, U+2028, U+2029) into a space.
- text and `explain`: rich markup is never parsed from data (data goes into `rich.text.Text`, or
  through `rich_markup`).
- github: workflow-command data and properties escaped per GitHub's documented rules.
- markdown (report and `--annotate` notes): syntax characters backslash-escaped so data cannot open a
  link, an image, HTML, a table cell or a block; file names in code spans.
- html: `html.escape` with quotes, everywhere (text and attributes).
- json, jsonl, sarif, claimreview: the exact data, with the characters above written as `\\uXXXX`
  escapes, so the file holds none of them raw and still parses back to the same strings.
- Links: only `http`/`https` URLs with a host become links (HTML `href`, Markdown autolink, ClaimReview
  `url`); any other URL is shown as text (html, markdown) or left out (claimreview).
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

# Characters a terminal, a log viewer or a browser would act on (or choke on) rather than show.
_UNSAFE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
UNSAFE = re.compile(f"[{_UNSAFE}]")
# The same set plus the line breaks and tab: nothing of it may reach a one-line display raw.
UNSAFE_IN_LINE = re.compile(f"[{_UNSAFE}\t\n\r]")


def _shown(match: re.Match[str]) -> str:
    """One character as a Python escape: `\\x1b`, `\\u202e`, `\\udcff`."""
    code = ord(match.group())
    if code < 0x100:
        return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every unsafe character shown as an escape; tab, line feed and carriage return kept."""
    return UNSAFE.sub(_shown, text)


def visible_line(text: str) -> str:
    """`text` with every unsafe character and any line break or tab shown as an escape: safe on one line."""
    return UNSAFE_IN_LINE.sub(_shown, text)


def fold(text: str) -> str:
    """White space (line breaks included) folded to single spaces, for one-line display."""
    return " ".join(text.split())


def one_line(text: str) -> str:
    """Data for a one-line display: white space folded, then what is left of unsafe characters shown."""
    return visible_line(fold(text))


# --- terminals (rich) ------------------------------------------------------------------------------


def terminal(text: str) -> str:
    """Data for a rich `Text` cell: one line, unsafe characters shown (rich passes ESC through and drops BEL and CR silently)."""
    return one_line(text)


def rich_markup(text: str) -> str:
    """Data to embed in a rich markup string: one line, shown as it is, never read as markup."""
    from rich.markup import escape as escape_markup

    return escape_markup(terminal(text))


# --- GitHub workflow commands -----------------------------------------------------------------------


def github_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped as the runner documents, other unsafe characters shown."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command property value (file=, title=): data escapes plus `:` and `,`."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- Markdown -------------------------------------------------------------------------------------

# `$` too: GitHub renders text between two dollar signs as maths ("$41 million … $14 million").
# `_` only at a word's edge (intraword underscores never emphasise), `&` only where it starts an entity.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>|$~]|(?<!\w)_|_(?!\w)|&(?=#?\w+;))")
# Characters that start a block construct only at the beginning of a line.
_LINE_START = re.compile(r"^(\s*)([-=+#]|\d+[.)])")


def markdown(text: str) -> str:
    """Inline Markdown text: white space folded, syntax characters backslash-escaped, unsafe characters shown."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", fold(text))
    text = _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)
    # After the syntax escapes: the backslash of `\x1b` then renders as itself (`\x` is no Markdown escape).
    return visible(text)


def markdown_code(text: str) -> str:
    """An inline code span that survives backticks in the text (a file name, a place)."""
    text = one_line(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --- HTML and XML ---------------------------------------------------------------------------------


def html_text(value: object) -> str:
    """Text or an attribute value for HTML: unsafe characters shown, then `& < > " '` escaped."""
    return html.escape(visible(str(value)), quote=True)


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: unsafe characters (which include all the ones XML forbids) shown; ElementTree escapes the rest."""
    return visible(text)


# --- JSON -----------------------------------------------------------------------------------------


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


# Outside strings JSON text is ASCII, so every such character found is inside a string.
_JSON_RAW = UNSAFE


def json_text(data: object, *, indent: int | None = None, compact: bool = False) -> str:
    """`data` as JSON, exact: unsafe characters (raw C1, bidi controls, lone surrogates) written as `\\uXXXX` escapes."""
    separators = (",", ":") if compact else None
    return _JSON_RAW.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=indent, separators=separators))


# --- links ----------------------------------------------------------------------------------------

_URL_FORBIDDEN = re.compile(f'[{_UNSAFE}\\s<>"`]')


def link_url(url: str) -> str | None:
    """The URL when it may be a link: `http` or `https` with a host and nothing unsafe in it; else None."""
    url = url.strip()
    if not url or _URL_FORBIDDEN.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced `[` in the host
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None
