"""Broken and hostile input through the real CLI: one stderr line and exit 2, never a traceback, never a read outside the root.

Every case builds its inputs in `tmp_path` and runs `claimcheck.cli.main` in-process. Input errors fail
before the embedding model loads, so most cases cost milliseconds; the few valid-but-odd cases (CRLF,
BOMs, encodings, links, long lines) run the whole pipeline and check the JSON report's offsets.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cache_cases as cache
import pytest
import source_files

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

GOOD_SOURCE = "In 2014, Palantir won a $41 million contract from ICE.\nThe agency did not respond to questions.\n"
CLAIM = "  - id: icm\n    text: Palantir won a $41 million contract in 2014.\n"
CHECK = ("check", "claims.yaml", "--format", "json")
VALID = (*CHECK, "--no-fail")  # valid runs exit 0 whatever the verdicts: the point is the input handling


def claims(body: str = CLAIM, sources: str = "src") -> str:
    """A claims file naming `sources`; its first claim starts on line 3."""
    return f"sources: {sources}\nclaims:\n{body}"


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target`."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe: reading it would block forever."""


@dataclass(frozen=True)
class Sparse:
    """A file of `size` bytes created without writing them."""

    size: int


@dataclass(frozen=True)
class Folder:
    """An empty folder."""


Patch = Callable[[pytest.MonkeyPatch, Path], None]
Check = Callable[[dict, Path], None]


@dataclass(frozen=True)
class Case:
    """One hostile input: the files to create, the command, and the expected exit code and stderr."""

    id: str
    category: str
    files: dict[str | bytes, object]
    stderr: str  # regex for the error line (code 2); unused for valid runs
    code: int = 2
    args: tuple[str, ...] = CHECK
    warnings: tuple[str, ...] = ()  # regexes, in order, of `claimcheck: warning:` lines before the error
    patch: Patch | None = None
    check: Check | None = None
    needs_model: bool = False
    raw: Callable[[str, str, Path], None] | None = None  # checks stdout and stderr of a run whose output is not JSON
    after: Callable[[Path], None] | None = None  # what must not have happened: a file written, an input changed


def build(tmp: Path, files: dict[str | bytes, object]) -> None:
    """Create `files` under `tmp` (names may be bytes, for names that are not UTF-8)."""
    for name, content in files.items():
        path = Path(os.fsdecode(name)) if isinstance(name, bytes) else Path(name)
        full = tmp / path
        full.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            os.symlink(content.target, full)
        elif isinstance(content, Fifo):
            os.mkfifo(full)
        elif isinstance(content, Sparse):
            with open(full, "wb") as handle:
                handle.truncate(content.size)
        elif isinstance(content, Folder):
            full.mkdir(exist_ok=True)
        elif isinstance(content, bytes):
            full.write_bytes(content)
        else:
            full.write_bytes(str(content).encode("utf-8"))  # exactly these characters: no newline translation


@pytest.fixture(scope="module")
def model(embedder):  # type: ignore[no-untyped-def]
    """The session's model, loaded before any run (so no loading chatter reaches a run's stderr), on one thread.

    On a busy two-core machine a tiny batch spends most of its time handing work between torch's
    threads (0.5 s against 0.02 s for one sentence); one thread keeps the valid cases fast.
    """
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    embedder.encode(["warm up"])
    yield embedder
    torch.set_num_threads(threads)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one in-process CLI run."""
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


# --------------------------------------------------------------------------- simulated OS failures
# Tests run as root here, and root reads a chmod-000 file; the OS error is simulated at the one call.


def _deny(function_name: str, suffix: str) -> Patch:
    def patch(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        original = getattr(os, function_name)

        def denied(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if os.fspath(path).endswith(suffix):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return original(path, *args, **kwargs)

        monkeypatch.setattr(os, function_name, denied)

    return patch


def _config(text: str) -> Patch:
    def patch(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        (tmp / ".claimcheck.toml").write_text(text, encoding="utf-8")

    return patch


# --------------------------------------------------------------------------- checks of valid runs


def _source_text(tmp: Path, name: str, encoding: str = "utf-8") -> str:
    """A source file's text as DESIGN.md defines it: decoded, BOM removed, line endings untouched."""
    with open(tmp / "src" / name, encoding=encoding, newline="") as handle:
        return handle.read().removeprefix("\ufeff")


def _line_of(text: str, offset: int) -> int:
    """1-based line of the character at `offset`, counted independently of claimcheck: a line ends after CRLF, CR or LF."""
    return 1 + sum(1 for end in (m.end() for m in re.finditer(r"\r\n|\r|\n", text)) if end <= offset)


def _evidence(report: dict) -> list[dict]:
    return [item for claim in report["claims"] for item in claim["evidence"]]


def exact_offsets(name: str = "a.txt", encoding: str = "utf-8") -> Check:
    """Every evidence quote is the file's text at its offsets, on the lines given."""

    def check(report: dict, tmp: Path) -> None:
        evidence = [e for e in _evidence(report) if e["source"] == name]
        assert evidence, f"no evidence from {name}"
        text = _source_text(tmp, name, encoding)
        for item in evidence:
            assert text[item["char_start"] : item["char_end"]] == item["quote"]
            assert item["line_start"] == _line_of(text, item["char_start"])
            assert item["line_end"] == _line_of(text, item["char_end"] - 1)

    return check


def only_sources(*names: str) -> Check:
    """Evidence comes only from these files (never from skipped, hidden or linked-out ones)."""

    def check(report: dict, tmp: Path) -> None:
        assert {e["source"] for e in _evidence(report)} <= set(names)

    return check


def all_of(*checks: Check) -> Check:
    def check(report: dict, tmp: Path) -> None:
        for each in checks:
            each(report, tmp)

    return check


def _encoding_named(expected: str) -> Check:
    def check(report: dict, tmp: Path) -> None:
        assert all(e.get("encoding", "").replace("-", "_").lower().startswith(expected) for e in _evidence(report))

    return check


def _short_quotes(report: dict, tmp: Path) -> None:
    assert all(len(e["quote"]) <= 2 * 1500 + 1 for e in _evidence(report))  # a pair of capped pieces at most


def _unicode_claims(report: dict, tmp: Path) -> None:
    by_id = {c["id"]: c["text"] for c in report["claims"]}
    assert by_id["zitat-„41“"] == "Palantir erhielt „41 Millionen Dollar“ – im Jahr 2014 🎉"
    assert by_id["日本語"] == "パランティアは2014年に4100万ドルの契約を獲得した。"
    assert by_id["عربي"] == "حصلت بالانتير على عقد بقيمة 41 مليون دولار."


BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8))
    + "claims: *i\n"
)

LONG_LINE = " ".join(f"Filler sentence number {n} says nothing at all." for n in range(150)) + " In 2014, Palantir won a $41 million contract from ICE.\n"

DRAFT = ("draft", "article.md", "--sources", "src", "--format", "json")
# A UTF-8 source with curly quotes and a dash, and one stray byte on a line of its own.
STRAY_BYTE = (
    "In 2014, Palantir won a $41 million contract from ICE — the agency’s largest.\n".encode() + b"A stray \xff byte sits here.\n" + GOOD_SOURCE.encode("utf-8")
)
# Colour codes around the figures: their digits (1, 31, 38, 5, 14, 0) must never be read as figures.
ANSI_SOURCE = "In \x1b[1;31m2014\x1b[0m, Palantir won a \x1b[38;5;14m$41 million\x1b[0m contract from ICE.\nThe agency did not respond to questions.\n"
INVISIBLE_SENTENCES = [
    "Palantir won a $41 million contract in 2014.",
    "The agency did not respond to questions.",
    "The contract ran for three years.",
    "It was renewed in 2017.",
]
INVISIBLE_DRAFT = INVISIBLE_SENTENCES[0] + "\u200b " + INVISIBLE_SENTENCES[1] + " \u2067" + INVISIBLE_SENTENCES[2] + "\ufeff " + INVISIBLE_SENTENCES[3] + "\n"


def _last_line(pattern: str) -> Callable[[str, str, Path], None]:
    """For runs whose warnings depend on the machine: nothing on stdout, and the error is the last stderr line."""

    def check(out: str, err: str, tmp: Path) -> None:
        assert out == "" and re.match(pattern, err.splitlines()[-1]), err[-500:]

    return check


def _replaced_offsets(report: dict, tmp: Path) -> None:
    """Offsets index the text decoded as UTF-8 with the bad byte replaced; no mojibake in any quote."""
    text = (tmp / "src" / "a.txt").read_bytes().decode("utf-8", errors="replace")
    evidence = _evidence(report)
    assert evidence
    for item in evidence:
        assert text[item["char_start"] : item["char_end"]] == item["quote"]
        assert "â€" not in item["quote"] and "Ã" not in item["quote"]
    assert any("— the agency’s largest" in item["quote"] for item in evidence)


def _verdicts(**expected: str) -> Check:
    def check(report: dict, tmp: Path) -> None:
        assert {c["id"]: c["verdict"] for c in report["claims"] if c["id"] in expected} == expected

    return check


def _nothing_written(tmp: Path) -> None:
    """The refused run wrote nothing next to the claims file."""
    assert sorted(p.name for p in tmp.iterdir()) == ["claims.yaml"]


CACHE_CLAIMS = (
    CLAIM + "  - id: wrong\n    text: Palantir won a $14 million contract in 2014.\n  - id: moon\n    text: The agency opened an office on the Moon.\n"
)

