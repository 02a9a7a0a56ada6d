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
