"""`--format claimreview`: schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import datetime
import json
from dataclasses import replace

from claimcheck.models import Stance
from claimcheck.report import render
from claimcheck.report.base import source_metadata

RATINGS = {"supported": (5, "Supported"), "unsourced": (3, "Unsourced"), "conflicting": (1, "Conflicting")}


def test_one_review_per_claim(run):
    verdicts, context = run
    reviews = json.loads(render(verdicts, "claimreview", context))
    assert isinstance(reviews, list) and len(reviews) == len(verdicts)
    for review, verdict in zip(reviews, verdicts):
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == verdict.claim.text
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert (rating["ratingValue"], rating["alternateName"]) == RATINGS[verdict.label.value]
        assert rating["bestRating"] == 5 and rating["worstRating"] == 1
        assert review["itemReviewed"]["@type"] == "Claim"
        appearance = review["itemReviewed"]["appearance"]
        assert appearance["@type"] == "CreativeWork"
        assert appearance["url"] == (context.draft_path if context.mode == "draft" else verdict.claim.file)
        assert review["author"] == {"@type": "Organization", "name": "claimcheck"}
        datetime.date.fromisoformat(review["datePublished"])
        cited = {(e.passage.root, e.passage.source) for e in verdict.evidence if e.stance is not Stance.RELATED}
        assert len(review["citation"]) == len(cited)
        for work in review["citation"]:
            assert work["@type"] == "CreativeWork" and work["name"]


def test_citation_metadata(verdicts, context, mixed_verdict):
    reviews = json.loads(render(verdicts, "claimreview", context))
    review = reviews[verdicts.index(mixed_verdict)]
    passage = mixed_verdict.evidence[0].passage
    metadata = source_metadata(context, passage.root, passage.source)
    work = review["citation"][0]
    assert work["name"] == metadata["title"]
    for key, field in (("outlet", "publisher"), ("author", "author")):
        if key in metadata:
            assert work[field]["name"] == metadata[key]
        else:
            assert field not in work
    assert work["datePublished"] == metadata["date"]


def test_date(verdicts, context):
    reviews = json.loads(render(verdicts, "claimreview", context))
    assert {r["datePublished"] for r in reviews} == {"2024-05-06"}
    reviews = json.loads(render(verdicts, "claimreview", replace(context, extra={})))
    assert {r["datePublished"] for r in reviews} == {datetime.date.today().isoformat()}
    reviews = json.loads(render(verdicts, "claimreview", replace(context, extra={"date": datetime.date(2020, 2, 3), "url": "https://example.org/r"})))
    assert {r["datePublished"] for r in reviews} == {"2020-02-03"}
    assert all(r["url"].startswith("https://example.org/r#claim-") for r in reviews)
