"""Claims files (YAML) → `Claim`s, validated strictly with `file:line: message` errors."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

import yaml
from yaml.constructor import SafeConstructor

from .errors import ClaimcheckError
from .models import Claim, Label
from .safeio import compose_yaml, describe, node_line, read_regular_file, safe_yaml, to_python

__all__ = [
    "PROJECT_MARKERS",
    "ClaimsFile",
    "compose_yaml",
    "confine_sources",
    "discover_claims_files",
    "load_claims_file",
    "parse_claims",
    "project_root",
    "safe_relative",
    "safe_yaml",
]

CLAIM_KEYS = ("id", "text", "expect", "cite", "tags")
FILE_KEYS = ("sources", "claims")
CLAIMS_SUFFIXES = (".yaml", ".yml")
MAX_CLAIMS_FILE_BYTES = 5 * 1024 * 1024
MAX_ID_CHARS = 200
# A claim is a sentence or two; anything longer is a pasted document, and slows every comparison.
MAX_CLAIM_CHARS = 2000


@dataclass(frozen=True)
class ClaimsFile:
    """The claims of one file and the sources folders it names (resolved against the file's folder)."""

    path: str
    claims: tuple[Claim, ...]
    sources: tuple[str, ...] = ()
    sources_named: tuple[tuple[str, int], ...] = ()  # each `sources:` entry as written, with its line


def _strings(value: object, node: yaml.Node, file: str, key: str) -> tuple[str, ...]:
    """A string or a list of strings, as a tuple."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        for item, item_node in value:
            if not isinstance(item, str):
                raise ClaimcheckError(f"'{key}' must be a string or a list of strings; an item is {describe(item)}", file, node_line(item_node))
        return tuple(item for item, _ in value)
    raise ClaimcheckError(f"'{key}' must be a string or a list of strings, not {describe(value)}", file, node_line(node))


def safe_relative(path: str) -> bool:
    """Whether a cited path stays inside the sources root (relative, no '..', no drive or UNC share)."""
    pure = PurePosixPath(path.replace("\\", "/"))
    windows = PureWindowsPath(path)
    return not pure.is_absolute() and not windows.drive and not windows.root and ".." not in pure.parts


def _claim(entry: object, node: yaml.Node, file: str, index: int) -> Claim:
    if not isinstance(entry, dict):
        raise ClaimcheckError(f"claim {index} must be a mapping with 'id' and 'text', not {describe(entry)}", file, node_line(node))
    for key in entry:
        if key not in CLAIM_KEYS:
            key_line = next((node_line(k) for k, _ in node.value if k.value == key), node_line(node))
            raise ClaimcheckError(f"unknown key '{key}' (allowed: {', '.join(CLAIM_KEYS)})", file, key_line)
    for required in ("id", "text"):
        if required not in entry:
            raise ClaimcheckError(f"claim {index} has no '{required}'", file, node_line(node))
    claim_id, id_node = entry["id"]
    if not isinstance(claim_id, str) or not claim_id.strip():
        raise ClaimcheckError(f"'id' must be a non-empty string, not {describe(claim_id)}", file, node_line(id_node))
    claim_id = claim_id.strip()
    if not claim_id.isprintable():
        raise ClaimcheckError("'id' must be one line of printable characters", file, node_line(id_node))
    if len(claim_id) > MAX_ID_CHARS:
        raise ClaimcheckError(f"'id' is {len(claim_id)} characters long (at most {MAX_ID_CHARS})", file, node_line(id_node))
    text, text_node = entry["text"]
    if not isinstance(text, str):
        raise ClaimcheckError(f"'text' must be a string, not {describe(text)}", file, node_line(text_node))
    text = " ".join(text.split())
    # Punctuation, emoji or zero-width characters alone give nothing to match: the claim is empty.
    if not any(ch.isalnum() for ch in text):
        raise ClaimcheckError(f"claim '{claim_id}' has empty text", file, node_line(text_node))
    if len(text) > MAX_CLAIM_CHARS:
        raise ClaimcheckError(
            f"claim '{claim_id}' is {len(text):,} characters long; a claim is a sentence or two (at most {MAX_CLAIM_CHARS:,})", file, node_line(text_node)
        )
    expect = None
    if "expect" in entry:
        value, expect_node = entry["expect"]
        allowed = ", ".join(label.value for label in Label)
        try:
            expect = Label(value)
        except ValueError:
            hint = " (write it in lower case)" if isinstance(value, str) and value.lower() in {label.value for label in Label} else ""
            raise ClaimcheckError(f"'expect' must be one of {allowed}, not {describe(value)}{hint}", file, node_line(expect_node)) from None
    cite: tuple[str, ...] = ()
    if "cite" in entry:
        value, cite_node = entry["cite"]
        cite = _strings(value, cite_node, file, "cite")
        for cited in cite:
            # Only checked against the loaded sources' names, never opened; refused here so a hostile
            # path is named as the mistake it is rather than as a missing source.
            if not cited.strip():
                raise ClaimcheckError("'cite' entries must be non-empty paths", file, node_line(cite_node))
            if not cited.isprintable():
                raise ClaimcheckError(f"cite {cited!r} is not a one-line file path", file, node_line(cite_node))
            if not safe_relative(cited):
                raise ClaimcheckError(f"cite '{cited}' points outside the sources root (cite paths relative to it)", file, node_line(cite_node))
    tags: tuple[str, ...] = ()
    if "tags" in entry:
        value, tags_node = entry["tags"]
        tags = _strings(value, tags_node, file, "tags")
    return Claim(id=claim_id, text=text, expect=expect, cite=cite, tags=tags, file=file, line=node_line(node))


def parse_claims(content: str, file: str) -> ClaimsFile:
    """Validate and parse the text of a claims file named `file`."""
    root = compose_yaml(content, file)
    if root is None:
        raise ClaimcheckError("empty claims file", file, 1)
    data = to_python(root, file, SafeConstructor())
    if not isinstance(data, dict):
        raise ClaimcheckError(f"a claims file is a mapping with a 'claims' list, not {describe(data)}", file, node_line(root))
    for key, (_, _key_node) in data.items():
        if key not in FILE_KEYS:
            key_line = next((node_line(k) for k, _ in root.value if k.value == key), node_line(root))
            raise ClaimcheckError(f"unknown key '{key}' (allowed: {', '.join(FILE_KEYS)})", file, key_line)
    if "claims" not in data:
        raise ClaimcheckError("no 'claims' list", file, node_line(root))
    entries, claims_node = data["claims"]
    if not isinstance(entries, list):
        raise ClaimcheckError(f"'claims' must be a list, not {describe(entries)}", file, node_line(claims_node))
    if not entries:
        raise ClaimcheckError("'claims' is empty", file, node_line(claims_node))
    claims: list[Claim] = []
    ids: dict[str, int] = {}
    for index, (entry, node) in enumerate(entries, start=1):
        claim = _claim(entry, node, file, index)
        if claim.id in ids:
            raise ClaimcheckError(f"duplicate id '{claim.id}' (first on line {ids[claim.id]})", file, claim.line)
        ids[claim.id] = claim.line or 0
        claims.append(claim)
    sources: tuple[str, ...] = ()
    if "sources" in data:
        value, sources_node = data["sources"]
        base = Path(file).parent
        named = _strings(value, sources_node, file, "sources")
        if any(not s.strip() or "\0" in s for s in named):
            raise ClaimcheckError("'sources' entries must be non-empty paths", file, node_line(sources_node))
        sources = tuple(os.path.normpath(base / s) for s in named)
        lines = [node_line(item) for _, item in value] if isinstance(value, list) else [node_line(sources_node)]
        return ClaimsFile(file, tuple(claims), sources, tuple(zip(named, lines)))
    return ClaimsFile(file, tuple(claims), sources)


# A folder holding one of these is a project root: the tree a claims file's `sources:` may name.
PROJECT_MARKERS = (".claimcheck.toml", "pyproject.toml", ".git")


def project_root(claims_path: str | os.PathLike[str]) -> Path:
    """The folder tree a claims file's `sources:` may name, links resolved.

    That is its project: the nearest folder at or above the claims file holding `.claimcheck.toml`,
    `pyproject.toml` or `.git` (a repository checkout always has one), or, outside any project, the
    claims file's own folder. `claims/seeds.yaml` naming `../seeds` stays inside its repository.
    """
    folder = Path(os.path.abspath(claims_path)).parent
    for candidate in (folder, *folder.parents):
        if any(os.path.lexists(candidate / marker) for marker in PROJECT_MARKERS):
            return Path(os.path.realpath(candidate))
    return Path(os.path.realpath(folder))


def confine_sources(claims_file: ClaimsFile, allowed: Sequence[str | os.PathLike[str]] = ()) -> None:
    """Refuse a `sources:` entry that leads outside the claims file's project tree and every `allowed` folder.

    Both sides are compared with links resolved and `..` folded, so neither `../../etc` nor a link
    planted inside the project that points out of it gets through. A claims file from an untrusted
    change cannot make a report quote a file elsewhere on the machine.
    """
    if not claims_file.sources:
        return
    root = project_root(claims_file.path)
    trees = [root, *(Path(os.path.realpath(folder)) for folder in allowed)]
    for (named, line), source in zip(claims_file.sources_named, claims_file.sources):
        real = Path(os.path.realpath(source))  # realpath never raises, even on a link loop
        if not any(real == tree or real.is_relative_to(tree) for tree in trees):
            raise ClaimcheckError(
                f"'sources' entry '{named}' leads outside the claims file's project ({root}); pass --sources, or list the folder in allow-sources-outside in .claimcheck.toml",
                claims_file.path,
                line,
            )


def load_claims_file(path: str | os.PathLike[str]) -> ClaimsFile:
    """Read and parse one claims file."""
    name = os.fspath(path)
    data = read_regular_file(path, MAX_CLAIMS_FILE_BYTES, "claims file", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ClaimcheckError("claims file is UTF-16; save it as UTF-8", name)
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ClaimcheckError(f"claims file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", name, line) from None
    return parse_claims(content, name)


def discover_claims_files(paths: list[str]) -> list[str]:
    """Claims files named directly, or found (recursively, sorted) in named folders."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            matches: list[Path] = []

            def fail(exc: OSError, given: str = given) -> None:
                raise ClaimcheckError(f"cannot list folder: {exc.strerror or exc}", exc.filename or given)

            # Links to folders are not followed: a link to / or a link loop must not send the search
            # across the whole disk; hidden folders (.git, …) are skipped.
            for directory, subdirs, files in os.walk(path, onerror=fail):
                subdirs[:] = [d for d in subdirs if not d.startswith(".")]
                for name in files:
                    candidate = Path(directory) / name
                    if name.endswith(CLAIMS_SUFFIXES) and not name.startswith(".") and candidate.is_file():
                        matches.append(candidate)
            if not matches:
                raise ClaimcheckError("no *.yaml or *.yml claims files in this folder", given)
            found.extend(str(p) for p in sorted(matches))
        elif path.exists() or path.is_symlink():
            found.append(given)  # read_regular_file says what is wrong with a pipe, device or broken link
        else:
            raise ClaimcheckError("no such file or folder", given)
    # A file named twice ("claims/" and "claims/seeds.yaml") is checked once.
    unique: dict[str, str] = {}
    for name in found:
        unique.setdefault(os.path.realpath(name), name)  # realpath, unlike resolve(), never raises on a link loop
    return list(unique.values())
