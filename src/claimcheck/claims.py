"""Claims files (YAML) → `Claim`s, validated strictly with `file:line: message` errors."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

import yaml

from .errors import ClaimcheckError
from .models import Claim, Label

CLAIM_KEYS = ("id", "text", "expect", "cite", "tags")
FILE_KEYS = ("sources", "claims")
CLAIMS_SUFFIXES = (".yaml", ".yml")
MAX_CLAIMS_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ClaimsFile:
    """The claims of one file and the sources folders it names (resolved against the file's folder)."""

    path: str
    claims: tuple[Claim, ...]
    sources: tuple[str, ...] = ()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _to_python(node: yaml.Node, file: str, seen: set[int]) -> object:
    """Plain data from a composed node; aliases are refused so that no alias bomb can expand."""
    if id(node) in seen:
        raise ClaimcheckError("YAML aliases are not allowed in claims files", file, _line(node))
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return yaml.SafeLoader(" ").construct_object(node)  # type: ignore[no-untyped-call]
    if isinstance(node, yaml.SequenceNode):
        return [(_to_python(item, file, seen), item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        result: dict[object, tuple[object, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = _to_python(key_node, file, seen)
            if not isinstance(key, str):
                raise ClaimcheckError(f"keys must be strings, not {key!r}", file, _line(key_node))
            if key in result:
                raise ClaimcheckError(f"duplicate key '{key}'", file, _line(key_node))
            result[key] = (_to_python(value_node, file, seen), value_node)
        return result
    raise ClaimcheckError("unsupported YAML node", file, _line(node))


def _strings(value: object, node: yaml.Node, file: str, key: str) -> tuple[str, ...]:
    """A string or a list of strings, as a tuple."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item, _ in value):
        return tuple(item for item, _ in value)  # type: ignore[misc]
    raise ClaimcheckError(f"'{key}' must be a string or a list of strings", file, _line(node))


def _safe_relative(path: str) -> bool:
    """Whether a cited path stays inside the sources root (relative, no '..', no drive)."""
    pure = PurePosixPath(path.replace("\\", "/"))
    return bool(path.strip()) and not pure.is_absolute() and not PureWindowsPath(path).drive and ".." not in pure.parts


def _claim(entry: object, node: yaml.Node, file: str, index: int) -> Claim:
    if not isinstance(entry, dict):
        raise ClaimcheckError(f"claim {index} must be a mapping with 'id' and 'text'", file, _line(node))
    for key, (_, key_node) in entry.items():
        if key not in CLAIM_KEYS:
            raise ClaimcheckError(f"unknown key '{key}' (allowed: {', '.join(CLAIM_KEYS)})", file, _line(key_node))
    for required in ("id", "text"):
        if required not in entry:
            raise ClaimcheckError(f"claim {index} has no '{required}'", file, _line(node))
    claim_id, id_node = entry["id"]
    if not isinstance(claim_id, str) or not claim_id.strip():
        raise ClaimcheckError(f"'id' must be a non-empty string, not {claim_id!r}", file, _line(id_node))
    text, text_node = entry["text"]
    if not isinstance(text, str):
        raise ClaimcheckError(f"'text' must be a string, not {type(text).__name__}", file, _line(text_node))
    if not " ".join(text.split()) or not any(ch.isalnum() for ch in text):
        raise ClaimcheckError(f"claim '{claim_id}' has empty text", file, _line(text_node))
    expect = None
    if "expect" in entry:
        value, expect_node = entry["expect"]
        try:
            expect = Label(value)
        except ValueError:
            allowed = ", ".join(label.value for label in Label)
            raise ClaimcheckError(f"'expect' must be one of {allowed}, not {value!r}", file, _line(expect_node)) from None
    cite: tuple[str, ...] = ()
    if "cite" in entry:
        value, cite_node = entry["cite"]
        cite = _strings(value, cite_node, file, "cite")
        for cited in cite:
            if not _safe_relative(cited):
                raise ClaimcheckError(f"cite '{cited}' points outside the sources root", file, _line(cite_node))
    tags: tuple[str, ...] = ()
    if "tags" in entry:
        value, tags_node = entry["tags"]
        tags = _strings(value, tags_node, file, "tags")
    return Claim(id=claim_id.strip(), text=" ".join(text.split()), expect=expect, cite=cite, tags=tags, file=file, line=_line(node))


def parse_claims(content: str, file: str) -> ClaimsFile:
    """Validate and parse the text of a claims file named `file`."""
    try:
        root = yaml.compose(content, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ClaimcheckError(f"invalid YAML: {problem}", file, mark.line + 1 if mark else None) from None
    if root is None:
        raise ClaimcheckError("empty claims file", file, 1)
    data = _to_python(root, file, set())
    if not isinstance(data, dict):
        raise ClaimcheckError("a claims file is a mapping with a 'claims' list", file, _line(root))
    for key, (_, key_node) in data.items():
        if key not in FILE_KEYS:
            raise ClaimcheckError(f"unknown key '{key}' (allowed: {', '.join(FILE_KEYS)})", file, _line(key_node))
    if "claims" not in data:
        raise ClaimcheckError("no 'claims' list", file, _line(root))
    entries, claims_node = data["claims"]
    if not isinstance(entries, list):
        raise ClaimcheckError("'claims' must be a list", file, _line(claims_node))
    if not entries:
        raise ClaimcheckError("'claims' is empty", file, _line(claims_node))
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
        sources = tuple(os.path.normpath(base / s) for s in _strings(value, sources_node, file, "sources"))
    return ClaimsFile(file, tuple(claims), sources)


def load_claims_file(path: str | os.PathLike[str]) -> ClaimsFile:
    """Read and parse one claims file."""
    name = str(path)
    try:
        if Path(path).stat().st_size > MAX_CLAIMS_FILE_BYTES:
            raise ClaimcheckError(f"claims file is over {MAX_CLAIMS_FILE_BYTES:,} bytes", name)
        content = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ClaimcheckError(f"cannot read claims file: {exc.strerror or exc}", name) from None
    except UnicodeDecodeError as exc:
        raise ClaimcheckError(f"claims file is not UTF-8 (byte {exc.start})", name) from None
    return parse_claims(content, name)


def discover_claims_files(paths: list[str]) -> list[str]:
    """Claims files named directly, or found (recursively, sorted) in named folders."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            matches = sorted(
                p for p in path.rglob("*") if p.suffix in CLAIMS_SUFFIXES and p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not matches:
                raise ClaimcheckError("no *.yaml or *.yml claims files in this folder", given)
            found.extend(str(p) for p in matches)
        elif path.exists():
            found.append(given)
        else:
            raise ClaimcheckError("no such file or folder", given)
    return found
