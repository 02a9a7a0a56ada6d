"""Verdicts: every conflict is explained with the source's side, which the quoted passage really says."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from claimcheck.api import Checker
from claimcheck.claims import load_claims_file
from claimcheck.models import Claim, Conflict, Evidence, Label, PartVerdict, Passage, Stance, Verdict
from claimcheck.text import normalise, words
from claimcheck.verdict import combine, decide

ROOT = Path(__file__).resolve().parents[1]


def _plain_words(text: str) -> set[str]:
    """Lower-case words without possessive endings."""
    return {re.sub(r"'s$", "", w) for w in words(normalise(text).lower())}


def _source_side(explanation: str) -> str | None:
    """The part of an explanation that quotes or names what the source says."""
    patterns = (
        r"source: (?P<s>.+?)(?: said it)?; claim",
        r"source says '(?P<s>[^']+)'",
        r"source gives (?P<s>.+?); claim gives",
        r"claim says '[^']+'; source says '(?P<s>[^']+)'",
    )
    for pattern in patterns:
        match = re.search(pattern, explanation)
        if match:
            return match.group("s")
    return None


@pytest.fixture(scope="module")
def conflicting_verdicts():
    claims = [c for path in (ROOT / "claims" / "seeds.yaml", ROOT / "benchmarks" / "news_dev.yaml") for c in load_claims_file(path).claims]
    verdicts = Checker(ROOT / "seeds").check(claims)
    return [v for v in verdicts if v.label is Label.CONFLICTING]


def test_there_are_conflicts_to_explain(conflicting_verdicts):
    assert len(conflicting_verdicts) >= 20


def test_every_conflict_names_the_sources_side_and_the_quote_says_it(conflicting_verdicts):
    for verdict in conflicting_verdicts:
        contradicting = [e for e in verdict.evidence if e.stance is Stance.CONTRADICTS]
        assert contradicting and verdict.evidence[0].stance is Stance.CONTRADICTS, verdict.claim.id
        side = _source_side(verdict.explanation)
        assert side, f"{verdict.claim.id}: explanation names no source side: {verdict.explanation}"
        quote_words = _plain_words(" ".join(e.passage.text for e in contradicting))
        side_words = sorted(_plain_words(side))
        missing = [w for w in side_words if w not in quote_words]
        assert not missing, f"{verdict.claim.id}: {missing} of '{side}' not in the contradicting quote"
        place = f"{contradicting[0].passage.source}:{contradicting[0].passage.line_start}"
        assert place in verdict.explanation


def _evidence(stance: Stance, text: str, start: int, explanation: str = "", **signals: float) -> Evidence:
    passage = Passage("a.txt", "root", text, start, start + len(text), 1, 1)
    return Evidence(passage, stance, 0.8, explanation, dict(signals))


def test_mixed_evidence_is_conflicting_and_quotes_the_contradiction_first():
    claim = Claim(id="c", text="The council approved the budget.")
    supports = _evidence(Stance.SUPPORTS, "The council approved the budget on Monday.", 0, "source says so", predicate_coverage=1.0)
    contradicts = _evidence(
        Stance.CONTRADICTS, "The council rejected the budget.", 100, "source says 'rejected'; claim says 'approved'", predicate_coverage=1.0
    )
    verdict = decide(claim, [supports, contradicts])
    assert verdict.label is Label.CONFLICTING
    assert [e.stance for e in verdict.evidence] == [Stance.CONTRADICTS, Stance.SUPPORTS]
    assert verdict.explanation.startswith("sources disagree")


def test_a_passage_telling_the_plan_was_dropped_outweighs_one_that_states_the_plan():
    claim = Claim(id="c", text="Every trader at the 2026 fair will need a licence.")
    plan = _evidence(Stance.SUPPORTS, "From 2026, every trader at the fair will need a licence.", 0, "source says so", predicate_coverage=0.9)
    dropped = _evidence(
        Stance.RELATED,
        "The fair has dropped its promise that every trader would need a licence next year.",
        500,
        "source says it was undone",
        predicate_coverage=1.0,
    )
    dropped = replace(dropped, rule="reversed", passage=replace(dropped.passage, source="news.txt"))
    assert decide(claim, [plan, dropped]).label is Label.UNSOURCED
    # One that says less of the claim than the plan's passage is about something else.
    assert decide(claim, [plan, replace(dropped, signals={"predicate_coverage": 0.5})]).label is Label.SUPPORTED


def test_a_claim_crediting_a_speaker_is_borne_out_by_their_passage_whoever_disputes_it():
    """ "According to the investigators, ..." reports what the investigators found; another party's figure does not gainsay it."""
    said = "he had worked 94 hours in the seven days before the accident."
    supports = _evidence(Stance.SUPPORTS, "The investigators found that he had worked 94 hours in the seven days before the accident.", 0, "source says so")
    disputes = _evidence(Stance.CONTRADICTS, "The company's timesheets show that he worked 78 hours.", 100, "source: 78; claim: 94", figure_conflict=1.0)
    disputes = replace(disputes, passage=replace(disputes.passage, source="company.txt"))
    credited = decide(Claim(id="c", text=f"According to the investigators, {said}"), [supports, disputes])
    assert credited.label is Label.SUPPORTED
    # Uncredited, the sources disagree; credited to the other party, its own passage gainsays it.
    assert decide(Claim(id="c", text=said.capitalize()), [supports, disputes]).label is Label.CONFLICTING
    company = _evidence(Stance.CONTRADICTS, "The company's timesheets show that he worked 78 hours.", 100, "source: 78; claim: 94", figure_conflict=1.0)
    supports_company = _evidence(Stance.SUPPORTS, "The company accepts that he worked 94 hours.", 300, "source says so")
    assert decide(Claim(id="c", text=f"According to the company, {said}"), [supports_company, company]).label is Label.CONFLICTING
    # A denial in the speaker's own document, though it does not name them ("... they said"), still stands.
    own = _evidence(Stance.CONTRADICTS, '"He did not work 94 hours," they said.', 200, "source denies it")
    assert decide(Claim(id="c", text=f"According to the investigators, {said}"), [supports, own]).label is Label.CONFLICTING


