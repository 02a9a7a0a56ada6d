"""Compound claims cut into parts that can each be checked on their own; parts cached so a re-run parses nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimcheck.index import ByteStore
from claimcheck.language.parts import claim_shapes

pytestmark = pytest.mark.parser


def _shape(text: str):
    return claim_shapes([text])[0]


def _texts(text: str) -> list[str]:
    return [p.text for p in _shape(text).parts]


def test_a_single_assertion_is_its_own_only_part():
    assert _shape("The bakery closed its last shop in March.").parts == ()


def test_the_other_side_of_a_comparison_is_no_part_of_its_own():
    # "than harriers did" completes the claim's one assertion; checked alone it would be borne out by any passage on harriers.
    assert _shape("Foxes killed more hens than stray dogs did.").parts == ()


def test_coordinated_predicates_each_get_the_shared_subject():
    assert _texts("The bakery cut 30 jobs and closed two shops.") == ["The bakery cut 30 jobs", "The bakery closed two shops"]


def test_an_inserted_participle_or_appositive_is_its_own_part_and_leaves_the_clause_with_its_commas():
    parts = _texts("The ferry line, founded in 1921, is based in Oban.")
    assert parts == ["The ferry line is based in Oban", "The ferry line was founded in 1921"]
    parts = _texts("Ada Marsh, a Leeds teacher, said the school closed.")
    assert "Ada Marsh said the school closed" in parts and "Ada Marsh is a Leeds teacher" in parts


def test_a_gapped_clause_takes_the_verb_and_subject_of_the_first():
    parts = _texts("The airline flew 2 million passengers in May and 3 million in June.")
    assert parts == ["The airline flew 2 million passengers in May", "The airline flew 3 million in June"]


def test_a_pronoun_subject_is_read_as_the_first_parts_subject():
    parts = _texts("The mill's output fell 6% in 2023 as its energy costs rose 12%.")
    assert parts[1] == "The mill's energy costs rose 12%"


def test_a_clause_that_is_only_wanted_or_proposed_stays_with_the_verb_that_wants_it():
    # Checked alone, "the school be closed by June" would be borne out by a passage saying the school closed.
    assert _texts("The board voted 5-2 in May and urged that the school be closed by June.") == [
        "The board voted 5-2 in May",
        "The board urged that the school be closed by June",
    ]
    shape = _shape("The inspectors recommended that the bakery be closed.")
    assert shape.parts == () and shape.verbs == ("recommend", "close")
    # A said or found clause is the assertion itself, and an expected infinitive keeps its own part.
    assert _shape("Ada Marsh said the school closed.").verbs == ("close",)
    assert "The mill's output to grow 10% in 2025" in _texts("The mill's output fell 6% in 2024, and the firm expects it to grow 10% in 2025.")


def test_an_infinitive_of_purpose_stays_with_its_clause_and_its_nouns_are_required():
    # Alone, "The route to keep the ferry clear of a wreck" would be borne out by a route kept clear of anything.
    assert _texts("The council raised taxes to pay for a new school, and the mayor resigned.") == [
        "The council raised taxes to pay for a new school",
        "the mayor resigned",
    ]
    shape = _shape("The route was amended to keep the ferry clear of a wreck.")
    assert shape.parts == () and "wreck" in shape.heads and shape.verbs == ("amend",)


def test_every_part_marks_its_own_words_in_the_claim():
    text = "The bakery cut 30 jobs and closed two shops."
    for part in _shape(text).parts:
        assert text[part.start : part.end] and part.start < part.end <= len(text)
    assert [text[p.start : p.end] for p in _shape(text).parts] == ["The bakery cut 30 jobs", "closed two shops"]


def test_the_topic_is_an_owner_or_a_bare_singular_noun_never_a_generic_subject():
    assert _shape("heron's parser is written in C.").subject == "heron"
    assert _shape("heron accepts donations.").subject == "heron"
    assert _shape("The parser is written in C.").subject == ""
    assert _shape("Protesters blocked the road.").subject == ""
    # A noun labelled by a number is not named by its word: "Version 4.2" is the release 4.2 a changelog heading gives.
    assert _shape("Version 4.2 raised the number of parallel transfers.").subject == ""
    # A determiner the parser hangs on a modifier ("The" on "average") still makes the subject a generic one.
    assert _shape("The average wait from claim to payment is 60 days.").subject == ""


def test_a_kind_noun_after_the_takes_the_word_before_it_as_the_topic():
    assert _shape("The heron service listens on port 80.").subject == "heron"
    assert _shape("The parser service listens on port 80.").subject == "parser"
    assert _shape("The ferry line carried more passengers.").subject == ""
    assert _shape("The service listens on port 80.").subject == ""


def test_parts_are_cached_by_text_and_a_damaged_entry_is_parsed_again(tmp_path: Path):
    warnings: list[str] = []
    store = ByteStore(tmp_path, warnings.append)
    text = "The bakery cut 30 jobs and closed two shops."
    first = claim_shapes([text], store)
    entries = list(tmp_path.rglob("*.entry"))
    assert len(entries) == 1
    assert claim_shapes([text], store) == first and not warnings
    entries[0].write_bytes(b"garbage")
    assert claim_shapes([text], store) == first
    assert len(warnings) == 1 and "damaged" in warnings[0]


def test_cached_parts_need_no_parser(tmp_path: Path):
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from claimcheck.index import ByteStore
        from claimcheck.language.parts import claim_shapes
        shape = claim_shapes(["The bakery cut 30 jobs and closed two shops."], ByteStore(Path({str(tmp_path)!r}), print))[0]
        print(len(shape.parts), "spacy" in sys.modules)
        """
    )
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["2", "True"]
    assert second.stdout.split() == ["2", "False"]


