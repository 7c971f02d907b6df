"""The engine's per-character alternatives, from hOCR, kept compactly per word."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from corrigenda.model import BBox, Evidence, Line, Word
from corrigenda.ocr import choices
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


# The scanner for Tesseract's own hOCR (choices._scan) against the XML parser (choices._parse).


def _tesseract_word(n: int, box: str, text: str, groups: list[list[tuple[str, str]]]) -> str:
    """A word as Tesseract's hOCR renderer writes it with lstm_choice_mode=2."""
    out = [f"\n      <span class='ocrx_word' id='word_1_{n}' title='bbox {box}; x_wconf 91'>{text}"]
    for g, group in enumerate(groups):
        out.append(f"\n       <span class='ocrx_cinfo' id='lstm_choices_1_{n}_{g}'>")
        for c, (ch, conf) in enumerate(group):
            out.append(
                f"\n        <span class='ocrx_cinfo' id='choice_1_{n}_{g}_{c}' "
                f"title='x_confs {conf}'>{ch}</span>"
            )
        out.append("</span>")
    out.append("\n      </span>")
    return "".join(out)


def _tesseract_hocr(*pages: list[str]) -> bytes:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n'
        '    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n <head>\n'
        "  <meta name='ocr-capabilities' content='ocr_page ocr_carea ocr_par ocr_line "
        "ocrx_word ocrp_dir ocrp_lang ocrp_wconf'/>\n </head>\n <body>\n"
    )
    body = "".join(
        f"  <div class='ocr_page' id='page_{i}' title='image \"x.png\"; bbox 0 0 900 900'>\n"
        "     <span class='ocr_line' id='line_1_1' title=\"bbox 0 0 900 40\">"
        + "".join(words)
        + "\n     </span>\n  </div>\n"
        for i, words in enumerate(pages, 1)
    )
    return (head + body + " </body>\n</html>\n").encode()


ESCAPED = _tesseract_word(
    1,
    "10 10 90 40",
    "&quot;A&amp;B&#39;",
    [
        [("&quot;", "91.5"), ("&#39;", "40.25")],
        [("A", "99.1")],
        [("&amp;", "80"), ("&lt;", "0"), ("8", "30.5")],
        [("B", "98"), ("R", "0"), ("8", "12")],
        [("&#39;", "88"), ("&#x2019;", "51")],
        [(" ", "95"), (",", "0")],  # the step between words
    ],
)
PLAIN = _tesseract_word(2, "100 10 160 40", "to", [[("t", "99"), ("f", "0")], [("o", "98.5")]])
ODD = _tesseract_word(
    3, "170 10 260 40", "the", [[("t", "120")], [("h", "-5"), ("b", "nan")], [("e", "x1")], []]
)


def test_tesseract_s_own_hocr_is_scanned_and_read_as_the_xml_parser_reads_it() -> None:
    hocr = _tesseract_hocr([ESCAPED, PLAIN, ODD], [PLAIN, ESCAPED])
    scanned = choices._scan(hocr)
    assert scanned is not None  # the fast path, not the fallback
    assert scanned == choices._parse(hocr)
    first = scanned[0][BBox(10, 10, 90, 40)][0]
    assert first[0] == (('"', 0.915), ("'", 0.403))
    assert first[2] == (("&", 0.8), ("8", 0.305))
    assert first[4] == (("'", 0.88), ("\u2019", 0.51))
    assert len(scanned) == 2 and scanned[1][BBox(100, 10, 160, 40)] == [()]
    # A word's language (another than its paragraph's) is an attribute the scanner reads past.
    other = _tesseract_hocr([ESCAPED.replace("x_wconf 91'", "x_wconf 91' lang='deu'")])
    assert choices._scan(other) == choices._parse(other) != [{}]


@pytest.mark.parametrize(
    "change",
    [
        ("<span class='ocrx_word' id='word_1_2'", '<span class="ocrx_word" id="word_1_2"'),
        (">to\n", "><strong>to</strong>\n"),  # font information: markup in the word
        ("&amp;B", "&amp;B<![CDATA[x]]>"),
        ("&amp;B", "&amp;B&nbsp;"),
        ("&amp;B", "&amp;B\r"),
        ("<div class='ocr_page' id='page_2'", "<div class=\"ocr_page\" id='page_2'"),
        ('<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0' encoding='UTF-8'?>"),
        ("</html>\n", ""),  # cut short
        ("x_confs 99'>t", "x_confs 99; x_other 1'>t"),
    ],
)
def test_hocr_the_scanner_is_not_sure_of_is_left_to_the_xml_parser(
    change: tuple[str, str],
) -> None:
    original = _tesseract_hocr([ESCAPED, PLAIN, ODD], [PLAIN])
    hocr = original.replace(change[0].encode(), change[1].encode(), 1)
    assert hocr != original
    assert choices._scan(hocr) is None
    assert word_choices(hocr) == choices._parse(hocr)


@pytest.mark.tesseract
def test_the_scanner_reads_real_tesseract_output_as_the_xml_parser_does(
    sample_dir: Path, tmp_path: Path
) -> None:
    """On the engine's hOCR of a sample page (its top half, to keep the test short)."""
    from PIL import Image

    from corrigenda.ocr.engine import find_engine

    engine = find_engine()
    with Image.open(sample_dir / "page-002.png") as page:
        page.crop((0, 0, page.width, page.height // 2)).save(tmp_path / "top.png")
    command = [engine.path, str(tmp_path / "top.png"), str(tmp_path / "out")]
    subprocess.run(
        [*command, "-l", "eng", "--psm", "3", "-c", "lstm_choice_mode=2", "hocr"],
        check=True,
        capture_output=True,
        env={**engine.environment(), "OMP_THREAD_LIMIT": "1"},
    )
    hocr = (tmp_path / "out.hocr").read_bytes()
    scanned = choices._scan(hocr)
    assert scanned is not None
    assert scanned == choices._parse(hocr)
    words = [item for found in scanned[0].values() for item in found]
    assert len(words) > 50 and any(words)  # a real page, with hesitant words