CASES: list[Case] = [
    # ------------------------------------------------------------------ claims file: YAML itself
    Case("yaml-unclosed-bracket", "claims/yaml", {"claims.yaml": "sources: src\nclaims: [\n"}, r"^claims\.yaml:3: invalid YAML: "),
    Case("yaml-tab-indent", "claims/yaml", {"claims.yaml": "sources: src\nclaims:\n\t- id: a\n"}, r"^claims\.yaml:3: invalid YAML: .*'\\t'"),
    Case("yaml-billion-laughs", "claims/yaml", {"claims.yaml": BOMB}, r"^claims\.yaml:2: YAML aliases \(\*name\) are not allowed$"),
    Case(
        "yaml-merge-key",
        "claims/yaml",
        {"claims.yaml": claims("  - <<: {id: a}\n    text: Palantir won.\n")},
        r"^claims\.yaml:3: YAML merge keys \('<<'\) are not allowed$",
    ),
    Case(
        "yaml-deep-nesting",
        "claims/yaml",
        {"claims.yaml": "claims: " + "[" * 5000 + "]" * 5000 + "\n"},
        r"^claims\.yaml:1: YAML nested more than 32 levels deep$",
    ),
    Case(
        "yaml-python-tag",
        "claims/yaml",
        {"claims.yaml": "claims: !!python/object/apply:os.system [echo pwned]\n"},
        r"^claims\.yaml:1: YAML tag '!!python/object/apply:os\.system' is not allowed$",
    ),
    Case(
        "yaml-custom-tag",
        "claims/yaml",
        {"claims.yaml": claims("  - id: a\n    text: !include /etc/passwd\n")},
        r"^claims\.yaml:4: YAML tag '!include' is not allowed$",
    ),
    Case(
        "yaml-two-documents",
        "claims/yaml",
        {"claims.yaml": claims() + "---\n" + claims()},
        r"^claims\.yaml:5: invalid YAML: a claims file holds one YAML document",
    ),
    Case("yaml-nul-bytes", "claims/yaml", {"claims.yaml": b"\x00" * 64}, r"^claims\.yaml:1: invalid YAML: character U\+0000 is not allowed$"),
    Case(
        "yaml-huge-integer",
        "claims/yaml",
        {"claims.yaml": claims("  - id: 1" + "0" * 5000 + "\n    text: Palantir won.\n")},
        r"^claims\.yaml:3: unreadable value: number too large$",
    ),
    # ------------------------------------------------------------------ claims file: the file
    Case("file-binary", "claims/file", {"claims.yaml": bytes(range(256)) * 4}, r"^claims\.yaml:2: claims file is not UTF-8 \(byte 0x80 at offset 128\)$"),
    Case(
        "file-latin-1",
        "claims/file",
        {"claims.yaml": claims("  - id: a\n    text: Caf\xe9 Palantir\n").encode("latin-1")},
        r"^claims\.yaml:4: claims file is not UTF-8 \(byte 0xe9",
    ),
    Case("file-utf-16", "claims/file", {"claims.yaml": claims().encode("utf-16")}, r"^claims\.yaml: claims file is UTF-16; save it as UTF-8$"),
    Case("file-empty", "claims/file", {"claims.yaml": ""}, r"^claims\.yaml:1: empty claims file$"),
    Case("file-only-comments", "claims/file", {"claims.yaml": "# nothing here\n# at all\n"}, r"^claims\.yaml:1: empty claims file$"),
    Case(
        "file-over-size-limit",
        "claims/file",
        {"claims.yaml": Sparse(6 * 1024 * 1024)},
        r"^claims\.yaml: claims file is 6,291,456 bytes, over the 5,242,880-byte limit$",
    ),
    Case("file-is-a-fifo", "claims/file", {"claims.yaml": Fifo()}, r"^claims\.yaml: claims file is not a regular file \(a pipe, socket or device\); not read$"),
    Case("file-missing", "claims/file", {}, r"^claims\.yaml: no such file or folder$"),
    Case(
        "file-link-loop",
        "claims/file",
        {"claims.yaml": Link("loop.yaml"), "loop.yaml": Link("claims.yaml")},
        r"^claims\.yaml: cannot read claims file: Too many levels of symbolic links$",
    ),
    Case(
        "folder-without-claims",
        "claims/file",
        {"claims.yaml": Folder(), "claims.yaml/.git/hidden.yaml": claims()},
        r"^claims\.yaml: no \*\.yaml or \*\.yml claims files in this folder$",
    ),
    Case(
        "folder-with-link-to-root",
        "claims/file",
        {"claims.yaml/root": Link("/"), "claims.yaml/loop": Link(".")},
        r"^claims\.yaml: no \*\.yaml or \*\.yml claims files in this folder$",
    ),
    Case("file-name-with-newline", "claims/file", {"bad\nname.yaml": "claims: [\n"}, r"^bad\\nname\.yaml:2: invalid YAML: ", args=("check", "bad\nname.yaml")),
    Case(
        "file-name-not-utf-8",
        "claims/file",
        {b"bad\xff.yaml": "claims: [\n"},
        r"^bad\\udcff\.yaml:2: invalid YAML: ",
        args=("check", os.fsdecode(b"bad\xff.yaml")),
    ),
    # ------------------------------------------------------------------ claims file: structure and types
    Case(
        "top-level-list",
        "claims/structure",
        {"claims.yaml": "- id: a\n  text: b\n"},
        r"^claims\.yaml:1: a claims file is a mapping with a 'claims' list, not a list$",
    ),
    Case("top-level-scalar", "claims/structure", {"claims.yaml": "hello\n"}, r"^claims\.yaml:1: a claims file is a mapping with a 'claims' list, not 'hello'$"),
    Case(
        "unknown-file-key",
        "claims/structure",
        {"claims.yaml": claims() + "claim: oops\n"},
        r"^claims\.yaml:5: unknown key 'claim' \(allowed: sources, claims\)$",
    ),
    Case(
        "unknown-claim-key",
        "claims/structure",
        {"claims.yaml": claims(CLAIM + "    expec: supported\n")},
        r"^claims\.yaml:5: unknown key 'expec' \(allowed: id, text, expect, cite, tags\)$",
    ),
    Case("no-claims-key", "claims/structure", {"claims.yaml": "sources: src\n"}, r"^claims\.yaml:1: no 'claims' list$"),
    Case(
        "claims-not-a-list",
        "claims/structure",
        {"claims.yaml": "sources: src\nclaims:\n  id: a\n"},
        r"^claims\.yaml:3: 'claims' must be a list, not a mapping$",
    ),
    Case("claims-empty-list", "claims/structure", {"claims.yaml": "sources: src\nclaims: []\n"}, r"^claims\.yaml:2: 'claims' is empty$"),
    Case(
        "claim-is-a-string",
        "claims/structure",
        {"claims.yaml": claims("  - Palantir won a contract.\n")},
        r"^claims\.yaml:3: claim 1 must be a mapping with 'id' and 'text', not 'Palantir won a contract\.'$",
    ),
    Case("claim-without-id", "claims/structure", {"claims.yaml": claims("  - text: Palantir won.\n")}, r"^claims\.yaml:3: claim 1 has no 'id'$"),
    Case("claim-without-text", "claims/structure", {"claims.yaml": claims("  - id: a\n")}, r"^claims\.yaml:3: claim 1 has no 'text'$"),
    Case("duplicate-ids", "claims/structure", {"claims.yaml": claims(CLAIM + CLAIM)}, r"^claims\.yaml:5: duplicate id 'icm' \(first on line 3\)$"),
    Case("duplicate-keys", "claims/structure", {"claims.yaml": claims(CLAIM + "    text: again\n")}, r"^claims\.yaml:5: duplicate key 'text'$"),
    Case("non-string-key", "claims/structure", {"claims.yaml": claims("  - 1: a\n")}, r"^claims\.yaml:3: keys must be strings, not a number \(1\)$"),
    Case(
        "id-integer",
        "claims/types",
        {"claims.yaml": claims("  - id: 123\n    text: Palantir won.\n")},
        r"^claims\.yaml:3: 'id' must be a non-empty string, not a number \(123\)$",
    ),
    Case(
        "id-boolean",
        "claims/types",
        {"claims.yaml": claims("  - id: yes\n    text: Palantir won.\n")},
        r"^claims\.yaml:3: 'id' must be a non-empty string, not a boolean \(true\)$",
    ),
    Case(
        "id-empty",
        "claims/types",
        {"claims.yaml": claims("  - id: ''\n    text: Palantir won.\n")},
        r"^claims\.yaml:3: 'id' must be a non-empty string, not ''$",
    ),
    Case(
        "id-null",
        "claims/types",
        {"claims.yaml": claims("  - id:\n    text: Palantir won.\n")},
        r"^claims\.yaml:3: 'id' must be a non-empty string, not empty \(null\)$",
    ),
    Case(
        "id-date",
        "claims/types",
        {"claims.yaml": claims("  - id: 2014-01-01\n    text: Palantir won.\n")},
        r"^claims\.yaml:3: 'id' must be a non-empty string, not a date \(2014-01-01; quote it",
    ),
    Case(
        "id-list",
        "claims/types",
        {"claims.yaml": claims("  - id: [a, b]\n    text: Palantir won.\n")},
        r"^claims\.yaml:3: 'id' must be a non-empty string, not a list$",
    ),
    Case(
        "id-two-lines",
        "claims/types",
        {"claims.yaml": claims('  - id: "a\\nb"\n    text: Palantir won.\n')},
        r"^claims\.yaml:3: 'id' must be one line of printable characters$",
    ),
    Case("text-integer", "claims/types", {"claims.yaml": claims("  - id: a\n    text: 5\n")}, r"^claims\.yaml:4: 'text' must be a string, not a number \(5\)$"),
    Case("text-mapping", "claims/types", {"claims.yaml": claims("  - id: a\n    text: {b: c}\n")}, r"^claims\.yaml:4: 'text' must be a string, not a mapping$"),
    Case(
        "expect-upper-case",
        "claims/types",
        {"claims.yaml": claims(CLAIM + "    expect: SUPPORTED\n")},
        r"^claims\.yaml:5: 'expect' must be one of supported, conflicting, unsourced, not 'SUPPORTED' \(write it in lower case\)$",
    ),
    Case(
        "expect-unknown",
        "claims/types",
        {"claims.yaml": claims(CLAIM + "    expect: maybe\n")},
        r"^claims\.yaml:5: 'expect' must be one of supported, conflicting, unsourced, not 'maybe'$",
    ),
    Case(
        "expect-boolean",
        "claims/types",
        {"claims.yaml": claims(CLAIM + "    expect: true\n")},
        r"^claims\.yaml:5: 'expect' must be one of .*, not a boolean \(true\)$",
    ),
    Case(
        "cite-integer",
        "claims/types",
        {"claims.yaml": claims(CLAIM + "    cite: 5\n")},
        r"^claims\.yaml:5: 'cite' must be a string or a list of strings, not a number \(5\)$",
    ),
    Case(
        "tags-numbers",
        "claims/types",
        {"claims.yaml": claims(CLAIM + "    tags: [contracts, 2014]\n")},
        r"^claims\.yaml:5: 'tags' must be a string or a list of strings; an item is a number \(2014\)$",
    ),
    Case(
        "sources-integer",
        "claims/types",
        {"claims.yaml": "sources: 5\nclaims:\n" + CLAIM},
        r"^claims\.yaml:1: 'sources' must be a string or a list of strings, not a number \(5\)$",
    ),
    Case(
        "sources-empty-string",
        "claims/types",
        {"claims.yaml": "sources: ''\nclaims:\n" + CLAIM},
        r"^claims\.yaml:1: 'sources' entries must be non-empty paths$",
    ),
    Case(
        "sources-nul", "claims/types", {"claims.yaml": 'sources: "src\\0"\nclaims:\n' + CLAIM}, r"^claims\.yaml:1: 'sources' entries must be non-empty paths$"
    ),
    # ------------------------------------------------------------------ claims: text empty after normalisation
    Case("text-empty", "claims/empty-text", {"claims.yaml": claims("  - id: a\n    text: ''\n")}, r"^claims\.yaml:4: claim 'a' has empty text$"),
    Case(
        "text-white-space",
        "claims/empty-text",
        {"claims.yaml": claims('  - id: a\n    text: " \\t\\n\\u00a0 "\n')},
        r"^claims\.yaml:4: claim 'a' has empty text$",
    ),
    Case(
        "text-dashes-and-quotes",
        "claims/empty-text",
        {"claims.yaml": claims("  - id: a\n    text: '— … – “” ‘’'\n")},
        r"^claims\.yaml:4: claim 'a' has empty text$",
    ),
    Case("text-emoji-only", "claims/empty-text", {"claims.yaml": claims("  - id: a\n    text: 🎉🔥\n")}, r"^claims\.yaml:4: claim 'a' has empty text$"),
    Case(
        "text-zero-width",
        "claims/empty-text",
        {"claims.yaml": claims('  - id: a\n    text: "\\u200b\\u200d\\ufeff"\n')},
        r"^claims\.yaml:4: claim 'a' has empty text$",
    ),
    Case(
        "text-markdown-only",
        "claims/empty-text",
        {"claims.yaml": claims("  - id: a\n    text: '** __ `` ##'\n")},
        r"^claims\.yaml:4: claim 'a' has empty text$",
    ),
    Case(
        "text-too-long",
        "claims/empty-text",
        {"claims.yaml": claims("  - id: a\n    text: " + "word " * 1000 + "\n")},
        r"^claims\.yaml:4: claim 'a' is 4,999 characters long; a claim is a sentence or two \(at most 2,000\)$",
    ),
    # ------------------------------------------------------------------ claims: cite paths leaving the root
    Case(
        "cite-etc-passwd",
        "claims/cite",
        {"claims.yaml": claims(CLAIM + "    cite: /etc/passwd\n")},
        r"^claims\.yaml:5: cite '/etc/passwd' points outside the sources root",
    ),
    Case(
        "cite-dot-dot",
        "claims/cite",
        {"claims.yaml": claims(CLAIM + "    cite: [a.txt, ../../etc/passwd]\n")},
        r"^claims\.yaml:5: cite '\.\./\.\./etc/passwd' points outside the sources root",
    ),
    Case(
        "cite-dot-dot-inside",
        "claims/cite",
        {"claims.yaml": claims(CLAIM + "    cite: sub/../../secret.txt\n")},
        r"^claims\.yaml:5: cite 'sub/\.\./\.\./secret\.txt' points outside the sources root",
    ),
    Case(
        "cite-windows-drive",
        "claims/cite",
        {"claims.yaml": claims(CLAIM + "    cite: 'C:\\Windows\\win.ini'\n")},
        r"^claims\.yaml:5: cite 'C:\\Windows\\win\.ini' points outside the sources root",
    ),
    Case(
        "cite-unc-share",
        "claims/cite",
        {"claims.yaml": claims(CLAIM + "    cite: '\\\\server\\share\\a.txt'\n")},
        r"^claims\.yaml:5: cite '\\\\server\\share\\a\.txt' points outside the sources root",
    ),
    Case(
        "cite-home",
        "claims/cite",
        {"claims.yaml": claims(CLAIM + "    cite: /root/.ssh/id_rsa\n")},
        r"^claims\.yaml:5: cite '/root/\.ssh/id_rsa' points outside the sources root",
    ),
    Case("cite-empty", "claims/cite", {"claims.yaml": claims(CLAIM + "    cite: ['']\n")}, r"^claims\.yaml:5: 'cite' entries must be non-empty paths$"),
    Case(
        "cite-newline",
        "claims/cite",
        {"claims.yaml": claims(CLAIM + '    cite: "a.txt\\n/etc/passwd"\n')},
        r"^claims\.yaml:5: cite 'a\.txt\\n/etc/passwd' is not a one-line file path$",
    ),
    # ------------------------------------------------------------------ sources: errors
    Case("sources-missing", "sources/error", {"claims.yaml": claims(sources="nowhere")}, r"^nowhere: sources folder does not exist$"),
    Case(
        "sources-none-given",
        "sources/error",
        {"claims.yaml": "claims:\n" + CLAIM},
        r"^claims\.yaml: no sources: set 'sources:' in the claims file or pass --sources$",
    ),
    Case(
        "sources-is-a-fifo",
        "sources/error",
        {"claims.yaml": claims(sources="pipe"), "pipe": Fifo()},
        r"^pipe: sources must be a folder or a text file, not a pipe, socket or device$",
    ),
    Case(
        "sources-no-text-files",
        "sources/error",
        {"claims.yaml": claims(), "src/photo.jpg": b"\xff\xd8\xff\xe0", "src/data.csv": "a,b\n"},
        r"^src: no usable \.txt, \.md, \.pdf, \.html or \.docx sources$",
    ),
    Case(
        "sources-only-hidden-and-vcs",
        "sources/error",
        {
            "claims.yaml": claims(),
            "src/.git/a.txt": GOOD_SOURCE,
            "src/.hidden.txt": GOOD_SOURCE,
            "src/node_modules/b.txt": GOOD_SOURCE,
            "src/.svn/c.md": GOOD_SOURCE,
        },
        r"^src: no usable \.txt, \.md, \.pdf, \.html or \.docx sources$",
    ),
    Case(
        "sources-all-skipped",
        "sources/error",
        {"claims.yaml": claims(), "src/a.txt": b"\x00\x01\x02" * 50, "src/b.md": "", "src/c.txt": " \n\t\r\n"},
        r"^src: no usable \.txt, \.md, \.pdf, \.html or \.docx sources \(3 skipped; see the warnings above\)$",
        warnings=(r"src/a\.txt: binary file", r"src/b\.md: empty source", r"src/c\.txt: empty source"),
    ),
    Case(
        "sources-punctuation-only",
        "sources/error",
        {"claims.yaml": claims(), "src/a.txt": "--- *** ...\n— — —\n"},
        r"^src: the sources hold no sentences with words to check against$",
    ),
    Case(
        "source-over-size-limit",
        "sources/error",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "src/big.txt": Sparse(21_000_000)},
        r"^src/big\.txt: source is 21,000,000 bytes, over the 20,971,520-byte limit \(raise it with max-file-size",
    ),
    Case(
        "source-over-configured-limit",
        "sources/error",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE * 10},
        r"^src/a\.txt: source is [\d,]+ bytes, over the 100-byte limit",
        patch=_config("max-file-size = 100\n"),
    ),
    Case(
        "source-unreadable",
        "sources/error",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        r"^src/a\.txt: cannot read source: Permission denied$",
        patch=_deny("open", "src/a.txt"),
    ),
    Case(
        "folder-unreadable",
        "sources/error",
        {"claims.yaml": claims(), "src/sub/a.txt": GOOD_SOURCE},
        r"^src/sub: cannot list folder: Permission denied$",
        patch=_deny("scandir", "src/sub"),
    ),
    Case(
        "metadata-invalid-yaml",
        "sources/error",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "src/sources.yaml": "a.txt: {title: [\n"},
        r"^src/sources\.yaml:2: invalid YAML: ",
    ),
    Case(
        "metadata-alias-bomb",
        "sources/error",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "src/sources.yaml": BOMB.replace("claims", "a.txt")},
        r"^src/sources\.yaml:2: YAML aliases \(\*name\) are not allowed$",
    ),
    Case(
        "metadata-not-a-mapping",
        "sources/error",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "src/sources.yaml": "- a.txt\n"},
        r"^src/sources\.yaml:1: expected a mapping of file name to metadata$",
    ),
    Case(
        "cite-not-among-sources",
        "sources/error",
        {"claims.yaml": claims(CLAIM + "    cite: b.txt\n"), "src/a.txt": GOOD_SOURCE},
        r"^claims\.yaml:3: claim 'icm' cites 'b\.txt', which is not among the sources$",
        needs_model=True,
    ),
    # ------------------------------------------------------------------ sources: bad files
    # A PDF, HTML or DOCX file that cannot be read costs one warning naming it and is skipped; the run fails (exit 2)
    # only when no usable source is left. Each row holds only the bad file, so it stops before the model loads.
    *(
        Case(
            f"bad-file-{name}",
            "sources/bad-file",
            {"claims.yaml": claims(), f"src/{file}": content},
            r"^src: no usable \.txt, \.md, \.pdf, \.html or \.docx sources \(1 skipped; see the warnings above\)$",
            warnings=(rf"src/{re.escape(file)}: {warning}; skipped$",),
        )
        for name, file, content, warning in [
            ("pdf-encrypted", "secret.pdf", source_files.encrypted_pdf_bytes(), r"encrypted PDF \(it needs a password\)"),
            ("pdf-truncated", "cut.pdf", source_files.truncated_pdf_bytes(), r"damaged or truncated PDF \(.+\)"),
            ("pdf-corrupt", "noise.pdf", source_files.corrupt_pdf_bytes(), r"damaged or truncated PDF \(.+\)"),
            ("pdf-not-a-pdf", "renamed.pdf", b"PK\x03\x04 a zip named .pdf", r"not a PDF \(no %PDF- header\)"),
            ("pdf-scan-without-text", "scan.pdf", source_files.scanned_pdf_bytes(), r"PDF has no text layer \(a scan of 2 pages\?\); run OCR on it first"),
            ("html-deep-nesting", "deep.html", source_files.deep_html_bytes(), r"no main text found in the page"),
            ("html-gigantic-attribute", "wide.html", source_files.huge_attribute_html_bytes(), r"no main text found in the page"),
            ("docx-zip-bomb", "bomb.docx", source_files.docx_bomb_bytes(), r"DOCX part word/document\.xml compresses [\d,]+ to 1 \(a zip bomb\?\)"),
            ("docx-not-a-zip", "fake.docx", source_files.not_a_zip_docx_bytes(), r"damaged DOCX \(not a readable zip: .+\)"),
        ]
    ),
    Case(
        "bad-file-over-time-limit",
        "sources/bad-file",
        # A page of its own: one extracted (and cached) by an earlier test would not be read again, so no limit would apply.
        {"claims.yaml": claims(), "src/page.html": source_files.NEWS_PAGE + "<!-- over time -->\n", ".claimcheck.toml": "max-extract-seconds = 0.001\n"},
        r"^src: no usable \.txt, \.md, \.pdf, \.html or \.docx sources \(1 skipped; see the warnings above\)$",
        warnings=(r"src/page\.html: reading took longer than 0\.001 s \(max-extract-seconds\); the file may be damaged or hostile; skipped$",),
    ),
    Case(
        "bad-file-limit-not-a-number",
        "sources/bad-file",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, ".claimcheck.toml": 'max-extract-memory = "lots"\n'},
        r"^.*/\.claimcheck\.toml: 'max-extract-memory' must be a positive whole number of bytes$",
    ),
    Case(
        "bad-file-beside-a-good-one",
        "sources/bad-file",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "src/secret.pdf": source_files.encrypted_pdf_bytes()},
        "",
        code=0,
        args=VALID,
        warnings=(r"src/secret\.pdf: encrypted PDF \(it needs a password\); skipped$",),
        needs_model=True,
    ),
    # ------------------------------------------------------------------ valid but odd: the run succeeds
    Case(
        "source-crlf",
        "valid",
        {"claims.yaml": claims(), "src/a.txt": "Title line\r\n\r\nIn 2014, Palantir won a $41 million\r\ncontract from ICE.\r\nIt said so.\r\n"},
        "",
        0,
        VALID,
        check=exact_offsets(),
        needs_model=True,
    ),
    Case(
        "source-cr-only",
        "valid",
        {"claims.yaml": claims(), "src/a.txt": "Title line\r\rIn 2014, Palantir won a $41 million\rcontract from ICE.\rIt said so.\r"},
        "",
        0,
        VALID,
        check=exact_offsets(),
        needs_model=True,
    ),
    Case(
        "source-utf-8-bom",
        "valid",
        {"claims.yaml": claims(), "src/a.txt": "\ufeffIn 2014, Palantir won a $41 million contract from ICE.\n"},
        "",
        0,
        VALID,
        check=exact_offsets(),
        needs_model=True,
    ),
    Case(
        "source-cp1252",
        "valid",
        {
            "claims.yaml": claims(),
            "src/a.txt": "Café society: “In 2014, Palantir won a $41 million contract from ICE,” said the résumé’s author.\n".encode("cp1252"),
        },
        "",
        0,
        VALID,
        warnings=(r"src/a\.txt: not UTF-8; read as ",),
        check=all_of(exact_offsets(encoding="cp1252"), _encoding_named("cp125")),
        needs_model=True,
    ),
    Case(
        "source-utf-16-bom",
        "valid",
        {"claims.yaml": claims(), "src/a.txt": "In 2014, Palantir won a $41 million contract from ICE.\r\nNo comment.\r\n".encode("utf-16")},
        "",
        0,
        VALID,
        warnings=(r"src/a\.txt: not UTF-8; read as utf_16",),
        check=all_of(exact_offsets(encoding="utf-16"), _encoding_named("utf_16")),
        needs_model=True,
    ),
    Case(
        "source-very-long-line",
        "valid",
        {"claims.yaml": claims(), "src/a.txt": LONG_LINE},
        "",
        0,
        VALID,
        check=all_of(exact_offsets(), _short_quotes),
        needs_model=True,
    ),
    Case(
        "source-unbroken-run",
        "valid",
        {"claims.yaml": claims(), "src/a.txt": "x" * 20_000 + "\n\nIn 2014, Palantir won a $41 million contract from ICE.\n"},
        "",
        0,
        VALID,
        check=all_of(exact_offsets(), _short_quotes),
        needs_model=True,
    ),
    Case(
        "sources-hostile-tree",
        "valid",
        {
            "claims.yaml": claims(),
            "src/a.txt": GOOD_SOURCE,
            "src/binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "src/dangling.txt": Link("nowhere.txt"),
            "src/duplicate.txt": GOOD_SOURCE,
            "src/empty.md": "",
            "src/etc": Link("/etc"),
            "src/loop-a.txt": Link("loop-b.txt"),
            "src/loop-b.txt": Link("loop-a.txt"),
            "src/passwd.txt": Link("/etc/passwd"),
            "src/pipe.txt": Fifo(),
            "src/root": Link("/"),
            "src/self": Link("."),
            "src/.git/HEAD.txt": "ref: refs/heads/main\n",
            "src/__pycache__/x.txt": "cached\n",
        },
        "",
        0,
        VALID,
        warnings=(
            r"src/binary\.txt: binary file, not a text source; skipped",
            r"src/dangling\.txt: broken link or link loop; skipped",
            r"src/duplicate\.txt: same text as a\.txt; indexed once",
            r"src/empty\.md: empty source; skipped",
            r"src/etc: link leads outside the sources root; not followed",
            r"src/loop-a\.txt: broken link or link loop; skipped",
            r"src/loop-b\.txt: broken link or link loop; skipped",
            r"src/passwd\.txt: link leads outside the sources root; not followed",
            r"src/pipe\.txt: not a regular file \(a pipe, socket or device\); skipped",
            r"src/root: link leads outside the sources root; not followed",
        ),
        check=all_of(exact_offsets(), only_sources("a.txt")),
        needs_model=True,
    ),
    Case(
        "source-names-newline-and-bytes",
        "valid",
        {
            "claims.yaml": claims(),
            "src/a.txt": GOOD_SOURCE,
            "src/new\nline.txt": "A file whose name holds a line break.\n",
            b"src/bad\xff.txt": "A file whose name is not UTF-8.\n",
        },
        "",
        0,
        VALID,
        warnings=(r"src/bad\\udcff\.txt: file name is not valid UTF-8; rename the file; skipped$",),
        check=exact_offsets(),
        needs_model=True,
    ),
    Case(
        "metadata-link-to-etc-passwd",
        "valid",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "src/sources.yaml": Link("/etc/passwd")},
        "",
        0,
        VALID,
        warnings=(r"src/sources\.yaml: link leads outside the sources root; not read$",),
        check=exact_offsets(),
        needs_model=True,
    ),
    Case(
        "claims-three-hundred",
        "valid",
        {
            "claims.yaml": claims("".join(f"  - id: c{n}\n    text: Palantir won a ${n} million contract in {1990 + n % 30}.\n" for n in range(300))),
            "src/a.txt": GOOD_SOURCE,
        },
        "",
        0,
        VALID,
        check=lambda report, tmp: (len(report["claims"]) == 300 and report["claims"][-1]["id"] == "c299") or pytest.fail("claims lost"),
        needs_model=True,
    ),
    Case(
        "claims-unicode-bom-crlf",
        "valid",
        {
            "claims.yaml": "\ufeff"
            + claims(
                "  - id: zitat-„41“\n    text: Palantir erhielt „41 Millionen Dollar“ – im Jahr 2014 🎉\n"
                "  - id: 日本語\n    text: パランティアは2014年に4100万ドルの契約を獲得した。\n"
                "  - id: عربي\n    text: حصلت بالانتير على عقد بقيمة 41 مليون دولار.\n"
            ).replace("\n", "\r\n"),
            "src/a.txt": GOOD_SOURCE,
        },
        "",
        0,
        VALID,
        check=_unicode_claims,
        needs_model=True,
    ),
    # ----------------------------------------------------------------------- trust: cache integrity
    # A clean run fills `cache/`; one entry is then damaged; the run warns once, rebuilds it, and its verdicts and
    # evidence are the clean run's.
    *[
        Case(
            f"cache-{name}",
            "trust/cache",
            {"claims.yaml": claims(CACHE_CLAIMS), "src/a.txt": GOOD_SOURCE},
            "",
            0,
            (*VALID, *cache.ARGS),
            warnings=(cache.ENTRY + message,),
            patch=patch,
            check=cache.same_as_clean,
            needs_model=True,
        )
        for name, patch, message in [
            ("payload-bit-flipped", cache.damaged("flip"), "damaged cache entry; rebuilding it$"),
            ("payload-zeroed", cache.damaged("zero"), "damaged cache entry; rebuilding it$"),
            ("entry-truncated", cache.damaged("truncate"), "damaged cache entry; rebuilding it$"),
            ("claim-vectors-bit-flipped", cache.damaged("flip", "claims"), "damaged cache entry; rebuilding it$"),
            ("entry-under-another-key", cache.swapped(), "cache entry does not match; rebuilding it$"),
        ]
    ],
    # The corpus index (vectors, lexical tables, names, passages): damaged, pointed elsewhere or linked, it is warned about once
    # and rebuilt from the per-document cache, never trusted.
    *[
        Case(
            f"corpus-index-{name}",
            "trust/cache",
            {"claims.yaml": claims(CACHE_CLAIMS), "src/a.txt": GOOD_SOURCE},
            "",
            0,
            (*VALID, *cache.ARGS),
            warnings=(cache.CORPUS_INDEX + "damaged corpus index; rebuilding it$",),
            patch=cache.index_damaged(name),
            check=cache.same_as_clean,
            needs_model=True,
        )
        for name in cache.INDEX_DAMAGE
    ],
    Case(
        "cache-folder-unreadable",
        "trust/cache",
        {"claims.yaml": claims(CACHE_CLAIMS), "src/a.txt": GOOD_SOURCE},
        "",
        0,
        (*VALID, *cache.ARGS),
        warnings=(r"^cache: cache not readable \(Permission denied\); continuing without it$",),
        patch=cache.unreadable(),
        check=cache.same_as_clean,
        needs_model=True,
    ),
    Case(
        "cache-folder-inside-sources",
        "trust/cache",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        r"^cache folder src/\.cache lies inside the sources root src; pass another --cache-dir \(or --no-cache\)$",
        args=(*CHECK, "--cache-dir", "src/.cache"),
        after=cache.nothing_written_in_sources,
    ),
    Case(
        "cache-folder-is-the-sources-root",
        "trust/cache",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        r"^cache folder src lies inside the sources root src; ",
        args=(*CHECK, "--cache-dir", "./src/"),
        after=cache.nothing_written_in_sources,
    ),
    # ----------------------------------------------------------------------- trust: safe writes and signals
    # Outputs (--output, --annotate, --write-baseline) never go through a link, over an input or into the sources;
    # FIFOs and devices are written as streams; the baseline is read bounded; Ctrl-C exits 130 leaving nothing.
    Case(
        "output-link-to-a-file",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "victim.txt": "keep\n", "report.json": Link("victim.txt")},
        r"^report\.json: --output is a symbolic link; claimcheck never writes through a link",
        args=(*CHECK, "--output", "report.json"),
        after=lambda tmp: _untouched(tmp, {"victim.txt": "keep\n"}, {"report.json": "victim.txt"}),
    ),
    Case(
        "output-dangling-link",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "report.json": Link("planted.txt")},
        r"^report\.json: --output is a symbolic link",
        args=(*CHECK, "--output", "report.json"),
        after=lambda tmp: _untouched(tmp, {}, {"report.json": "planted.txt"}, absent=("planted.txt",)),
    ),
    Case(
        "output-link-into-the-sources",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "report.json": Link("src/a.txt")},
        r"^report\.json: refusing to write --output into the sources folder src, an input of this run",
        args=(*CHECK, "--output", "report.json"),
        after=lambda tmp: _untouched(tmp, {"src/a.txt": GOOD_SOURCE}, {"report.json": "src/a.txt"}),
    ),
    Case(
        "write-baseline-link-to-a-file",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "victim.txt": "keep\n", "b.json": Link("victim.txt")},
        r"^b\.json: --write-baseline is a symbolic link",
        args=(*CHECK, "--write-baseline", "b.json"),
        after=lambda tmp: _untouched(tmp, {"victim.txt": "keep\n"}, {"b.json": "victim.txt"}),
    ),
    Case(
        "output-over-the-claims-file",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        r"^claims\.yaml: refusing to write --output over claims\.yaml, an input of this run; choose another file$",
        args=(*CHECK, "--output", "claims.yaml"),
        after=lambda tmp: _untouched(tmp, {"claims.yaml": claims()}),
    ),
    Case(
        "output-over-the-claims-file-by-another-path",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "sub/keep": ""},
        r"^sub/\.\./claims\.yaml: refusing to write --output over claims\.yaml",
        args=(*CHECK, "--output", "sub/../claims.yaml"),
        after=lambda tmp: _untouched(tmp, {"claims.yaml": claims()}),
    ),
    Case(
        "output-over-a-source",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        r"^src/a\.txt: refusing to write --output into the sources folder src",
        args=(*CHECK, "--output", "src/a.txt"),
        after=lambda tmp: _untouched(tmp, {"src/a.txt": GOOD_SOURCE}),
    ),
    Case(
        "output-into-the-sources-folder",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        r"^src/report\.json: refusing to write --output into the sources folder src",
        args=(*CHECK, "--output", "src/report.json"),
        after=lambda tmp: _untouched(tmp, {}, absent=("src/report.json",)),
    ),
    Case(
        "output-over-the-baseline-read",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "baseline.json": '{"version": 1, "claims": {}}'},
        r"^baseline\.json: refusing to write --output over the baseline baseline\.json, an input of this run",
        args=(*CHECK, "--baseline", "baseline.json", "--output", "baseline.json"),
        after=lambda tmp: _untouched(tmp, {"baseline.json": '{"version": 1, "claims": {}}'}),
    ),
    Case(
        "write-baseline-over-the-baseline-read",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "baseline.json": '{"version": 1, "claims": {}}'},
        r"^baseline\.json: refusing to write --write-baseline over the baseline",
        args=(*CHECK, "--baseline", "baseline.json", "--write-baseline", "baseline.json"),
        after=lambda tmp: _untouched(tmp, {"baseline.json": '{"version": 1, "claims": {}}'}),
    ),
    Case(
        "write-baseline-over-the-config",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, ".claimcheck.toml": 'format = "json"\n'},
        r"^\.claimcheck\.toml: refusing to write --write-baseline over the config file .*\.claimcheck\.toml, an input of this run",
        args=("check", "claims.yaml", "--write-baseline", ".claimcheck.toml"),
        after=lambda tmp: _untouched(tmp, {".claimcheck.toml": 'format = "json"\n'}),
    ),
    Case(
        "draft-output-over-the-draft",
        "trust/writes",
        {"story.md": "In 2014, Palantir won a $41 million contract from ICE.\n", "src/a.txt": GOOD_SOURCE},
        r"^story\.md: refusing to write --output over story\.md, an input of this run",
        args=("draft", "story.md", "--sources", "src", "--output", "story.md"),
        after=lambda tmp: _untouched(tmp, {"story.md": "In 2014, Palantir won a $41 million contract from ICE.\n"}),
    ),
    Case(
        "draft-annotate-over-a-source",
        "trust/writes",
        {"story.md": "In 2014, Palantir won a $41 million contract from ICE.\n", "src/a.txt": GOOD_SOURCE},
        r"^src/a\.txt: refusing to write --annotate into the sources folder src",
        args=("draft", "story.md", "--sources", "src", "--annotate", "src/a.txt"),
        after=lambda tmp: _untouched(tmp, {"src/a.txt": GOOD_SOURCE}),
    ),
    Case(
        "draft-annotate-and-output-one-file",
        "trust/writes",
        {"story.md": "In 2014, Palantir won a $41 million contract from ICE.\n", "src/a.txt": GOOD_SOURCE},
        r"^out\.md: --annotate and --output name the same file; give each its own$",
        args=("draft", "story.md", "--sources", "src", "--output", "out.md", "--annotate", "out.md"),
        after=lambda tmp: _untouched(tmp, {}, absent=("out.md",)),
    ),
    Case(
        "output-in-a-missing-folder",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        r"^nope/report\.json: --output: the folder nope does not exist$",
        args=(*CHECK, "--output", "nope/report.json"),
        after=lambda tmp: _untouched(tmp, {}, absent=("nope",)),
    ),
    Case(
        "baseline-is-dev-zero",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        r"^/dev/zero: baseline is not a regular file \(a pipe, socket or device\); not read$",
        args=(*CHECK, "--baseline", "/dev/zero"),
    ),
    Case(
        "baseline-is-a-fifo",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "baseline.json": Fifo()},
        r"^baseline\.json: baseline is not a regular file \(a pipe, socket or device\); not read$",
        args=(*CHECK, "--baseline", "baseline.json"),
    ),
    Case(
        "baseline-over-size-limit",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "baseline.json": Sparse(65 * 1024 * 1024)},
        r"^baseline\.json: baseline is 68,157,440 bytes, over the 67,108,864-byte limit \(a baseline may be at most 64 MB\)$",
        args=(*CHECK, "--baseline", "baseline.json"),
    ),
    Case(
        "baseline-nested-too-deeply",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "baseline.json": "[" * 100_000},
        r"^baseline\.json: baseline is not valid JSON: nested too deeply$",
        args=(*CHECK, "--baseline", "baseline.json"),
    ),
    Case(
        "interrupt-while-the-model-loads",
        "trust/signals",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        "",
        130,
        (*CHECK, "--output", "report.json", "--write-baseline", "b.json"),
        patch=lambda mp, tmp: _interrupt_at(mp, "claimcheck.api", "Checker"),
        raw=lambda out, err, tmp: _interrupted(out, err, tmp),
        after=lambda tmp: _untouched(tmp, {}, absent=("report.json", "b.json")),
    ),
    Case(
        "interrupt-while-writing",
        "trust/signals",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "report.json": "old report\n"},
        "",
        130,
        (*VALID, "--output", "report.json", "--write-baseline", "b.json"),
        patch=lambda mp, tmp: _fail_second_write(mp, KeyboardInterrupt()),
        raw=lambda out, err, tmp: _interrupted(out, err, tmp),
        needs_model=True,
        after=lambda tmp: _untouched(tmp, {"report.json": "old report\n"}, absent=("b.json",)),
    ),
    Case(
        "disk-full-while-writing",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "report.json": "old report\n"},
        r"^b\.json: cannot write baseline: No space left on device$",
        args=(*VALID, "--output", "report.json", "--write-baseline", "b.json"),
        patch=lambda mp, tmp: _fail_second_write(mp, OSError(28, "No space left on device")),
        needs_model=True,
        after=lambda tmp: _untouched(tmp, {"report.json": "old report\n"}, absent=("b.json",)),
    ),
    Case(
        "output-link-planted-at-the-temporary-name",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "victim.txt": "keep\n", ".report.json.guessed.tmp": Link("victim.txt")},
        "",
        0,
        (*VALID, "--output", "report.json"),
        patch=lambda mp, tmp: _guessable_temp_names(mp),
        raw=lambda out, err, tmp: _silent(out, err, tmp),
        needs_model=True,
        after=lambda tmp: _untouched(
            tmp, {"victim.txt": "keep\n"}, {".report.json.guessed.tmp": "victim.txt"}, report="report.json", strays=(".report.json.guessed.tmp",)
        ),
    ),
    Case(
        "output-is-a-fifo",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "pipe": Fifo()},
        "",
        0,
        (*VALID, "--output", "pipe"),
        patch=lambda mp, tmp: _read_fifo(tmp / "pipe", tmp / "received.json"),
        raw=lambda out, err, tmp: _silent(out, err, tmp),
        needs_model=True,
        after=lambda tmp: _fifo_received(tmp),
    ),
    # Device and stdout targets are made in tmp (a node, a link as /dev/stdout is): a faulty writer must not be able to replace the real /dev entries.
    Case(
        "output-is-a-character-device",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        "",
        0,
        (*VALID, "--output", "null"),
        patch=lambda mp, tmp: _null_device(tmp / "null"),
        raw=lambda out, err, tmp: _silent(out, err, tmp),
        needs_model=True,
        after=lambda tmp: _untouched(tmp, {}, devices=(str(tmp / "null"),)),
    ),
    Case(
        "output-is-a-link-to-stdout",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "stdout": Link("/proc/self/fd/1")},
        "",
        0,
        (*VALID, "--output", "stdout"),
        needs_model=True,
        after=lambda tmp: _untouched(tmp, {}, {"stdout": "/proc/self/fd/1"}),
    ),
    # --watch refuses what it refuses without --watch, before it watches anything (and never records a baseline).
    Case(
        "watch-with-write-baseline",
        "trust/writes",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE},
        r"^--watch and --write-baseline do not go together",
        args=(*CHECK, "--watch", "--write-baseline", "b.json"),
        after=lambda tmp: _untouched(tmp, {"claims.yaml": claims()}, absent=("b.json",)),
    ),
    Case(
        "watch-output-over-the-draft",
        "trust/writes",
        {"article.md": "# Story\n\nPalantir won a $41 million contract in 2014.\n", "src/a.txt": GOOD_SOURCE},
        r"^article\.md: refusing to write --output over article\.md, an input of this run; choose another file$",
        args=(*DRAFT, "--watch", "--output", "article.md"),
        after=lambda tmp: _untouched(tmp, {"article.md": "# Story\n\nPalantir won a $41 million contract in 2014.\n"}),
    ),
    # ----------------------------------------------------------------------- trust: neutral text in outputs
    Case(
        "text-claim-escape-bell-nul-bidi",
        "trust/text",
        {
            "claims.yaml": claims('  - id: icm\n    text: "Palantir won a $41 million contract in 2014.\\e[2J\\e]0;pwned\\a \\0 \\u202eevil"\n'),
            "src/a.txt": GOOD_SOURCE,
        },
        "",
        0,
        ("check", "claims.yaml", "--format", "text", "--no-fail"),
        raw=lambda out, err, tmp: _shown_not_raw(out, "\\x1b[2J", "\\x1b]0;pwned\\x07", "\\x00", "\\u202eevil"),
        needs_model=True,
    ),
    Case(
        "line-claim-escape-bell-nul-bidi",
        "trust/text",
        {
            "claims.yaml": claims('  - id: icm\n    text: "Palantir won a $41 million contract in 2014.\\e[2J\\a \\0 \\x9b31m \\u2066evil\\u2069"\n'),
            "src/a.txt": GOOD_SOURCE,
        },
        "",
        0,
        ("check", "claims.yaml", "--format", "line", "--no-fail"),
        raw=lambda out, err, tmp: _shown_not_raw(out, "\\x1b[2J\\x07 \\x00 \\x9b31m \\u2066evil\\u2069") or _one_record_per_line(out),
        needs_model=True,
    ),
    Case(
        "github-file-names-with-newlines",
        "trust/text",
        {
            "c\n::warning::forged-claims.yaml": claims("  - id: icm\n    text: Palantir won a $14 million contract in 2014.\n"),
            "src/new\n::error file=x::forged.txt": GOOD_SOURCE,
        },
        "",
        0,
        ("check", "c\n::warning::forged-claims.yaml", "--format", "github", "--no-fail"),
        raw=lambda out, err, tmp: _github_commands(
            out, err, ["error", "notice"], "file=c%0A%3A%3Awarning%3A%3Aforged-claims.yaml,", "(new%0A::error file=x::forged.txt:1)"
        ),
        needs_model=True,
    ),
    Case(
        "github-draft-name-with-newline",
        "trust/text",
        {"d\r\n::error::forged.md": "Palantir won a $14 million contract in 2014.\n", "src/a.txt": GOOD_SOURCE},
        "",
        0,
        ("draft", "d\r\n::error::forged.md", "--sources", "src", "--format", "github", "--no-fail"),
        raw=lambda out, err, tmp: _github_commands(out, err, ["error", "notice"], "file=d%0D%0A%3A%3Aerror%3A%3Aforged.md,"),
        needs_model=True,
    ),
    Case(
        "text-claim-rich-markup",
        "trust/text",
        {
            "claims.yaml": claims("  - id: icm-[bold]\n    text: 'Palantir won [/b] a $41 [red]million[/red] contract :smile: in 2014.'\n"),
            "src/a.txt": GOOD_SOURCE,
        },
        "",
        0,
        ("check", "claims.yaml", "--format", "text", "--no-fail"),
        raw=lambda out, err, tmp: _shown_not_raw(out, "icm-[bold]", "[/b]", "[red]million[/red]", ":smile:"),
        needs_model=True,
    ),
    Case(
        "text-draft-title-rich-markup",
        "trust/text",
        {"d.md": "---\ntitle: '[/b] [red]Title'\n---\nIn 2014, Palantir won a $41 million contract from ICE.\n", "src/a.txt": GOOD_SOURCE},
        "",
        0,
        ("draft", "d.md", "--sources", "src", "--format", "text", "--no-fail"),
        raw=lambda out, err, tmp: _shown_not_raw(out, "claimcheck: [/b] [red]Title"),
        needs_model=True,
    ),
    Case(
        "explain-claim-rich-markup-and-escapes",
        "trust/text",
        {"src/a.txt": GOOD_SOURCE},
        "",
        0,
        ("explain", "--claim", "Palantir won a $41 million [/b] contract [red]in 2014\x1b[2J\u202e.", "--sources", "src"),
        raw=lambda out, err, tmp: _shown_not_raw(out, "claim: Palantir won a $41 million [/b] contract [red]in 2014\\x1b[2J\\u202e."),
        needs_model=True,
    ),
    Case(
        "explain-id-rich-markup",
        "trust/text",
        {
            "claims.yaml": claims("  - id: '[/b]'\n    text: 'Palantir won a [red]$41 million contract in 2014.'\n"),
            "src/a.txt": "In 2014, Palantir [/b] won a $41 million contract from ICE [bold].\n",
        },
        "",
        0,
        ("explain", "[/b]", "--claims", "claims.yaml"),
        raw=lambda out, err, tmp: _shown_not_raw(out, "[/b]: Palantir won a [red]$41 million contract in 2014.", "Palantir [/b] won"),
        needs_model=True,
    ),
    Case(
        "html-javascript-url-and-script-title",
        "trust/text",
        {
            "claims.yaml": claims(),
            "src/a.txt": GOOD_SOURCE,
            "src/sources.yaml": "a.txt:\n  title: '</cite><script>alert(1)</script>'\n  url: 'javascript:alert(1)'\n",
        },
        "",
        0,
        ("check", "claims.yaml", "--format", "html", "--no-fail"),
        raw=lambda out, err, tmp: _safe_html(out, "javascript:alert(1)", "</cite><script>alert(1)</script>"),
        needs_model=True,
    ),
    Case(
        "claimreview-javascript-url",
        "trust/text",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "src/sources.yaml": "a.txt:\n  title: Contracts\n  url: ' JavaScript:alert(1)'\n"},
        "",
        0,
        ("check", "claims.yaml", "--format", "claimreview", "--no-fail"),
        raw=lambda out, err, tmp: _no_unsafe_urls(json.loads(out)),
        needs_model=True,
    ),
    Case(
        "markdown-title-injection",
        "trust/text",
        {
            "claims.yaml": claims(),
            "src/a.txt": GOOD_SOURCE,
            "src/sources.yaml": "a.txt:\n  title: '[x](javascript:alert(1)) <img src=x onerror=alert(2)> | a |'\n  url: 'data:text/html,<b>x</b>'\n",
        },
        "",
        0,
        ("check", "claims.yaml", "--format", "markdown", "--no-fail"),
        raw=lambda out, err, tmp: _safe_markdown(out, "[x](javascript:alert(1)) <img src=x onerror=alert(2)> | a |", "data:text/html,<b>x</b>"),
        needs_model=True,
    ),
    Case(
        "annotate-title-with-star-and-bracket",
        "trust/text",
        {
            "d.md": "In 2014, Palantir won a $41 million contract from ICE.\n",
            "src/a.txt": GOOD_SOURCE,
            "src/sources.yaml": 'a.txt:\n  title: "*T] [x](javascript:alert(1)) \\e[2J"\n',
        },
        "",
        0,
        ("draft", "d.md", "--sources", "src", "--annotate", "out.md", "--format", "json", "--no-fail"),
        raw=lambda out, err, tmp: _safe_markdown((tmp / "out.md").read_text(encoding="utf-8").split("\n---\n")[-1], "*T] [x](javascript:alert(1)) \\x1b[2J"),
        needs_model=True,
    ),
    Case(
        "json-bidi-and-escapes-exact",
        "trust/text",
        {
            "claims.yaml": claims('  - id: icm\n    text: "Palantir won a $41 million contract in 2014.\\e[2J \\x9b \\u202eevil \\x7f"\n'),
            "src/a.txt": GOOD_SOURCE,
        },
        "",
        0,
        VALID,
        raw=lambda out, err, tmp: _shown_not_raw(out) or _exact_claim_text(out, "Palantir won a $41 million contract in 2014.\x1b[2J \x9b \u202eevil \x7f"),
        needs_model=True,
    ),
    Case(
        "junit-control-characters",
        "trust/text",
        {"claims.yaml": claims('  - id: icm\n    text: "Palantir won a $14 million \\0 \\a \\e[2J contract in 2014.\\uFFFE"\n'), "src/a.txt": GOOD_SOURCE},
        "",
        0,
        ("check", "claims.yaml", "--format", "junit", "--no-fail"),
        raw=lambda out, err, tmp: _shown_not_raw(out, "\\x00 \\x07 \\x1b[2J", "\\ufffe") or _xml(out),
        needs_model=True,
    ),
    Case(
        "sarif-control-characters-and-odd-names",
        "trust/text",
        {
            "c:1,\u202e.yaml": claims('  - id: icm\n    text: "Palantir won a $14 million \\0 \\a \\e[2J contract \\u202ein 2014.\\x9b"\n'),
            "src/a:b.txt": GOOD_SOURCE,
        },
        "",
        0,
        ("check", "c:1,\u202e.yaml", "--format", "sarif", "--no-fail"),
        raw=lambda out, err, tmp: _shown_not_raw(out) or _sarif(out),
        needs_model=True,
    ),
    Case(
        "warning-file-name-with-escape-and-bidi",
        "trust/text",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "src/\x1b[2Jempty\u202etxt.md": ""},
        "",
        0,
        VALID,
        warnings=(r"src/\\x1b\[2Jempty\\u202etxt\.md: empty source; skipped$",),
        needs_model=True,
    ),
    # ----------------------------------------------------------------------- trust: bounded input and decoding
    # A bare file name is matched only when one source has it; a copy of a source (indexed once) stands for it.
    Case(
        "cite-file-name-several-sources-share",
        "trust/bounded",
        {"claims.yaml": claims(CLAIM + "    cite: a.txt\n"), "src/x/a.txt": GOOD_SOURCE, "src/y/a.txt": "The agency has 20 field offices.\n"},
        r"^claims\.yaml:3: claim 'icm' cites 'a\.txt', a file name several sources share \(x/a\.txt, y/a\.txt\); cite its path$",
        needs_model=True,
    ),
    Case(
        "cite-copy-of-a-source",
        "trust/bounded",
        {"claims.yaml": claims(CLAIM + "    cite: ./copies/a.txt\n"), "src/a.txt": GOOD_SOURCE, "src/copies/a.txt": GOOD_SOURCE},
        "",
        0,
        VALID,
        warnings=(r"^src/copies/a\.txt: same text as a\.txt; indexed once$",),
        check=lambda report, tmp: report["claims"][0]["citation"] == "ok" or pytest.fail(str(report["claims"][0])),
        needs_model=True,
    ),
    Case(
        "front-matter-alias-bomb",
        "trust/bounded",
        {"article.md": "---\n" + BOMB.replace("claims: *i\n", "") + "---\nPalantir won a $41 million contract in 2014.\n", "src/a.txt": GOOD_SOURCE},
        r"^article\.md:3: YAML aliases \(\*name\) are not allowed$",
        args=DRAFT,
    ),
    Case(
        "front-matter-python-tag",
        "trust/bounded",
        {"article.md": "---\ntitle: !!python/object/apply:os.system [echo pwned]\n---\nPalantir won a $41 million contract.\n", "src/a.txt": GOOD_SOURCE},
        r"^article\.md:2: YAML tag '!!python/object/apply:os\.system' is not allowed$",
        args=DRAFT,
    ),
    Case(
        "front-matter-deep-nesting",
        "trust/bounded",
        {"article.md": "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nPalantir won a $41 million contract.\n", "src/a.txt": GOOD_SOURCE},
        r"^article\.md:2: YAML nested more than 32 levels deep$",
        args=DRAFT,
    ),
    Case(
        "sources-usr-over-file-cap",
        "trust/bounded",
        {"claims.yaml": claims()},
        "",
        args=(*CHECK, "--sources", "/usr"),
        patch=_config("max-files = 3\n"),
        raw=_last_line(r"^/usr: more than 3 source files \(max-files = 3; raise it in \.claimcheck\.toml"),
    ),
    Case(
        "sources-over-passage-cap",
        "trust/bounded",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE * 3},
        r"^src: more than 5 passages in the sources \(max-passages = 5; raise it in \.claimcheck\.toml",
        patch=_config("max-passages = 5\n"),
    ),
    Case(
        "sources-over-byte-cap",
        "trust/bounded",
        {"claims.yaml": claims(), "src/a.txt": GOOD_SOURCE, "src/b.txt": GOOD_SOURCE.upper()},
        r"^src: sources larger than 150 bytes in all \(max-total-size = 150; ",
        patch=_config("max-total-size = 150\n"),
    ),
    Case(
        "claims-sources-dot-dot-etc",
        "trust/bounded",
        {"claims.yaml": claims(sources="../../etc")},
        r"^claims\.yaml:1: 'sources' entry '\.\./\.\./etc' leads outside the claims file's project \(.*\); pass --sources, or list the folder in allow-sources-outside",
        after=_nothing_written,
    ),
    Case(
        "claims-sources-root",
        "trust/bounded",
        {"claims.yaml": claims(sources="/")},
        r"^claims\.yaml:1: 'sources' entry '/' leads outside the claims file's project",
    ),
    Case(
        "claims-sources-link-out",
        "trust/bounded",
        {"claims.yaml": claims(sources="docs"), "docs": Link("/etc")},
        r"^claims\.yaml:1: 'sources' entry 'docs' leads outside the claims file's project",
    ),
    Case(
        "claims-sources-list-entry-out",
        "trust/bounded",
        {"claims.yaml": "sources:\n  - src\n  - src/../../x\nclaims:\n" + CLAIM, "src/a.txt": GOOD_SOURCE},
        r"^claims\.yaml:3: 'sources' entry 'src/\.\./\.\./x' leads outside",
    ),
    Case(
        "claims-sources-out-but-flag-given",
        "trust/bounded",
        {"claims.yaml": claims(sources="../../etc"), "src/a.txt": GOOD_SOURCE},
        "",
        0,
        (*VALID, "--sources", "src"),
        check=exact_offsets(),
        needs_model=True,
    ),
    Case(
        "source-stray-bad-byte",
        "trust/bounded",
        {"claims.yaml": claims(CLAIM + "    expect: supported\n"), "src/a.txt": STRAY_BYTE},
        "",
        0,
        VALID,
        warnings=(r"src/a\.txt: 1 invalid UTF-8 byte sequence replaced with U\+FFFD$",),
        check=all_of(_replaced_offsets, _verdicts(icm="supported")),
        needs_model=True,
    ),
    Case(
        "source-ansi-digits",
        "trust/bounded",
        {"claims.yaml": claims(CLAIM + "    expect: supported\n"), "src/a.txt": ANSI_SOURCE},
        "",
        0,
        VALID,
        check=all_of(exact_offsets(), _verdicts(icm="supported")),
        needs_model=True,
    ),
    Case(
        "draft-invisible-between-sentences",
        "trust/bounded",
        {"article.md": INVISIBLE_DRAFT, "src/a.txt": GOOD_SOURCE},
        "",
        0,
        (*DRAFT, "--no-fail"),
        check=lambda report, tmp: [c["text"] for c in report["claims"]] == INVISIBLE_SENTENCES or pytest.fail(str([c["text"] for c in report["claims"]])),
        needs_model=True,
    ),
]