def test_a_figure_from_a_passage_about_something_else_does_not_override_closer_support():
    claim = Claim(id="c", text="A dozen employees resigned.")
    supports = _evidence(Stance.SUPPORTS, "A dozen employees resigned in protest.", 0, "source says so", predicate_coverage=1.0)
    other = _evidence(
        Stance.CONTRADICTS,
        "More than 4,000 employees signed a petition.",
        100,
        "source: more than 4,000; claim: A dozen",
        predicate_coverage=0.6,
        figure_conflict=1.0,
    )
    assert decide(claim, [supports, other]).label is Label.SUPPORTED


def _figure_conflict(claim: str, text: str, claimed: str, given: str, coverage: float) -> Evidence:
    """A passage giving another figure than the claim's, with both figures' spans."""
    at, source_at = claim.index(claimed), text.index(given)
    conflict = Conflict("figure", claimed, given, claim_span=(at, at + len(claimed)), source_span=(source_at, source_at + len(given)))
    passage = Passage("other.md", "root", text, 500, 500 + len(text), 9, 9)
    return Evidence(passage, Stance.CONTRADICTS, 0.7, conflict.explanation, {"predicate_coverage": coverage, "figure_conflict": 1.0}, conflict, "figure")


def test_a_figure_said_of_the_same_thing_disagrees_with_closer_support():
    claim = Claim(id="c", text="Some 1,400 members were left without a vote when the club folded in May 2022.")
    supports = _evidence(Stance.SUPPORTS, "The club folded in May 2022, leaving 1,400 members without a vote.", 0, "source says so", predicate_coverage=1.0)
    same = _figure_conflict(claim.text, "In all, 1,140 members were left without any vote.", "1,400", "1,140", 0.6)
    assert decide(claim, [supports, same]).label is Label.CONFLICTING
    # Said of something else ("members signed a petition"), it is another fact.
    other = _figure_conflict(claim.text, "In all, 1,140 members signed the petition.", "1,400", "1,140", 0.6)
    assert decide(claim, [supports, other]).label is Label.SUPPORTED


