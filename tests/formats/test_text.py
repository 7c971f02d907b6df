"""Plain-text export options: hyphens joined, running heads dropped, line breaks dropped."""

from __future__ import annotations

from corrigenda.formats.text import export_text
from corrigenda.model import Line, Page, Word


def _page(number: int, *lines: tuple[str, int]) -> Page:
    built, word_id = [], 0
    for i, (text, paragraph) in enumerate(lines, 1):
        words = []
        for token in text.split():
            word_id += 1
            words.append(Word(word_id, token))
        built.append(Line(i, tuple(words), None, 0, paragraph))
    return Page(number, number, f"p{number}.png", 100, 100, lines=tuple(built))


PAGES = [
    _page(
        1, ("THE MEMORANDUM", 0), ("We regard the co-", 1), ("operation as vital.", 1), ("3.", 2)
    ),
    _page(2, ("THE MEMORANDUM", 0), ("A second page.", 1), ("- 4 -", 2)),
]


def test_plain_export_is_page_text() -> None:
    assert export_text(PAGES, {}) == "\f".join(p.text() for p in PAGES)


def test_join_hyphens_moves_the_rest_of_the_word_up() -> None:
    text = export_text(PAGES[:1], {"join_hyphens": True})
    assert "We regard the cooperation\nas vital." in text


def test_drop_running_heads_and_page_numbers() -> None:
    text = export_text(PAGES, {"drop_running_heads": True})
    assert "MEMORANDUM" not in text and "3." not in text and "4" not in text
    assert "A second page." in text


def test_no_line_breaks_keeps_paragraphs_apart() -> None:
    text = export_text(PAGES[:1], {"line_breaks": False, "join_hyphens": True})
    assert text.split("\n\n") == ["THE MEMORANDUM", "We regard the cooperation as vital.", "3."]


def test_a_hyphen_before_a_capital_digit_or_mark_is_the_words_own() -> None:
    page = _page(
        1, ("the anti-", 0), ("Semitic laws of pre-", 0), ("1914 were long-", 0), (", said he", 0)
    )
    text = export_text([page], {"join_hyphens": True})
    assert text == "the anti-Semitic\nlaws of pre-1914\nwere long-\n, said he"
    # A word in capitals goes on in capitals: broken like any other.
    capitals = _page(1, ("AN INTRODUC-", 0), ("TION", 0))
    assert export_text([capitals], {"join_hyphens": True}) == "AN INTRODUCTION\n"