def test_the_verbs_a_source_must_say_are_the_main_verbs_of_the_claims_assertions():
    shape = _shape("The mayor opened the bridge and visited the school.")
    assert shape.verbs == ("open", "visit")
    assert [p.verbs for p in shape.parts] == [("open",), ("visit",)]
    # A reported assertion's own verb, not the reporting one.
    assert _shape("Ada Marsh said the school closed.").verbs == ("close",)


def test_light_verbs_passive_opinions_and_changes_or_amounts_with_a_figure_are_not_required():
    assert _shape("The trust has 40 staff.").verbs == ()
    assert _shape("Orrin Foods cut its workforce by 12% in 2021.").verbs == ()
    assert _shape("Membership costs $200 a year.").verbs == ()
    # Without a figure, "pays" and "cut" are the assertion itself.
    assert _shape("The city pays the lease on the warehouse.").verbs == ("pay",)
    assert _shape("Orrin Foods cut its bus service.").verbs == ("cut",)
    # An opinion in the passive is nobody's in particular; in the active it is the assertion.
    assert _shape("Amazon is considered the favourite for the contract.").verbs == ()
    assert _shape("The council is considering a new bus depot.").verbs == ("consider",)


def test_a_phrasal_verb_is_required_whole_even_when_its_verb_is_light():
    assert _shape("The planning board turned down the application.").verbs == ("turn down",)
    assert _shape("The club put off its annual dinner.").verbs == ("put off",)
    # A particle the lexicon does not pair with the verb leaves the verb as it is.
    assert _shape("The mayor turned the key.").verbs == ()


def test_a_share_said_in_an_aside_is_a_part_of_its_own():
    text = "The yard launched 212 vessels, most of them schooners."
    shape = _shape(text)
    assert [p.text for p in shape.parts] == ["The yard launched 212 vessels.", "Most of the vessels schooners"]
    assert text[shape.parts[1].start : shape.parts[1].end] == "most of them schooners"
    # The aside's noun is the aside's to bear out, not the main part's.
    assert shape.parts[0].heads == ("vessels",)


def test_an_aside_between_two_clauses_leaves_both_clauses_whole():
    shape = _shape("It opened nine stores, six of them around Indianapolis, and closed three in Cincinnati.")
    assert [p.text for p in shape.parts] == ["It opened nine stores", "Six of the stores around Indianapolis", "It closed three in Cincinnati"]


