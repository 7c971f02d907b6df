"""Reading Tesseract's TSV into lines and words."""

from __future__ import annotations

from corrigenda.model import BBox
from corrigenda.ocr.tesseract import parse_tsv

HEADER = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
)
ROWS = [
    "1\t1\t0\t0\t0\t0\t0\t0\t1000\t800\t-1\t",
    "2\t1\t1\t0\t0\t0\t10\t10\t500\t100\t-1\t",
    "3\t1\t1\t1\t0\t0\t10\t10\t500\t100\t-1\t",
    "4\t1\t1\t1\t1\t0\t10\t10\t500\t30\t-1\t",
    "5\t1\t1\t1\t1\t1\t10\t10\t60\t30\t91.5\tI.I.",
    '5\t1\t1\t1\t1\t2\t80\t10\t200\t30\t96\t"Brezhnev',
    "4\t1\t1\t1\t2\t0\t10\t50\t500\t30\t-1\t",
    "5\t1\t1\t1\t2\t1\t10\t50\t20\t30\t95\t ",
    "3\t1\t1\t2\t0\t0\t10\t90\t500\t30\t-1\t",
    "4\t1\t1\t2\t1\t0\t10\t90\t500\t30\t-1\t",
    "5\t1\t1\t2\t1\t1\t10\t90\t100\t30\t88\tMoscow",
]


def test_lines_and_words_in_reading_order() -> None:
    lines = parse_tsv([HEADER, *ROWS])
    assert [line.text for line in lines] == ['I.I. "Brezhnev', "Moscow"]  # empty line dropped
    first = lines[0]
    assert first.bbox == BBox(10, 10, 510, 40)
    assert first.words[0].conf == 91.5 and first.words[1].bbox == BBox(80, 10, 280, 40)
    assert [(line.id, line.paragraph) for line in lines] == [(1, 1), (2, 2)]
    assert [w.id for line in lines for w in line.words] == [1, 2, 3]
