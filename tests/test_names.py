"""Names: presence by whole name, initials or surname; swapped names; speakers."""

from __future__ import annotations

from claimcheck.analysis import analyse, find_names
from claimcheck.names import defined_initials, known_names, label_speaker, lowercase_names, missing_names, name_in_same_slot, name_present, speaker_name


def test_a_name_is_present_by_initials_surname_or_acronym():
    passage = analyse("The NWS said Alvarez, who heads Immigration and Customs Enforcement (ICE), agreed.")
    assert name_present("National Weather Service", passage)
    assert name_present("Maria Alvarez", passage)
    assert name_present("ICE", passage)
    assert not name_present("Federal Aviation Administration", passage)


def test_initials_count_only_where_the_passage_writes_them_as_initials():
    # Owen Felton's initials spell "of", Ian Tate's "it": a passage saying those words does not name them.
    passage = analyse('Graham Pellow, director of Tallis Homes, said: "It is good news for us."')
    assert not name_present("Owen Felton", passage) and not name_present("Ian Tate", passage)
    assert name_present("Owen Felton", analyse("OF said it was good news.")) and name_present("US", analyse("The U.S. agency agreed."))
    # A one-word name that is no initialism is found as a word.
    assert name_present("Year", analyse("The supporters' Player of the Year went to Berrin."))


def test_titles_are_not_names_and_separate_the_person_from_the_organisation():
    assert find_names("a keynote by Amazon Chief Technology Officer Werner Vogels") == ["Amazon", "Werner Vogels"]
    assert find_names("General Electric hired Dr. Jane Roe") == ["General Electric", "Jane Roe"]


def test_a_name_runs_on_past_a_plural_possessive_into_its_next_word():
    # "Anglers' Club" is one name, so "the Brenn Rivers Trust" can stand in its place; a plural's apostrophe before a
    # lower-case word ends the name.
    assert find_names("Vennard will pay £95,000 to the Brenn Valley Anglers' Club.") == ["Vennard", "Brenn Valley Anglers' Club"]
    assert find_names("The Port and Harbour Workers' Union met.") == ["Port and Harbour Workers' Union"]
    assert find_names("It was the Smiths' house.") == ["Smiths"]
    claim = analyse("Vennard will pay £95,000 to the Brenn Valley Anglers' Club.")
    assert missing_names(claim, analyse("Vennard will pay £95,000 to the Brenn Rivers Trust."), None, None) == ["Brenn Valley Anglers' Club"]


def test_sentence_opening_words_count_as_names_only_when_the_corpus_writes_them_as_names():
    names = known_names(["Shares in Globex fell.", "Analysts praised Globex on Monday."])
    assert "globex" in names and "shares" not in names
    passage = analyse("Initech opened a plant.")
    assert missing_names(analyse("Globex opened a plant."), passage, None, names) == ["Globex"]
    assert missing_names(analyse("Physicians opened a plant."), passage, None, names) == []


def test_a_company_is_present_by_its_own_words_but_a_place_named_institution_is_not():
    assert name_present("Harlow Grocers, Inc.", analyse("Harlow opened two stores."))
    assert name_present("Harlow Grocers", analyse("Harlow's stores opened."))
    assert not name_present("Harlow Grocers", analyse("Harlow Capital bought the stores."))
    assert not name_present("Harlow General Hospital", analyse("Harlow opened a ward."))
    assert not name_present("Harlow Grocers", analyse("Harlow Holdings bought the stores."))  # another company of the same words


def test_a_place_is_present_by_its_adjective_before_a_noun_but_not_by_a_language():
    assert name_present("Norway", analyse("The study followed 2,000 Norwegian adults."))
    assert name_present("France", analyse("The French government banned it."))
    assert not name_present("Norway", analyse("The study followed 2,000 Swedish adults."))
    assert not name_present("France", analyse("The novel was first published in French."))
    assert not name_present("England", analyse("The choir sang in English."))
    assert not name_present("Spain", analyse("The report was translated from Spanish into Welsh."))


def test_a_club_is_present_by_its_own_words_but_not_another_club_of_the_same_place():
    assert name_present("Fellside United", analyse("You lost at home to Fellside on the opening day."))
    assert name_present("Dunmere Athletic", analyse("Dunmere Athletic drew again."))
    assert not name_present("Fellside United", analyse("Fellside Rangers won the derby."))
    assert not name_present("Brackwater City", analyse("Brackwater beat them twice."))  # "City" ends place names as often


def test_a_title_opening_in_lower_case_names_what_the_corpus_writes_in_lower_case():
    titles = ["# heron changelog", "marlin: common questions", "The heron file format", "e.g. notes", "x-ray results", "the FAQ", ""]
    assert lowercase_names(titles) == {"heron", "marlin"}


def test_a_fixed_width_table_header_names_nothing():
    names = known_names(["    Package     Version   Upstream release   Section", "Packages ship from Globex today."])
    assert "version" not in names and "section" not in names and "globex" in names


def test_the_lead_in_resolves_a_pronoun():
    claim = analyse("Jane Roe said the plant would close.")
    passage = analyse("She said the plant would close.")
    assert missing_names(claim, passage, None, None) == ["Jane Roe"]
    assert missing_names(claim, passage, analyse("Jane Roe runs the plant."), None) == []


def test_a_name_in_the_same_slot_is_a_swap():
    claim, passage = analyse("The company was founded by Jeff Bezos."), analyse("The company was founded by Peter Thiel.")
    assert name_in_same_slot(claim, passage, "Jeff Bezos") == "Peter Thiel"
    assert name_in_same_slot(analyse("CO2 levels rose."), analyse("CO levels rose."), "CO2") is None


