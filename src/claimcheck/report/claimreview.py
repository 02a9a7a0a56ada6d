"""`--format claimreview`: schema.org ClaimReview JSON-LD, one review per claim, for publishing fact-checks."""

from __future__ import annotations

import datetime as _dt
from urllib.parse import quote

from ..models import Label, Stance, Verdict
from .base import VERDICT_NAMES, ReportContext, claim_path, claim_slugs, source_metadata
from .escape import json_text, link_url

# schema.org ratings run from worstRating to bestRating; conflicting is the worst outcome for a claim.
RATING = {Label.SUPPORTED: 5, Label.UNSOURCED: 3, Label.CONFLICTING: 1}
AUTHOR = {"@type": "Organization", "name": "claimcheck"}
# Characters left as they are in a relative URL; `:` is escaped so no path reads as a scheme (`javascript:`).
_PATH_SAFE = "/!$&'()*+,;=@-._~"


def review_date(context: ReportContext) -> str:
    """The `datePublished`: `context.extra["date"]` when given (a date or ISO string), else today."""
    value = context.extra.get("date")
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if value:
        return str(value)
    return _dt.date.today().isoformat()


def _creative_work(context: ReportContext, root: str, source: str) -> dict[str, object]:
    metadata = source_metadata(context, root, source)
    work: dict[str, object] = {"@type": "CreativeWork", "name": metadata.get("title", source), "identifier": source}
    if "outlet" in metadata:
        work["publisher"] = {"@type": "Organization", "name": metadata["outlet"]}
    if "author" in metadata:
        work["author"] = {"@type": "Person", "name": metadata["author"]}
    if "date" in metadata:
        work["datePublished"] = metadata["date"]
    url = link_url(metadata.get("url", ""))
    if url:  # only an http(s) URL; any other (`javascript:`, `data:`) is left out
        work["url"] = url
    return work


def _citations(verdict: Verdict, context: ReportContext) -> list[dict[str, object]]:
    """The sources that bear on the claim (supporting or contradicting it), each once, most decisive first."""
    seen: list[tuple[str, str]] = []
    for item in verdict.evidence:
        key = (item.passage.root, item.passage.source)
        if item.stance is not Stance.RELATED and key not in seen:
            seen.append(key)
    return [_creative_work(context, root, source) for root, source in seen]


def review(verdict: Verdict, context: ReportContext, date: str, slug: str) -> dict[str, object]:
    """One ClaimReview object."""
    claim = verdict.claim
    where = claim_path(verdict, context)
    item: dict[str, object] = {"@type": "Claim"}
    if where:
        url = quote(where.replace("\\", "/"), safe=_PATH_SAFE, errors="surrogateescape")  # a relative reference, never a scheme
        appearance: dict[str, object] = {"@type": "CreativeWork", "name": where, "url": url}
        item["appearance"] = appearance
        item["firstAppearance"] = appearance
    record: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.text,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING[verdict.label],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": VERDICT_NAMES[verdict.label],
        },
        "itemReviewed": item,
        "author": dict(AUTHOR),
        "datePublished": date,
    }
    if verdict.explanation:
        record["reviewRating"]["ratingExplanation"] = verdict.explanation  # type: ignore[index]
    base = link_url(str(context.extra.get("url") or ""))
    if base:
        record["url"] = f"{base}#claim-{slug}"
    record["citation"] = _citations(verdict, context)
    if verdict.cited:  # the sources the writer relies on, as the claim's own citations
        item["citation"] = [_creative_work(context, root, source) for root, source in verdict.cited]
    # Whether those are the sources that bear the verdict out: no schema.org term says it, so an absolute IRI names it.
    record["claimcheck:citation"] = verdict.citation.value
    return record


def render_claimreview(verdicts: list[Verdict], context: ReportContext) -> str:
    """A JSON array of ClaimReview objects, claims in input order."""
    date = review_date(context)
    slugs = claim_slugs(verdicts)
    reviews = [review(v, context, date, slugs[id(v)]) for v in verdicts]
    return json_text(reviews, indent=2) + "\n"
