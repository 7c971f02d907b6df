"""The two confusion tables (folding's and the suggestions') agree where they overlap."""

from __future__ import annotations

from itertools import combinations

from corrigenda.checks.confusions import (
    CONFUSION_PAIRS,
    FOLD_CLASSES,
    FOLD_MULTI,
    FOLD_ONLY,
    SUGGESTION_ONLY,
    SWAPS,
)
from corrigenda.checks.folding import fold
from corrigenda.checks.lexicon import Lexicon, load_lexicon

_SINGLES = str.maketrans({ch: cls[0] for cls in FOLD_CLASSES for ch in cls})


def _folding_letter_confusions() -> set[tuple[str, str]]:
    """Folding's confusions between letters (digits and marks are no words' letters)."""
    found = {
        (a, b)
        for cls in FOLD_CLASSES
        for a, b in combinations([ch for ch in cls if ch.isalpha()], 2)
    }
    return found | {(old, new) for old, new in FOLD_MULTI if (old + new).isalpha()}


def test_each_substitution_goes_both_ways_once() -> None:
    assert len(SWAPS) == len(set(SWAPS)) == 2 * len(CONFUSION_PAIRS)
    assert all((b, a) in SWAPS for a, b in SWAPS)


def test_a_pair_in_both_tables_folds_to_one_key() -> None:
    for a, b in CONFUSION_PAIRS:
        assert (fold(a) == fold(b)) == ((a, b) not in SUGGESTION_ONLY), (a, b)
    assert set(CONFUSION_PAIRS) >= SUGGESTION_ONLY


def test_every_folding_confusion_of_letters_is_a_substitution_or_listed_as_fold_only() -> None:
    # A class's letters as they are; a multi-character one in the folded alphabet ("in" is "ln").
    as_written = {frozenset(pair) for pair in CONFUSION_PAIRS}
    as_folded = {
        frozenset((a.translate(_SINGLES), b.translate(_SINGLES))) for a, b in CONFUSION_PAIRS
    }
    for old, new in _folding_letter_confusions():
        covered = frozenset((old, new)) in as_written | as_folded
        assert covered != ((old, new) in FOLD_ONLY), (old, new)
    assert _folding_letter_confusions() >= FOLD_ONLY


def test_the_tables_do_their_work() -> None:
    assert fold("Harrirnan") == fold("Harriman") and fold("I.I.") == fold("L.I.")
    assert fold("bat") != fold("bet")  # a/e is the suggestions' only
    lexicon = Lexicon({"are": 100, "be": 100, "modern": 10})
    assert lexicon.confusion_neighbours("arc") == ["are"]
    assert lexicon.confusion_neighbours("he") == ["be"]
    assert lexicon.confusion_neighbours("rnodern") == ["modern"]


def test_a_letter_read_twice_where_english_never_doubles_it_is_one_typical_error() -> None:
    # OCRopus read "Blanche" as "BBlanche" and "Armenians" as "AArmenians": a plain
    # deletion's cost left such readings below auto-fix.
    lexicon = load_lexicon()
    assert lexicon.suggest("BBlanche")[0] == ("Blanche", 0.5)
    assert lexicon.suggest("aarmenians")[0] == ("armenians", 0.5)
    # A pair English writes is no such error: "seeth" is no misread "seth".
    assert all(cost >= 1.0 for _, cost in lexicon.suggest("seeth"))