def test_one_votes_tally_given_otherwise_disagrees_with_closer_support():
    claim = Claim(id="c", text="The cycle lane was approved by six votes to three.")
    supports = _evidence(Stance.SUPPORTS, "Councillors approved the cycle lane by six votes to three.", 0, "source says so", predicate_coverage=1.0)
    tally = _figure_conflict(claim.text, "The committee voted by five votes to four to build the lane.", "six", "five", 0.5)
    assert decide(claim, [supports, tally]).label is Label.CONFLICTING
    # Another count said of less of the claim is another fact.
    count = _figure_conflict(claim.text, "Five councillors spoke about the lane.", "six", "Five", 0.5)
    assert decide(claim, [supports, count]).label is Label.SUPPORTED


def test_a_passage_giving_the_claims_figure_as_the_one_it_replaces_disagrees_with_closer_support():
    claim = Claim(id="c", text="About 150 residents were evacuated from the village on Saturday evening.")
    supports = _evidence(Stance.SUPPORTS, "About 150 residents left the village on Saturday evening.", 0, "source says so", predicate_coverage=1.0)
    revised = _figure_conflict(claim.text, 'A total of 203 residents were moved, not "about 150" as we said on Sunday.', "About 150", "203", 0.6)
    assert decide(claim, [supports, revised]).label is Label.CONFLICTING
    earlier = _figure_conflict(claim.text, "The final count is 203. Our earlier estimate of 150 residents was too low.", "About 150", "203", 0.6)
    assert decide(claim, [supports, earlier]).label is Label.CONFLICTING
    # A passage that does not speak of the claim's figure is about another fact.
    other = _figure_conflict(claim.text, "A total of 203 residents signed the petition.", "About 150", "203", 0.6)
    assert decide(claim, [supports, other]).label is Label.SUPPORTED


def test_a_final_figure_disagrees_with_support_that_gives_the_claims_figure_only_as_a_running_count():
    claim = Claim(id="c", text="The fire burned some 1,200 hectares of heather.")
    running = _evidence(Stance.SUPPORTS, "The fire has so far burned an estimated 1,200 hectares of heather.", 0, "source says so", predicate_coverage=1.0)
    final = _figure_conflict(claim.text, "The final area burned was 820 hectares.", "some 1,200", "820", 0.6)
    assert decide(claim, [running, final]).label is Label.CONFLICTING
    # Support that gives the figure outright still outweighs a passage matching less of the claim.
    outright = _evidence(Stance.SUPPORTS, "The fire burned an estimated 1,200 hectares of heather.", 0, "source says so", predicate_coverage=1.0)
    assert decide(claim, [outright, final]).label is Label.SUPPORTED
    # So does a claim that gives the count as the early one it was.
    early = Claim(id="c", text="The fire had burned some 1,200 hectares of heather, according to initial estimates.")
    assert decide(early, [running, _figure_conflict(early.text, "The final area burned was 820 hectares.", "some 1,200", "820", 0.6)]).label is Label.SUPPORTED


def test_a_figure_of_another_years_report_is_no_disagreement_for_a_claim_naming_no_year():
    claim = Claim(id="c", text="The board raised the quarterly dividend to 13 cents a share.")
    text = "The board raised the quarterly dividend to $0.13 per share."
    supports = Evidence(Passage("annual-report-2024.md", "root", text, 0, len(text), 3, 3), Stance.SUPPORTS, 0.8, "source says so", {"predicate_coverage": 1.0})
    earlier = _figure_conflict(claim.text, "The board raised the quarterly dividend to $0.12 per share.", "13 cents", "$0.12", 1.0)
    of_2023 = replace(earlier, passage=replace(earlier.passage, source="annual-report-2023.md"))
    assert decide(claim, [supports, of_2023]).label is Label.SUPPORTED
    # The same year's documents, or a report of no known year: the sources disagree.
    same_year = replace(earlier, passage=replace(earlier.passage, source="annual-report-2024-summary.md"))
    assert decide(claim, [supports, same_year]).label is Label.CONFLICTING
    assert decide(claim, [supports, earlier]).label is Label.CONFLICTING


