"""copy_case: the one way a reading takes the case of the token OCR read."""

from __future__ import annotations

import pytest

from corrigenda.checks.casing import copy_case
from corrigenda.checks.garbage import readings
from corrigenda.checks.lexicon import load_lexicon

from .text_pages import FILLER, by_text, flags_of


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # all capitals: two letters or more, or one after a digit or a mark
        ("THE", "the", "THE"),
        ("TLIE", "the", "THE"),
        ("W. AVEREIL HARRIMAN", "W. Averell Harriman", "W. AVERELL HARRIMAN"),
        ("0F", "of", "OF"),
        ("'T", "t", "T"),
        # one capital letter alone is a capitalised word, not a heading
        ("I", "i", "I"),
        ("F01", "for", "For"),
        # capitalised: the first letter counts, not the first character
        ("Tlie", "the", "The"),
        ("1Bell", "bell", "Bell"),
        ("--The", "the", "The"),
        ("Harrirnan", "Harriman", "Harriman"),
        ("Brezhnev", "brezhnev", "Brezhnev"),
        # a speck read as a small letter before a capital: the word was capitalised
        ("bThe", "the", "The"),
        ("bThe", "then", "then"),
        # "Inceting" is "meeting" (the I a stroke of the m); "Ile" stays a capital
        ("Inceting", "meeting", "meeting"),
        ("Ile", "he", "He"),
        # lowercase, and capitals inside a word (noise): the target as it is
        ("tlie", "the", "the"),
        ("tOWn", "town", "town"),
        ("harriman", "Harriman", "Harriman"),
        ("1n", "in", "in"),
        # nothing to copy from
        ("1776", "the", "the"),
        ("", "the", "the"),
        ("THE", "", ""),
    ],
)
def test_copy_case(source: str, target: str, expected: str) -> None:
    assert copy_case(source, target) == expected


def test_every_check_offers_readings_in_the_tokens_case() -> None:
    lexicon = load_lexicon()
    assert lexicon.suggest("TLIE", 1)[0][0] == "THE"
    assert lexicon.suggest("Tlie", 1)[0][0] == "The"
    assert lexicon.suggest("tlie", 1)[0][0] == "the"
    assert readings("0F", lexicon)[0] == "OF"
    assert readings("F0R", lexicon)[0] == "FOR"
    assert readings("F0r", lexicon)[0] == "For"
    assert readings("f0r", lexicon)[0] == "for"


def test_a_misread_first_letter_gives_back_the_capital_the_text_wants() -> None:
    # OCRopus's "1hese" and "ihese" at a sentence's start were offered "these" (the truth
    # "These"); "lurkey" mid-sentence, where the document writes "Turkey", was "turkey".
    flags = by_text(
        flags_of(
            f"{FILLER}. 1hese men came to the town.\n"
            f"{FILLER} and Turkey and Turkey said so.\n"
            f"{FILLER} and lurkey was at peace and the lnd was dry."
        )
    )
    assert flags["1hese"].suggestions[0] == "These"
    assert flags["lurkey"].suggestions[0] == "Turkey"
    # A first letter read right keeps its case, mid-sentence: "lnd" is "land", not "Land".
    assert all(s[:1].islower() for s in flags["lnd"].suggestions)


def test_an_abbreviations_stop_opens_no_sentence_for_a_restored_capital() -> None:
    # "e.g. cxisting" was offered "Existing" at 0.93, and fix applied it (review, 2026-12-02).
    flags = by_text(flags_of(f"{FILLER} rules, e.g. cxisting rules and Fig. 1hese {FILLER}"))
    assert flags["cxisting"].suggestions[0] == "existing"
    assert flags["1hese"].suggestions[0] == "these"
