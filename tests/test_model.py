"""The document model: boxes, words, and the one definition of a page's text."""

from __future__ import annotations

import pytest

from corrigenda.model import BBox, Line, Page, Word


def test_bbox_union_and_overlap() -> None:
    a, b = BBox(0, 0, 10, 10), BBox(5, 5, 20, 20)
    assert a.union(b) == BBox(0, 0, 20, 20)
    assert a.intersection_area(b) == 25
    assert a.intersection_area(BBox(30, 30, 40, 40)) == 0


def test_bbox_refuses_negative_size() -> None:
    with pytest.raises(ValueError):
        BBox(10, 0, 5, 10)


def test_word_is_one_token() -> None:
    with pytest.raises(ValueError):
        Word(1, "two words")
    with pytest.raises(ValueError):
        Word(1, "")


def _line(line_id: int, text: str, par: int) -> Line:
    words = tuple(Word(line_id * 10 + i, t) for i, t in enumerate(text.split()))
    return Line(line_id, words, None, 1, par)


def test_page_layout_offsets_point_at_each_line() -> None:
    page = Page(
        1,
        1,
        "p.png",
        100,
        100,
        lines=(
            _line(1, "L.I. Brezhnev sends", 1),
            _line(2, "his greetings", 1),
            _line(3, "Moscow shares", 2),
        ),
    )
    text, spans = page.layout()
    assert text == "L.I. Brezhnev sends\nhis greetings\n\nMoscow shares"
    for span, line in zip(spans, page.lines):
        assert text[span.start : span.end] == line.text


def test_line_json_round_trip() -> None:
    line = Line(
        4, (Word(1, "Carter", BBox(1, 2, 3, 4), 91.5), Word(2, "x")), BBox(0, 0, 9, 9), 2, 3
    )
    assert Line.from_json(line.to_json()) == line
