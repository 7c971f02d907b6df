"""Lines of no words (a figure or specks read as text) are flagged whole for removal."""

from __future__ import annotations

from corrigenda.checks.noise import GUESS_SCORE
from tests.checks.text_pages import FILLER, flags_of


def noise(*lines: str) -> list[str]:
    text = "\n".join([FILLER, *lines, FILLER])
    # Merged with another check's flag on the same stretch, a flag keeps this reason.
    flags = [f for f in flags_of(text) if "no word: a figure" in f.explanation]
    assert all(f.suggestions[0] == "" for f in flags)
    assert all(f.score <= GUESS_SCORE for f in flags if f.check == "noise")
    return [f.text for f in flags]


def test_fragments_and_marks_are_flagged_as_one_line() -> None:
    assert noise("JL/ AAA L i 1 u-4 NA -w/ A A-a") == ["JL/ AAA L i 1 u-4 NA -w/ A A-a"]
    assert noise("S@==+---") == ["S@==+---"]
    assert noise("' N4.") == ["' N4."]
    assert noise(";") == [";"]
    assert noise("| |") == ["| |"]  # rules alone: no row of a table


def test_text_numbers_and_separators_are_left_alone() -> None:
    assert noise("the day.") == []  # a paragraph's last words
    assert noise("struction.") == []  # the second half of a hyphenated word
    assert noise("TREFACE.") == []  # a misread word: the lexicon's to judge
    assert noise("21") == [] and noise("xiv") == []  # page numbers
    assert noise("1/16 ½ 3") == []  # a row of numbers
    assert noise("* * *") == [] and noise("———") == []
    assert noise("it is") == []  # short words, but words
    assert noise("| 12 | 34 |") == [] and noise("| a | 3 |") == []  # a table's row
