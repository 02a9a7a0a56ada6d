"""Baselines: record today's verdicts so a gate fails only on new or changed ones."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .errors import ClaimcheckError
from .models import Claim, Label, Verdict
from .text import normalise

BASELINE_VERSION = 1


def fingerprint(claim: Claim) -> str:
    """A stable key for a claim: its id and its normalised, case-folded text."""
    text = " ".join(normalise(claim.text).casefold().split())
    return hashlib.sha256(f"{claim.id}\x00{text}".encode()).hexdigest()[:20]


def write_baseline(path: str, verdicts: list[Verdict]) -> None:
    """Save every claim's fingerprint and verdict (sorted, so the file diffs cleanly)."""
    entries = {fingerprint(v.claim): {"id": v.claim.id, "verdict": v.label.value} for v in verdicts}
    data = {"version": BASELINE_VERSION, "claims": dict(sorted(entries.items()))}
    target = Path(path)
    try:
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise ClaimcheckError(f"cannot write baseline: {exc.strerror or exc}", path) from None


def load_baseline(path: str) -> dict[str, Label]:
    """Fingerprint → recorded verdict."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ClaimcheckError(f"cannot read baseline: {exc.strerror or exc}", path) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ClaimcheckError(f"baseline is not valid JSON: {exc}", path, getattr(exc, "lineno", None)) from None
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
