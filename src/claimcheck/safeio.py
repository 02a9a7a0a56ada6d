"""Safe readers shared by every input: regular files under a size limit, and YAML under strict limits.

Claims files, drafts' front matter and `sources.yaml` all go through `compose_yaml`: aliases, tags
other than the core ones, merge keys and deep nesting are refused before anything is built, so an
alias bomb never expands. Every file the tool reads goes through `read_regular_file`: a FIFO or a
device is refused, never waited on, and a size limit is enforced while reading.
"""

from __future__ import annotations

import datetime
import os
import stat

import yaml
from yaml.constructor import SafeConstructor

from .errors import ClaimcheckError

__all__ = ["MAX_YAML_DEPTH", "compose_yaml", "describe", "node_line", "read_regular_file", "safe_yaml", "to_python"]

# Claims files and front matter are shallow (file → claims → claim → cite); deeper nesting is an attack or a mistake.
MAX_YAML_DEPTH = 32

_CORE = "tag:yaml.org,2002:"
# Tags a person may write explicitly; anything else (!!python/…, !!binary, custom !tags) is refused.
_ALLOWED_TAGS = frozenset({"!", *(_CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp"))})


def read_regular_file(path: str | os.PathLike[str], limit: int, what: str, name: str | None = None, hint: str = "") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FIFOs, devices and folders are refused, never read.

    `what` names the file in messages ("source", "claims file"), `name` is the path to show, and `hint`
    is appended to the size-limit message (how to raise the limit, where it can be raised).
    """
    name = os.fspath(path) if name is None else name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise ClaimcheckError(f"{what} is a folder, not a file", name) from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ClaimcheckError(f"cannot read {what}: {reason}", name) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ClaimcheckError(f"{what} is a folder, not a file", name)
        if not stat.S_ISREG(info.st_mode):
            raise ClaimcheckError(f"{what} is not a regular file (a pipe, socket or device); not read", name)
        if info.st_size > limit:
            raise ClaimcheckError(f"{what} is {info.st_size:,} bytes, over the {limit:,}-byte limit{hint}", name)
        chunks = []
        remaining = limit + 1  # one byte more than allowed tells a file that grew after fstat
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise ClaimcheckError(f"cannot read {what}: {exc.strerror or exc}", name) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise ClaimcheckError(f"{what} grew past the {limit:,}-byte limit while being read{hint}", name)
    return data


def node_line(node: yaml.Node | yaml.Event) -> int:
    """The 1-based line where a YAML node or event starts."""
    mark = node.start_mark
    return mark.line + 1 if mark is not None else 1


def yaml_error(exc: yaml.YAMLError, content: str, file: str, label: str = "YAML") -> ClaimcheckError:
    """A PyYAML error as one `file:line: invalid YAML: problem` error (`label` names what held the YAML)."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = content.count("\n", 0, exc.position) + 1
        character = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        return ClaimcheckError(f"invalid {label}: character U+{character:04X} is not allowed", file, line)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or ["unreadable"])[0]
    if "another document" in problem:
        problem = "a claims file holds one YAML document, but '---' starts another"
    return ClaimcheckError(f"invalid {label}: {problem}", file, mark.line + 1 if mark else None)


def compose_yaml(content: str, file: str, label: str = "YAML") -> yaml.Node | None:
    """One YAML document as nodes; aliases, unknown tags and deep nesting are refused before anything is built."""
    try:
        return _compose(content, file, _FAST_LOADER)
    except yaml.YAMLError:
        pass  # said again below by the pure-Python parser, whose messages (and marks) the error contract was written for
    try:
        return _compose(content, file, yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, content, file, label) from None


# libyaml's parser when PyYAML was built with it: the same events and nodes, parsed ~10x faster (a 100-claim file in
# ~20 ms instead of ~200), which is most of a run the results memo answers.
_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(content: str, file: str, loader: type[yaml.SafeLoader]) -> yaml.Node | None:
    """Check the event stream, then compose, with `loader`."""
    depth = 0
    # The event stream is produced without recursion or expansion, so checking it first means an
    # alias bomb never expands and a 10,000-deep nesting never reaches the recursive composer.
    for event in yaml.parse(content, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise ClaimcheckError("YAML aliases (*name) are not allowed", file, node_line(event))
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise ClaimcheckError(f"YAML tag '{tag.replace(_CORE, '!!')}' is not allowed", file, node_line(event))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise ClaimcheckError(f"YAML nested more than {MAX_YAML_DEPTH} levels deep", file, node_line(event))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    node: yaml.Node | None = yaml.compose(content, Loader=loader)
    return node


def _scalar(node: yaml.ScalarNode, constructor: SafeConstructor, file: str) -> object:
    """The value of a scalar node (strings, numbers, booleans, null, dates)."""
    if node.tag == _CORE + "merge":
        raise ClaimcheckError("YAML merge keys ('<<') are not allowed", file, node_line(node))
    try:
        return constructor.construct_object(node)
    except yaml.YAMLError as exc:
        reason = getattr(exc, "problem", None) or str(exc)
        raise ClaimcheckError(f"unreadable value: {reason}", file, node_line(node)) from None
    except (ValueError, OverflowError):
        # An integer of thousands of digits exceeds Python's int-parsing limit; no claim needs one.
        raise ClaimcheckError("unreadable value: number too large", file, node_line(node)) from None


def to_python(node: yaml.Node, file: str, constructor: SafeConstructor) -> object:
    """Plain data from a composed node, each list item and mapping value paired with its node (for line numbers)."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, constructor, file)
    if isinstance(node, yaml.SequenceNode):
        return [(to_python(item, file, constructor), item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, tuple[object, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = to_python(key_node, file, constructor)
            if not isinstance(key, str):
                raise ClaimcheckError(f"keys must be strings, not {describe(key)}", file, node_line(key_node))
            if key in result:
                raise ClaimcheckError(f"duplicate key '{key}'", file, node_line(key_node))
            result[key] = (to_python(value_node, file, constructor), value_node)
        return result
    raise ClaimcheckError("unsupported YAML node", file, node_line(node))  # pragma: no cover - composer makes no others


def safe_yaml(content: str, file: str, label: str = "YAML") -> object:
    """Plain data from YAML text under the same limits as claims files (`sources.yaml`, a draft's front matter)."""
    node = compose_yaml(content, file, label)
    if node is None:
        return None
    constructor = SafeConstructor()

    def plain(value: object) -> object:
        if isinstance(value, list):
            return [plain(item) for item, _ in value]
        if isinstance(value, dict):
            return {key: plain(item) for key, (item, _) in value.items()}
        return value

    return plain(to_python(node, file, constructor))


def describe(value: object) -> str:
    """A short description of a wrong value for a message: never a huge or multi-line repr."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int) and value.bit_length() > 200:
        return "a very large number"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"a date ({value.isoformat()}; quote it to make it a string)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    return type(value).__name__  # pragma: no cover - safe YAML builds no other types