# --------------------------------------------------------------------------- trust: neutral text in outputs (checks of the rows above)


def _shown_not_raw(output: str, *shown: str) -> None:
    """No control, bidi or separator character raw in `output` (line feeds aside); each of `shown` appears in it."""
    from claimcheck.report.escape import UNSAFE

    assert not UNSAFE.findall(output.replace("\r\n", "\n").replace("\t", " ")), sorted(set(UNSAFE.findall(output)))
    for text in shown:
        assert text in output, (text, output)


def _one_record_per_line(output: str) -> None:
    assert output.count("\n") == 1 and re.match(r"^claims\.yaml:3:1: \w+: ", output), output


def _github_commands(out: str, err: str, kinds: list[str], *expected: str) -> None:
    """Every stdout line is one of our workflow commands, of these kinds in order; stderr starts no command."""
    prop = r"(?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*"
    lines = out.split("\n")
    assert lines[-1] == "" and "\r" not in out
    matches = [re.match(rf"^::(error|warning|notice)(?: {prop}(?:,{prop})*)?::[^\r\n]*$", line) for line in lines[:-1]]
    assert all(matches), lines
    assert [m.group(1) for m in matches if m] == kinds
    assert not [line for line in err.splitlines() if line.startswith("::")], err
    for text in expected:
        assert text in out, (text, out)


