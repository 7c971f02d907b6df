"""Second readings lined up with a line's words: agreement raises confidence, disagreement is
kept as evidence, and crops too small to read are refused."""

from __future__ import annotations

import numpy as np

from corrigenda.model import BBox, Line, Word
from corrigenda.ocr.lines import _crop, _disputed, add_readings, renumbered, vote


def _line(*words: tuple[str, float, int]) -> Line:
    return Line(
        1,
        tuple(Word(i + 1, t, BBox(x, 100, x + 80, 140), c) for i, (t, c, x) in enumerate(words)),
        BBox(0, 100, 1000, 140),
    )


def test_disagreements_become_readings_and_agreements_raise_confidence() -> None:
    line = _line(("weekend,", 70.0, 0), ("Noyember", 40.0, 100), ("20-21,", 90.0, 200))
    other = [
        Word(1, "weekend,", BBox(0, 101, 80, 139), 80.0),
        Word(2, "November", BBox(100, 101, 180, 139), 91.0),
        Word(3, "20-21,", BBox(200, 101, 280, 139), 90.0),
        Word(4, "elsewhere", BBox(0, 400, 80, 440), 99.0),  # on no line: ignored
    ]
    (merged,) = add_readings([line], other, agree=True)
    first, second, third = merged.words
    assert first.conf == 94.0 and first.evidence is None  # 100 - 30 * 20 / 100
    assert second.text == "Noyember" and second.conf == 40.0  # the text stays the chosen one
    assert second.evidence is not None and second.evidence.readings == (("November", 91.0),)
    assert third.conf == 99.0
    (plain,) = add_readings([line], other)  # without `agree`, confidences stay as read
    assert plain.words[0].conf == 70.0


def test_a_word_read_as_two_keeps_the_split_as_a_reading() -> None:
    line = _line(("to'be", 50.0, 0))
    other = [
        Word(1, "to", BBox(0, 100, 30, 140), 85.0),
        Word(2, "be", BBox(40, 100, 80, 140), 80.0),
    ]
    (merged,) = add_readings([line], other)
    assert merged.words[0].evidence is not None
    assert merged.words[0].evidence.readings == (("to be", 80.0),)


def test_crops_of_one_pixel_lines_are_refused() -> None:
    page = np.full((100, 200), 255, dtype=np.uint8)
    assert _crop(page, BBox(10, 10, 150, 11)) is None
    assert _crop(page, BBox(10, 10, 12, 40)) is None
    crop = _crop(page, BBox(10, 10, 150, 30))
    assert crop is not None and crop[3] == 2.0  # small print is enlarged


def test_the_vote_takes_what_most_readings_give_and_keeps_the_rest_as_readings() -> None:
    line = _line(("the", 96.0, 0), ("hcuse", 80.0, 100), ("was", 95.0, 200))
    first = [
        Word(1, "the", BBox(0, 101, 80, 139), 90.0),
        Word(2, "house", BBox(100, 101, 180, 139), 70.0),
        Word(3, "wos", BBox(200, 101, 280, 139), 60.0),
    ]
    crop = [
        Word(1, "the", BBox(0, 101, 80, 139), 92.0),
        Word(2, "house", BBox(100, 101, 180, 139), 75.0),
        Word(3, "was:", BBox(200, 101, 280, 139), 50.0),
    ]
    (voted,) = renumbered(vote([line], [first, crop]))
    the, house, was = voted.words
    assert house.text == "house"  # two readings against one
    assert house.conf is not None and house.conf > 75.0  # they agree: surer than either
    assert house.evidence is not None and house.evidence.readings == (("hcuse", 80.0),)
    assert was.text == "was"  # three different readings: the surest one
    assert was.evidence is not None
    assert sorted(t for t, _ in was.evidence.readings) == ["was:", "wos"]
    assert the.text == "the" and the.evidence is None and the.conf == 99.97
    assert [w.id for w in voted.words] == [1, 2, 3]


