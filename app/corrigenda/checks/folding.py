"""OCR-aware folding: map the characters Tesseract confuses onto one representative.

Two strings that fold to the same key differ only by typical OCR confusions, so "I.I. Brezhnev"
and "L.I. Brezhnev" meet after folding (../DESIGN.md, "Flags"). Folding casefolds first (a
damaged capital L reads as I, which casefolds to the same class as l), maps multi-character
single characters (I l 1 | ! ; O 0 ; S 5 ; B 8 ; e c ; ...), then multi-character confusions
(rn -> m, cl -> d, vv -> w, li -> h, in -> m). Name keys also turn punctuation into spaces.
The tables are in confusions.py, beside the suggestions' own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from corrigenda.checks.confusions import FOLD_CLASSES, FOLD_MULTI

_TABLE = str.maketrans({ch: cls[0] for cls in FOLD_CLASSES for ch in cls})
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)


def strip_accents(text: str) -> str:
    """The text without combining marks ("régime" -> "regime")."""
    if text.isascii():
        return text  # most words: nothing to decompose (a million-name list folds fast)
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The OCR-confusion key of a word or phrase, punctuation kept (for words)."""
    text = strip_accents(text.casefold()).translate(_TABLE)
    for old, new in FOLD_MULTI:
        if old in text:
            text = text.replace(old, new)
    return text


def fold_all(words: Sequence[str]) -> list[str]:
    """`fold` of each word, for a whole word list at once (a lexicon's index): each step runs
    on the words joined by newlines, in C, as casefolding, the class table and the multi-
    character confusions all act within a word and no confusion holds a newline."""
    joined = "\n".join(words)
    if joined.count("\n") != len(words) - 1 or not words:
        return [fold(word) for word in words]  # a word with a newline in it: one by one
    folded = joined.casefold().split("\n")
    if not joined.isascii():
        folded = [word if word.isascii() else strip_accents(word) for word in folded]
    text = "\n".join(folded).translate(_TABLE)
    for old, new in FOLD_MULTI:
        text = text.replace(old, new)
    return text.split("\n")


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The key of a name or a window of words: folded, punctuation dropped, spaces single."""
    # | and ! may be letters (I, l): keep them; other punctuation separates like a space, so
    # "L.I." and "I.I." both give "l l" (and never glue into a multi-character confusion).
    text = _PUNCT.sub(lambda m: m.group() if m.group() in "|!" else " ", text)
    return " ".join(fold(word) for word in text.split())


def confusion_cost(a: str, b: str) -> float:
    """An edit cost between two words where OCR confusions are cheap.

    The folded distance counts real differences in full; confusions that fold away cost a
    quarter each. Case differences are free.
    """
    from rapidfuzz.distance import Levenshtein

    hard = Levenshtein.distance(fold(a), fold(b))
    soft = Levenshtein.distance(a.casefold(), b.casefold())
    # Over-folding can make a plain substitution look like two: never cost more than raw.
    return min(float(soft), hard + 0.25 * max(0, soft - hard))
