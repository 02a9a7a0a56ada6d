"""What a draft sentence's pronoun subject refers to: "Larch ships tallow. It also ships pipit." is about Larch.

Pure text and cached parses: importing this module loads no parser, no model and no numpy (a served re-run imports it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .parts import Shape

_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")
_SUBJECT_PRONOUNS = frozenset("it he she".split())
# A pronoun that is a sentence's subject or its subject's owner: first, or after an opening phrase ("In March it agreed").
# Not "they": a plural refers to a group, which a subject's words (a singular thing, see `parts._topic`) do not name.
_REFERRING_SUBJECT = re.compile(
    r"^(?:(?:in|on|at|by|since|after|before|during|from|until|last|this|next|over|earlier|later|now|today|then|also|meanwhile)\b[^,.;:]{0,40}?,?\s+)?"
    r"(it|its|he|his|she|her)\b(?!['’])",
    re.IGNORECASE,
)
# Sentences a pronoun reaches back over (as many as a draft gives, `draft.REFERRING_REACH`): with that many before it, the
# heading is too far to be what it means.
REACH_LIMIT = 5
# A heading short enough to name what its section is about ("sluice", "Harrowgate Ferries"), not to say something.
HEADING_SUBJECT_WORDS = 3


def referring_subject(text: str) -> re.Match[str] | None:
    """The pronoun a sentence opens its subject with, when it refers back to what came before."""
    return _REFERRING_SUBJECT.match(text)


def antecedents(texts: Sequence[str], previous: Sequence[Sequence[str]], sections: Sequence[str], shapes: Mapping[str, Shape]) -> list[str]:
    """For each sentence whose subject is a pronoun, what it refers to; "" for the rest. Walking back over the sentences before
    it in its section (nearest first, see `Claim.previous`), past those whose subject is a pronoun too: the first one's subject;
    with none before it, a short section heading. `shapes` holds the parse of every sentence named in `previous`."""
    found = []
    for text, before, section in zip(texts, previous, sections):
        subject = ""
        if referring_subject(text) is not None:
            reached_start = True
            for sentence in reversed(before):
                shape = shapes.get(sentence)
                if shape is not None and shape.subject:
                    subject, reached_start = shape.subject, False
                    break
                if referring_subject(sentence) is None:
                    reached_start = False
                    break
            if not subject and reached_start and len(before) < REACH_LIMIT and section and len(_WORD.findall(section)) <= HEADING_SUBJECT_WORDS:
                subject = section.strip()
        found.append(subject)
    return found


def resolved(text: str, subject: str) -> str:
    """The sentence with its referring pronoun replaced by what it refers to ("It ships X" → "Larch Linux 12 ships X")."""
    match = referring_subject(text)
    if match is None or not subject:
        return text
    pronoun = match.group(1).lower()
    said = subject if pronoun in _SUBJECT_PRONOUNS else (subject if subject.endswith(("'s", "’s")) else f"{subject}'s")
    return text[: match.start(1)] + said + text[match.end(1) :]
