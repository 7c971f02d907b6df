"""A word-bigram language model: which reading the words around a flag make likely.

"it was well fone": "one", "done" or "none"? A spelling suggestion ranked by edit cost alone
cannot tell; the words on either side can. The model is symspellpy's English bigram list (242,342
word pairs with Google Books counts, MIT, shipped inside the package) over the lexicon's word
counts, with stupid backoff (Brants et al., 2007) for pairs the list lacks: their
probability is the second word's own, discounted, and never more than the least listed pair
would give (the list holds every pair above its smallest count).

A candidate's score is the noisy-channel one: log10 P(before, candidate, after) minus
`EDIT_WEIGHT` per unit of OCR edit cost, so a reading one plain edit further must be a
hundred times likelier in context to rank first.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TypeVar

from corrigenda.checks.lexicon import Lexicon

BUNDLED = {"en": "frequency_bigramdictionary_en_243_342.txt"}
EDIT_WEIGHT = 2.0  # log10 units of context likelihood one plain edit is worth
BACKOFF = 0.4  # the discount of a pair the list lacks (stupid backoff)
_T = TypeVar("_T")  # what an option carries besides its word (a cost, say)
_CONTEXT_WORD = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)*$")


class BigramModel:
    """P(word | previous word) from pair counts, backing off to the lexicon's counts."""

    def __init__(self, pairs: dict[str, dict[str, int]], lexicon: Lexicon) -> None:
        self.followers = pairs  # first word -> {second word: count}
        self.preceders: dict[str, set[str]] = {}  # second word -> first words
        for first, seconds in pairs.items():
            for second in seconds:
                self.preceders.setdefault(second, set()).add(first)
        self.lexicon = lexicon
        counts = [c for seconds in pairs.values() for c in seconds.values()]
        self.floor = min(counts, default=1)  # the list's smallest pair count
        # The pair list comes from a larger corpus than the word list: scale pair counts
        # to word counts by how much more "the" occurs first in pairs than alone.
        the = sum(pairs.get("the", {}).values())
        self.scale = max(1.0, the / max(1, lexicon.counts.get("the", 1)))

    def knows(self, word: str) -> bool:
        return word in self.lexicon.counts

    def attested(self, before: str, word: str) -> bool:
        """The pair is in the list: common English, whatever else may be wrong."""
        return word in self.followers.get(before, ())

    def fitting(
        self,
        before: str | None,
        after: str | None,
        options: Sequence[tuple[str, _T]],
    ) -> list[tuple[str, _T]]:
        """The options the list pairs with the word before or the word after them (a side
        given as None is not asked)."""
        following = self.followers.get(before, {}) if before else {}
        preceding = self.preceders.get(after, ()) if after else ()
        return [(w, cost) for w, cost in options if w in following or w in preceding]

    def unigram(self, word: str) -> float:
        return self.lexicon.counts.get(word, 0) / self.lexicon.total

    def conditional(self, before: str, word: str) -> float:
        """P(word | before), both casefolded and known."""
        count_before = self.lexicon.counts.get(before, 0) * self.scale
        if not count_before:
            return self.unigram(word)
        pair = self.followers.get(before, {}).get(word)
        if pair:
            return min(1.0, pair / count_before)
        return BACKOFF * min(self.unigram(word), self.floor / count_before)

    def logprob(self, words: Sequence[str]) -> float:
        """log10 P(words), the first word's probability given by its count."""
        first = self.unigram(words[0])
        total = math.log10(first) if first > 0 else -12.0
        for before, word in itertools.pairwise(words):
            p = self.conditional(before, word)
            total += math.log10(p) if p > 0 else -12.0
        return total

    def rank(
        self, before: str | None, after: str | None, options: Sequence[tuple[str, float]]
    ) -> list[tuple[str, float]]:
        """The options (reading, OCR edit cost) best first in context, each with its score
        (higher is better). `before`/`after` are the neighbouring words (None: none)."""
        left = usable_word(before, self)
        right = usable_word(after, self)
        scored = []
        for reading, cost in options:
            words = [w.casefold() for w in reading.split()]
            if not words or not all(self.knows(w) for w in words):
                scored.append((reading, -99.0 - cost))
                continue
            chain = ([left] if left else []) + words + ([right] if right else [])
            scored.append((reading, self.logprob(chain) - EDIT_WEIGHT * cost))
        return sorted(scored, key=lambda item: -item[1])


def usable_word(word: str | None, model: BigramModel) -> str | None:
    """A neighbouring token as the model's word (casefolded), or None if it knows none."""
    if not word or not _CONTEXT_WORD.match(word):
        return None
    folded = word.casefold().replace("’", "'")
    return folded if model.knows(folded) else None


@lru_cache(maxsize=4)
def load_bigrams(lexicon: Lexicon) -> BigramModel | None:
    """The bundled bigram model for the lexicon's language (None for custom lexicons)."""
    name = BUNDLED.get(lexicon.name)
    if name is None:
        return None
    pairs: dict[str, dict[str, int]] = {}
    text = (resources.files("symspellpy") / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            pairs.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    return BigramModel(pairs, lexicon)
