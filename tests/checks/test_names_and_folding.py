"""Folding, name-list parsing (including bad input) and the name index."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corrigenda.checks.folding import confusion_cost, fold, name_key
from corrigenda.checks.names import NameIndex, parse_name_list
from corrigenda.checks.project_flagger import read_name_list
from corrigenda.checks.rules import make_rule, parse_rules
from corrigenda.errors import InputError


def test_folding_meets_ocr_confusions_and_keeps_real_differences() -> None:
    assert name_key("I.I. Brezhnev") == name_key("L.I. Brezhnev") == name_key("1.I. Brezhnev")
    assert fold("froin") == fold("from")
    assert fold("thein") == fold("them")
    assert fold("Carter") != fold("Garter")
    assert confusion_cost("settiement", "settlement") < confusion_cost("sentiment", "settlement")


def test_name_list_variants_comments_blank_lines_and_duplicates() -> None:
    parsed = parse_name_list("# people\n\nL.I. Brezhnev | Brezhnev\n\nL.I. Brezhnev\nMoscow\n")
    assert [e.preferred for e in parsed.entries] == ["L.I. Brezhnev", "Moscow"]
    assert parsed.entries[0].variants == ("L.I. Brezhnev", "Brezhnev")
    assert any("duplicate" in p for p in parsed.problems)


def test_csv_name_list() -> None:
    parsed = parse_name_list("name,country\nHobe Sound,US\nMoscow,RU\n")
    assert [e.preferred for e in parsed.entries] == ["Hobe Sound", "Moscow"]


def test_bad_name_file_loads_its_valid_lines(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_bytes(b"Moscow\n" + b"x" * 5_000_000 + b"\nGeneva\n")
    parsed = read_name_list(path)
    assert [e.preferred for e in parsed.entries] == ["Moscow", "Geneva"]
    assert any("too long" in p for p in parsed.problems)


@pytest.mark.parametrize("data", [b"Moscow\nZ\xfcrich\n", b"Z\xfcrich\nM\xfcnchen\n"])
def test_latin1_name_file_is_refused_with_line_and_byte(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(data)
    line = data[: data.index(b"\xfc")].count(b"\n") + 1
    with pytest.raises(InputError, match=rf"latin1.txt is not UTF-8 \(line {line}, byte "):
        read_name_list(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_unicode_name_files_with_a_byte_order_mark_load(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "names.txt"
    path.write_bytes("L.I. Brezhnev | Brezhnev\r\n\r\nZürich\r\n".encode(encoding))
    assert [e.preferred for e in read_name_list(path).entries] == ["L.I. Brezhnev", "Zürich"]


def test_utf16_without_a_byte_order_mark_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bare.txt"
    path.write_bytes("L.I. Brezhnev\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="looks like UTF-16 without a byte-order mark"):
        read_name_list(path)


def test_a_name_file_of_one_huge_line_says_why_it_holds_no_names(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 5_000_000)
    with pytest.raises(InputError, match=r"holds no names; huge\.txt line 1: 5,000,000 char"):
        read_name_list(path)


def test_empty_name_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n# nothing\n", encoding="utf-8")
    with pytest.raises(InputError, match="holds no names"):
        read_name_list(path)


def test_index_exact_and_approximate() -> None:
    index = NameIndex([parse_name_list("L.I. Brezhnev | Brezhnev\nAnatoly Dobrynin\n")])
    match = index.exact("I.I. Brezhnev")
    assert match is not None and match.variant == "L.I. Brezhnev"
    assert index.exact("Dobrynin Anatoly") is None
    near = index.approximate("Anatoly Dobryntn")
    assert near is not None and near.variant == "Anatoly Dobrynin"


def test_rules_bad_ones_are_reported_and_good_ones_load() -> None:
    rules, problems = parse_rules(
        [
            {"pattern": r"\bcur\b", "replacement": "our"},
            {"pattern": "(unclosed", "replacement": "x"},
            {"pattern": "a", "replacement": r"\2"},
            "not a rule",
        ]
    )
    assert [r.pattern for r in rules] == [r"\bcur\b"]
    assert len(problems) == 3
    with pytest.raises(InputError, match="empty string"):
        make_rule("x*", "y")


def test_measured_ocr_confusions_reach_a_word_two_letters_away() -> None:
    from corrigenda.checks.lexicon import load_lexicon
    from corrigenda.checks.lexicon_check import ocr_readings, with_ocr_readings

    lexicon = load_lexicon()
    assert ocr_readings("chareh", lexicon)["church"] == 1.0  # a->u, e->c
    # The lexicon's nearest ("Chare", one deletion) ties; the far commoner word goes first.
    assert with_ocr_readings("Chareh", lexicon.suggest("Chareh"), lexicon)[0][0] == "Church"
    assert with_ocr_readings("hed", lexicon.suggest("hed"), lexicon)[0] == ("bed", 0.5)
    assert ocr_readings("Lé", lexicon) == {} and ocr_readings("a1b2", lexicon) == {}


def test_a_surname_after_other_initials_is_flagged_with_the_listed_form_first() -> None:
    from corrigenda.checks.names import NameIndex
    from tests.checks.text_pages import by_text, flags_of

    names = parse_name_list(
        "L.I. Brezhnev | Leonid Ilyich Brezhnev | General Secretary Brezhnev | Brezhnev\n"
        "W. Averell Harriman | Mr. Harriman | Harriman\n"
    )
    index = NameIndex([names])
    assert index.other_initials("J. Brezhnev") == ("L.I. Brezhnev",)
    # Initials a listed form has (in order) are the name; an unknown surname is no name.
    assert index.other_initials("L. Brezhnev") == index.other_initials("L.I. Brezhnev") == ()
    assert index.other_initials("W. Harriman") == index.other_initials("J. Smith") == ()
    flag = by_text(flags_of("From: Nov 20 - 76 J. Brezhnev to Mr. Carter, hand", names=(names,)))[
        "J. Brezhnev"
    ]
    assert flag.kind == "name" and flag.suggestions[0] == "L.I. Brezhnev"


@given(st.text(alphabet=st.sampled_from("aZ é_ß|!.,'-–’@0\u0131\t"), max_size=14))
def test_the_index_keys_a_name_token_by_token_as_name_key_does(variant: str) -> None:
    """NameIndex.add keys each token apart (the surname's key comes free) and the list
    parser checks a key is non-empty without folding: both must agree with name_key."""
    from corrigenda.checks import names

    parts = [name_key(token) for token in variant.split()]
    assert " ".join(p for p in parts if p) == name_key(variant)
    assert (names._KEYED.search(variant) is not None) == bool(name_key(variant))


def test_a_surname_thousands_of_entities_share_loads_each_once_in_the_lists_order() -> None:
    # A list of a million names holds surnames shared by thousands of entities: the index
    # once scanned a list per surname for every entity added (quadratic: a million names
    # took minutes to load; this list, a quarter of an hour).
    consonants = "bcdfghjklmnprstvwz"
    given = [f"{a}{b}{c}".capitalize() for a in consonants for b in "aeiou" for c in "lmnrst"]
    lines = [f"{g} {h} Smith" for g in given for h in given[:250]]
    names = parse_name_list("\n".join(lines + lines[:100]))  # a repeated entity loads once
    index = NameIndex([names])
    forms = index.other_initials("Q. Smith")
    assert len(forms) == len(lines) == 135_000
    assert forms[:2] == ("Bal Bal Smith", "Bal Bam Smith") and forms[-1] == lines[-1]
    assert index.other_initials("B. Smith") == ()  # initials a listed form has