def test_a_report_its_outlet_has_corrected_no_longer_stands_against_the_corrected_figure():
    claim = Claim(id="c", text="The collapse left 1,140 savers unable to reach their money.")
    supports = _evidence(Stance.SUPPORTS, "In all, 1,140 savers were left unable to withdraw their money.", 0, "source says so", predicate_coverage=1.0)
    report = Passage("report.md", "root", "The collapse left 1,400 savers unable to reach their money.", 0, 58, 3, 3)
    conflict = Conflict("figure", "1,140", "1,400")
    contradicts = Evidence(report, Stance.CONTRADICTS, 0.8, conflict.explanation, {"predicate_coverage": 1.0, "figure_conflict": 1.0}, conflict, "figure")
    notice = "Corrections. We also said that 1,400 savers were affected by the collapse; the correct figure is 1,140."
    correction = Evidence(Passage("corrections.md", "root", notice, 0, len(notice), 5, 5), Stance.RELATED, 0.6, "retracted")
    assert decide(claim, [supports, contradicts, correction]).label is Label.SUPPORTED
    # Without the notice, or with one correcting another figure, the sources disagree.
    assert decide(claim, [supports, contradicts]).label is Label.CONFLICTING
    other = notice.replace("1,140", "1,210")
    elsewhere = replace(correction, passage=replace(correction.passage, text=other, char_end=len(other)))
    assert decide(claim, [supports, contradicts, elsewhere]).label is Label.CONFLICTING


def test_a_sentence_that_contradicts_keeps_its_contradiction_when_its_window_is_dropped_for_overlapping_a_support():
    claim = Claim(id="c", text="The injury needed surgery.")
    first, second = "Scans confirmed a damaged ligament.", "The injury will not need surgery."
    supports = _evidence(Stance.SUPPORTS, first, 0, "source says so", predicate_coverage=0.6)
    sentence = _evidence(Stance.CONTRADICTS, second, len(first) + 1, "source says 'will not need surgery'; claim says 'needed'", predicate_coverage=0.4)
    window = replace(
        _evidence(Stance.CONTRADICTS, f"{first} {second}", 0, "source says 'will not need surgery'; claim says 'needed'", predicate_coverage=1.0),
        score=0.9,
    )
    window = replace(window, passage=replace(window.passage, sentence_count=2))
    verdict = decide(claim, [supports, window, sentence])
    assert verdict.label is Label.CONFLICTING
    assert verdict.evidence[0].passage.text == second
    # Without the sentence's own contradiction the window alone, overlapping the support, does not contradict.
    assert decide(claim, [supports, window]).label is Label.SUPPORTED


def test_a_window_keeps_its_contradiction_when_the_sentence_beside_its_support_already_doubts_the_claim():
    claim = Claim(id="c", text="Ada stayed in Lyon until her death in 1952.")
    first, second = "Ada Roe left Lyon in March 1937.", "She died in 1952."
    conflict = "source says 'left'; claim says 'stayed'"
    # The second sentence reads as the claim only with the first as its lead-in; the first, alone, only casts doubt.
    doubt = replace(_evidence(Stance.RELATED, first, 0, f"source may say otherwise: {conflict}", predicate_coverage=0.4), rule="may_say_otherwise")
    supports = _evidence(Stance.SUPPORTS, second, len(first) + 1, "source says so", predicate_coverage=0.75)
    window = _evidence(Stance.CONTRADICTS, f"{first} {second}", 0, conflict, predicate_coverage=1.0)
    window = replace(window, passage=replace(window.passage, sentence_count=2))
    verdict = decide(claim, [window, supports, doubt])
    assert verdict.label is Label.CONFLICTING
    assert verdict.evidence[0].passage.text == f"{first} {second}"
    # A sentence beside the support that is only related, not doubting, leaves the window to the support.
    related = replace(doubt, explanation="only related", rule=None)
    assert decide(claim, [window, supports, related]).label is Label.SUPPORTED


