"""Settings from `.claimcheck.toml` or `[tool.claimcheck]` in `pyproject.toml`, found walking up from a folder."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ClaimcheckError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SETTINGS = {
    "sources": "sources folders (relative to the config file)",
    "fail-on": "verdicts that fail the gate",
    "format": "report format",
    "model": "local sentence-transformers model folder",
    "cache-dir": "embedding cache folder",
    "max-file-size": "largest source file read, in bytes",
    "max-files": "most source files read in one run",
    "max-total-size": "most bytes of sources read in one run",
    "max-passages": "most passages (sentences and sentence pairs) indexed in one run",
    "max-extract-seconds": "longest time reading one PDF, HTML or DOCX file may take, in seconds",
    "max-extract-memory": "most memory reading one PDF, HTML or DOCX file may add, in bytes",
    "allow-sources-outside": "folders outside its project a claims file's sources: may name (true: anywhere)",
    "nli-model": "local CrossEncoder NLI model folder",
    "jobs": "processes that judge claims at once (default: the machine's cores; 1: in the main process only)",
    "thresholds": "overrides of calibrated thresholds",
}


@dataclass
class Config:
    """Effective settings and where each came from ("default", a config file, or "command line")."""

    values: dict[str, object] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    file: Path | None = None

    def get(self, key: str, default: object = None) -> object:
        """A setting, or `default` when unset."""
        return self.values.get(key, default)

    def set(self, key: str, value: object, origin: str) -> None:
        """Override a setting, recording where the new value came from."""
        self.values[key] = value
        self.origins[key] = origin


def _read_toml(path: Path) -> dict[str, object]:
    try:
        data: dict[str, object] = tomllib.loads(path.read_text(encoding="utf-8"))
        return data
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's TOMLDecodeError has no lineno: read it from the message.
        found = re.search(r"\(at line (\d+)", str(exc))
        line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else None)
        message = str(exc).split(" (at line")[0]
        raise ClaimcheckError(f"invalid TOML: {message}", str(path), line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimcheckError(f"cannot read config: {exc}", str(path)) from None


def find_config(start: Path) -> tuple[Path, dict[str, object]] | None:
    """The nearest `.claimcheck.toml`, or `pyproject.toml` with a `[tool.claimcheck]` table, at or above `start`."""
    for folder in [start, *start.parents]:
        dedicated = folder / ".claimcheck.toml"
        if dedicated.is_file():
            return dedicated, _read_toml(dedicated)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {})
            if isinstance(table, dict) and isinstance(table.get("claimcheck"), dict):
                return pyproject, table["claimcheck"]
    return None


def load_config(start: Path | None = None) -> Config:
    """Settings from the nearest config file, validated; paths made relative to the working folder."""
    config = Config()
    found = find_config((start or Path.cwd()).resolve())
    if found is None:
        return config
    path, table = found
    config.file = path
    origin = str(path)
    for key, value in table.items():
        if key not in SETTINGS:
            raise ClaimcheckError(f"unknown setting '{key}' (known: {', '.join(SETTINGS)})", origin)
        if key == "sources":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
                raise ClaimcheckError("'sources' must be a path or a list of paths", origin)
            value = [str(_relative(path.parent / v)) for v in items]
        elif key in ("model", "cache-dir", "nli-model"):
            if not isinstance(value, str):
                raise ClaimcheckError(f"'{key}' must be a path", origin)
            value = str(_relative(path.parent / value))
        elif key == "fail-on":
            if isinstance(value, list):
                value = ",".join(map(str, value))
            if not isinstance(value, str):
                raise ClaimcheckError("'fail-on' must be a comma list or a list of verdicts", origin)
        elif key == "format" and not isinstance(value, str):
            raise ClaimcheckError("'format' must be a string", origin)
        elif key in ("max-file-size", "max-total-size") and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            raise ClaimcheckError(f"'{key}' must be a positive whole number of bytes", origin)
        elif key == "max-extract-seconds" and (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 86400):
            raise ClaimcheckError("'max-extract-seconds' must be a positive number of seconds (at most 86400)", origin)
        elif key == "max-extract-memory" and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            raise ClaimcheckError("'max-extract-memory' must be a positive whole number of bytes", origin)
        elif key in ("max-files", "max-passages", "jobs") and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            raise ClaimcheckError(f"'{key}' must be a positive whole number", origin)
        elif key == "allow-sources-outside":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, (bool, list)) or (isinstance(value, list) and not all(isinstance(v, str) and v.strip() for v in value)):
                raise ClaimcheckError("'allow-sources-outside' must be true, false, or a list of folders", origin)
            if isinstance(value, list):
                # Relative to the config file, as `sources` is; links are resolved when compared.
                value = [str(_relative(path.parent / v)) for v in value]
        elif key == "thresholds" and not isinstance(value, dict):
            raise ClaimcheckError("'thresholds' must be a table", origin)
        config.set(key, value, origin)
    return config


def _relative(path: Path) -> Path:
    """`path` relative to the working folder when it lies below it, for shorter messages."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path
