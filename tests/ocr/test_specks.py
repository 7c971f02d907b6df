"""Specks read as marks between two words or before one are taken out; real marks stay."""

from __future__ import annotations

from corrigenda.model import BBox, Evidence, Line, Word
from corrigenda.ocr.specks import parted


def _page(*texts: str) -> list[Line]:
    words = tuple(
        Word(i + 1, t, BBox(100 * i, 0, 100 * i + 10 * len(t), 40), 93.0)
        for i, t in enumerate(texts)
    )
    return [Line(1, words, BBox(0, 0, 1000, 40))]


def test_a_speck_between_two_words_parts_them() -> None:
    (line,), count = parted(_page("the.President", "to.Mr.", "his’election", '"Peace’and'))
    assert [w.text for w in line.words] == [
        "the", "President", "to", "Mr.", "his", "election", '"Peace', "and",
    ]  # fmt: skip
    assert count == 4
    the, president = line.words[:2]
    assert the.bbox == BBox(0, 0, 30, 40) and president.bbox == BBox(40, 0, 130, 40)


def test_a_speck_before_a_word_goes_and_stays_a_reading() -> None:
    (line,), count = parted(_page(".due", ",Carter", "...and"))
    assert [w.text for w in line.words] == ["due", "Carter", "...and"]
    assert count == 2
    assert line.words[0].evidence is not None
    assert line.words[0].evidence.readings == ((".due", 93.0),)


def test_real_marks_inside_words_stay() -> None:
    kept = ("L.I.", "e.g.", "Ph.D.", "3.5", "don't", "you’ll", "they're", "O'Neill", "Soviet-US")
    (line,), count = parted(_page(*kept))
    assert [w.text for w in line.words] == list(kept) and count == 0


def test_the_parts_keep_their_characters_choices() -> None:
    choices = tuple(((ch, 0.93),) for ch in "to.Mr.")
    word = Word(1, "to.Mr.", BBox(0, 0, 60, 40), 90.0, Evidence((("to Mr.", 80.0),), choices))
    (line,), _ = parted([Line(1, (word,), BBox(0, 0, 60, 40))])
    to, mister = line.words
    assert to.evidence == Evidence((), choices[:2])  # the readings were of the joined word
    assert mister.evidence == Evidence((), choices[3:])


def test_a_full_stop_between_two_words_of_small_letters_goes() -> None:
    (line,), count = parted(_page("are.", "ready", "to", "act."))
    assert [w.text for w in line.words] == ["are", "ready", "to", "act."] and count == 1
    assert line.words[0].evidence is not None
    assert line.words[0].evidence.readings == (("are.", 93.0),)


def test_a_full_stop_that_can_end_a_sentence_or_an_abbreviation_stays() -> None:
    kept = ("ended.", "The", "Mr.", "and", "Successful.", "work", "etc.", "and", "cf.", "the")
    (line,), count = parted(_page(*kept))
    assert [w.text for w in line.words] == list(kept) and count == 0


def test_quotation_marks_nothing_pairs_go_and_paired_ones_stay() -> None:
    lines = [
        *_page("'our", "friends", "are", "here"),
        *_page("with", "the'", "views"),
        *_page("he", "said", "'come", "here.'"),
        *_page("the", "countries'", "views", '"Peace'),
    ]
    mended, count = parted(lines)
    assert [[w.text for w in line.words] for line in mended] == [
        ["our", "friends", "are", "here"],
        ["with", "the", "views"],
        ["he", "said", "'come", "here.'"],
        ["the", "countries'", "views", '"Peace'],  # double quotes may close lines later
    ]
    assert count == 2


def test_a_hyphen_joining_a_little_word_parts_it_and_compounds_stay() -> None:
    (line,), count = parted(_page("a-great", "in-the", "interests-of", "long-term", "built-in"))
    assert [w.text for w in line.words] == [
        "a", "great", "in", "the", "interests", "of", "long-term", "built-in",
    ]  # fmt: skip
    assert count == 3


def test_apostrophes_and_hyphens_are_left_alone_on_pages_not_read_as_english() -> None:
    texts = ("dell'arte", "quell'anno", "a-great", "the.President")
    (line,), _ = parted(_page(*texts), english=False)
    assert [w.text for w in line.words] == [
        "dell'arte",
        "quell'anno",
        "a-great",
        "the",
        "President",
    ]


def test_a_page_read_again_is_mended_renumbered_and_says_how_many() -> None:
    from corrigenda.ocr.choice import _without_specks

    record: dict[str, object] = {}
    (line,) = _without_specks(_page("the.President", "dell'arte", "said"), record, "eng+ita")
    assert [(w.id, w.text) for w in line.words] == [
        (1, "the"), (2, "President"), (3, "dell"), (4, "arte"), (5, "said"),
    ]  # fmt: skip
    assert record == {"specks": 2}
    (line,) = _without_specks(_page("the.President", "dell'arte"), {}, "ita")
    assert [w.text for w in line.words] == ["the", "President", "dell'arte"]
    unchanged = _page("said")
    record = {}
    assert _without_specks(unchanged, record, "eng") is unchanged and record == {}
