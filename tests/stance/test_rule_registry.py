"""The stance registry: every rule and blocker is named once and says in one line what it finds."""

from __future__ import annotations

from claimcheck.stance import BLOCKERS, CONTRADICTIONS, Blocker, Rule


def test_rules_and_blockers_have_unique_names_and_one_line_docstrings():
    entries = list(CONTRADICTIONS) + list(BLOCKERS)
    names = [entry.name for entry in entries]
    assert len(names) == len(set(names))
    for entry in entries:
        doc = type(entry).__doc__ or ""
        assert doc.strip() and "\n" not in doc.strip(), entry.name
    assert all(isinstance(r, Rule) for r in CONTRADICTIONS) and all(isinstance(b, Blocker) for b in BLOCKERS)


def test_the_most_specific_rules_come_first():
    names = [rule.name for rule in CONTRADICTIONS]
    # A figure tied to a name before a bare figure; a swapped name, which needs the rest of the claim to match, last.
    assert names.index("attribution") < names.index("figure") < names.index("polarity") < names.index("swapped_name")
    assert BLOCKERS[0].name == "may_say_otherwise"
