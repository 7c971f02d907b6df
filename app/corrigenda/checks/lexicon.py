"""A lexicon: a word list with frequencies, for "not a word" flags and ranked suggestions.

The default is symspellpy's bundled English frequency dictionary (82,765 words, MIT). The
word set loads in a fraction of a second; the SymSpell index for suggestions (about two
seconds to build) is built on first use and kept for the process. Suggestions come from
SymSpell (edit distance 2) and from the OCR-folding index (any word that folds the same), and
are ranked with OCR confusions as cheap edits, then by frequency.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from corrigenda.checks.folding import confusion_cost, fold
from corrigenda.errors import InputError

DEFAULT_LEXICON = "en"
_BUNDLED = {"en": "frequency_dictionary_en_82_765.txt"}
_WORD = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)*$")


class Lexicon:
    """Words (casefolded) with their counts; suggestions on demand."""

    def __init__(self, counts: dict[str, int], name: str = "custom") -> None:
        self.name = name
        self.counts = counts
        self._lock = threading.Lock()
        self._symspell: Any = None
        self._folded: dict[str, list[str]] | None = None
        self.total = sum(counts.values()) or 1

    def __contains__(self, word: str) -> bool:
        return word.casefold() in self.counts

    def frequency(self, word: str) -> int:
        return self.counts.get(word.casefold(), 0)

    def zipf(self, word: str) -> float:
        """log10 of occurrences per billion words; 0 for unknown words."""
        count = self.frequency(word)
        return math.log10(count * 1e9 / self.total) if count else 0.0

    def suggest(self, word: str, limit: int = 5) -> list[tuple[str, float]]:
        """Ranked (suggestion, cost) for `word`, best first, in the word's own case."""
        return [(_recase(word, w), c) for w, c in _suggest_cached(self, word.casefold(), limit)]

    def confusion_neighbours(self, word: str) -> list[str]:
        """Known words one typical OCR substitution away (cheap: no index needed)."""
        return list(_neighbours_cached(self, word.casefold()))

    def folded_twins(self, word: str) -> list[str]:
        """Lexicon words that fold to the same OCR key as `word`."""
        return list(self._folded_index().get(fold(word), ()))

    def _folded_index(self) -> dict[str, list[str]]:
        with self._lock:
            if self._folded is None:
                index: dict[str, list[str]] = defaultdict(list)
                for word in self.counts:
                    index[fold(word)].append(word)
                self._folded = dict(index)
            return self._folded

    def _lookup(self, word: str) -> list[str]:
        from symspellpy import SymSpell, Verbosity

        with self._lock:
            if self._symspell is None:
                symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
                for term, count in self.counts.items():
                    symspell.create_dictionary_entry(term, count)
                self._symspell = symspell
            symspell = self._symspell
        # CLOSEST, not ALL: ALL costs milliseconds a word; the folding index adds the OCR
        # confusions that CLOSEST would rank out, and our own ranking reorders the rest.
        found = symspell.lookup(word, Verbosity.CLOSEST, max_edit_distance=2)
        return [item.term for item in found]


@lru_cache(maxsize=100_000)
def _suggest_cached(lexicon: Lexicon, word: str, limit: int) -> tuple[tuple[str, float], ...]:
    candidates = set(lexicon.folded_twins(word))
    if len(word) <= 40:
        candidates.update(lexicon._lookup(word))
    candidates.discard(word)
    ranked = sorted(
        ((c, confusion_cost(word, c)) for c in candidates),
        key=lambda item: (item[1], -lexicon.counts.get(item[0], 0)),
    )
    return tuple(ranked[:limit])


_SWAPS = (("c", "o"), ("o", "c"), ("c", "e"), ("e", "c"), ("a", "e"), ("e", "a"), ("h", "b"),
          ("b", "h"), ("n", "u"), ("u", "n"), ("i", "l"), ("l", "i"), ("rn", "m"), ("m", "rn"),
          ("in", "m"), ("m", "in"), ("t", "f"), ("f", "t"), ("cl", "d"), ("d", "cl"))


@lru_cache(maxsize=100_000)
def _neighbours_cached(lexicon: Lexicon, word: str) -> tuple[str, ...]:
    found = []
    for old, new in _SWAPS:
        start = word.find(old)
        while start >= 0:
            candidate = word[:start] + new + word[start + len(old) :]
            if candidate in lexicon.counts:
                found.append(candidate)
            start = word.find(old, start + 1)
    return tuple(dict.fromkeys(found))


def _recase(source: str, word: str) -> str:
    if source.isupper() and len(source) > 1:
        return word.upper()
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def is_plain_word(text: str) -> bool:
    """Letters only (apostrophes inside allowed): what the lexicon can judge."""
    return bool(_WORD.match(text))


@lru_cache(maxsize=4)
def load_lexicon(name: str = DEFAULT_LEXICON) -> Lexicon:
    """A bundled lexicon by name ("en"), or a word-frequency file ("word count" lines)."""
    if name in _BUNDLED:
        text = (resources.files("symspellpy") / _BUNDLED[name]).read_text(encoding="utf-8")
    else:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                f"cannot read lexicon {name}: {exc}; give 'en' or a UTF-8 file of "
                "'word count' lines"
            ) from exc
    counts: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        count = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
        counts[parts[0].casefold()] = count
    if not counts:
        raise InputError(f"lexicon {name} holds no words")
    return Lexicon(counts, name)
