"""The figure helpers of the number rules: what makes a figure a change."""

from __future__ import annotations

import pytest

from claimcheck.analysis import analyse
from claimcheck.stance.compare import date_conflict, directed_figures, figure_conflict, is_change


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Revenue rose 6% in 2024.", True),
        ("Revenue fell by 7% in Europe.", True),
        ("Revenue was up 3% on the year.", True),
        ("Revenue, up 3%, beat forecasts.", True),
        ("Prices went down 2% in May.", True),
        ("Europe accounted for 27% of revenue.", False),
        ("Revenue fell to 7% of the total.", False),
        ("Wages ate up 69% of turnover.", False),
        ("Online orders made up 9% of sales.", False),
    ],
)
def test_a_change_is_told_from_a_level_or_a_share(text: str, change: bool) -> None:
    analysis = analyse(text)
    assert is_change(analysis, analysis.figures[0]) is change


@pytest.mark.parametrize(
    ("text", "way", "words"),
    [
        ("Revenue rose by 6% in 2024.", "up", "rose by 6%"),
        ("Revenue was down 3% on the year.", "down", "down 3%"),
        ("Nurses made 15% fewer errors.", "down", "15% fewer"),
        ("The ships emitted 3% more than in 2023.", "up", "3% more"),
        ("It reported an increase of 12% in visits.", "up", "increase of 12%"),
        ("Revenue fell to 7% of the total.", None, None),
        ("Wages ate up 69% of turnover.", None, None),
        ("More than 5% of staff left.", None, None),
    ],
)
def test_a_change_is_read_with_the_way_it_went(text: str, way: str | None, words: str | None) -> None:
    found = directed_figures(analyse(text))
    assert [(d.way, text[d.start : d.end]) for d in found] == ([(way, words)] if way else [])


def test_a_sentence_opening_word_the_corpus_never_writes_as_a_name_owns_no_figure() -> None:
    from claimcheck.stance import judge

    known = frozenset({"acme"})
    # "Sales" opens the sentence and is no name in this corpus: the figure rule compares the figures, not attribution.
    plain = judge("Sales rose 4% to $40 million.", "Sales rose 6% to $40 million.", 0.85, names=known)
    assert (plain.rule, plain.explanation) == ("figure", "source: 6%; claim: 4%")
    named = judge("Acme rose 4% to $40 million.", "Acme rose 6% to $40 million.", 0.85, names=known)
    assert (named.rule, named.explanation) == ("attribution", "source gives Acme 6%; claim gives Acme 4%")


