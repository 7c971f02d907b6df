"""The word lists are data: their form is checked here, their use by the checks' tests."""

from __future__ import annotations

import pytest

from corrigenda.checks import word_lists
from corrigenda.checks.folding import strip_accents
from corrigenda.checks.lexicon import Lexicon, load_lexicon

SETS = {
    name: getattr(word_lists, name)
    for name in ("EXTRA_WORDS", "ACCENTED_LOANWORDS", "FUNCTION_WORDS", "ABBREVIATIONS", "UNITS")
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_each_list_holds_casefolded_single_words(name: str) -> None:
    words = SETS[name]
    assert words, name
    assert all(w == w.casefold() and w.strip() == w and " " not in w for w in words), name


def test_accented_loanwords_carry_an_accent_the_lexicon_reads_past() -> None:
    lexicon = load_lexicon()
    for word in word_lists.ACCENTED_LOANWORDS:
        assert strip_accents(word) != word, word
        assert word in lexicon and word.upper() in lexicon, word


def test_the_lexicon_knows_its_additions_and_the_function_words() -> None:
    lexicon = load_lexicon()
    for word in word_lists.EXTRA_WORDS | word_lists.FUNCTION_WORDS:
        assert word in lexicon, word
    assert "thro’" in lexicon  # typographic apostrophes read as plain ones


def test_spelling_variants_stand_for_each_other() -> None:
    assert all(a != b for a, b in word_lists.SPELLING_VARIANTS)
    # A list that holds one spelling knows the other (the pairs read the first as the second).
    lexicon = Lexicon({"colour": 5, "organise": 5, "centre": 5})
    assert lexicon.listed("color") == "colour"
    assert lexicon.listed("organize") == "organise"
    assert lexicon.listed("center") == "centre"
    assert lexicon.listed("colr") is None