def test_the_speaker_is_the_full_name_before_the_verb_of_saying():
    assert speaker_name(analyse("ICE spokesman Matthew Bourke said the agency has no contract.")) == "Matthew Bourke"
    assert speaker_name(analyse("The report found no contract.")) is None


def test_the_passage_speaker_is_who_says_the_quotation_not_someone_it_quotes():
    assert analyse('Owen Hale, chair of the group, said: "The people of Elmsley said no."').speaker == "Owen Hale"
    assert analyse('"The people of Elmsley said no," said Owen Hale.').speaker == "Owen Hale"


def test_a_sentence_opening_on_according_to_names_its_speaker():
    assert analyse("According to the investigators, he had worked 94 hours.").speaker == "the investigators"
    assert analyse("He had worked 94 hours, according to the investigators.").speaker == "the investigators"


def test_a_shared_last_word_of_another_name_is_not_this_name():
    passage = analyse("The code is released under the Mozilla Public License 2.0.")
    assert not name_present("Apache License", passage)
    assert name_present("Mozilla License", passage)
    assert not name_present("Jane Roe", analyse("Ann Roe chaired the meeting."))
    assert name_present("Jane Roe", analyse("Jane Roe chaired the meeting; Roe spoke first."))
    assert name_present("Maria Alvarez", analyse("Alvarez spoke first, and Jorge Alvarez later."))
    assert name_present("AWS Summit", analyse("Protesters gathered outside the Amazon Web Services Summit."))


def test_an_institution_noun_inside_another_institutions_name_is_not_this_one():
    assert not name_present("Halden University", analyse("The University of Brackmere audited 56 laboratories."))
    # Alone, "the University" still stands for it; a place inside another name still counts ("Upper Pellan", "Pellan Mill").
    assert name_present("Halden University", analyse("The University said it would appeal."))
    assert name_present("Upper Pellan", analyse("The Pellan Mill gauge showed the Pellan at its lowest."))


def test_a_transcript_label_names_its_speaker_and_a_form_label_names_none():
    assert label_speaker("AGNES TULLY: I was.") == "Agnes Tully"
    assert label_speaker("7.2 PROFESSOR SOLHEIM: The panel examined seven papers.") == "Professor Solheim"
    assert label_speaker("The Chair (Ms. Louise Okoro): Order, please.") == "The Chair (Ms. Louise Okoro)"
    assert label_speaker("Q: Does it open on Sundays?") is None
    assert label_speaker("Note: the figures are provisional.") is None
    assert label_speaker("Motion 1: publish the full report") is None
    assert label_speaker("The report said: nothing was wrong.") is None
    # Initials stay as written: the document's list of those present says whose they are.
    assert label_speaker("PV: Confirmed it would be paid pro rata.") == "PV"
    present = "Present:\n  For the company:  Martin Holloway, chief executive (MH)\n                    Priya Venn, HR director (PV)"
    assert defined_initials(present) == {"MH": "Martin Holloway", "PV": "Priya Venn"}


def test_opens_sentence_says_what_the_regex_it_replaced_says() -> None:
    import random
    import re

    from claimcheck.analysis import _opens_sentence

    old = re.compile(r"(?:^|[.!?:;\"“(\[]\s*)$")
    rng = random.Random(5)
    pieces = ["a", "B", ".", "!", "?", ":", ";", '"', "“", "(", "[", " ", "\n", "\t", "\u00a0", "x."]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        for position in range(len(text) + 1):
            assert _opens_sentence(text, position) == (old.search(text[:position]) is not None), (text, position)


def test_a_name_is_looked_up_afresh_in_each_passage() -> None:
    # Per-name work is cached; the answer still depends on the passage.
    assert name_present("U.S. Army", analyse("The U.S. Army said so."))
    assert name_present("U.S.", analyse("Officials in the US agreed."))
    assert not name_present("U.S.", analyse("Officials in France agreed."))
    assert name_present("Jane Roe's", analyse("Roe said the plant would close."))
    assert not name_present("Jane Roe's", analyse("Ann Roe said the plant would close."))
    assert name_present("Jane Roe's", analyse("Ann Roe and Roe said the plant would close."))


def test_the_lead_in_counts_when_the_passage_refers_back_by_a_word_of_the_name() -> None:
    claim, lead_in = analyse("Springfield Weather Bureau issued a warning."), analyse("Springfield Weather Bureau staff met.")
    # The passage names someone the claim does not, so only "the bureau" lets the lead-in stand for the name.
    assert missing_names(claim, analyse("The bureau issued a warning, Ann Roe said."), lead_in, None) == []
    assert missing_names(claim, analyse("A warning was issued, Ann Roe said."), lead_in, None) == ["Springfield Weather Bureau"]
    assert missing_names(claim, analyse("A warning was issued, Ann Roe said."), lead_in, None, lenient=True) == []


def test_new_opens_a_name_but_stays_no_name_alone() -> None:
    assert find_names("The emails were first published by The New York Times.") == ["New York Times"]
    assert find_names("They flew to New Zealand in May.") == ["New Zealand"]
    assert find_names("New stores opened in March.", sentence_initial=False) == []


def test_another_name_with_the_same_initials_does_not_name_it() -> None:
    # "Hollinside Ward" and "Hollin Ward" are both "HW"; only initials written as such stand for a name.
    assert not name_present("Hollin Ward", analyse("The Hollinside Ward by-election result was declared."))
    assert name_present("Amazon Web Services", analyse("AWS said the contract was signed."))


def test_a_councillors_title_may_be_abbreviated() -> None:
    assert name_present("Councillor Baird", analyse("Cllr Baird moved refusal."))
