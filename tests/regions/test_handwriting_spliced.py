"""Notes written in the right margin beside typed lines, which OCR splices onto them: the
column's right edge is where the typing ends, not where the spliced note does."""

from __future__ import annotations

from corrigenda.model import BBox, Line, Page, Word
from corrigenda.regions.handwriting import body_of, propose
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
