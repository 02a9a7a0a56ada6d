"""Report fixtures: real verdicts from the pipeline on the seed sources, run once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.models import Claim, Evidence, Label, Stance, Verdict

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CLAIMS_FILE = "claims/report-demo.yaml"

# Paraphrases a reporter might write: some the seeds state, some they contradict, some they never mention.
CLAIMS = [
    Claim("palantir-contract", "ICE awarded Palantir a $41 million contract in 2014.", file=CLAIMS_FILE, line=3),
    Claim("palantir-14-million", "ICE awarded Palantir a $14 million contract in 2014 to build its case management system.", file=CLAIMS_FILE, line=7),
    Claim("amazon-responded", "Amazon responded to amNewYork's requests for comment.", file=CLAIMS_FILE, line=11),
    Claim("bezos-met-ice", "Jeff Bezos met with ICE officials to discuss Rekognition.", file=CLAIMS_FILE, line=15),
    Claim("summit-attendance", "The AWS Summit at the Javits Center drew more than 10,000 attendees.", file=CLAIMS_FILE, line=19),
    Claim("fedramp-high", "Amazon accounts for 62% of FedRAMP High Impact Level authorizations.", file=CLAIMS_FILE, line=23, expect=Label.SUPPORTED),
    # Markup, quotes and separators in a claim's text must come out escaped in every format.
    Claim("tricky: <b>&", 'Amazon said "<script>alert(1)</script>" about *ICE*, 100% [sic] | $5 & $6.', file=CLAIMS_FILE, line=27),
]

DRAFT = (
    "---\ntitle: Draft story\n---\n"
    "# Amazon and ICE\n"
    "\n"
    "Protesters gathered at the Javits Center. ICE awarded Palantir a $14 million contract in 2014.\r\n"
    "Amazon holds 62% of FedRAMP High Impact Level authorizations.\n"
    "\n"
    "- Jeff Bezos met with ICE officials to discuss Rekognition in 2018.\n"
)
DRAFT_PATH = "drafts/story.md"


@pytest.fixture(scope="session")
def checker(tmp_path_factory):
    """The real pipeline over the seeds, its cache in a temporary folder."""
    from claimcheck.api import Checker

    return Checker(SEEDS, cache_dir=tmp_path_factory.mktemp("report-cache"))


def _passage(checker, source: str, fragment: str):
    for passage in checker.corpus.passages:
        if passage.source == source and fragment in passage.text and passage.sentence_count == 1:
            return passage
    raise LookupError(f"{source}: no passage with {fragment!r}")


@pytest.fixture(scope="session")
def mixed_verdict(checker) -> Verdict:
    """A conflicting verdict with evidence on both sides, built from real passages."""
    against = _passage(checker, "003_f236ad7aaf1e2402.txt", "$41 million contract")
    agreeing = _passage(checker, "004_66bc1c61dc9571d9.txt", "Palantir")
    related = _passage(checker, "000_d119db92e53994de.txt", "did not respond")
    claim = Claim("mixed-evidence", "ICE paid Palantir $14 million in 2014.", file=CLAIMS_FILE, line=31)
    return Verdict(
        claim,
        Label.CONFLICTING,
        0.8,
        "sources disagree: source: $41 million; claim: $14 million",
        (
            Evidence(against, Stance.CONTRADICTS, 0.83, "source: $41 million; claim: $14 million"),
            Evidence(agreeing, Stance.SUPPORTS, 0.61, "source says so"),
            Evidence(related, Stance.RELATED, 0.3, ""),
        ),
    )


@pytest.fixture(scope="session")
def verdicts(checker, mixed_verdict) -> list[Verdict]:
    """Pipeline verdicts for `CLAIMS`, then the hand-built mixed case."""
    return checker.check(CLAIMS) + [mixed_verdict]


@pytest.fixture(scope="session")
def context(checker, verdicts):
    """A claims-file run over the seeds, the gate decided for `verdicts`."""
    from claimcheck.reporting import report_context

    return report_context(
        verdicts, mode="check", roots=(str(SEEDS),), documents=checker.corpus.documents, title="Report <test> & co", extra={"date": "2024-05-06"}
    )


@pytest.fixture(scope="session")
def draft():
    from claimcheck.draft import parse_draft

    return parse_draft(DRAFT, DRAFT_PATH)


@pytest.fixture(scope="session")
def draft_verdicts(checker, draft) -> list[Verdict]:
    claims = draft.claims()
    assert len(claims) >= 3
    return checker.check(claims)


@pytest.fixture(scope="session")
def draft_context(checker, draft_verdicts):
    from claimcheck.reporting import report_context

    return report_context(draft_verdicts, mode="draft", roots=(str(SEEDS),), documents=checker.corpus.documents, draft_path=DRAFT_PATH, draft_text=DRAFT)


@pytest.fixture(params=["check", "draft"])
def run(request, verdicts, context, draft_verdicts, draft_context):
    """(verdicts, context) for a claims-file run and for a draft run."""
    return (verdicts, context) if request.param == "check" else (draft_verdicts, draft_context)