def test_a_passage_denying_the_claim_outweighs_a_weaker_support_from_the_same_document():
    claim = Claim(id="c", text="The archiver uses every core by default.")
    weak = _evidence(Stance.SUPPORTS, "Pass --threads 0 to use every core.", 100, "source says so", predicate_coverage=0.6)
    denial = replace(
        _evidence(Stance.RELATED, "Not by default. It uses one thread.", 0, "source answers “Not by default.”", predicate_coverage=0.8), rule="negative_answer"
    )
    assert decide(claim, [weak, denial]).label is Label.UNSOURCED
    # A denial matching less of the claim than the support, or in another document, leaves the support standing.
    assert decide(claim, [weak, replace(denial, signals={"predicate_coverage": 0.4})]).label is Label.SUPPORTED
    elsewhere = replace(denial, passage=replace(denial.passage, source="b.txt"))
    assert decide(claim, [weak, elsewhere]).label is Label.SUPPORTED


def test_only_related_passages_leave_a_claim_unsourced_with_the_closest_listed():
    claim = Claim(id="c", text="The mayor resigned.")
    related = [_evidence(Stance.RELATED, f"The mayor spoke on day {n}.", 40 * n, "only related") for n in range(5)]
    verdict = decide(claim, related)
    assert verdict.label is Label.UNSOURCED
    assert 0 < len(verdict.evidence) <= 3 and all(e.stance is Stance.RELATED for e in verdict.evidence)


def test_no_evidence_at_all_is_unsourced():
    verdict = decide(Claim(id="c", text="Anything."), [])
    assert verdict.label is Label.UNSOURCED and verdict.evidence == ()


def test_every_conflict_is_structured_and_the_explanation_is_rendered_from_it(conflicting_verdicts):
    rules = set()
    for verdict in conflicting_verdicts:
        conflict = verdict.conflict
        assert conflict is not None and conflict.claim_side and conflict.source_side, verdict.claim.id
        rules.add(conflict.rule)
        top = next(e for e in verdict.evidence if e.stance is Stance.CONTRADICTS)
        assert top.conflict == conflict and top.explanation == conflict.explanation
        assert verdict.explanation.removeprefix("sources disagree: ").startswith(conflict.explanation)
        # The source side is words of the contradicting quote; a span, where the rule gives one, marks a piece of each side.
        quote_words = _plain_words(" ".join(e.passage.text for e in verdict.evidence if e.stance is Stance.CONTRADICTS))
        assert _plain_words(conflict.source_side) <= quote_words, verdict.claim.id
        if conflict.claim_span:
            assert verdict.claim.text[slice(*conflict.claim_span)] in conflict.claim_side
        if conflict.source_span:
            assert top.passage.text[slice(*conflict.source_span)] in conflict.source_side
    assert len(rules) >= 4


# ---- compound claims: the verdict from the parts ----

COMPOUND = Claim(id="c", text="The mill hired 40 staff in May and 55 in June.")


def _part(label: Label, start: int, end: int, *evidence: Evidence, slots: tuple[str, ...] = ()) -> PartVerdict:
    return PartVerdict(COMPOUND.text[start:end], start, end, label, f"{label.value} part", tuple(evidence), slots)


def _whole(label: Label, *evidence: Evidence, conflict: Conflict | None = None) -> Verdict:
    if conflict is not None:
        evidence = (Evidence(evidence[0].passage, Stance.CONTRADICTS, 0.8, conflict.explanation, {}, conflict), *evidence[1:])
    return Verdict(COMPOUND, label, 0.8, "whole", evidence)


def test_a_supported_sentence_with_a_part_no_source_states_is_unsourced_and_names_the_part():
    support = _evidence(Stance.SUPPORTS, "The mill hired 40 staff in May.", 0)
    verdict = combine(_whole(Label.SUPPORTED, support), [_part(Label.SUPPORTED, 0, 30, support), _part(Label.UNSOURCED, 35, 45)])
    assert verdict.label is Label.UNSOURCED
    assert "“55 in June”" in verdict.explanation
    assert verdict.failing_part is not None and COMPOUND.text[verdict.failing_part.start : verdict.failing_part.end] == "55 in June"


