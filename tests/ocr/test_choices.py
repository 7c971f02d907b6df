"""The engine's per-character alternatives, from hOCR, kept compactly per word."""

from __future__ import annotations

from corrigenda.model import BBox, Evidence, Line, Word
from corrigenda.ocr.choices import attach_choices, with_evidence, word_choices


def _choice(ch: str, conf: float) -> str:
    return f"<span class='ocrx_cinfo' title='x_confs {conf}'>{ch}</span>"


def _word(box: str, text: str, positions: list[list[tuple[str, float]]]) -> str:
    groups = "".join(
        f"<span class='ocrx_cinfo' id='lstm_choices_1_{i}'>"
        + "".join(_choice(ch, conf) for ch, conf in position)
        + "</span>"
        for i, position in enumerate(positions)
    )
    return f"<span class='ocrx_word' title='bbox {box}; x_wconf 50'>{text}{groups}</span>"


def _hocr(*words: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        "<html xmlns='http://www.w3.org/1999/xhtml'><body>"
        "<div class='ocr_page' title='bbox 0 0 500 100'>"
        "<span class='ocr_line' title='bbox 0 0 500 40'>" + "".join(words) + "</span>"
        "</div></body></html>"
    ).encode()


HESITANT = _word(
    "10 10 20 40",
    ":",
    [[(" ", 93.7)], [(":", 90.3), (";", 81.7), ("|", 56.4), (".", 53.1), ("'", 20.0)]],
)
SURE = _word("30 10 90 40", "to", [[("t", 99.0), ("f", 0)], [("o", 98.5)]])
MISMATCH = _word("100 10 160 40", "the", [[("t", 60.0), ("c", 30.0)], [("h", 90.0)]])


def test_hesitant_words_keep_their_alternatives_best_first_and_bounded() -> None:
    found = word_choices(_hocr(HESITANT, SURE, MISMATCH))[0]
    hesitant = ((":", 0.903), (";", 0.817), ("|", 0.564), (".", 0.531))  # one character
    assert found[BBox(10, 10, 20, 40)] == [(hesitant,)]
    assert found[BBox(30, 10, 90, 40)] == [()]  # sure of every character: nothing kept
    assert found[BBox(100, 10, 160, 40)] == [()]  # positions do not spell the text: dropped


def test_choices_attach_to_the_tsv_words_by_box() -> None:
    lines = [
        Line(1, (Word(1, ":", BBox(10, 10, 20, 40), 50.0), Word(2, "to", BBox(30, 10, 90, 40))))
    ]
    (line,) = attach_choices(lines, _hocr(HESITANT, SURE))
    assert line.words[0].evidence is not None
    assert line.words[0].evidence.choices[0][1] == (";", 0.817)
    assert line.words[1].evidence is None
    # and the evidence survives the word's JSON (the OCR baseline and the line rows)
    assert Word.from_json(line.words[0].to_json()) == line.words[0]


def test_damaged_hocr_gives_no_choices_and_no_error() -> None:
    lines = [Line(1, (Word(1, "x", BBox(0, 0, 5, 5)),))]
    assert attach_choices(lines, b"<html><body><div class='ocr_page'") == lines
    assert attach_choices(lines, b"\x00\xff garbage") == lines


def test_a_mark_the_engine_was_less_sure_of_is_kept_even_without_rivals() -> None:
    speck = _word("200 10 210 40", "ab:", [[("a", 95.0)], [("b", 93.0)], [(":", 85.0)]])
    letters = _word("220 10 260 40", "abc", [[("a", 85.0)], [("b", 80.0)], [("c", 90.0)]])
    found = word_choices(_hocr(speck, letters))[0]
    assert found[BBox(200, 10, 210, 40)] == [((("a", 0.95),), (("b", 0.93),), ((":", 0.85),))]
    assert found[BBox(220, 10, 260, 40)] == [()]


def test_readings_are_added_one_per_reading_best_first_and_never_the_word_itself() -> None:
    word = Word(1, "Noyember", None, 40.0, Evidence(choices=()))
    word = with_evidence(word, readings=[("November", 91.0), ("Noyember", 80.0)])
    word = with_evidence(word, readings=[("Novernber", 60.0), ("November", 70.0)])
    # Two readings gave "November": both are kept, so the agreement counts.
    assert word.evidence == Evidence(
        readings=(("November", 91.0), ("November", 70.0), ("Novernber", 60.0))
    )
