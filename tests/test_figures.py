"""Tests for figures and dates: numbers in digits and words, hedges as intervals, rates, currencies, ages."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from claimcheck.figures import DateMention, Quantity, dates, derived_figures, quantities, unit_scale


def only(text: str) -> Quantity:
    """The single figure in `text` (fails when there are none or several)."""
    found = quantities(text)
    assert len(found) == 1, f"{text!r}: expected one figure, got {found}"
    return found[0]


def exact(q: Quantity, value: float) -> None:
    assert q.exact
    assert q.low == pytest.approx(value) and q.high == pytest.approx(value)


# --- values: digits, words, scales --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Protesters interrupted the talk five times.", 5, "count"),
        ("The group had twelve members.", 12, "count"),
        ("twenty-two people were detained", 22, "count"),
        ("a dozen reporters waited", 12, "count"),
        ("two dozen protesters marched", 24, "count"),
        ("half a dozen agents", 6, "count"),
        ("2.5 million people live there", 2_500_000, "count"),
        ("2,500,000 people live there", 2_500_000, "count"),
        ("150,000 signatures were collected", 150_000, "count"),
        ("one hundred people", 100, "count"),
        ("one hundred and twenty people", 120, "count"),
        ("three hundred and twenty-five staff", 325, "count"),
        ("a hundred and fifty members", 150, "count"),
        ("two hundred thousand people", 200_000, "count"),
        ("half a million people", 500_000, "count"),
        ("a $41 million contract", 41_000_000, "money"),
        ("a $41m contract", 41_000_000, "money"),
        ("a $1.2bn deal", 1_200_000_000, "money"),
        ("41 million dollars", 41_000_000, "money"),
        ("62% of authorizations", 62, "percent"),
        ("62 percent of authorizations", 62, "percent"),
        ("62 per cent of authorizations", 62, "percent"),
    ],
)
def test_values_in_digits_and_words(text: str, value: float, kind: str) -> None:
    q = only(text)
    exact(q, value)
    assert q.kind == kind
    assert text[q.start : q.end] == q.text


def test_spelled_and_digit_forms_agree() -> None:
    assert only("2.5 million people").overlaps(only("2,500,000 people"))
    assert only("$41m").overlaps(only("$41 million"))
    assert only("62%").overlaps(only("62 percent"))
    assert only("two dozen people").overlaps(only("24 people"))
    assert not only("$41 million").overlaps(only("$14 million"))


def test_money_with_rate_words_after_the_figure() -> None:
    monthly = only("Palantir pays $600,000 a month for hosting.")
    exact(monthly, 600_000)
    assert (monthly.kind, monthly.currency, monthly.rate) == ("money", "USD", "month")
    annual = only("the company's $19.4 million annual contract with ICE")
    exact(annual, 19_400_000)
    assert (annual.kind, annual.rate) == ("money", "year")


def test_counted_noun_is_recorded() -> None:
    assert only("Amazon has 204 authorizations.").noun == "authorizations"
    assert only("five protesters").noun == "protesters"
    assert only("$41 million").noun is None  # money counts no noun


def test_twice_and_thrice_count_times_but_a_multiplier_or_rate_is_no_count() -> None:
    twice = only("The club has cut its budget twice.")
    assert (twice.low, twice.noun) == (2, "times")
    assert only("It rained thrice.").low == 3
    assert quantities("The hall is twice as large.") == []
    assert quantities("The ferry sails twice a day.") == []


def test_a_function_word_after_a_figure_is_no_counted_noun() -> None:
    # "36,500 in 2023" counts what the sentence counts, not "in"; with "in" as its noun it met only other "in" figures.
    assert only("The museum had 36,500 in 2023.").noun is None
    assert only("Of the nights, 64 were clear.").noun is None
    assert only("It filed 12 reports.").noun == "reports"


@pytest.mark.parametrize("text", ["Crowds rose in 2024-25.", "the 2024/25 season", "the 1998–99 campaign"])
def test_the_end_of_a_season_is_no_figure(text: str) -> None:
    assert quantities(text) == []


def test_a_range_of_small_numbers_still_gives_figures() -> None:
    assert [q.low for q in quantities("pages 10-25 of the report")] == [10, 25]


def test_a_compound_counts_its_last_noun() -> None:
    # "56 league matches" counts matches: against "38 matches" it is the same measure, against "56 matches" the same figure.
    assert only("They played 56 league matches.").noun == "matches"
    assert only("It has 40 police officers.").noun == "officers"
    assert only("It has 3 bus stops.").noun == "stops"
    assert only("It sold 56 matches.").noun == "matches"
    assert only("Only 3 people said so.").noun == "people"
    # A first word that looks plural is a noun of the compound too.
    assert only("It affected 18,862 statistics students.").noun == "students"
    assert only("It recalled 40 sales reps.").noun == "reps"
    assert only("It had 40 sales in May.").noun == "sales"


def test_a_range_or_comparison_lends_its_noun_to_the_nounless_figure() -> None:
    assert [q.noun for q in quantities("Attendance rose from 3,140 to 3,480 fans a game.")] == ["fans", "fans"]
    assert [q.noun for q in quantities("The reserve counted 212 pairs, up from 180 a year earlier.")] == ["pairs", "pairs"]
    assert [q.noun for q in quantities("It had 30 staff at the start, compared with 45 now.")] == ["staff", "staff"]
    # A share of the things last counted counts them: "Four of them" are awards.
    assert [q.noun for q in quantities("It made nine awards worth €2.9 million. Four of them went to Kessby.")] == ["awards", None, "awards"]
    # The figures after a count's colon break it down: they count what it counts.
    assert [q.noun for q in quantities("We received 980 letters: 910 by post and 70 by hand.")] == ["letters", "letters", "letters"]


def test_a_range_change_or_size_puts_the_nounless_figure_in_the_others_unit() -> None:
    assert [(q.kind, q.noun) for q in quantities("The term went from 24 to 36 months.")] == [("duration", "months")] * 2
    assert [(q.kind, q.low) for q in quantities("The rate fell from 23 to 19 percent.")] == [("percent", 23), ("percent", 19)]
    assert [q.noun for q in quantities("The panel measures 54.3 x 71.8 cm.")] == ["cm", "cm"]
    # Two figures apart by more than a joining word keep their own units.
    assert [q.kind for q in quantities("It hired 24 people in three months.")] == ["count", "duration"]


def test_cents_and_pence_are_hundredths_of_money() -> None:
    cents = only("The dividend is 13 cents a share.")
    assert (cents.kind, cents.low) == ("money", 0.13)
    assert cents.overlaps(only("a dividend of $0.13 per share"))
    assert not cents.overlaps(only("a dividend of $13 per share"))
    pence = only("A stamp costs 85 pence.")
    assert (pence.kind, pence.currency, pence.low) == ("money", "GBP", 0.85)
    assert only("The rate rose 3 per cent.").kind == "percent"


def test_a_rate_reads_past_what_the_unit_measures() -> None:
    assert only("Customers used 486 megalitres of water a day.").rate == "day"


def _derived(text: str, anchors: str = "") -> list[tuple[str, float, str | None]]:
    found = derived_figures(text, quantities(text), dates(text), dates(anchors))
    return [(q.kind, round(q.low, 2), q.noun) for q in found]


def test_a_count_out_of_a_larger_count_gives_its_share() -> None:
    assert _derived("The striker scored four of the club's 16 goals.") == [("percent", 25.0, "goals")]
    assert _derived("Nine out of 12 members voted for it.") == [("percent", 75.0, "members")]
    # Two counts side by side are no share: "4 of 16" needs its "of".
    assert _derived("It has 4 wards and 16 beds.") == []


def test_a_count_after_of_which_is_a_share_of_the_count_before() -> None:
    found = _derived("The batches totalled 420 jars, of which about 260 had been sold.")
    assert found == [("percent", 58.81, "jars")]
    assert derived_figures("420 jars, of which about 260", quantities("420 jars, of which about 260"), [])[0].high == pytest.approx(65.0)
    # Without "of which" the later count is not taken from the earlier.
    assert _derived("The batches totalled 420 jars, and 260 tins were sold.") == []


def test_two_dates_are_some_days_apart() -> None:
    assert _derived("She was arrested on 4 March 2023 and charged on 18 March 2023.") == [("duration", 14.0, "days"), ("duration", 2.0, "weeks")]
    # A date without its year is in the year written after the other.
    assert _derived("The vote was on 30 January and the result on 2 February 2024.") == [("duration", 3.0, "days")]


def test_a_span_of_days_counts_both_ends_as_well() -> None:
    # "from 4 to 6 July" is two days apart and three days long.
    assert _derived("The fair ran from Friday 4 to Sunday 6 July 2025.") == [("duration", 2.0, "days"), ("duration", 3.0, "days")]
    assert _derived("The show runs July 4-6, 2025.") == [("duration", 2.0, "days"), ("duration", 3.0, "days")]
    # Two dates of two events are only apart.
    assert _derived("He was arrested on 4 July and charged on 6 July 2025.") == [("duration", 2.0, "days")]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Between 4 and 12 July 2025, 87 people fell ill.", [(7, 4), (7, 12)]),
        ("It is open from Friday 4 to Sunday 6 July.", [(7, 4), (7, 6)]),
        ("Strikes are planned for 14-17 April.", [(4, 14), (4, 17)]),
        ("The fair runs July 4-6, 2025.", [(7, 4), (7, 6)]),
    ],
)
def test_the_first_day_of_a_range_takes_the_months_of_the_last(text: str, days: list[tuple[int, int]]) -> None:
    assert sorted((d.value, d.day) for d in dates(text) if d.kind == "month") == days


def test_numbers_before_a_date_that_are_no_range_are_no_days() -> None:
    assert [d.text for d in dates("The vote was 5-2 on 4 March.") if d.kind == "month"] == ["4 March."]
    assert [d for d in dates("Patients aged 2 to 81 were treated.") if d.kind == "month"] == []


def test_distances_between_many_dates_count_only_from_the_claims_date() -> None:
    text = "Built in 1850, rebuilt in 1871 and closed in 1903, it reopened in 1990."
    assert _derived(text) == []
    assert _derived(text, anchors="It was rebuilt in 1871.") == [("duration", 21.0, "years"), ("duration", 32.0, "years"), ("duration", 119.0, "years")]


def test_the_end_of_a_change_of_span_written_bare_is_a_span_too() -> None:
    assert [(q.kind, q.noun) for q in quantities("The term was cut from seven years to six.")] == [("duration", "years"), ("duration", "years")]
    assert [(q.kind, q.noun) for q in quantities("The wait grew from 3 weeks to about 5.")] == [("duration", "weeks"), ("duration", "weeks")]
    # Not a change from a span: "to" with no "from" before the span.
    assert [q.kind for q in quantities("He served seven years to 2019 and then 4 more.")][-1] == "count"


# --- hedges and comparatives as intervals --------------------------------------------------------


def test_more_than_is_an_open_interval_above() -> None:
    q = only("More than two dozen protesters made their way inside.")
    assert not q.exact
    assert q.low > 24 and q.high == math.inf
    assert q.noun == "protesters"
    assert q.overlaps(only("30 protesters")) and not q.overlaps(only("23 protesters"))


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The hall seats no more than 200 guests.", 0, 200),
        ("Not more than 12 boats may moor there.", 0, 12),
        ("The plan needs a maximum of 3 servers.", 0, 3),
        ("No fewer than 40 volunteers came.", 40, math.inf),
        ("Keep a minimum of 2 copies.", 2, math.inf),
    ],
)
def test_a_negated_comparative_bounds_the_other_way(text: str, low: float, high: float) -> None:
    q = only(text)
    assert (q.low, q.high, q.exact) == (low, high, False)


@pytest.mark.parametrize(
    ("hedged", "meets", "misses"),
    [
        # A figure written precisely admits little around it; a round one admits more.
        ("some 37 metres", "36 metres", "34 metres"),
        ("about 40 metres", "34 metres", "33 metres"),
        ("about 340 seats", "325 seats", "300 seats"),
        ("around 2.1 degrees", "2.0 degrees", "1.9 degrees"),
        ("some three hundred vessels", "260 vessels", "250 vessels"),
        ("nearly 37 metres", "35.5 metres", "34 metres"),
    ],
)
def test_a_hedge_admits_the_rounding_of_the_figure_as_written(hedged: str, meets: str, misses: str) -> None:
    assert only(hedged).overlaps(only(meets)) and not only(hedged).overlaps(only(misses))


def test_two_limits_agree_only_on_the_same_edge() -> None:
    limit = only("It serves at most 32 clients.")
    assert limit.overlaps(only("up to 32 clients")) and limit.overlaps(only("a maximum of 32 clients"))
    assert not limit.overlaps(only("at most 64 clients")) and not limit.overlaps(only("fewer than 50 clients"))
    # An exact figure within a limit still meets it.
    assert limit.overlaps(only("20 clients"))


def test_two_floors_agree_only_on_the_same_edge() -> None:
    floor = only("It slips more than 25 mm.")
    assert floor.overlaps(only("more than 25 mm")) and floor.overlaps(only("over 25 mm"))
    assert not floor.overlaps(only("more than 41 mm")) and not only("more than 10 clients").overlaps(only("more than 20 clients"))
    # An exact figure above a floor still meets it.
    assert floor.overlaps(only("30 mm"))


@pytest.mark.parametrize("text", ["The gulls were counted over four breeding seasons.", "Over two nights, the team logged the traffic."])
def test_over_a_span_of_time_is_during_it(text: str) -> None:
    q = only(text)
    assert q.exact and q.low == q.high


@pytest.mark.parametrize("text", ["The bakery has traded for over 40 years.", "The repair took over three days.", "It opened over 20 years ago."])
def test_over_a_span_after_for_or_took_is_more_than(text: str) -> None:
    q = only(text)
    assert not q.exact and q.high == math.inf


def test_fewer_than_is_an_interval_below() -> None:
    q = only("Fewer than a dozen protesters got inside.")
    assert not q.exact
    assert q.low == 0 and q.high < 12
    assert q.overlaps(only("eleven protesters")) and not q.overlaps(only("13 protesters"))


def test_more_than_two_dozen_and_fewer_than_a_dozen_cannot_both_hold() -> None:
    more = only("more than two dozen protesters")
    fewer = only("fewer than a dozen protesters")
    assert not more.overlaps(fewer) and not fewer.overlaps(more)


def test_about_is_plus_or_minus_fifteen_percent() -> None:
    q = only("about 500 people")
    assert not q.exact
    assert q.low == pytest.approx(425) and q.high == pytest.approx(575)
    assert q.overlaps(only("560 people")) and not q.overlaps(only("600 people"))


def test_nearly_is_at_most_the_figure() -> None:
    q = only("nearly 100 people")
    assert q.high == pytest.approx(100) and 80 < q.low < 100
    assert q.overlaps(only("95 people")) and not q.overlaps(only("105 people")) and not q.overlaps(only("80 people"))


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("at least 150 people", 150, math.inf),
        ("up to 20 percent", 0, 20),
        # A figure compared with a bound is the other side of it.
        ("Reserves would fall below the 3 percent minimum.", 0, 3),
        ("He had worked beyond the 91-hour maximum.", 91, math.inf),
        ("Fees stay within the £9,250 cap.", 0, 9250),
    ],
)
def test_bounds(text: str, low: float, high: float) -> None:
    q = only(text)
    assert (q.low, q.high) == (pytest.approx(low), high if high == math.inf else pytest.approx(high))


# --- things that are not figures ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ICE awarded the contract in 2014.",
        "The contracts run through March 2021.",
        "from July 1 to September 30",
        "from Friday 4 to Sunday 6 July 2025",
        "ICE gets the service through Four Points Technology.",
        "one of the companies said",
        "the F-35 program",
        "in the 1990s",
    ],
)
def test_not_figures(text: str) -> None:
    assert quantities(text) == []


def test_day_of_month_excluded_but_figures_beside_it_kept() -> None:
    found = quantities("Amazon spent $3.63 million from July 1 to September 30, 2019.")
    assert [q.text for q in found] == ["$3.63 million"]


def test_number_word_as_an_ordinary_figure_is_kept_even_when_capitalised() -> None:
    exact(only("Four protesters were removed."), 4)


def test_day_first_may_date_is_not_a_figure() -> None:
    assert quantities("The raid took place on 5 May 2019.") == []


# --- ages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Jane Doe, 44, of Queens, was detained.", "a 44-year-old man was detained", "Smith, 44 years old, said"],
)
def test_ages(text: str) -> None:
    q = only(text)
    assert q.kind == "age"
    exact(q, 44)


def test_age_is_not_a_count_in_an_ordinary_list() -> None:
    assert only("In 2019, 44 people were arrested.").kind == "count"


# --- currencies and rates ----------------------------------------------------------------------------


def test_currencies_do_not_overlap() -> None:
    euros, dollars = only("€41 million"), only("$41 million")
    assert (euros.currency, dollars.currency) == ("EUR", "USD")
    assert not euros.overlaps(dollars) and not dollars.overlaps(euros)
    assert euros.overlaps(only("41 million euros"))
    assert dollars.overlaps(only("US$41 million"))


def test_other_dollar_currencies_are_not_us_dollars() -> None:
    assert not only("C$41 million").overlaps(only("US$41 million"))


def test_rates_are_annualised_before_comparing() -> None:
    monthly = only("$600,000 a month")
    yearly = only("$7.2 million a year")
    assert monthly.overlaps(yearly) and yearly.overlaps(monthly)
    assert not monthly.overlaps(only("$600,000 a year"))
    assert not monthly.overlaps(only("$600,000 a week"))
    assert only("$500 each month").rate == "month"


def test_a_year_ago_is_not_a_rate() -> None:
    assert only("Palantir won a $41 million contract a year ago.").rate is None


def test_rate_adjective_on_another_noun_is_not_the_figures_rate() -> None:
    assert only("The annual report says Amazon holds 204 authorizations.").rate is None


def test_percentage_points_are_read_whole() -> None:
    assert only("Support rose 5 percentage points.").text == "5 percentage points"


# --- dates -----------------------------------------------------------------------------------------------


def kinds(text: str) -> list[tuple[str, object, int | None]]:
    return [(d.kind, d.value, d.day) for d in dates(text)]


def test_years() -> None:
    assert kinds("ICE awarded Palantir the contract in 2014.") == [("year", 2014, None)]
    assert kinds("It cost $2014 and 2,014 people came.") == []


def test_months_with_days() -> None:
    assert kinds("from July 1 to September 30") == [("month", 7, 1), ("month", 9, 30)]
    assert kinds("between January and March") == [("month", 1, None), ("month", 3, None)]
    assert kinds("through March 2021") == [("month", 3, None), ("year", 2021, None)]


def test_day_before_month() -> None:
    assert kinds("Tides flooded the marsh on 8 May, 6 June and 22 June.") == [("month", 5, 8), ("month", 6, 6), ("month", 6, 22)]
    assert kinds("on the 3rd of March 2021") == [("month", 3, 3), ("year", 2021, None)]
    # A day makes "May" a month without "in" or a year around it.
    assert kinds("The ferry sailed on 5 May.") == [("month", 5, 5)]
    assert [d.text for d in dates("opened 22 June")] == ["22 June"]


def test_weekdays() -> None:
    assert kinds("Schumer introduced the bill Thursday morning.") == [("weekday", "thursday", None)]
    assert kinds("The raids began on Sunday.") == [("weekday", "sunday", None)]


@pytest.mark.parametrize(("text", "decade"), [("in the 1990s", 1990), ("in the '80s", 1980), ("in the ’90s", 1990), ("the 2010s", 2010)])
def test_decades(text: str, decade: int) -> None:
    assert kinds(text) == [("decade", decade, None)]


def test_may_as_a_verb_is_not_a_month() -> None:
    assert dates("Amazon may pitch the system again.") == []
    assert dates("May I ask a question?") == []
    assert kinds("The pitch was made in May.") == [("month", 5, None)]
    assert kinds("The pitch was made May 5.") == [("month", 5, 5)]


def test_date_mentions_carry_their_text_and_offset() -> None:
    text = "On Sunday, July 1, 2019, the raids began."
    for mention in dates(text):
        assert isinstance(mention, DateMention)
        assert text[mention.start : mention.start + len(mention.text)] == mention.text


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_every_figure_and_date_is_an_exact_slice(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = quantities(text)
    assert found == sorted(found, key=lambda q: q.start)
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.low <= q.high
        assert q.kind in ("count", "money", "percent", "points", "age", "duration", "identifier", "clock")
    for mention in dates(text):
        assert text[mention.start : mention.start + len(mention.text)] == mention.text


def test_the_first_half_of_a_year_is_a_period_not_a_share() -> None:
    assert quantities("sales rose in the first half of 2024") == []
    (share,) = quantities("half of the staff left")
    assert share.kind == "percent" and share.low < 50 < share.high


# `_quantity_matches` tries the figure pattern only where a match can start; it must find exactly what `finditer` finds.
_PIECES = (
    "one One ONE twenty Twenty-one seven seventeen dozen hundred thousand million bn k m a an the of often money someone tens "
    "about more than More at least as many as just only some over four years percent per cent dollars usd May Jane Roe, "
    "1 2 12 31 1,234 1,2345 3.5 2024 1990s % $ US$ us$ C$ € £ ¥ - . , ; ( é ſ K ı İ ٣"
).split(" ") + ["a dozen", "half a dozen", "A Hundred", "a thousand", "more  than", "-year-old", "years old", " ", "  ", "\u00a0", "\t", "\n"]


def _spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


def test_figure_matches_are_finditers_on_generated_text() -> None:
    import random

    from claimcheck.figures import _QUANTITY, _quantity_matches

    rng = random.Random(13)
    for _ in range(20000):
        text = "".join(rng.choice(_PIECES) + rng.choice(("", " ", " ", "-", "\u00a0", ". ")) for _ in range(rng.randint(1, 12)))
        assert _spans(_quantity_matches(text)) == _spans(_QUANTITY.finditer(text)), text


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_figure_matches_are_finditers_on_the_seeds(path: Path) -> None:
    from claimcheck.figures import _QUANTITY, _quantity_matches

    text = path.read_text(encoding="utf-8")
    for piece in [text, *text.splitlines()]:
        assert _spans(_quantity_matches(piece)) == _spans(_QUANTITY.finditer(piece))


def test_the_characters_ignorecase_folds_to_ascii_letters_are_the_ones_listed() -> None:
    import re
    import sys

    from claimcheck.figures import _FOLDS_TO_ASCII

    letter = re.compile(r"[a-z]", re.IGNORECASE)
    assert {chr(c) for c in range(0x80, sys.maxunicode + 1) if letter.match(chr(c))} == _FOLDS_TO_ASCII


def test_a_superlative_after_a_figure_stays_its_noun() -> None:
    # "the three coolest reaches" is often cut to "the three coolest": both count "coolest".
    assert only("in the three coolest reaches").noun == "coolest"


def test_a_figure_measures_the_noun_before_of() -> None:
    assert only("It had a population of 6,150 at the last census.").noun == "population"
    assert only("a crowd of about 4,800").noun == "crowd"
    # Framing words say nothing of what is counted.
    assert only("They played a total of 56.").noun is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Own-brand goods make up almost a quarter of sales.", 21.25, 25),
        ("More than half of the staff voted.", 50.005, math.inf),
        ("Wages stayed inside the league's 70% limit.", 0, 70),
        ("The regulator set a 10% minimum.", 10, math.inf),
        ("Children pay half the adult fare.", 48.5, 51.5),
        ("The path may close for as long as eight weeks.", 0, 8),
    ],
)
def test_a_hedged_fraction_or_a_bound_noun_gives_an_interval(text: str, low: float, high: float) -> None:
    q = only(text)
    assert (round(q.low, 3), q.high, q.exact) == (low, high, False)


def test_a_limit_named_after_its_figure_agrees_with_up_to() -> None:
    assert only("inside the league's 70% limit").overlaps(only("up to 70% of turnover"))
    assert not only("inside the league's 70% limit").overlaps(only("up to 60% of turnover"))


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("It won a decade-long contract.", 10),
        ("The century-long rivalry ended.", 100),
        ("The firm has grown for two decades.", 20),
    ],
)
def test_a_decade_long_span_or_decades_are_years(text: str, years: float) -> None:
    q = only(text)
    assert (q.kind, q.low, q.high, q.noun) == ("duration", years, years, "years")


def test_a_named_century_or_a_lone_decade_is_no_span() -> None:
    assert quantities("The tower was built in the fourteenth century.") == []
    assert quantities("It dates from the 19th century.") == []
    assert quantities("Prices have doubled in over a decade.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Heaters from batch 4417 are affected.",
        "Lots 22 and 23 were recalled.",
        "Flight 302 landed.",
        "See section 12 of the act.",
        "Serial numbers 88211 to 88390 are affected.",
        "The office is at 14 Quay Street.",
        "Order No. 5 was issued.",
        "Motion 2 was carried.",
        "The figures are in table 4.",
    ],
)
def test_a_number_that_names_one_thing_is_an_identifier(text: str) -> None:
    assert {q.kind for q in quantities(text)} == {"identifier"}


@pytest.mark.parametrize(
    ("text", "written", "value"), [("Version 4.2.0 is out.", "4.2.0", 4.2), ("Upgrade to v2.3 first.", "v2.3", 2.3), ("It runs 2.10.11.", "2.10.11", 2.1)]
)
def test_a_release_number_is_one_figure_of_its_major_and_minor_parts(text: str, written: str, value: float) -> None:
    assert [(q.text, q.low) for q in quantities(text)] == [(written, value)]


@pytest.mark.parametrize("text", ["4. The developer shall plant 30 trees.", "Fees are listed below. 2) Parking costs £3.", "The tender closed. 10. Mr Hale"])
def test_a_list_items_number_is_no_figure(text: str) -> None:
    assert all(q.low not in (2, 4, 10) for q in quantities(text))


def test_a_number_ending_a_sentence_is_still_a_figure() -> None:
    assert [q.low for q in quantities("The score was 4. Then it rained.")] == [4]
    assert [q.low for q in quantities("Goals: 4.")] == [4]


@pytest.mark.parametrize(("text", "minutes"), [("It ran aground at 21:47.", 1307), ("The doors open at 10 p.m.", 1320), ("We left at 9:05 pm.", 1265)])
def test_a_time_of_day_is_a_clock_figure_of_its_own(text: str, minutes: int) -> None:
    assert [(q.kind, q.low) for q in quantities(text)] == [("clock", minutes)]
    assert not quantities("It ran aground at 21:52.")[0].overlaps(quantities("It ran aground at 21:47.")[0])


def test_a_cap_of_a_figure_is_a_bound() -> None:
    cap = only("a cap of 150 homes")
    assert (cap.low, cap.high) == (0, 150)


def test_releases_and_identifiers_are_told_apart() -> None:
    first, second, again = quantities("It ships 4.1.0 rather than 4.2.0, and 4.2.0 came later.")
    assert not first.overlaps(second) and second.overlaps(again)
    assert second.overlaps(only("Version 4.2 is out."))
    batch, other = quantities("Batch 4417 and batch 4418 were recalled.")
    assert not batch.overlaps(other)


@pytest.mark.parametrize("text", ["Cases rose to 12.", "In 12 cases the heater failed.", "A number of 12 people came.", "It compresses at level 9."])
def test_a_count_after_other_words_stays_a_count(text: str) -> None:
    assert only(text).kind == "count"


def test_an_iso_date_names_its_month_and_day() -> None:
    found = [(d.kind, d.value, d.day) for d in dates("## 4.1.0 (2024-11-05)")]
    assert found == [("year", 2024, None), ("month", 11, 5)]
    assert [d.kind for d in dates("call 2024-11-0555")] == ["year"]


def test_a_fraction_is_one_share_not_a_count() -> None:
    q = only("Two thirds of members voted for it.")
    assert (q.kind, round(q.low, 3), round(q.high, 3)) == ("percent", 64.699, 68.701)
    assert only("A fifth of the staff left.").overlaps(only("20% of the staff left."))
    # A change by a share.
    assert only("Costs fell by a third.").overlaps(only("Costs fell 33%."))
    assert (only("It may cut waits by up to a fifth.").low, only("It may cut waits by up to a fifth.").high) == (0, 20)


def test_a_ratio_is_one_rounded_share_not_two_counts() -> None:
    q = only("One in five adults smoke.")
    assert (q.kind, round(q.low, 1), round(q.high, 1)) == ("percent", 18.2, 22.2)
    assert only("Nine in ten voters backed it.").overlaps(only("91% of voters backed it."))
    assert not only("Nine in ten voters backed it.").overlaps(only("80% of voters backed it."))
    assert only("Four out of every five records were copies.").kind == "percent"
    assert only("One of every three homes was empty.").kind == "percent"
    # A hedge widens it, as before a fraction: "nearly one in seven" is at most 14.3%.
    hedged = only("Nearly one in seven records were copies.")
    assert hedged.high == pytest.approx(100 / 7) and hedged.low < 13
    # "3 out of 10 members" may count ten members: without "every" it stays two counts.
    assert [q.kind for q in quantities("3 out of 10 members voted.")] == ["count", "count"]


@pytest.mark.parametrize(
    ("text", "century"),
    [
        ("The tower was built in the fourteenth century.", 14),
        ("a 14th-century tower", 14),
        ("the nineteenth-century mills", 19),
        ("early in the twenty-first century", 21),
    ],
)
def test_a_century_named_by_its_ordinal_is_a_date(text: str, century: int) -> None:
    assert [(d.kind, d.value) for d in dates(text)] == [("century", century)]


@pytest.mark.parametrize("text", ["the first century of its life", "Century Bank opened a branch", "a century ago"])
def test_a_century_of_a_things_own_life_or_a_name_is_no_date(text: str) -> None:
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Freight ran until 1983, and the track was lifted two years later.", 1985),
        ("The brig was wrecked in 1883. The next year a lifeboat station opened.", 1884),
        ("It was founded in 1901; ten years on it employed 400 people.", 1911),
        ("The hall burned down in 1930; the chapel had burned three years earlier.", 1927),
        # A span's first year, counted back from its last: 2011 to 2022.
        ("The firm, which maintained the bridge for 11 years until 2022, disputes the report.", 2011),
    ],
)
def test_a_year_counted_from_the_one_before_it_is_a_date(text: str, year: int) -> None:
    counted = [d for d in dates(text) if d.counted]
    assert [(d.kind, d.value) for d in counted] == [("year", year)]


@pytest.mark.parametrize(
    "text",
    [
        "Next year the walk will take place on 6 September.",  # counted from today, not from a year in the text
        "Two years later the track was lifted.",  # no year before it to count from
        "In 1990 the plant opened, ten years after the war.",  # counted from what follows
    ],
)
def test_a_year_with_nothing_written_to_count_from_is_no_date(text: str) -> None:
    assert not [d for d in dates(text) if d.counted]


@pytest.mark.parametrize(
    "text",
    [
        "2.3 Drainage. Five of the eight outlets were blocked.",
        "The hangers were inspected. 1.2  We counted five cracked hangers.",
        "The hangers were inspected.\n4.1 Five of the eight outlets were blocked.",
    ],
)
def test_a_numbered_paragraphs_number_is_no_figure(text: str) -> None:
    assert [q.text for q in quantities(text)][:1] in (["Five"], ["five"])


def test_a_decimal_in_a_sentence_stays_a_figure() -> None:
    assert [q.text for q in quantities("Growth was 2.3 in May. Sales rose.")] == ["2.3"]
    assert [q.text for q in quantities("The crack ran 4.2 km along the girder.")] == ["4.2"]


def test_all_but_some_of_a_count_counts_the_rest() -> None:
    found = quantities("All but two of the deck's eight outlets were blocked.")
    assert [(q.low, q.noun) for q in found] == [(6.0, "outlets"), (8.0, "outlets")]
    assert [q.low for q in quantities("All but 3 of the 40 staff left.")] == [37.0, 40.0]


def test_rounding_reaches_no_further_than_the_coarser_figures_last_digit() -> None:
    def one(text: str) -> Quantity:
        return quantities(text)[0]

    # Two exact counts a vote apart are two counts, however close in proportion.
    assert not one("412 votes").overlaps(one("413 votes"))
    # A figure written to fewer digits may be the other rounded.
    assert one("$3.6 million").overlaps(one("$3.63 million"))
    assert one("38%").overlaps(one("38.2%"))
    assert one("1.2 million people").overlaps(one("1,204,000 people"))
    # Never looser than the plain allowance of about 1%: "2,100" is not "2,140".
    assert not one("2,100 sherds").overlaps(one("2,140 sherds"))


def test_within_a_figure_is_at_most_it() -> None:
    within = quantities("The request must be received within 24 hours of the declaration.")[0]
    assert (within.low, within.high, within.exact) == (0, 24.0, False)
    # A limit is its edge: "up to 48 hours" is another limit than "within 24 hours".
    assert not quantities("up to 48 hours after it")[0].overlaps(within)
    # Against a plain figure, a time allowed is its edge: "took 20 hours" is not "within 24 hours".
    assert not quantities("It took 20 hours.")[0].overlaps(within)
    assert quantities("They were given 24 hours.")[0].overlaps(within)


def test_unit_scale_puts_one_metric_unit_in_another_of_the_same_quantity() -> None:
    assert unit_scale("mm", "centimetres") == pytest.approx(0.1)
    assert unit_scale("km", "metres") == pytest.approx(1000)
    assert unit_scale("kg", "tonnes") == pytest.approx(0.001)
    assert unit_scale("cm", "cm") is None  # the same unit needs no scale
    assert unit_scale("km", "miles") is None  # not metric
    assert unit_scale("kg", "metres") is None  # another quantity
    assert unit_scale(None, "metres") is None


def test_figures_in_two_metric_units_overlap_when_they_are_the_same_amount() -> None:
    [millimetres] = quantities("a crack 115 mm long")
    [centimetres] = quantities("an 11.5-centimetre crack")
    [twelve] = quantities("a 12-centimetre crack")
    assert millimetres.overlaps(centimetres) and centimetres.overlaps(millimetres)
    assert not millimetres.overlaps(twelve) and not twelve.overlaps(millimetres)


def test_one_span_given_as_a_thing_is_a_duration_but_a_relative_time_is_not() -> None:
    [year] = quantities("a year of free credit monitoring")
    assert (year.kind, year.low, year.noun) == ("duration", 1.0, "years")
    assert quantities("within a week of the festival") == []
    assert [q.kind for q in quantities("£50 a year of")] == ["money"]


def test_one_in_a_tally_is_a_count() -> None:
    assert [q.low for q in quantities("approved by nine votes to one")] == [9.0, 1.0]
    assert [q.low for q in quantities("one of the companies")] == []


def test_a_unit_per_another_is_its_own_measure() -> None:
    [speed, length] = quantities("at the standard 48 km/h speed, slipping 41 millimetres")
    assert speed.noun == "km/h" and unit_scale(speed.noun, length.noun) is None


def test_a_time_of_day_with_its_meridiem_glued_or_dotted_is_a_clock_and_a_hedge_makes_it_a_span() -> None:
    assert [(q.kind, q.low) for q in quantities("received at 2.54am")] == [("clock", 174)]
    assert [(q.kind, q.low) for q in quantities("at 6.30 pm on Friday")] == [("clock", 1110)]
    [after] = quantities("brought ashore after 1am")
    assert (after.low, after.high, after.exact) == (60, 240, False)
    [before] = quantities("shortly before 6am")
    assert (before.low, before.high) == (300, 360)
    assert [q.kind for q in quantities("the 4.2m figure")] == ["count"]


def test_the_minutes_between_two_times_of_day_told_one_after_the_other_are_derived() -> None:
    text = "The call came at 02:47. The first engine arrived at 02:54 and the roof fell at 04:10."
    gaps = [(q.low, q.noun) for q in derived_figures(text, quantities(text), [])]
    assert (7, "minutes") in gaps and (76, "minutes") in gaps
    # Not between times that are not next to each other: any two of many times are some minutes apart.
    assert (83, "minutes") not in gaps
