"""Checks on plain text pages: historical print, line-end hyphenation, dates, garbage, case."""

from __future__ import annotations

import pytest

from corrigenda.checks import Flagger, build_context
from corrigenda.checks.dates import find_dates
from corrigenda.model import Document, Line, Page, Word

from .text_pages import FILLER, by_text, flags_of


def test_long_s_ligatures_variants_and_archaic_words_pass() -> None:
    flags = flags_of("and ye ſhall ſhew the ﬁrst harbor of the colony unto thee\n" + FILLER)
    assert flags == []


def test_line_end_hyphenation_is_judged_whole() -> None:
    flags = by_text(flags_of(f"{FILLER} con-\ntinued and {FILLER} appoint-\nmcnt {FILLER}"))
    assert "con-" not in flags and "tinued" not in flags
    assert "appoint-" not in flags
    assert flags["mcnt"].kind == "spelling" and flags["mcnt"].suggestions[0] == "ment"


def test_dates_are_a_category() -> None:
    assert find_dates("on the 4th of Jany. 1801")[0].month == 1
    flags = by_text(
        flags_of(
            f"{FILLER} on the 4th of Jany. 1801 and June 31, 1776 {FILLER}\n"
            f"{FILLER} in June l776 {FILLER}"
        )
    )
    assert "Jany." not in flags and "4th" not in flags
    assert flags["June 31, 1776"].kind == "date"
    assert "no day 31" in flags["June 31, 1776"].explanation
    assert flags["l776"].suggestions[0] == "1776"


@pytest.mark.parametrize(
    ("token", "fixed"),
    [
        ("\\Ve", "We"),
        ("l\\Iy", "My"),
        ("0F", "OF"),
        ("c0untry", "country"),
        ("oppr.essor", "oppressor"),
        ("dying:r", "dying"),
        ("¢xclusiveness", "exclusiveness"),
        ("TIIE", "THE"),
    ],
)
def test_garbage_inside_words(token: str, fixed: str) -> None:
    flags = by_text(flags_of(f"{FILLER} {token} {FILLER}"))
    assert flags[token].suggestions[0] == fixed
    assert flags[token].score > 0.8


def test_ordinals_and_numbers_are_not_garbage() -> None:
    assert flags_of(f"{FILLER} on the 3rd day 1776 and 2d of 4th {FILLER}") == []


def test_a_number_with_an_i_or_l_for_a_one_is_offered_as_the_number() -> None:
    # "I4. THE CORSET" (a chapter's number) and "l876" were missed or got no suggestion.
    flags = by_text(flags_of(f"{FILLER}\nI4. THE CORSET\n{FILLER} in l876 the {FILLER}"))
    assert flags["I4."].suggestions == ("14.",) and flags["l876"].suggestions == ("1876",)
    assert flags["I4."].score < 0.8  # a guess: never auto-fixed
    # Letters that label or count stay: oxygen, a vitamin, shillings, an ordinal.
    assert flags_of(f"{FILLER} O2 and B12 cost 4s on the 2nd {FILLER}") == []


def test_mid_word_capitals() -> None:
    flags = by_text(flags_of(f"{FILLER} the tOWn was resPectable but McAdam came {FILLER}"))
    assert flags["tOWn"].suggestions[0] == "town"
    assert flags["resPectable"].kind == "case"
    assert "McAdam" not in flags


def test_run_together_words_split() -> None:
    flags = by_text(flags_of(f"{FILLER} ofthe {FILLER}"))
    assert flags["ofthe"].suggestions[0] == "of the"


def test_capitals_flagged_only_for_function_words_or_one_offs() -> None:
    text = (
        f"{FILLER} the Tower and the Tower stood {FILLER} the tower\n"
        f"{FILLER} we went With them and with us with you {FILLER}"
    )
    flags = by_text(flags_of(text))
    assert "Tower" not in flags  # a title used twice
    assert flags["With"].suggestions[0] == "with"


