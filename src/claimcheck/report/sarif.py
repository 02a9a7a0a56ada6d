"""`--format sarif`: SARIF 2.1.0 for code-scanning tools; evidence passages become related locations."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path, PurePath
from urllib.parse import quote

from .. import __version__
from ..models import Citation, Label, Stance, Verdict
from .base import (
    VERDICT_NAMES,
    BaselineState,
    ReportContext,
    citation_note,
    claim_positions,
    fails,
    gate_note,
    place,
    relative_path,
    reported,
    summary,
)
from .escape import json_text, link_url, one_line

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "claimHash/v1"
# Characters left as they are in relative URIs; `:` is escaped so no first segment reads as a scheme.
_SAFE = "/!$&'()*+,;=@-._~"
# SARIF's plain-text messages treat `[text](n)` as a link to related location n: escape literal brackets.
_MESSAGE_ESCAPES = str.maketrans({"\\": "\\\\", "[": "\\[", "]": "\\]"})

RULES: dict[Label, dict[str, object]] = {
    Label.CONFLICTING: {
        "id": "claimcheck/conflicting",
        "name": "ConflictingClaim",
        "shortDescription": {"text": "A source says otherwise, or the sources disagree."},
        "fullDescription": {
            "text": "A passage in the sources contradicts the claim on a specific point: a figure, a date, a negation, "
            "a named entity or an explicit antonym. The result lists the contradicting passages (and any supporting ones)."
        },
        "help": {"text": "Read the quoted passages; correct the claim or drop it, or cite the source it relies on."},
        "defaultConfiguration": {"level": "error"},
    },
    Label.UNSOURCED: {
        "id": "claimcheck/unsourced",
        "name": "UnsourcedClaim",
        "shortDescription": {"text": "No source says this, for or against."},
        "fullDescription": {"text": "No passage in the sources states the claim or contradicts it. The related locations are the passages that came closest."},
        "help": {"text": "Add a source that states the claim, or rewrite the claim to match what the sources say."},
        "defaultConfiguration": {"level": "error"},
    },
    Label.SUPPORTED: {
        "id": "claimcheck/supported",
        "name": "SupportedClaim",
        "shortDescription": {"text": "A source says this (reported only when it fails the gate)."},
        "fullDescription": {
            "text": "A passage in the sources states the claim. Such a claim is reported only when the claims file expected another verdict for it, "
            "or when the gate checks citations and only a source it does not cite says it."
        },
        "help": {"text": "Check the claim's `expect` value against the quoted passages."},
        "defaultConfiguration": {"level": "warning"},
    },
}
RULE_ORDER = (Label.CONFLICTING, Label.UNSOURCED, Label.SUPPORTED)


@lru_cache(maxsize=1)
def information_uri() -> str | None:
    """The project's home page from the installed package metadata, if it names one."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("claimcheck")
    except PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository") and url.strip().startswith(("http://", "https://")):
            return str(url.strip())
    home = next(iter(meta.get_all("Home-page") or []), "")
    return str(home) if home.startswith(("http://", "https://")) else None


def fingerprint(verdict: Verdict, context: ReportContext) -> str:
    """A stable hash of the claim id and its normalised text: the same key a `--baseline` file uses (decided before rendering)."""
    return context.decision(verdict).fingerprint


# SARIF's own vocabulary for a result against a baseline (§3.27.24).
BASELINE_STATES = {BaselineState.NEW: "new", BaselineState.CHANGED: "updated", BaselineState.KNOWN: "unchanged"}


def _uri(path: str) -> str:
    """A relative URI reference for a file path (forward slashes, reserved characters escaped)."""
    relative = relative_path(path)
    if PurePath(relative).is_absolute():  # outside the working folder: name it in full
        return Path(relative).as_uri()  # (as_uri encodes undecodable file-name bytes as the bytes they were)
    return _path_uri(relative)


def _path_uri(path: str) -> str:
    """A relative URI reference for a path, percent-encoded (undecodable file-name bytes as the bytes they were)."""
    return quote(path, safe=_SAFE, errors="surrogateescape")


