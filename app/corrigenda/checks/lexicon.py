"""A lexicon: a word list with frequencies, for "not a word" flags and ranked suggestions.

The default ("en") is symspellpy's bundled English frequency dictionary (82,765 words with
Google Books counts, MIT), widened by pyspellchecker's English dictionary (SCOWL-checked, MIT):
its words of four letters or more that the first list lacks ("bestrew", "hewers", "nohow",
"loathsomely": words of older print that OCR gets right) are known, with a count below every
word of the first list, so they never outrank it as suggestions and a far more common word one
OCR confusion away still makes them suspect. Its shorter entries are left out: they are mostly
fragments ("tl", "nd", "pr") that OCR makes. The word set loads in a fraction of a second;
suggestions come from the OCR-folding index (any word that folds the same), the words one
edit away, and, where neither has any, the words of the first list at the least edit distance
up to two (rapidfuzz over the words of about the same length: no index to build), and are
ranked with OCR confusions as cheap edits, then by frequency.

Membership is lenient about print and period: long s and typographic apostrophes are read
as their plain forms, ligatures (ﬁ ﬂ) casefold to their letters, British and American
spellings (-our/-or, -ise/-ize, -re/-er) stand for each other, and a few archaic forms and
interjections the frequency list lacks ("ye", "'tis", "ha") are known, and so are loanwords
print keeps accented where the lists have them bare ("régime" reads as "regime"). Ground truth keeps
all of these as printed. The word lists themselves are in `word_lists.py`.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path

from rapidfuzz.distance import OSA

from corrigenda.checks.casing import copy_case
from corrigenda.checks.confusions import SWAPS
from corrigenda.checks.folding import confusion_cost, fold, fold_all, strip_accents
from corrigenda.checks.word_lists import ACCENTED_LOANWORDS, EXTRA_WORDS, SPELLING_VARIANTS
from corrigenda.errors import InputError

DEFAULT_LEXICON = "en"
_BUNDLED = {"en": "frequency_dictionary_en_82_765.txt"}
_WORD = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)*$")
SHORT_INDEXED = 4  # words up to this long find their one-edit neighbours by index
ALPHABET_USE = 100  # a letter in fewer words is left out of one-edit searches
DOUBLED_COST = 0.5  # a letter read twice: one typical OCR confusion (folding.confusion_cost)
# Letters English words seldom double; the few that do ("vacuum", "withhold") are known
# words, never judged, so only an unknown word is read without the double.
NEVER_DOUBLED = frozenset("ahijquvwxy")
DOUBLED_FIRST = frozenset("elo")  # "eerie", "llama", "ooze": the doubles a word may open with
MIN_WIDENING_LENGTH = 4  # shorter words of the wider list are mostly OCR fragments
_PLAIN = str.maketrans({"ſ": "s", "’": "'", "‘": "'"})


class Lexicon:
    """Words (casefolded) with their counts; suggestions on demand."""

    def __init__(self, counts: dict[str, int], name: str = "custom", index_floor: int = 0) -> None:
        self.name = name
        self.counts = counts
        self.index_floor = index_floor  # rarer words are known but never a two-edit answer
        self._lock = threading.Lock()
        self._by_length: dict[int, list[str]] | None = None  # the two-edit search's words
        self._folded: dict[str, list[str]] | None = None
        self._short: dict[str, list[str]] | None = None  # deletion key -> short words
        self._alphabet: str | None = None
        self._known: dict[str, str | None] = {}  # casefolded form -> the listed form it reads as
        self.total = sum(counts.values()) or 1

    def __contains__(self, word: str) -> bool:
        return self.listed(word) is not None

    def listed(self, word: str) -> str | None:
        """The lexicon's form of `word` (variants, long s and ligatures read), or None."""
        key = word.casefold()
        if key in self.counts:
            return key
        if key not in self._known:
            self._known[key] = self._variant_of(key)
        return self._known[key]

    def _variant_of(self, key: str) -> str | None:
        plain = key.translate(_PLAIN)
        if plain in self.counts or plain in EXTRA_WORDS:
            return plain
        if plain in ACCENTED_LOANWORDS:
            # Print keeps these accents; any other accent on a known word ("beatén", "thé")
            # is OCR's, and stays unknown.
            return strip_accents(plain)
        for ours, theirs in SPELLING_VARIANTS:
            if plain.endswith(ours) and len(plain) > len(ours) + 2:
                other = plain[: -len(ours)] + theirs
                if other in self.counts:
                    return other
        base = plain[:-1]
        if plain.endswith("s") and len(base) >= 4 and base in self.counts:
            # A plural or a verb's -s the lists lack ("Kurds", "Kaffirs"); short bases stay out,
            # where OCR's additions hide ("thes", "ands").
            return base
        return None

    def frequency(self, word: str) -> int:
        listed = self.listed(word)
        if listed is None:
            return 0
        # An archaic form has no count of its own: call it just common enough to be a word.
        return self.counts.get(listed, int(self.total * 1e-5) + 1)

    def zipf(self, word: str) -> float:
        """log10 of occurrences per billion words; 0 for unknown words."""
        count = self.frequency(word)
        return math.log10(count * 1e9 / self.total) if count else 0.0

    def suggest(self, word: str, limit: int = 5) -> list[tuple[str, float]]:
        """Ranked (suggestion, cost) for `word`, best first, in the word's own case."""
        key = word.casefold().translate(_PLAIN)
        return [(copy_case(word, w), c) for w, c in _suggest_cached(self, key, limit)]

    def confusion_neighbours(self, word: str) -> list[str]:
        """Known words one typical OCR substitution away (cheap: no index needed)."""
        return list(_neighbours_cached(self, word.casefold()))

    def one_edit(self, word: str) -> list[str]:
        """Known words one deletion, transposition, substitution or insertion away."""
        if len(word) <= SHORT_INDEXED:
            # Short words are judged often (the real-word check tries every one): look their
            # neighbours up by shared deletions (SymSpell's idea), not by trying every letter.
            found = {w for key in _deletions(word) for w in self._short_index().get(key, ())}
            found.discard(word)
            return [w for w in found if OSA.distance(w, word) == 1]
        letters, counts = self._letters(), self.counts
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        found = {a + b[1:] for a, b in splits if b}
        found.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
        found.update(a + c + b[1:] for a, b in splits if b for c in letters)
        found.update(a + c + b for a, b in splits for c in letters)
        found.discard(word)
        # Looked up in C, the smaller side against the larger (callers want no order).
        return list(counts.keys() & found)

    def _short_index(self) -> dict[str, list[str]]:
        """Deletion key -> the short words (up to SHORT_INDEXED + 1 letters) that have it."""
        with self._lock:
            if self._short is None:
                index: dict[str, list[str]] = defaultdict(list)
                for known in self.counts:
                    if len(known) <= SHORT_INDEXED + 1:
                        for key in _deletions(known):
                            index[key].append(known)
                self._short = dict(index)
            return self._short

    def _letters(self) -> str:
        """The letters of the language, not those of a few loanwords: each one tried at
        every place of a word costs time on every word."""
        with self._lock:
            if self._alphabet is None:
                used = Counter(chain.from_iterable(map(set, self.counts)))
                self._alphabet = "".join(sorted(c for c, n in used.items() if n >= ALPHABET_USE))
            return self._alphabet

    def folded_twins(self, word: str) -> list[str]:
        """Lexicon words that fold to the same OCR key as `word`."""
        return list(self._folded_index().get(fold(word), ()))

    def prepare(self) -> None:
        """Build the suggestion indexes now (before forking workers that would each build
        them, or before a latency-sensitive first suggestion)."""
        self._folded_index()
        self._lookup("")
        self._short_index()
        self._letters()

    def _folded_index(self) -> dict[str, list[str]]:
        with self._lock:
            if self._folded is None:
                index: dict[str, list[str]] = defaultdict(list)
                words = list(self.counts)
                for word, key in zip(words, fold_all(words)):
                    index[key].append(word)
                self._folded = dict(index)
            return self._folded

    def _lookup(self, word: str) -> list[str]:
        """The indexed words at the least edit distance from `word`, up to two (optimal string
        alignment, as SymSpell's CLOSEST gives them), commonest first.

        A word reaches only words within two letters of its length, so only those are
        compared (rapidfuzz, in C++: a few milliseconds); the flaggers ask this only of the
        few words no known word is one edit or one folded confusion from. SymSpell's index
        gave the same answers but took a second to build, before the first answer."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        with self._lock:
            if self._by_length is None:
                by_length: dict[int, list[str]] = defaultdict(list)
                for term, count in self.counts.items():
                    if count >= max(1, self.index_floor):
                        by_length[len(term)].append(term)
                self._by_length = dict(by_length)
            by_length = self._by_length
        pool = [t for n in range(len(word) - 2, len(word) + 3) for t in by_length.get(n, ())]
        found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=2, limit=None)
        if not found:
            return []
        least = min(distance for _, distance, _ in found)
        closest = [term for term, distance, _ in found if distance == least]
        return sorted(closest, key=lambda t: -self.counts[t])


@lru_cache(maxsize=100_000)
def _suggest_cached(lexicon: Lexicon, word: str, limit: int) -> tuple[tuple[str, float], ...]:
    candidates = set(lexicon.folded_twins(word))
    if len(word) <= 40:
        # The two-edit search answers every known word at the smallest distance; when one
        # edit reaches a known word, that is exactly the one-edit set, found far faster. A
        # word that folds onto known words has its OCR reading already: no search needed.
        nearby = lexicon.one_edit(word)
        candidates.update(nearby or (() if candidates else lexicon._lookup(word)))
    candidates.discard(word)
    doubled = _undoubled(word)
    ranked = sorted(
        ((c, DOUBLED_COST if c in doubled else confusion_cost(word, c)) for c in candidates),
        # The word last: candidates come from a set, and a tie must not fall to hash order.
        key=lambda item: (item[1], -lexicon.counts.get(item[0], 0), item[0]),
    )
    return tuple(ranked[:limit])


@lru_cache(maxsize=100_000)
def _neighbours_cached(lexicon: Lexicon, word: str) -> tuple[str, ...]:
    found = []
    for old, new in SWAPS:
        start = word.find(old)
        while start >= 0:
            candidate = word[:start] + new + word[start + len(old) :]
            if candidate in lexicon.counts:
                found.append(candidate)
            start = word.find(old, start + 1)
    return tuple(dict.fromkeys(found))


def _undoubled(word: str) -> set[str]:
    """The word with one letter of a doubled pair taken out where English never doubles it
    ("whole-hheartedly", "AArmenians", "BBlanche"): OCR that reads a letter twice makes one
    typical error, not a plain deletion's. Pairs English writes ("seeth", "add") are left to
    the plain costs: "seeth" is no misread "seth"."""
    return {
        word[:i] + word[i + 1 :]
        for i in range(1, len(word))
        if word[i] == word[i - 1]
        and (word[i] in NEVER_DOUBLED or (i == 1 and word[i] not in DOUBLED_FIRST))
    }


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one character deleted."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def is_plain_word(text: str) -> bool:
    """Letters only (apostrophes inside allowed): what the lexicon can judge."""
    return bool(_WORD.match(text))


@lru_cache(maxsize=4)
def load_lexicon(name: str = DEFAULT_LEXICON) -> Lexicon:
    """A bundled lexicon by name ("en"), or a word-frequency file ("word count" lines)."""
    if name in _BUNDLED:
        text = (resources.files("symspellpy") / _BUNDLED[name]).read_text(encoding="utf-8")
        counts = _parse_counts(text)
        floor = min(counts.values())
        _widen(counts, name, rare=max(1, floor // 2))
        # The wider list's words are found by the one-edit and folding searches; left out of
        # the two-edit search, they do not double its time.
        return Lexicon(counts, name, index_floor=floor)
    path = Path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read lexicon {name}: {exc}; give 'en' or a UTF-8 file of 'word count' lines"
        ) from exc
    counts = _parse_counts(text)
    if not counts:
        raise InputError(f"lexicon {name} holds no words")
    return Lexicon(counts, name)


def _parse_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        count = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
        counts[parts[0].casefold()] = count
    return counts


def _widen(counts: dict[str, int], language: str, rare: int) -> None:
    """Add pyspellchecker's words of `language` (4+ letters) that `counts` lacks, counted
    `rare`."""
    from spellchecker import SpellChecker

    for word in SpellChecker(language=language).word_frequency.dictionary:
        if len(word) >= MIN_WIDENING_LENGTH and word not in counts and _WORD.match(word):
            counts[word] = rare