def test_the_vote_parts_a_word_most_readings_read_as_two() -> None:
    line = _line(("the.President", 90.0, 0), ("said", 95.0, 300))
    parted = [
        Word(1, "the", BBox(0, 101, 80, 139), 85.0),
        Word(2, "President", BBox(100, 101, 280, 139), 88.0),
        Word(3, "said", BBox(300, 101, 380, 139), 95.0),
    ]
    (voted,) = renumbered(vote([line], [parted, parted]))
    assert [w.text for w in voted.words] == ["the", "President", "said"]
    assert voted.words[1].bbox == BBox(100, 101, 280, 139)  # the reading's own box
    assert [w.id for w in voted.words] == [1, 2, 3]
    (kept,) = vote([line], [parted])  # one against one: the surer reading, the joined word
    assert [w.text for w in kept.words] == ["the.President", "said"]
    assert kept.words[0].evidence is not None
    assert kept.words[0].evidence.readings == (("the President", 85.0),)


def test_two_doubtful_readings_do_not_outvote_a_sure_one() -> None:
    # Two cleaned readings can lose the same faint mark; a first reading the engine was sure
    # of keeps its word unless the readings against it are surer together.
    line = _line(("said,", 96.0, 0), ("hcuse", 80.0, 100))
    other = [
        Word(1, "said", BBox(0, 101, 80, 139), 40.0),
        Word(2, "house", BBox(100, 101, 180, 139), 70.0),
    ]
    crop = [
        Word(1, "said", BBox(0, 101, 80, 139), 45.0),
        Word(2, "house", BBox(100, 101, 180, 139), 75.0),
    ]
    (voted,) = vote([line], [other, crop])
    said, house = voted.words
    assert said.text == "said," and said.conf == 96.0  # 67 together: less sure than 96
    assert said.evidence is not None and said.evidence.readings == (("said", 45.0), ("said", 40.0))
    assert house.text == "house"  # 92.5 together: surer than 80


def test_only_lines_disputed_at_unsure_words_are_read_a_third_time() -> None:
    sure = _line(("The", 97.0, 0), ("house", 98.0, 100))
    unsure = Line(
        2,
        (
            Word(3, "the", BBox(0, 200, 80, 240), 97.0),
            Word(4, "hcuse", BBox(100, 200, 180, 240), 80.0),
        ),
        BBox(0, 200, 1000, 240),
    )
    other = [
        Word(1, "Tho", BBox(0, 101, 80, 139), 60.0),  # against a sure word: not read again
        Word(2, "house", BBox(100, 101, 180, 139), 90.0),
        Word(3, "the", BBox(0, 201, 80, 239), 90.0),
        Word(4, "house", BBox(100, 201, 180, 239), 70.0),  # against a doubtful one: read again
    ]
    assert list(_disputed([sure, unsure], other, 40)) == [1]
    assert list(_disputed([sure, unsure], other, 40, sure=101.0)) == [0, 1]


def test_a_first_reading_kept_keeps_the_lines_the_engine_read_surest() -> None:
    # Cleaned readings of a light page lose the same faint marks; where the page's first
    # reading was kept and the engine read a line surer than any other reading, it stays.
    sure = _line(("US;", 97.0, 0), ("re:", 96.0, 100))
    other = [
        Word(1, "US:", BBox(0, 101, 80, 139), 90.0),
        Word(2, "re:", BBox(100, 101, 180, 139), 90.0),
    ]
    crop = [
        Word(1, "US:", BBox(0, 101, 80, 139), 88.0),
        Word(2, "re:", BBox(100, 101, 180, 139), 92.0),
    ]
    (kept,) = vote([sure], [other, crop], first_kept=True)
    assert [w.text for w in kept.words] == ["US;", "re:"]
    assert kept.words[0].evidence is not None  # the other readings stay as evidence
    (voted,) = vote([sure], [other, crop])  # a chosen clean-up's reading is voted on as ever
    assert [w.text for w in voted.words] == ["US:", "re:"]
    doubted = _line(("US;", 80.0, 0), ("re:", 90.0, 100))  # surer elsewhere: voted on
    (changed,) = vote([doubted], [other, crop], first_kept=True)
    assert [w.text for w in changed.words] == ["US:", "re:"]
