"""What a draft sentence's pronoun subject refers to (`claimcheck.language.reference`)."""

from __future__ import annotations

import subprocess
import sys

from claimcheck.language.parts import Shape
from claimcheck.language.reference import antecedents, resolved


def test_a_pronoun_subject_refers_to_the_subject_before_it_in_its_section():
    shapes = {"Larch ships tallow.": Shape("Larch", ()), "A quote.": Shape("", ())}
    texts = ["It also ships pipit.", "Its maintainers are volunteers.", "It rotates logs.", "They sail daily.", "It is new.", "It is old."]
    previous = [("Larch ships tallow.",), ("Larch ships tallow.", "It also ships pipit."), (), ("It rotates logs.",), ("A quote.",), ()]
    sections = ["Larch", "Larch", "sluice", "sluice", "sluice", "The project as a whole today"]
    # Back over sentences that open on a pronoun too ("Its" after "It" after "Larch"); from a short heading when nothing
    # with a subject comes before it in its section; never "they" (a group), never past a sentence whose subject is
    # unknown, never from a long heading.
    assert antecedents(texts, previous, sections, shapes) == ["Larch", "Larch", "sluice", "", "", ""]
    assert resolved(texts[0], "Larch") == "Larch also ships pipit."
    assert resolved(texts[1], "Larch") == "Larch's maintainers are volunteers."
    assert resolved("In March it agreed to sell.", "Acme") == "In March Acme agreed to sell."
    assert resolved("It's late.", "Acme") == "It's late."


def test_importing_it_loads_no_numpy_parser_or_model():
    script = "import sys, claimcheck.language.reference; print(*(m in sys.modules for m in ('numpy', 'spacy', 'torch')))"
    assert subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split() == ["False"] * 3
