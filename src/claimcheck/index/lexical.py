"""The lexical side of retrieval: word stems per passage, their IDF over single sentences, and postings as flat arrays.

Arrays rather than dicts of lists so that the persistent corpus index can store them as they are and open
them memory-mapped: `vocabulary` (sorted stems), `offsets`/`flat` (each stem's passages, ascending), and the
forward table (each passage's stem ids) that an incremental update rebuilds the postings from.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

import numpy as np

from ..lexicon import DERIVATIONS, PARAPHRASES, STOP_WORDS
from ..models import Passage
from ..text import normalise, stem, words


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stop words, no bare numbers)."""
    return {stem(w) for w in words(normalise(text)) if w not in STOP_WORDS and not w[0].isdigit() and len(w) > 1}


# A number in digits (thousands grouped by commas or not, decimals or dotted versions), and a percent sign or word after it.
_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)((?:\.\d+)*)(\s*(?:%|per\s?cent\b|percent\b))?", re.IGNORECASE)


def figure_terms(text: str) -> set[str]:
    """The figures of a text written one way: "3%" and "3 per cent" are `#3%`, "412.0" and "412" are `#412`, "4.1.0" is `#4.1`.

    `#` opens no word stem, so a figure never meets a word. The scale is not kept ("412 million" meets "412").
    """
    terms = set()
    for match in _FIGURE.finditer(normalise(text)):
        whole, decimals, percent = match.group(1).replace(",", ""), match.group(2).split(".")[1:], match.group(3)
        if len(decimals) == 1:
            decimals = [decimals[0].rstrip("0")] if decimals[0].rstrip("0") else []
        while decimals and not decimals[-1].strip("0"):
            decimals.pop()
        terms.add("#" + ".".join([whole.lstrip("0") or "0", *decimals]) + ("%" if percent else ""))
    return terms


@lru_cache(maxsize=1)
def paraphrase_stems() -> dict[str, frozenset[str]]:
    """Each stem of a paraphrase group (lexicon.PARAPHRASES, and a verb with its noun: lexicon.DERIVATIONS) → the stems of
    every group it is in."""
    groups: dict[str, set[str]] = {}
    for group in (*PARAPHRASES, *DERIVATIONS):
        stems = {stem(w) for w in group}
        for s in stems:
            groups.setdefault(s, set()).update(stems)
    return {s: frozenset(g) for s, g in groups.items()}


class Postings(Mapping[str, np.ndarray]):
    """Stem → the (ascending) positions of the passages holding it, as views into one flat array."""

    def __init__(self, vocabulary: Sequence[str], offsets: np.ndarray, flat: np.ndarray) -> None:
        self.vocabulary = vocabulary
        self.ids = {s: n for n, s in enumerate(vocabulary)}
        self.offsets = offsets
        self.flat = flat

    def __getitem__(self, key: str) -> np.ndarray:
        n = self.ids[key]
        return self.flat[int(self.offsets[n]) : int(self.offsets[n + 1])]

    def __contains__(self, key: object) -> bool:
        return key in self.ids

    def __iter__(self) -> Iterator[str]:
        return iter(self.vocabulary)

    def __len__(self) -> int:
        return len(self.vocabulary)