def test_names_the_document_repeats_are_not_spelling_errors() -> None:
    text = "\n".join(f"{FILLER} Zabulun said {FILLER}" for _ in range(3))
    assert "Zabulun" not in by_text(flags_of(text))


def test_broken_hyphenation_at_line_ends() -> None:
    flags = by_text(flags_of(f"{FILLER} the appoint\nment of {FILLER} con~\ntinued {FILLER}"))
    assert flags["appoint"].kind == "hyphenation" and flags["appoint"].suggestions == ("appoint-",)
    assert flags["con~"].suggestions == ("con-",)
    assert "ment" not in flags and "tinued" not in flags


def test_a_guess_among_equal_readings_stays_below_auto_fix() -> None:
    words = tuple(
        Word(i + 1, t, None, 5.0 if t == "lume" else 95.0)
        for i, t in enumerate(f"{FILLER} in lume {FILLER}".split())
    )
    document = Document("t", (Page(1, 1, "p.png", 9, 9, None, (Line(1, words, None, 0, 0),)),))
    flags = by_text(Flagger(document, build_context(document, {})[0]).flag_document())
    assert len(flags["lume"].suggestions) > 1
    assert 0.6 < flags["lume"].score <= 0.75  # the low confidence adds, up to the cap


def test_errors_the_ocr_repeats_are_still_flagged() -> None:
    text = "\n".join(f"{FILLER} and thhe KIng of Eing came {FILLER}" for _ in range(5))
    flags = by_text(flags_of(text))
    assert flags["thhe"].suggestions[0] == "the"
    # Still flagged; mid-sentence a capitalised unknown word may be a name nobody listed, so
    # no common word goes first without the image's backing (checks/ranking.py).
    assert flags["Eing"].suggestions[:1] != ("King",)


@pytest.mark.parametrize(
    ("token", "fixed"),
    [
        ("punishm)ent,", "punishment,"),  # a speck read as a bracket
        ("a|nd", "and"),
        ("l)emocrats", "Democrats"),  # a D's stem and bowl read apart
        ("stil]", "still"),  # an l read as a closing bracket
        ("sei/ed", "seized"),
    ],
)
def test_a_bracket_bar_or_slash_inside_a_word_is_a_speck_or_a_letter(
    token: str, fixed: str
) -> None:
    flags = by_text(flags_of(f"{FILLER} {token} {FILLER}"))
    assert flags[token].check == "garbage"
    assert flags[token].suggestions[0] == fixed


def test_a_bracket_for_a_letter_is_read_so_however_often_the_document_repeats_it() -> None:
    # OCRopus read the J of "Jewish" as "[" twice on one page: the document's counts, which
    # strip the bracket, held "ewish" twice and excused it as a known word.
    text = f"{FILLER} the [ewish people {FILLER}\n{FILLER} from the [ewish source {FILLER}"
    assert [f.suggestions[0] for f in flags_of(text) if "[" in f.text] == ["Jewish", "Jewish"]
    # A name the document repeats keeps its bracket as the text's: "[Hamid" is Hamid.
    named = f"{FILLER} Hamid said {FILLER}\n{FILLER} and [Hamid came and Hamid went {FILLER}"
    assert not [f for f in flags_of(named) if "[" in f.text and f.kind == "garbage"]


def test_each_word_a_dash_joins_is_judged_on_its_own() -> None:
    # Tesseract printed 'people.”—Extraet' and 'Methods.—Brieﬁy' as one token each; the
    # quote and stop beside the dash kept the lexicon from judging either word.
    text = f"{FILLER} people.”—Extraet from it and Methods.—Brieﬁy {FILLER}"
    flags = by_text(flags_of(text))
    assert flags["Extraet"].suggestions[0] == "Extract"
    assert flags["Brieﬁy"].suggestions[0] == "Briefly"
    assert flags_of(f"{FILLER} the town—Persia--and then {FILLER}") == []