def _html_page(output: str) -> tuple[list[tuple[str, dict[str, str | None]]], str]:
    from html.parser import HTMLParser

    tags: list[tuple[str, dict[str, str | None]]] = []
    text: list[str] = []

    class Page(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, dict(attrs)))

        def handle_data(self, data: str) -> None:
            text.append(data)

    page = Page(convert_charrefs=True)
    page.feed(output)
    page.close()
    return tags, "".join(text)


def _safe_html(output: str, *shown: str) -> None:
    """No script, image or handler; every link to the page itself or to http(s); `shown` appears as text."""
    _shown_not_raw(output)
    tags, text = _html_page(output)
    assert not [tag for tag, _ in tags if tag in ("script", "img", "iframe", "object", "embed")]
    assert not [name for _, attrs in tags for name in attrs if name.startswith("on") or name == "src"]
    assert all(re.match(r"#|https?://", attrs["href"] or "") for tag, attrs in tags if "href" in attrs), tags
    for item in shown:
        assert item in text, (item, text)


def _safe_markdown(output: str, *shown: str) -> None:
    """Rendered (CommonMark plus tables) the Markdown holds no link, image or HTML from data; `shown` reads as text."""
    from markdown_it import MarkdownIt

    _shown_not_raw(output)
    rendered = MarkdownIt("commonmark").enable("table").render(output)
    tags, text = _html_page(rendered)
    assert not [tag for tag, _ in tags if tag in ("a", "img", "script")], rendered
    assert [tag for tag, _ in tags].count("table") <= 1  # the summary table at most
    for item in shown:
        assert item in text, (item, text)


