"""The words around a flag: bigram ranking, real-word errors, brackets, the wider lexicon."""

from __future__ import annotations

import pytest

from corrigenda.checks import Flag
from corrigenda.checks.bigrams import load_bigrams
from corrigenda.checks.lexicon import load_lexicon
from corrigenda.checks.ranking import GUESS_SCORE

from .text_pages import FILLER, by_text, flags_of


def test_the_bigram_model_prefers_the_reading_the_neighbours_make_likely() -> None:
    model = load_bigrams(load_lexicon())
    assert model is not None
    options = [("lime", 1.0), ("time", 1.0), ("luke", 1.0)]
    assert model.rank("the", "of", options)[0][0] == "time"
    assert model.rank("squeeze", "juice", options)[0][0] == "lime"
    # Without neighbours the order is by frequency and edit cost alone.
    assert model.rank(None, None, [("time", 2.0), ("lime", 0.25)])[0][0] == "lime"


def test_a_custom_lexicon_has_no_bigram_model(tmp_path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("alpha 10\nbeta 5\n", encoding="utf-8")
    assert load_bigrams(load_lexicon(str(words))) is None


def test_spelling_suggestions_are_ranked_in_context() -> None:
    first, second = (f for f in flags_of(f"{FILLER} it was well fone and the fone of {FILLER}"))
    assert first.text == second.text == "fone"
    assert first.suggestions[0] == "done"
    assert second.suggestions[0] == "one"


def test_a_real_word_the_context_rejects_is_flagged() -> None:
    flags = by_text(flags_of(f"{FILLER} and it can he seen from the house {FILLER}"))
    assert flags["he"].kind == "real-word"
    assert flags["he"].suggestions[0] == "be"
    assert flags["he"].score < 0.8  # a real word is never sure enough to auto-fix
    # The same word where it belongs is left alone.
    assert "he" not in by_text(flags_of(f"{FILLER} and he said that it can be seen {FILLER}"))


def test_a_real_word_one_measured_confusion_away_or_with_one_neighbour_garbled() -> None:
    # OCR reads k and h as l: "male" for "make", "lept" for "kept", "lad" for "had".
    flags = by_text(flags_of(f"{FILLER}\nthat Turkey should male them a free gift\n{FILLER}"))
    assert flags["male"].suggestions[0] == "make"
    flags = by_text(flags_of(f"{FILLER}\nthe title deeds were lept (June, 1903)\n{FILLER}"))
    assert flags["lept"].suggestions[0] == "kept"  # the word before alone is the context
    flags = by_text(flags_of(f"{FILLER}\nthe Turks and AArmcnins lad made peace\n{FILLER}"))
    assert flags["lad"].suggestions[0] == "had" and flags["lad"].score <= GUESS_SCORE
    # A word that fits its one known neighbour stays.
    assert "tool" not in by_text(flags_of(f"{FILLER}\nxqzt tool is sharp\n{FILLER}"))


def test_a_real_word_in_a_heading_in_capitals_is_judged_as_small_letters() -> None:
    flags = by_text(flags_of(f"{FILLER}\nTHE STORY OF TIE FISHERMAN AND HIS SON\n{FILLER}"))
    assert flags["TIE"].suggestions[0] == "THE" and flags["TIE"].kind == "real-word"
    # Capitals in running text may be a name's or an acronym's: left alone.
    assert "TIE" not in by_text(flags_of(f"{FILLER}\nthe story of TIE fisherman\n{FILLER}"))


def test_mismatched_brackets() -> None:
    flags = by_text(flags_of(f"{FILLER} as in programming {{Aho et al. 1974] and {FILLER}"))
    brace = flags["{"]
    assert brace.suggestions == ("[",) and brace.score > 0.8 and brace.end - brace.start == 1
    # A half-open interval is mathematics as often as a misreading: doubtful only.
    interval = by_text(flags_of(f"{FILLER} on the interval [0, 1) and {FILLER}"))[")"]
    assert interval.suggestions == ("]",) and interval.score < 0.8
    # A document that closes curly braces uses them: a mismatch there is doubtful.
    curly = by_text(flags_of(f"{FILLER} the set {{a, b}} and {{Aho 1974] {FILLER}"))["{"]
    assert curly.score < 0.8
    assert flags_of(f"{FILLER} (see [page 4]) and {{as}} {FILLER}") == []


@pytest.mark.parametrize("word", ["bestrew", "nohow", "loathsomely", "régime", "naïve"])
def test_the_wider_lexicon_knows_words_of_older_print_and_loanwords(word: str) -> None:
    lexicon = load_lexicon()
    assert word in lexicon
    assert "tl" not in lexicon  # the wider list's fragments are left out
    assert "thé" not in lexicon and "beatén" not in lexicon  # accents OCR added
    assert "kurds" in lexicon and "thes" not in lexicon  # plurals of longer words only


def test_its_words_rank_below_the_main_list() -> None:
    lexicon = load_lexicon()
    assert lexicon.frequency("bestrew") < min(
        count for word, count in lexicon.counts.items() if count >= lexicon.index_floor
    )


def test_names_after_an_elision_and_hyphenated_places_pass() -> None:
    assert flags_of(f"{FILLER} the port of L’Orient and Tel-Aviv et al. {FILLER}") == []


@pytest.mark.parametrize(
    ("token", "fixed"), [("bThe", "The"), ("lErivan", "Erivan"), ("ofSt.", "of St.")]
)
def test_a_speck_before_a_capital_and_a_lost_space(token: str, fixed: str) -> None:
    flags = by_text(flags_of(f"{FILLER} {token} Petersburg {FILLER}"))
    assert flags[token].suggestions[0] == fixed


def test_a_stop_inside_a_list_is_read_as_a_comma() -> None:
    flags = by_text(flags_of(f"{FILLER} matching, monsters. moonlighting, polygamy {FILLER}"))
    assert flags["monsters."].suggestions[:2] == ("monsters,", "monsters")
    flags = by_text(flags_of(f"{FILLER} it was certain. the man {FILLER}"))
    assert flags["certain."].suggestions[0] == "certain"


def test_an_abbreviations_stop_before_a_lowercase_word_stays() -> None:
    # A unit after a number as OCR reads fractions ("M;" for "¼"), "per cent.", "Fig.".
    text = f"{FILLER} made from a M; in. dowel rod at ten per cent. of the cost as Fig. shows"
    flags = by_text(flags_of(f"{text} {FILLER}"))
    assert not {"in.", "cent.", "Fig."} & set(flags)


def test_a_token_that_may_be_a_number_is_never_sure() -> None:
    flag = by_text(flags_of(f"{FILLER} page 5o. and {FILLER}"))["5o."]
    assert set(flag.suggestions[:2]) == {"so.", "50."}
    assert flag.score <= 0.8


def test_a_reading_the_context_prefers_over_a_nearer_one_is_a_guess() -> None:
    # "chef" is the nearest reading of "elief"; the words around it prefer another.
    flag = by_text(flags_of(f"{FILLER} in the firm elief that {FILLER}"))["elief"]
    assert flag.suggestions[0] != "chef"
    # Capped below auto-fix whatever confidence or other checks add when flags merge.
    assert flag.extra.get("max_score", 1.0) <= 0.8


def test_capitals_run_together_are_a_guess() -> None:
    flag = by_text(flags_of(f"{FILLER}\nTHE WEBRING\n{FILLER}"))["WEBRING"]
    assert flag.score <= 0.8


def test_a_speck_inside_an_unknown_word() -> None:
    flag = by_text(flags_of(f"{FILLER} as is well l:nown to {FILLER}"))["l:nown"]
    assert "known" in flag.suggestions[:3] and flag.score < 0.8
    assert flags_of(f"{FILLER} that is, i.e. the U.S.A. {FILLER}") == []


def test_an_accent_ocr_added_to_a_known_word_is_flagged() -> None:
    flag = by_text(flags_of(f"{FILLER} they were beatén back {FILLER}"))["beatén"]
    assert flag.suggestions[0] == "beaten"
    assert flags_of(f"{FILLER} the old régime and its rôle {FILLER}") == []


def _flags_with_names(text: str, names: str) -> list[Flag]:
    from corrigenda.checks import parse_name_list

    return flags_of(text, names=(parse_name_list(names, "places"),))


def test_a_gazetteer_never_turns_words_into_places() -> None:
    places = "Ilave\nCalne\nTô\nCali\nKinel’\nClay\n"
    text = f"{FILLER} we have come and they came to the town\nHave you seen it kind-\nness"
    assert [f for f in _flags_with_names(text, places) if f.kind == "name"] == []
    # A lowercase non-word that folds like a place is only a doubt: OCR keeps capitals.
    (eall,) = _flags_with_names(f"{FILLER} we eall it", places)
    assert eall.suggestions[0] == "call" and "Cali" in eall.suggestions
    # A misread name is still found, and sure.
    (brezhnev,) = _flags_with_names(f"{FILLER} from I.I. Brezhnev", "L.I. Brezhnev\n")
    assert brezhnev.suggestions[0] == "L.I. Brezhnev" and brezhnev.score > 0.8


def test_checks_that_suggest_different_readings_do_not_add_up() -> None:
    from corrigenda.checks.engine import merge

    def flag(kind: str, score: float, *suggestions: str) -> Flag:
        return Flag(1, 1, 0, 5, "Harut", kind, score, kind, suggestions, 1, 1, kind)

    (disagree,) = merge([flag("spelling", 0.7, "Hart"), flag("name", 0.5, "Haruta")])
    assert disagree.score == 0.7 and disagree.suggestions == ("Hart", "Haruta")
    (agree,) = merge([flag("spelling", 0.7, "Hart"), flag("name", 0.5, "Hart")])
    assert agree.score == pytest.approx(0.85)
    (confident,) = merge([flag("spelling", 0.7, "Hart"), flag("confidence", 0.5)])
    assert confident.score == pytest.approx(0.85)


def test_an_m_read_as_in_is_no_capital() -> None:
    flags = by_text(flags_of(f"{FILLER} such a Inceting would be {FILLER}"))
    assert flags["Inceting"].suggestions[0] == "meeting"
    # "Iussia" mid-sentence may be a name nobody listed: in noisy OCR it gets the word whose
    # other letters all stand, only as a guess, never auto-fixed (checks/ranking.py); a
    # shorter one, no word at all.
    noisy = by_text(flags_of(f"{FILLER} in Iussia the {FILLER}", noise=0.1))
    assert noisy["Iussia"].suggestions[:1] == ("Russia",)
    assert noisy["Iussia"].score <= GUESS_SCORE
    assert (
        by_text(flags_of(f"{FILLER} in Iussa the {FILLER}", noise=0.1))["Iussa"].suggestions == ()
    )
    # In clean OCR such a word is far more often a name than an error: not flagged.
    assert "Iussia" not in by_text(flags_of(f"{FILLER} in Iussia the {FILLER}"))
    # A wide capital read as two letters is no name's shape: any known word reads, rare
    # ones too ("Monseigneur"), still as a guess.
    split = by_text(flags_of(f"{FILLER} the MIonseigneur said {FILLER}", noise=0.1))
    assert split["MIonseigneur"].suggestions[:1] == ("Monseigneur",)
    assert split["MIonseigneur"].score <= GUESS_SCORE


def test_a_quotation_mark_set_apart_goes_back_to_its_word() -> None:
    flags = by_text(flags_of(f"{FILLER} the “ Kaffirs ” said {FILLER}"))
    assert flags["“ Kaffirs"].suggestions == ("“Kaffirs", "Kaffirs")
    assert flags["Kaffirs ”"].suggestions == ("Kaffirs”", "Kaffirs")
