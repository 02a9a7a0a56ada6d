"""Baselines: record today's verdicts so a gate fails only on new or changed ones."""

from __future__ import annotations

import hashlib
import json

from .errors import ClaimcheckError
from .models import Claim, Label, Verdict
from .output import write_text
from .safeio import read_regular_file
from .text import normalise

BASELINE_VERSION = 1
# An entry is under 300 bytes even with a 200-character id: room for some 200,000 claims.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def fingerprint(claim: Claim) -> str:
    """A stable key for a claim: its id and its normalised, case-folded text."""
    text = " ".join(normalise(claim.text).casefold().split())
    return hashlib.sha256(f"{claim.id}\x00{text}".encode()).hexdigest()[:20]


def baseline_text(verdicts: list[Verdict]) -> str:
    """Every claim's fingerprint and verdict as the baseline file's JSON (sorted, so the file diffs cleanly)."""
    entries = {fingerprint(v.claim): {"id": v.claim.id, "verdict": v.label.value} for v in verdicts}
    data = {"version": BASELINE_VERSION, "claims": dict(sorted(entries.items()))}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: str, verdicts: list[Verdict]) -> None:
    """Save every claim's fingerprint and verdict through the one output writer (complete or not at all)."""
    write_text(path, baseline_text(verdicts), "baseline")


def load_baseline(path: str) -> dict[str, Label]:
    """Fingerprint → recorded verdict."""
    # A regular file of bounded size: `/dev/zero` or a FIFO given as the baseline is refused, never read.
    raw = read_regular_file(path, MAX_BASELINE_BYTES, "baseline", path, " (a baseline may be at most 64 MB)")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ClaimcheckError(f"baseline is not valid JSON: {exc}", path, getattr(exc, "lineno", None)) from None
    except RecursionError:
        raise ClaimcheckError("baseline is not valid JSON: nested too deeply", path) from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("claims"), dict):
        raise ClaimcheckError(f"not a claimcheck baseline (version {BASELINE_VERSION})", path)
    known: dict[str, Label] = {}
    for key, entry in data["claims"].items():
        try:
            known[str(key)] = Label(entry["verdict"])
        except (TypeError, KeyError, ValueError):
            raise ClaimcheckError(f"baseline entry '{key}' has no valid verdict", path) from None
    return known


def is_known(verdict: Verdict, baseline: dict[str, Label]) -> bool:
    """Whether the baseline already records this claim with this verdict."""
    return baseline.get(fingerprint(verdict.claim)) is verdict.label
