"""Notes written in the right margin beside typed lines, which OCR splices onto them: the
column's right edge is where the typing ends, not where the spliced note does."""

from __future__ import annotations

from corrigenda.model import BBox, Line, Page, Word
from corrigenda.regions.body import body_of
from corrigenda.regions.handwriting import propose
from tests.regions.test_handwriting import PITCH, _page


def _spliced_on(line: Line, words: list[tuple[str, int, int, int, float]]) -> Line:
    """`line` with words spliced on: (text, characters after the line's end, width, height,
    confidence), each starting where its predecessor ends plus that gap."""
    assert line.bbox is not None
    x, added = line.bbox.x1, []
    for i, (text, gap, width, height, conf) in enumerate(words):
        x0 = x + gap * PITCH
        box = BBox(x0, line.bbox.y1 - height, x0 + width, line.bbox.y1)
        added.append(Word(line.id * 1000 + i, text, box, conf))
        x = box.x1
    return Line(line.id, line.words + tuple(added), line.bbox.union(added[-1].bbox), 1, 0)  # type: ignore[arg-type]


def test_a_note_spliced_four_characters_after_typed_lines_is_no_part_of_the_column() -> None:
    # "Nov. 22 76 - to the President" in the margin (DKG), spliced onto two typed lines as
    # "...and of. Nov. 22 76" and "...policy. the Preside,": "Nov." of about the typing's
    # size and read surely, four characters after the line's last word. Taken as typing, it
    # carried the column's right edge out to the note, and nothing was proposed there.
    page = _page()
    lines = list(page.lines)
    lines[2] = _spliced_on(
        lines[2], [("Nov.", 4, 160, 49, 94.7), ("22", -2, 48, 63, 95.4), ("76", 1, 48, 55, 95.4)]
    )
    lines[3] = _spliced_on(lines[3], [("the", 4, 61, 62, 95.9), ("Preside,", 1, 160, 62, 90.3)])
    spliced = Page(1, 1, "p.png", 2550, 3300, 300, tuple(lines))
    body = body_of(spliced)
    assert body is not None and body.right == page.lines[2].bbox.x1  # type: ignore[union-attr]
    (found,) = propose(spliced)
    assert found.text == "Nov. 22 76 the Preside," and found.lines == (3, 4)


def test_the_pieces_of_a_note_ocr_cut_into_lines_above_the_typing_go_with_it() -> None:
    # "Nov. 22 76 - to the President" above a memorandum (Femke Klaver) read as the lines
    # "Woy. 2", "DS" and "16 - to the President": the last taller than the typing, so a note
    # in the top margin, the first two like nothing in themselves, left as body lines between
    # it and the typing. A typed date further along the top margin stays typing.
    from tests.regions.test_handwriting import _written_line

    pieces = [
        _written_line(81, 147, [("Woy.", 1600, 1717, 49, 61.8), ("2", 1745, 1771, 48, 92.1)]),
        _written_line(82, 151, [("DS", 1779, 1805, 48, 80.5)]),
        _written_line(
            83,
            138,
            [
                ("16", 1832, 1894, 48, 62.2),
                ("to", 1956, 2010, 65, 96.3),
                ("the", 2031, 2110, 47, 96.8),
                ("President", 2128, 2373, 62, 92.2),
            ],
        ),
        _written_line(84, 150, [("November", 300, 540, 36, 96.0), ("22,", 570, 660, 36, 96.0)]),
    ]
    (found,) = propose(_page(pieces))
    assert found.text == "Woy. 2 DS 16 to the President" and found.lines == (81, 82, 83)