def test_figures_of_the_same_word_are_one_quantity_but_not_labels_or_changes():
    from claimcheck.analysis import analyse
    from claimcheck.stance.compare import governed_alike

    def alike(claim: str, passage: str) -> bool:
        first, second = analyse(claim), analyse(passage)
        return governed_alike(first, first.figures[0], second, second.figures[0])

    assert alike("The cuts are expected to save $5.1 million.", "The reductions are expected to save $4.4 million.")
    assert alike("The jury deliberated for more than 15 hours.", "The jury deliberated for a little under 11 hours.")
    # A number right after a word may label it; a verb of change says how a figure moved, not what it measures.
    assert not alike("The new release is tallow 3.1 in the autumn.", "The last release was tallow 3.0 in the spring.")
    assert not alike("Churn fell to 5.1%.", "Sales fell 3%.")


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # A count of some of the things is not set against a count of all of them.
        ("The inspectors found cracks in two of the twelve bridges.", "The inspectors examined twelve bridges and found cracks in two."),
        ("Nine flats were damaged, four of them badly.", "Nine flats were damaged in the storm."),
        # An amount for each is not set against an amount in all.
        ("The fund could be worth more than £5m.", "The company proposes a fund of £2,000 per MW of capacity."),
        # Nor a figure of one act against a figure of the opposite act.
        ("The chain opened nine stores in the city.", "The chain closed three stores in the city."),
        # An act's participle between a figure and its noun makes the figure that act's.
        ("The chain opened nine stores in the city.", "The three closed stores in the city were older sites."),
        # Amounts followed by other acts are not each other's counterparts.
        ("Some £1.05m of the grant had been paid out.", "The £2.4m grant included £1.35m set aside for equipment."),
        # A part the claim counts after its whole is the passage figure's counterpart, not the whole.
        ("The jury convicted Brand on all five counts, three of theft and two of forgery.", "Brand was convicted on three counts of theft."),
    ],
)
def test_figures_of_other_things_are_not_set_against_each_other(claim: str, passage: str) -> None:
    conflict, _ = figure_conflict(analyse(claim), analyse(passage))
    assert conflict is None


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("Nine flats were damaged, four of them badly.", "Nine flats were damaged, two of them badly."),
        ("The chain opened nine stores in the city.", "The chain opened three stores in the city."),
        ("The fund pays £3,000 per MW.", "The fund pays £2,000 per MW."),
        ("The chain opened nine stores in the city.", "The three new stores in the city were opened in May."),
        # A count with no noun of its own counts what its sentence's earlier count does, in its own clause only.
        ("At its height the mill employed about 400 weavers.", "In 1890 the mill employed about 120 weavers, and at its height about 260."),
        ("Tarrow opened six shops in Leeds.", "Tarrow opened eleven shops in Leeds and six in York."),
        # Two amounts with no noun followed by the same act are amounts of that act.
        ("The grant was suspended, although £1.05m of it had already been paid out.", "The trust may try to claw back some of the £1.35m already paid out."),
        # A figure compared with a bound is the other side of it.
        ("Reserves would fall below 5 percent.", "Reserves would fall below the 3 percent minimum."),
    ],
)
def test_figures_of_the_same_things_still_conflict(claim: str, passage: str) -> None:
    conflict, _ = figure_conflict(analyse(claim), analyse(passage))
    assert conflict is not None


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("At its height the mill employed about 260 weavers.", "In 1890 the mill employed about 120 weavers, and at its height about 260."),
        ("Reserves would fall below 3 percent.", "Reserves would fall below the 3 percent minimum."),
        ("He flew more than 100 hours that month.", "That month he flew beyond the 100-hour maximum."),
        ("Twelve people needed a hospital stay, including three children.", "Twelve people were admitted to hospital, three of them children."),
        (
            "The trust withdrew 5.0 FTE of the notices, leaving 22.5 FTE of reductions.",
            "The trust rescinded 5.0 FTE of those notices on 2 May. The remaining 22.5 FTE reductions will save £1.1 million.",
        ),
    ],
)
def test_a_figure_told_another_way_is_given(claim: str, passage: str) -> None:
    conflict, matched = figure_conflict(analyse(claim), analyse(passage))
    assert conflict is None and matched


@pytest.mark.parametrize(
    ("claim", "passage", "conflicts"),
    [
        # A date in a noun's phrase dates that thing, not the sentence's event.
        ("On 4 June 2025 the committee reversed the decision.", "The committee voted to reverse its decision of 12 March 2024.", False),
        ("The 9 May offer raised pay by 3%.", "The offer raises pay by 3% from 1 July.", False),
        ("The 2019 survey counted 40 pairs.", "A survey in 2021 counted 40 pairs.", True),
        ("A survey in 2019 counted 40 pairs.", "The 2021 survey counted 40 pairs.", True),
        ("The bridge was rebuilt in 1998.", "The bridge was rebuilt in 1994.", True),
        ("The strike was suspended on 12 April.", "The strike was suspended on 11 April.", True),
        # A date the passage hangs on a word the claim does not date, or the date a notice was issued.
        ("The strike planned for 14 to 17 April was suspended.", "It was suspended on 11 April after talks.", False),
        ("Ships were diverted between 23 March and 9 April.", "NOTICE: SHIP DIVERSIONS. Issued 10 April 2026.", False),
        ("By 28 November, 610 claims had been paid.", "Does the Court of Appeal decision of 20 November affect my claim?", False),
    ],
)
def test_a_date_of_a_thing_meets_only_a_date_of_that_thing(claim: str, passage: str, conflicts: bool) -> None:
    conflict, _ = date_conflict(analyse(claim), analyse(passage))
    assert (conflict is not None) is conflicts
