"""Reading tables in passages: rows and cells, and the row a claim's figures are read from."""

from __future__ import annotations

from claimcheck.stance import judge
from claimcheck.stance.tables import table_rows

MARKDOWN = "| Port | Vessels | Gross tonnage |\n|---|---|---|\n| Northgate | 14 | 412,000 |\n| Eastbay | 9 | 236,500 |"
ALIGNED = "Port        Vessels   Gross tonnage\n----------  --------  -------------\nNorthgate   14        412,000\nEastbay     9         236,500"
RANKED = "| Pos | Club | Points |\n|---|---|---|\n| 1 | Ashford | 28 |\n| 2 | Brindle | 26 |\n| 3 | Corvale | 22 |"


def test_markdown_and_aligned_tables_read_alike():
    expected = [["Port", "Vessels", "Gross tonnage"], ["Northgate", "14", "412,000"], ["Eastbay", "9", "236,500"]]
    assert table_rows(MARKDOWN) == expected
    assert table_rows(ALIGNED) == expected


def test_a_row_named_by_its_label_bears_out_its_figures():
    judgement = judge("Eastbay took 9 vessels with a gross tonnage of 236,500.", MARKDOWN, 0.55)
    assert judgement.stance.value == "supports" and "Eastbay" in judgement.explanation


def test_figures_of_two_rows_bear_out_neither():
    # 9 vessels are Eastbay's, 412,000 tonnes Northgate's: no one row holds both.
    assert judge("Eastbay took 9 vessels with a gross tonnage of 412,000.", MARKDOWN, 0.55).stance.value != "supports"


def test_a_rank_does_not_name_a_row():
    # "3" is a position, not what the claim speaks of: the club with 3 points is in no row.
    assert judge("Corvale finished with 3 points.", RANKED, 0.55).stance.value != "supports"


def test_a_row_named_by_common_words_before_the_figure():
    table = "| Item | Estimate |\n|---|---|\n| Average annual tax rate | $39 per $100,000 |\n| Highest annual tax rate | $42 per $100,000 |"
    judgement = judge("The average annual tax rate is estimated at $42 per $100,000.", table, 0.7)
    assert judgement.rule == "table_cell" and "$39" in judgement.explanation
    # Words after the figures may be said of something else: "other ports" is where ships went, not the row it labels.
    ports = "| Port | Vessels |\n|---|---|\n| Northgate | 14 |\n| Other ports | 2 |"
    assert judge("Thirty-one ships were diverted to other ports.", ports, 0.6).rule != "table_cell"


def test_a_cell_opens_afresh_and_names_nothing():
    # "Average" opening a cell is no name the claim lacks: the table's title names what the claim does.
    table = "| Item | Estimate |\n|---|---|\n| Average annual tax rate | $39 per $100,000 |"
    judgement = judge("Measure Q's average annual tax rate is $39 per $100,000.", table, 0.7, about="Measure Q ballot text")
    assert judgement.stance.value == "supports", judgement.explanation