def _root_uri(root: str) -> str:
    """An absolute `file:` URI for a sources root, ending in a slash as SARIF base URIs must."""
    uri = Path(root).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _message(verdict: Verdict, context: ReportContext, links: list[tuple[int, str]]) -> str:
    """The result's message: a display string, so unsafe characters in it are shown as escapes."""
    text = f"{VERDICT_NAMES[verdict.label]}: {one_line(verdict.claim.text)}".translate(_MESSAGE_ESCAPES)
    note = gate_note(verdict, context)
    if note and (verdict.claim.expect is not None or verdict.citation is Citation.WRONG_SOURCE):
        text += f" ({note})"
    if verdict.explanation:
        text += " \u2014 " + one_line(verdict.explanation).translate(_MESSAGE_ESCAPES)
    if citation_note(verdict):
        text += " \u2014 " + one_line(citation_note(verdict)).translate(_MESSAGE_ESCAPES)
    if links:
        text += ". Evidence: " + ", ".join(f"[{one_line(label).translate(_MESSAGE_ESCAPES)}]({n})" for n, label in links)
    return text


def render_sarif(verdicts: list[Verdict], context: ReportContext) -> str:
    """A SARIF 2.1.0 log with one run: a result per claim that is not supported or that fails the gate."""
    positions = claim_positions(verdicts, context)
    roots = list(context.roots) + sorted({e.passage.root for v in verdicts for e in v.evidence} - set(context.roots))
    base_ids = {root: "SOURCES" if n == 0 else f"SOURCES{n + 1}" for n, root in enumerate(roots)}
    used_roots: set[str] = set()
    results = []
    for verdict in reported(verdicts, context):
        position = positions[id(verdict)]
        result: dict[str, object] = {
            "ruleId": RULES[verdict.label]["id"],
            "ruleIndex": RULE_ORDER.index(verdict.label),
            "level": "error" if fails(verdict, context) else "warning",
        }
        related = []
        links = []
        for n, item in enumerate(verdict.evidence, start=1):
            p = item.passage
            used_roots.add(p.root)
            stance = {Stance.SUPPORTS: "supports", Stance.CONTRADICTS: "contradicts", Stance.RELATED: "related"}[item.stance]
            related.append(
                {
                    "id": n,
                    "physicalLocation": {
                        "artifactLocation": {"uri": _path_uri(p.source), "uriBaseId": base_ids[p.root]},
                        "region": {
                            "startLine": p.line_start,
                            "endLine": p.line_end,
                            "charOffset": p.char_start,
                            "charLength": p.char_end - p.char_start,
                            "snippet": {"text": p.text},
                        },
                    },
                    "message": {"text": f"{stance}" + (f": {one_line(item.explanation)}" if item.explanation else "")},
                }
            )
            links.append((n, f"{place(item)} {stance}"))
        result["message"] = {"text": _message(verdict, context, links)}
        if position.path:
            location: dict[str, object] = {"artifactLocation": {"uri": _uri(position.path)}}
            if position.line:
                region: dict[str, object] = {"startLine": position.line}
                if context.mode == "draft" and position.column:
                    region["startColumn"] = position.column
                    if position.end_line and position.end_column:
                        region |= {"endLine": position.end_line, "endColumn": position.end_column}
                location["region"] = region
            result["locations"] = [{"physicalLocation": location, "logicalLocations": [{"name": verdict.claim.id}]}]
        else:
            result["locations"] = [{"logicalLocations": [{"name": verdict.claim.id}]}]
        if related:
            result["relatedLocations"] = related
        key = fingerprint(verdict, context)
        if key:
            result["partialFingerprints"] = {FINGERPRINT_KEY: key}
        state = context.decision(verdict).baseline
        if state is not None:
            result["baselineState"] = BASELINE_STATES[state]
        result["properties"] = {
            "claimId": verdict.claim.id,
            "verdict": verdict.label.value,
            "citation": verdict.citation.value,
            "confidence": round(min(1.0, max(0.0, verdict.confidence)), 4),
            "failsGate": fails(verdict, context),
        }
        results.append(result)
    driver: dict[str, object] = {"name": "claimcheck", "version": __version__, "semanticVersion": __version__}
    uri = link_url(str(context.extra.get("information_uri") or information_uri() or ""))
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = [RULES[label] for label in RULE_ORDER]
    run: dict[str, object] = {"tool": {"driver": driver}}
    if used_roots:
        run["originalUriBaseIds"] = {
            base_ids[root]: {"uri": _root_uri(root), "description": {"text": f"sources root {one_line(root)}"}} for root in roots if root in used_roots
        }
    # Columns and character offsets count code points, as DESIGN.md's offsets do.
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = results
    run["properties"] = {"summary": summary(verdicts), "mode": context.mode}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(log, indent=2) + "\n"