def test_an_inserted_participle_is_no_main_verb_of_the_whole_claim_but_is_its_parts_verb():
    shape = _shape("The ferry line, founded in 1921, is based in Oban.")
    assert shape.verbs == ("base",)
    assert [p.verbs for p in shape.parts] == [("base",), ("found",)]


def test_the_heads_a_source_must_say_fill_the_object_attribute_and_prepositional_slots_as_written():
    shape = _shape("The Yarrow clinic treats children with asthma.")
    # As the claim writes them ("children", not the lemma "child"), so they are matched against the passage's words.
    assert shape.heads == ("children", "asthma")
    assert _shape("The Orbis app is free for students.").heads == ("free", "students")
    # Names, figures and dates are weighed by their own rules; light nouns ("the first time") say little.
    assert _shape("Acme moved its offices to Leeds in 2021.").heads == ("offices",)
    assert "time" not in _shape("It was the first time the club had won.").heads


def test_a_sentence_read_with_no_verb_requires_its_head_noun():
    # The small parser takes "prey" for a noun and finds no verb; the word is still what the claim says.
    assert "prey" in _shape("Signal crayfish prey on pearl mussels in the lower river.").heads
    # A headline with no verb says what it says with its head noun too.
    assert _shape("Record rainfall in May across the region.").heads == ("rainfall",)


def test_a_passive_subject_is_what_the_claim_is_about_not_a_head_it_must_find_said():
    assert "study" not in _shape("The study was paid for by the regional council.").heads
    # Its doer is said of it: a passage on the injured taken off by helicopter does not say it was by lifeboat.
    assert _shape("The injured were taken to the infirmary by lifeboat.").heads == ("infirmary", "lifeboat")
    shape = _shape("The mayor opened the bridge and visited the school.")
    assert [p.heads for p in shape.parts] == [("bridge",), ("school",)]


def test_a_passive_with_a_named_doer_says_what_was_done_as_its_active_would():
    # "The consent was granted by Wendmoor Council" is "Wendmoor Council granted the consent": the consent is said.
    assert "consent" in _shape("The estate's burning consent was granted by Wendmoor District Council.").heads
    # A piece of work a document reports may go unnamed in its own text.
    assert "study" not in _shape("The mussel study was paid for by the Orrin Regional Research Council.").heads


def test_a_light_verbs_passive_subject_is_the_act_the_claim_says_was_done():
    # "The decision was taken by X" says X decided: a passage naming X and what was decided does not say who decided.
    assert _shape("The decision to close the pool was taken by the leisure committee.").heads[:1] == ("decision",)


def test_doers_are_people_or_bodies_that_act():
    from claimcheck.language.parts import doers_of

    assert doers_of("The second officer moved waypoint 7.") == ("move officer",)
    # A cause is no doer, a passive says its own, and in "voted to close" the council's act is the vote.
    assert doers_of("The collapse of the bank left 900 savers without their money.") == ()
    assert doers_of("The valve was closed by the engineer.") == ()
    assert doers_of("The council voted to close the library.") == ()


def test_a_clause_left_with_be_and_its_subject_alone_is_no_part():
    # The parser reads "... councillor Hollin Ward has ever elected" as a clause of its own, leaving "Marsh-Teller is": a
    # passage naming her would bear that out, and the sentence would be supported part by part with "first" nowhere said.
    assert _shape("Marsh-Teller is the first Progressive Alliance councillor Hollin Ward has ever elected.").parts == ()
    assert [p.text for p in _shape("The bridge is closed and the ferry is running.").parts] == ["The bridge is closed", "the ferry is running"]


def test_the_act_a_rank_is_given_for_is_a_verb_the_claim_says():
    # "the first to be built": the homes are said to be built; "first" alone says nothing a passage could bear out.
    assert _shape("The affordable homes will be the first to be built on the hill.").verbs == ("build",)
    assert _shape("Acme was the only firm to bid for the contract.").verbs == ("bid",)
    assert _shape("She was the first woman to lead the club.").verbs == ("lead",)