def test_a_backslash_is_a_splinter_of_a_w_or_a_speck() -> None:
    # Tesseract 2017 printed W as "\\V", or as a lone backslash, in the development books.
    text = (
        f"{FILLER} Doughty-\\Vylie and Persia—\\Vliat and \\to the town and \\hat he said {FILLER}"
    )
    flags = by_text(flags_of(text))
    assert flags["Doughty-\\Vylie"].suggestions == ("Doughty-Wylie",)
    assert flags["\\Vliat"].suggestions[0] == "What"  # the word after the dash, alone
    assert flags["\\to"].suggestions == ("to",)
    # "What" or "hat": a guess, never applied unseen.
    assert flags["\\hat"].suggestions[:2] == ("What", "hat")
    assert flags["\\hat"].score <= 0.75
    # The document's own repeats of a misreading teach nothing: "tbe" printed twice is no
    # reading for "\\tbe" (review, 2026-12-02), nor is a lone letter for "w\\".
    repeated = by_text(flags_of(f"{FILLER} tbe men and tbe town and \\tbe and w\\ {FILLER}"))
    assert "tbe" not in repeated.get("\\tbe", repeated["tbe"]).suggestions
    assert "w" not in getattr(repeated.get("w\\"), "suggestions", ())


def test_a_compound_with_one_unknown_part_is_offered_that_parts_readings() -> None:
    # OCRopus's "sisty-five" and "boly-servant" were flagged with no reading at all.
    flags = by_text(flags_of(f"{FILLER} the sisty-five men and the boly-servant {FILLER}"))
    assert flags["sisty-five"].suggestions[0] == "sixty-five"
    assert flags["boly-servant"].suggestions[0] == "body-servant"
    # Old print joins rare words ("murry-coloured"): a reading of a part is never applied
    # unseen.
    assert flags["sisty-five"].score <= 0.75
    # The unknown part is read in its own place ("hand-nd" is no "haand-nd"); a fragment of a
    # letter or two is no compound's word.
    odd = by_text(flags_of(f"{FILLER} the hand-dna and u-4 men {FILLER}"))
    assert all(s.startswith("hand-") for s in odd["hand-dna"].suggestions)
    assert odd["u-4"].suggestions == ()


def test_brackets_that_close_and_slash_compounds_are_the_texts() -> None:
    text = f"{FILLER} the word(s) and/or a[n] [the end] here {FILLER}"
    assert flags_of(text) == []
    # A mark that reads two ways is a guess, never applied unseen.
    flag = by_text(flags_of(f"{FILLER} ha|t {FILLER}"))["ha|t"]
    assert flag.suggestions[:2] == ("hat", "halt") and flag.score <= 0.75


def test_a_slash_between_single_letters_is_an_abbreviation() -> None:
    # "c/o" and "w/o": no "co" put in for them.
    assert flags_of(f"{FILLER} sent c/o the agent w/o fail {FILLER}") == []
    assert all(f.score < 0.8 for f in flags_of(f"{FILLER} the cells a|b and c|d {FILLER}"))


def test_an_ampersand_inside_a_word_is_a_letter() -> None:
    assert by_text(flags_of(f"{FILLER} the army ha& gone {FILLER}"))["ha&"].suggestions[0] == "has"
    assert flags_of(f"{FILLER} the horses &c. were sold {FILLER}") == []
    # Between capitals it is the text's: a firm's name, an abbreviation.
    assert flags_of(f"{FILLER} at the A&P and M&S shops {FILLER}") == []


def test_a_compound_that_lost_its_hyphen_is_offered_with_it() -> None:
    flags = by_text(flags_of(f"{FILLER} a matter of selfinterest to Riphath {FILLER}"))
    assert flags["selfinterest"].suggestions == ("self-interest",)
    assert flags["selfinterest"].score <= 0.75  # old print joins words too: a guess
    # A capitalised one is a name, even in noisy OCR where unknown names are flagged: no
    # "Rip-hath", and no surer a flag for having had it.
    noisy = by_text(flags_of(f"{FILLER} the sons of Riphath came {FILLER}", noise=0.2))
    assert noisy["Riphath"].suggestions == () and noisy["Riphath"].score < 0.5