def test_parts_borne_out_by_different_passages_support_the_claim_with_one_citation_each():
    may = _evidence(Stance.SUPPORTS, "The mill hired 40 staff in May.", 0)
    june = _evidence(Stance.SUPPORTS, "In June it hired 55 more.", 200)
    verdict = combine(_whole(Label.UNSOURCED), [_part(Label.SUPPORTED, 0, 30, may), _part(Label.SUPPORTED, 35, 45, june)])
    assert verdict.label is Label.SUPPORTED
    assert [e.passage.char_start for e in verdict.evidence] == [0, 200]


def test_a_conflict_found_on_a_part_alone_withholds_support_but_does_not_make_the_claim_conflicting():
    support = _evidence(Stance.SUPPORTS, "The mill hired 40 staff in May.", 0)
    against = _evidence(Stance.CONTRADICTS, "It hired 12 in June.", 300)
    verdict = combine(_whole(Label.SUPPORTED, support), [_part(Label.SUPPORTED, 0, 30, support), _part(Label.CONFLICTING, 35, 45, against)])
    assert verdict.label is Label.UNSOURCED
    assert verdict.parts[1].label is Label.UNSOURCED and verdict.parts[1].explanation.startswith("may be contradicted")


def test_a_figure_conflict_of_a_main_clause_that_only_relative_clauses_narrow_makes_the_claim_conflicting():
    """ "The median age of those who fell ill was 34" against "the median age was 31": the part is the sentence's assertion."""
    claim = Claim(id="c", text="The median age of those who fell ill was 34.")
    against = _evidence(Stance.CONTRADICTS, "Cases were aged from 2 to 81 years; the median age was 31.", 0)
    conflict = Conflict("figure", "34", "31", claim_span=(41, 43), source_span=(55, 57))
    against = replace(against, conflict=conflict, explanation=conflict.explanation)
    main = PartVerdict("The median age of those was 34", 0, 44, Label.CONFLICTING, conflict.explanation, (against,), kind="clause")
    narrowing = PartVerdict("those fell ill", 24, 36, Label.UNSOURCED, "no source says this", (), kind="relative")
    whole = Verdict(claim, Label.UNSOURCED, 0.6, "no source says this", ())
    verdict = combine(whole, [main, narrowing])
    assert verdict.label is Label.CONFLICTING and verdict.conflict == conflict
    # A relative clause set off by a comma tells more of its noun: "the museum, whose visitors rose to 41,000".
    told = Claim(id="c", text="The median age of the crew, who fell ill, was 34.")
    verdict = combine(replace(whole, claim=told), [main, replace(narrowing, start=28, end=40)])
    assert verdict.label is Label.UNSOURCED
    # A coordinated clause of its own may be what the passage is about: the part's conflict is only a doubt then.
    verdict = combine(whole, [main, replace(narrowing, kind="coordinated")])
    assert verdict.label is Label.UNSOURCED and verdict.parts[0].explanation.startswith("may be contradicted")
    # So is a passage sentence that does not say all the part says of its figure.
    elsewhere = replace(against, passage=replace(against.passage, text="Cases were aged from 2 to 81 years; the age was 31."))
    verdict = combine(whole, [replace(main, evidence=(replace(elsewhere, conflict=replace(conflict, source_span=(48, 50))),)), narrowing])
    assert verdict.label is Label.UNSOURCED


def test_a_conflict_of_the_whole_sentence_marks_the_part_its_words_fall_in():
    conflict = Conflict("figure", "55", "50", claim_span=(35, 37))
    passage = _evidence(Stance.RELATED, "It hired 50 in June.", 300)
    parts = [_part(Label.SUPPORTED, 0, 30), _part(Label.UNSOURCED, 35, 45)]
    verdict = combine(_whole(Label.CONFLICTING, passage, conflict=Conflict("polarity", "hired", "fired", claim_span=(9, 14))), parts)
    assert verdict.label is Label.CONFLICTING and verdict.parts[0].label is Label.CONFLICTING
    verdict = combine(_whole(Label.CONFLICTING, passage, conflict=conflict), parts)
    assert verdict.label is Label.CONFLICTING and verdict.parts[1].label is Label.CONFLICTING


