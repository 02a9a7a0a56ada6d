"""`judge` beyond the fixture table: bylines, qualifiers, quotations, hedges and negations that block support."""

from __future__ import annotations

from claimcheck.models import Stance
from claimcheck.stance import judge


def _judge(claim: str, passage: str, similarity, **options):
    return judge(claim, passage, similarity(claim, passage), **options)


def test_an_outlet_named_in_the_claim_is_found_in_the_documents_byline(similarity):
    claim = "The harbour authority approved a new ferry terminal, the Daily Planet reported."
    passage = "The harbour authority approved a new ferry terminal on Tuesday."
    assert _judge(claim, passage, similarity).stance is Stance.RELATED
    assert _judge(claim, passage, similarity, byline="Daily Planet Lois Lane").stance is Stance.SUPPORTS


def test_a_qualifier_the_passage_lacks_blocks_support(similarity):
    verdict = _judge("The city buys its buses directly from the manufacturer.", "The city buys its buses from the manufacturer.", similarity)
    assert verdict.stance is Stance.RELATED and "directly" in verdict.explanation


def test_quoted_words_must_be_in_the_passage(similarity):
    verdict = _judge('The report is titled "Cities at Risk".', "The report, published on Monday, warns that cities are at risk.", similarity)
    assert verdict.stance is not Stance.SUPPORTS and "quoted" in verdict.explanation


def test_a_passage_that_doubts_it_does_not_support_a_flat_claim(similarity):
    verdict = _judge("The bridge will reopen in May.", "Engineers said the bridge might reopen in May.", similarity)
    assert verdict.stance is Stance.RELATED and "doubt" in verdict.explanation


def test_a_negated_passage_never_supports_the_positive_claim(similarity):
    verdict = _judge(
        "The mayor answered questions about the budget at a long press conference on Friday.",
        "The mayor did not answer questions about the budget.",
        similarity,
    )
    assert verdict.stance is not Stance.SUPPORTS


def test_a_contradiction_carries_its_conflict_with_both_sides_and_their_spans(similarity):
    claim, passage = "The city spent $41 million on the new sewer line.", "The city spent $14 million on the new sewer line, the engineer said."
    verdict = _judge(claim, passage, similarity)
    assert verdict.stance is Stance.CONTRADICTS and verdict.rule == "figure"
    conflict = verdict.conflict
    assert (conflict.rule, conflict.claim_side, conflict.source_side) == ("figure", "$41 million", "$14 million")
    assert claim[slice(*conflict.claim_span)] == "$41 million" and passage[slice(*conflict.source_span)] == "$14 million"
    assert verdict.explanation == conflict.explanation == "source: $14 million; claim: $41 million"


def test_a_negation_in_the_claim_is_quoted_first(similarity):
    verdict = _judge("The ferry did not stop at Pine Island on Sunday.", "The ferry stopped at Pine Island on Sunday morning.", similarity)
    assert verdict.stance is Stance.CONTRADICTS and verdict.conflict.rule == "polarity"
    assert verdict.conflict.claim_side.startswith("did not") and verdict.explanation.startswith("claim says 'did not")


def test_a_blocked_passage_names_its_blocker_and_carries_no_conflict(similarity):
    verdict = _judge("The bridge will reopen in May.", "Engineers said the bridge might reopen in May.", similarity)
    assert verdict.stance is Stance.RELATED and verdict.rule == "hedge" and verdict.conflict is None


def test_words_of_the_section_before_do_not_ground_the_passage(similarity):
    claim = "There are no exemptions from the parking ban."
    passage = 'The council leader said: "Nobody likes a parking ban, and I am sorry that we have had to take this step."'
    before = "Disabled drivers are exempt from some of the rules."
    # Under another heading, the sentences before the passage do not say what it says.
    assert _judge(claim, passage, similarity, context=before, section="").stance is Stance.RELATED
    # Under its own, they may ("this step" goes on about them).
    own = "The council has banned parking on the seafront from Monday, with no exemptions."
    assert _judge(claim, passage, similarity, context=own, section=own).stance is Stance.SUPPORTS


def test_a_description_is_borne_out_only_where_its_subject_is_named():
    from claimcheck.stance import described

    passage = "The panel was chaired by Professor Rhys Vale of Dunmore College. Its other member was Dr Ann Roe, a biologist."
    # "biologist" is said of another person, in another sentence, and "marine" nowhere (a title may say it).
    assert not described("Professor Rhys Vale", "a marine biologist at Dunmore College", [passage])
    # Said of its subject, in its sentence, one word of the description is enough (ages written either way count).
    assert described("Dr Ann Roe", "a marine biologist", [passage])
    assert described("Jon Hale", "a 44-year-old web developer", ["Web developer Jon Hale, 44, spoke first."])
    # A description said by a later sentence that refers to its subject another way is found anywhere in the passages.
    assert described("Eva Lund", "a native of Peru", ["Eva Lund, 31, spoke first. The native of Peru has lived here since 2009."])