def _no_unsafe_urls(reviews: list[dict]) -> None:
    urls = json.dumps(reviews)
    assert "javascript" not in urls.lower(), urls
    assert reviews and all("url" not in work for review in reviews for work in review["citation"])


def _exact_claim_text(output: str, text: str) -> None:
    assert json.loads(output)["claims"][0]["text"] == text


def _xml(output: str) -> None:
    import xml.etree.ElementTree as ET

    assert ET.fromstring(output.encode("utf-8")).tag == "testsuites"


def _sarif(output: str) -> None:
    from jsonschema import Draft4Validator

    schema = json.loads((ROOT / "tests" / "report" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(output)
    Draft4Validator(schema).validate(log)
    result = log["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "c%3A1,%E2%80%AE.yaml"  # no scheme, no raw bidi
    # A display string: shown as escapes, then SARIF's own message escapes (`\\` and `\[`) on top.
    assert "\\\\x1b\\[2J contract \\\\u202ein 2014.\\\\x9b" in result["message"]["text"]


def test_the_table_is_large_enough() -> None:
    """The issue asks for at least 40 hostile inputs, each with its exit code and message."""
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest) -> None:
    """Each input gives its exit code; an error is one stderr line (after any warnings), never a traceback."""
    if case.needs_model:
        request.getfixturevalue("model")
    monkeypatch.chdir(tmp_path)
    build(tmp_path, case.files)
    if case.patch:
        case.patch(monkeypatch, tmp_path)
    code, out, err = run_cli(list(case.args), capsys)
    assert "Traceback" not in err
    if case.after:
        case.after(tmp_path)
    if case.raw:
        assert code == case.code, err
        case.raw(out, err, tmp_path)
        return
    lines = err.splitlines()
    warnings = [line for line in lines if line.startswith("claimcheck: warning: ")]
    assert len(warnings) == len(case.warnings), err
    for line, expected in zip(warnings, case.warnings):
        assert re.match(expected, line.removeprefix("claimcheck: warning: ")), line
    assert code == case.code, err
    if case.code == 2:
        assert lines[: len(warnings)] == warnings and len(lines) == len(warnings) + 1, err
        assert re.match(case.stderr, lines[-1]), lines[-1]
        assert out == ""
    else:
        assert lines == warnings, err
        report = json.loads(out)
        assert report["claims"]
        if case.check:
            case.check(report, tmp_path)


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--debug is the one way to see a traceback; the last line is still the one-line message."""
    monkeypatch.chdir(tmp_path)
    build(tmp_path, {"claims.yaml": "claims: [\n"})
    code, _, err = run_cli(["--debug", "check", "claims.yaml"], capsys)
    assert code == 2
    assert "Traceback" in err
    assert re.match(r"^claims\.yaml:2: invalid YAML: ", err.splitlines()[-1])


# --------------------------------------------------------------------------- nothing outside the root is read

_OPENED: list[tuple[str, str]] | None = None


def _audit(event: str, args: tuple) -> None:
    """Record every path opened or listed while a test has armed the recorder."""
    if _OPENED is None or event not in ("open", "os.scandir", "os.listdir"):
        return
    path = args[0] if args else None
    if isinstance(path, (str, bytes, os.PathLike)):
        _OPENED.append((event, os.fsdecode(path)))


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one is idle unless armed


def _outside(paths: list[tuple[str, str]], allowed: list[Path]) -> list[tuple[str, str]]:
    """The recorded paths that lie outside every allowed folder (compared before and after resolving links)."""
    prefixes = {os.path.abspath(p) for p in allowed} | {os.path.realpath(p) for p in allowed}

    def inside(path: str) -> bool:
        absolute = os.path.abspath(path)
        return any(absolute == p or absolute.startswith(p.rstrip("/") + "/") for p in prefixes)

    return [(event, path) for event, path in paths if not inside(path)]


def test_links_to_root_and_cites_of_etc_passwd_read_nothing_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], model, tmp_path_factory
) -> None:
    """A link to /, a link loop, a link to /etc/passwd and cites of /etc/passwd: refused or skipped, and no path outside is opened."""
    global _OPENED
    # The model is loaded (its files opened, legitimately, once) before recording starts.
    monkeypatch.chdir(tmp_path)
    build(
        tmp_path,
        {
            "src/a.txt": GOOD_SOURCE,
            "src/root": Link("/"),
            "src/etc": Link("/etc"),
            "src/up": Link(".."),
            "src/loop": Link("."),
            "src/sub/deeper": Link("../.."),
            "src/passwd.txt": Link("/etc/passwd"),
            "src/sources.yaml": Link("/etc/passwd"),
            "absolute.yaml": claims(CLAIM + "    cite: /etc/passwd\n"),
            "relative.yaml": claims(CLAIM + "    cite: ../../etc/passwd\n"),
            "linked.yaml": claims(CLAIM + "    cite: passwd.txt\n"),
            "plain.yaml": claims(),
        },
    )
    allowed = [tmp_path, tmp_path_factory.getbasetemp(), Path(sys.prefix), Path(sys.base_prefix), *[Path(p) for p in sys.path if p]]
    results = {}
    _OPENED = []
    try:
        for name in ("absolute", "relative", "linked", "plain"):
            results[name] = run_cli(["check", f"{name}.yaml", "--format", "json"], capsys)
        opened = list(_OPENED)
    finally:
        _OPENED = None
    assert opened, "the audit hook recorded nothing: the test would prove nothing"
    assert any(path.endswith("a.txt") for _, path in opened)
    assert not [
        p for _, p in opened if os.path.abspath(p).startswith(("/etc", "/proc", "/root/.ssh", str(tmp_path / "src" / "root"), str(tmp_path / "src" / "etc")))
    ]
    assert _outside(opened, allowed) == []
    assert results["absolute"][0] == 2 and re.match(r"^absolute\.yaml:5: cite '/etc/passwd' points outside the sources root", results["absolute"][2])
    assert results["relative"][0] == 2 and re.match(r"^relative\.yaml:5: cite '\.\./\.\./etc/passwd' points outside the sources root", results["relative"][2])
    assert (
        results["linked"][0] == 2 and results["linked"][2].splitlines()[-1] == "linked.yaml:3: claim 'icm' cites 'passwd.txt', which is not among the sources"
    )
    code, out, err = results["plain"]
    assert code in (0, 1), err
    assert {e["source"] for c in json.loads(out)["claims"] for e in c["evidence"]} == {"a.txt"}
    assert "root: link leads outside the sources root; not followed" in err
    assert "passwd.txt: link leads outside the sources root; not followed" in err


# --------------------------------------------------------------------------- determinism


def test_json_report_is_byte_identical_across_runs_and_hash_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], model
) -> None:  # type: ignore[no-untyped-def]
    """The same inputs give the same bytes: in this process and in two concurrent ones with other PYTHONHASHSEEDs."""
    from claimcheck.corpus import load_corpus
    from claimcheck.index import build_index

    cache = tmp_path / "cache"
    # Warm the cache here, where the model is already loaded: the child processes then only import,
    # load the model and encode three claims.
    build_index(load_corpus([SEEDS], warn=lambda message: None), model, cache_dir=cache)
    claims_file = tmp_path / "claims.yaml"
    claims_file.write_text(
        "claims:\n"
        "  - id: icm\n    text: ICE awarded Palantir a $41 million contract in 2014.\n"
        "  - id: aws\n    text: Palantir pays Amazon about $600,000 a month for cloud services.\n"
        "  - id: moon\n    text: The agency opened an office on the Moon in 1999.\n",
        encoding="utf-8",
    )
    arguments = ["check", str(claims_file), "--sources", str(SEEDS), "--format", "json", "--no-fail"]
    command = [sys.executable, "-c", "from claimcheck.cli import main; main()", *arguments]
    runs = []
    for seed in ("0", "12345"):
        # One torch thread each: two concurrent runs on a small machine otherwise fight over the cores.
        env = {**os.environ, "PYTHONHASHSEED": seed, "CLAIMCHECK_CACHE_DIR": str(cache), "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        runs.append(subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(cache))
    code, here, err = run_cli(arguments, capsys)
    assert code == 0, err
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_out, err_bytes) in zip(runs, outputs):
        assert run.returncode == 0, err_bytes.decode()
        assert err_bytes == b""  # a warm cache, valid input: not even a warning
    assert outputs[0][0] == outputs[1][0] == here.encode("utf-8")
    assert json.loads(here)["claims"][0]["evidence"]


# --------------------------------------------------------------------------- trust: safe writes and signals (the rows' checks)
# Referred to from the rows through lambdas (resolved when a row runs), so they live down here, apart from the other sections.


def _untouched(
    tmp: Path,
    files: dict[str, str],
    links: dict[str, str] | None = None,
    *,
    absent: tuple[str, ...] = (),
    devices: tuple[str, ...] = (),
    report: str | None = None,
    strays: tuple[str, ...] = (),
) -> None:
    """Files keep their text, links stay links to the same place, nothing named in `absent` exists, no temporary file is left."""
    for name, text in files.items():
        assert (tmp / name).read_bytes() == text.encode("utf-8"), name
    for name, target in (links or {}).items():
        assert (tmp / name).is_symlink() and os.readlink(tmp / name) == target, name
    for name in absent:
        assert not os.path.lexists(tmp / name), name
    for device in devices:
        assert not stat.S_ISREG(os.lstat(device).st_mode), f"{device} was replaced by a regular file"
    if report:
        assert json.loads((tmp / report).read_text(encoding="utf-8"))["claims"]
    left = sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*.tmp"))
    assert left == sorted(strays), f"temporary files left behind: {left}"


def _silent(out: str, err: str, tmp: Path) -> None:
    assert (out, err) == ("", "")


def _interrupted(out: str, err: str, tmp: Path) -> None:
    assert (out, err) == ("", "claimcheck: interrupted\n")


def _interrupt_at(monkeypatch: pytest.MonkeyPatch, module: str, name: str) -> None:
    """Ctrl-C as the run reaches `module.name` (the interrupt Python raises from SIGINT)."""
    import importlib

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib.import_module(module), name, interrupted)


def _fail_second_write(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """The second output's temporary file fails (Ctrl-C, a full disk) after the first was prepared."""
    from claimcheck import output

    real = output.write_temp
    calls = []

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        if len(calls) == 2:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(output, "write_temp", failing)


def _guessable_temp_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let an attacker guess the first temporary name (the row plants a link there)."""
    from claimcheck import output

    names, real = iter(["guessed"]), output.temp_token
    monkeypatch.setattr(output, "temp_token", lambda: next(names, None) or real())


_FIFO_READERS: dict[Path, threading.Thread] = {}


def _read_fifo(fifo: Path, into: Path) -> None:
    """A reader at the other end of `fifo`, as `cat pipe > into` would be."""
    thread = threading.Thread(target=lambda: into.write_bytes(fifo.read_bytes()), daemon=True)
    thread.start()
    _FIFO_READERS[fifo] = thread


def _fifo_received(tmp: Path) -> None:
    fifo = tmp / "pipe"
    thread = _FIFO_READERS.pop(fifo)
    thread.join(timeout=30)
    if thread.is_alive():  # the run never opened the pipe: release the reader before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert not thread.is_alive(), "the report was never written to the FIFO"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced"
    assert json.loads((tmp / "received.json").read_text(encoding="utf-8"))["claims"]
    _untouched(tmp, {})


def _null_device(node: Path) -> None:
    """A null device node at `node`; where nodes cannot be made, a link to /dev/null (a faulty writer replaces only the link)."""
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        node.symlink_to("/dev/null")