def test_a_figure_of_one_clause_set_against_another_clauses_passage_is_left_to_the_parts():
    conflict = Conflict("figure", "40", "55", claim_span=(15, 17))
    june = _evidence(Stance.SUPPORTS, "In June it hired 55 more.", 200)
    parts = [_part(Label.UNSOURCED, 0, 30, slots=("The mill", "40 staff", "May")), _part(Label.SUPPORTED, 35, 45, june, slots=("55", "June"))]
    verdict = combine(_whole(Label.CONFLICTING, june, conflict=conflict), parts)
    assert verdict.label is Label.UNSOURCED
    assert all(p.label is not Label.CONFLICTING for p in verdict.parts)


def test_parts_read_as_supported_do_not_outweigh_a_passage_that_withholds_support_from_the_sentence():
    may = _evidence(Stance.SUPPORTS, "The mill hired 40 staff in May.", 0)
    june = _evidence(Stance.SUPPORTS, "In June it laid off 55.", 200)
    opposed = Evidence(june.passage, Stance.RELATED, 0.8, "source may say otherwise: 'laid' where the claim says 'hired'", {}, None, "opposite_word")
    whole = _whole(Label.UNSOURCED, opposed)
    verdict = combine(whole, [_part(Label.SUPPORTED, 0, 30, may), _part(Label.SUPPORTED, 35, 45, june)])
    assert verdict.label is Label.UNSOURCED
    # The claim's verdict is its worst part's: the part the withholding passage bore out is the unsourced one.
    assert [p.label for p in verdict.parts] == [Label.SUPPORTED, Label.UNSOURCED]


def test_a_name_said_in_passing_and_borne_out_by_its_own_part_does_not_withhold_the_sentence():
    claim = Claim(id="c", text="Brackwell, based in Stanmere, won the viaduct contract.")
    main = "Brackwell won the viaduct contract."
    won = Evidence(Passage("a.md", "root", main, 0, len(main), 1, 1), Stance.SUPPORTS, 0.8, "source says so")
    lacking = Evidence(won.passage, Stance.RELATED, 0.8, "source does not name Stanmere", {}, None, "missing_name")
    based = "Brackwell is based in Stanmere."
    seat = Evidence(Passage("b.md", "root", based, 0, len(based), 1, 1), Stance.SUPPORTS, 0.8, "source says so")
    whole = Verdict(claim, Label.UNSOURCED, 0.6, "whole", (lacking,))

    def parts(kind: str) -> list[PartVerdict]:
        return [
            PartVerdict("Brackwell won the viaduct contract.", 0, len(claim.text), Label.SUPPORTED, "", (won,)),
            PartVerdict("Brackwell is based in Stanmere.", 11, 28, Label.SUPPORTED, "", (seat,), kind=kind),
        ]

    assert combine(whole, parts("appositive")).label is Label.SUPPORTED
    # A name in a clause of the sentence's own, not one said in passing, still withholds it.
    assert combine(whole, parts("clause")).label is Label.UNSOURCED
    # So does one that no passage bearing out its part names.
    other = replace(seat, passage=replace(seat.passage, text="Brackwell is based near the coast."))
    assert combine(whole, [parts("appositive")[0], replace(parts("appositive")[1], evidence=(other,))]).label is Label.UNSOURCED


def test_when_the_sentence_conflicts_only_the_part_holding_its_conflict_is_conflicting():
    conflict = Conflict("figure", "40", "30", claim_span=(15, 17))
    passage = _evidence(Stance.RELATED, "It hired 30 in May.", 300)
    against_june = _evidence(Stance.CONTRADICTS, "It hired 12 in June.", 400)
    parts = [_part(Label.CONFLICTING, 0, 30, passage), _part(Label.CONFLICTING, 35, 45, against_june)]
    verdict = combine(_whole(Label.CONFLICTING, passage, conflict=conflict), parts)
    assert verdict.label is Label.CONFLICTING
    assert [p.label for p in verdict.parts] == [Label.CONFLICTING, Label.UNSOURCED]