class Forward:
    """Each passage's stems as ids into a sorted vocabulary: the per-passage piece the postings are built from."""

    def __init__(self, vocabulary: list[str], offsets: np.ndarray, ids: np.ndarray) -> None:
        self.vocabulary = vocabulary
        self.offsets = offsets  # int64, one more than passages
        self.ids = ids  # int32 stem ids, each passage's sorted

    @classmethod
    def of_stems(cls, stems: Sequence[Sequence[str]]) -> Forward:
        """The table of per-passage stem lists."""
        vocabulary = sorted({s for group in stems for s in group})
        number = {s: n for n, s in enumerate(vocabulary)}
        lengths = np.fromiter((len(g) for g in stems), dtype=np.int64, count=len(stems))
        offsets = np.zeros(len(stems) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        ids = np.fromiter((number[s] for group in stems for s in sorted(group)), dtype=np.int32, count=int(offsets[-1]))
        return cls(vocabulary, offsets, ids)

    def stems(self, passage: int) -> list[str]:
        """One passage's stems."""
        return [self.vocabulary[i] for i in self.ids[int(self.offsets[passage]) : int(self.offsets[passage + 1])].tolist()]

    def slice_stems(self, first: int, last: int) -> list[list[str]]:
        """The stems of passages first..last-1 (one document's rows, to carry into a new generation)."""
        return [self.stems(p) for p in range(first, last)]


class LexicalIndex:
    """An inverted index from word stem to the passages holding it, with IDF over single sentences."""

    def __init__(
        self, passages: Sequence[Passage] | None = None, *, size: int = 0, idf: dict[str, float] | None = None, postings: Postings | None = None
    ) -> None:
        if passages is not None:
            built = LexicalIndex.of_forward(
                Forward.of_stems([sorted(content_stems(p.text)) for p in passages]), np.array([p.sentence_count == 1 for p in passages], dtype=bool)
            )
            size, idf, postings = built.size, built.idf, built.postings
        self.size: int = size
        self.idf: dict[str, float] = idf if idf is not None else {}
        self.postings: Postings = postings if postings is not None else Postings([], np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32))

    @classmethod
    def of_forward(cls, forward: Forward, single: np.ndarray) -> LexicalIndex:
        """The postings and IDF of a forward table; `single` marks the one-sentence passages IDF counts over."""
        size = len(forward.offsets) - 1
        holder = np.repeat(np.arange(size, dtype=np.int32), np.diff(forward.offsets))
        order = np.argsort(forward.ids, kind="stable")  # stable: each stem's passages stay ascending
        flat = holder[order]
        counts = np.bincount(forward.ids, minlength=len(forward.vocabulary))
        offsets = np.zeros(len(forward.vocabulary) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        in_sentences = np.bincount(forward.ids[single[holder]], minlength=len(forward.vocabulary)).tolist()
        return cls(size=size, idf=idf_of(forward.vocabulary, in_sentences, int(single.sum())), postings=Postings(forward.vocabulary, offsets, flat))

    def scores(
        self,
        text: str,
        default_idf: float,
        context: ContextIndex | None = None,
        discount: float = 0.0,
        paraphrase_discount: float = 0.0,
    ) -> np.ndarray:
        """For every passage, the IDF-weighted share of the text's stems it contains.

        With a `context`, a stem the passage lacks but its document title or section heading holds counts `discount` of its
        weight: a report is about one thing, and its sentences need not name it ("Revenue fell 3%." under "X plc: Annual Report").
        A stem the passage lacks but one of its paraphrases (lexicon.PARAPHRASES) holds counts `paraphrase_discount` of it.
        """
        result = np.zeros(self.size, dtype=np.float32)
        stems = content_stems(text)
        titles = context if context is not None and discount > 0.0 else None
        # The text's figures that some title or heading holds ("in 2024" and "Annual Report 2024"; "4.1.0" and a "4.1.0" section).
        figures = sorted(f for f in figure_terms(text) if f in titles.figure_idf) if titles is not None else []
        total = sum(self.idf.get(s, default_idf) for s in stems) + sum(titles.figure_idf[f] for f in figures if titles is not None)
        if not total:
            return result
        # Title and heading credit is summed per (title, heading) pair and handed to the passages in one gather at the end:
        # one pass over the passages per text, not one per word.
        grouped = np.zeros(titles.size, dtype=np.float32) if titles is not None else None
        for f in figures:
            assert titles is not None and grouped is not None
            grouped[titles.groups[f]] += np.float32(discount * titles.figure_idf[f] / total)
        alternatives = paraphrase_stems() if paraphrase_discount > 0.0 else {}
        for s in sorted(stems):  # sorted: float sums in one order, whatever the set's
            held = self.postings.get(s)
            if held is not None:
                result[held] += self.idf[s] / total
            weight = self.idf.get(s, default_idf) / total
            titled = titles.mask(s) if titles is not None else None
            if titled is not None:
                assert titles is not None and grouped is not None
                grouped[titles.groups[s]] += np.float32(discount * weight)
                if held is not None:
                    # The passage holds the word itself: full weight already, so the title's share is taken back.
                    result[held[titled[titles.group_of[held]]]] -= np.float32(discount * weight)
            others = [self.postings[a] for a in sorted(alternatives.get(s, ())) if a != s and a in self.postings]
            if others:
                rows = np.unique(np.concatenate(others))
                if held is not None:
                    rows = rows[~np.isin(rows, held, assume_unique=True)]
                credit = np.full(len(rows), paraphrase_discount * weight, dtype=np.float32)
                if titled is not None:
                    assert titles is not None
                    # A paraphrase and the title both speak for the word: the larger share counts, not both.
                    credit = np.maximum(credit - np.where(titled[titles.group_of[rows]], np.float32(discount * weight), np.float32(0.0)), np.float32(0.0))
                result[rows] += credit
        if grouped is not None and grouped.any():
            assert titles is not None
            result += grouped[titles.group_of]
        return result

    def rare_word_passages(self, text: str, fused: np.ndarray, per_word: int, rank: np.ndarray | None = None) -> list[int]:
        """For the text's two rarest stems that the corpus has, the best-ranked passages holding each (ties by `rank`)."""
        known = sorted((s for s in content_stems(text) if s in self.postings), key=lambda s: (-self.idf.get(s, 0.0), s))
        chosen: list[int] = []
        for s in known[:2]:
            holders = self.postings[s]
            order = np.lexsort((rank[holders], -fused[holders])) if rank is not None else np.argsort(-fused[holders], kind="stable")
            chosen.extend(int(i) for i in holders[order[:per_word]])
        return chosen


class ContextIndex:
    """Each passage's document title and section heading as index terms: what a passage is about when it does not say so."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        # Passages share few (title, heading) pairs: each pair's terms are found once, and each passage points at its pair.
        groups: dict[tuple[str, str], int] = {}
        self.group_of = np.fromiter((groups.setdefault((p.title, p.heading), len(groups)) for p in passages), dtype=np.int32, count=len(passages))
        holders: dict[str, list[int]] = {}
        terms: dict[str, set[str]] = {}  # a title is shared by all its document's headings, a heading text by many documents
        for (title, heading), group in groups.items():
            for text in (title, heading):
                if text not in terms:
                    terms[text] = content_stems(text) | figure_terms(text)
            for term in terms[title] | terms[heading]:
                holders.setdefault(term, []).append(group)
        # A figure's IDF over the (title, heading) pairs: a year every report title holds counts little, a version one section names much.
        self.figure_idf = {t: math.log((len(groups) + 1) / (1 + len(held))) + 1.0 for t, held in holders.items() if t.startswith("#")}
        self.size = len(groups)
        # Term → the (title, heading) pairs holding it, ascending: ids, not a mask per term, so memory follows the titles' words.
        self.groups: dict[str, np.ndarray] = {term: np.asarray(held, dtype=np.int32) for term, held in holders.items()}

    def mask(self, term: str) -> np.ndarray | None:
        """For every (title, heading) pair, whether it holds the term (None: none does)."""
        held = self.groups.get(term)
        if held is None:
            return None
        mask = np.zeros(self.size, dtype=bool)
        mask[held] = True
        return mask


def idf_of(vocabulary: Sequence[str], in_sentences: Sequence[int], sentences: int) -> dict[str, float]:
    """IDF of each stem seen in a single sentence (`math.log`, as ever, so values match to the last bit)."""
    total = sentences + 1
    return {s: math.log(total / (1 + c)) + 1.0 for s, c in zip(vocabulary, in_sentences) if c}
