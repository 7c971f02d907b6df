"""The ink of a word on the scan tells a pen from the typewriter: strokes wider and darker than
all the typing's are a hand's, whatever the word's size, place or confidence."""

from __future__ import annotations

from PIL import Image, ImageDraw

from corrigenda.model import BBox, Page, Word
from corrigenda.regions.handwriting import find_handwriting, propose
from corrigenda.regions.strokes import heaviness
from tests.regions.test_handwriting import STEP, _around, _page, _written_line


def _scan(page: Page, heavy: set[int]) -> Image.Image:
    """The page's scan: each word a row of upright strokes across its box, the typing's
    three pixels wide in the ribbon's grey (a little uneven), the words in `heavy` eight
    pixels wide in a pen's black."""
    image = Image.new("L", (page.width, page.height), 255)
    draw = ImageDraw.Draw(image)
    for n, word in enumerate(page.words()):
        box = word.bbox
        if box is None:
            continue
        width, grey = (8, 20) if word.id in heavy else (3, 140 + 4 * (n % 5))
        for x in range(box.x0 + 2, box.x1 - width, 3 * width):
            draw.rectangle((x, box.y0, x + width - 1, box.y1 - 1), fill=grey)
    return image


def _seen() -> Page:
    # "seen 12/3" in a heavy marker hand (Steve Hand) on a line of its own between
    # paragraphs, read "seen (2/3" surely: "seen" taller than the typing and starting on the
    # grid of the typing around it, "(2/3" of about the typing's height and no word a grid
    # is told by. Nothing in the words alone tells a hand: a typed line there, dust making
    # a word tall, reads the same.
    y = 300 + 12 * STEP + 20
    note = _written_line(94, y, [("seen", 450, 576, 67, 91.5), ("(2/3", 621, 729, 40, 93.9)])
    return _page(_around(note))


def test_a_note_in_ink_heavier_than_the_typing_is_proposed() -> None:
    page = _seen()
    assert propose(page) == []  # without the scan, as before
    (found,) = find_handwriting(page, _scan(page, {940, 941}))
    assert set(found.words) == {940, 941}
    assert "heavier ink than the typing" in found.reason
    # Written as light as the typing, nothing on the scan tells it from typing either.
    assert find_handwriting(page, _scan(page, set())) == []


def test_a_words_ink_is_heavier_only_if_both_wider_and_darker() -> None:
    page = _page()
    typed = list(page.words())
    image = _scan(page, set())
    draw = ImageDraw.Draw(image)
    wide = Word(1, "wide", BBox(300, 3000, 420, 3036), 95.0)
    dark = Word(2, "dark", BBox(500, 3000, 620, 3036), 95.0)
    for x in range(302, 412, 24):  # strokes as wide as a pen's, in the ribbon's grey
        draw.rectangle((x, 3000, x + 7, 3035), fill=140)
    for x in range(502, 612, 9):  # strokes as thin as the typing's, in a pen's black
        draw.rectangle((x, 3000, x + 2, 3035), fill=20)
    found = heaviness(image, [*typed, wide, dark], typed)
    assert found[1] == 0.0 and found[2] == 0.0
    assert max(found[w.id] for w in typed) == 0.0


def test_the_window_is_offered_a_note_only_the_scan_tells_with_its_words() -> None:
    # The check on the words alone leaves "seen (2/3" as typing; the scan's pass, which the
    # window runs page by page with the unread ink, offers it over its words, as the check
    # flags a note it found: the list showed an empty "(unread ink)" flag at the line's end,
    # though OCR had read the note's words.
    from corrigenda.checks.handwriting import ink_flags

    page = _seen()
    (flag,) = ink_flags(page, _scan(page, {940, 941}))
    text, spans = page.layout()
    start = next(s.start for s in spans if s.line_id == 94)
    assert (flag.kind, flag.line_id, flag.start, flag.text) == (
        "handwriting",
        94,
        start,
        "seen (2/3",
    )
    assert text[flag.start : flag.end] == "seen (2/3" and flag.extra["scan"] is True
    assert BBox(*flag.extra["box"]).x0 <= 450 and "heavier ink" in flag.explanation
    assert "no word" not in flag.explanation
    assert ink_flags(page, _scan(page, set())) == []


def test_a_small_note_in_the_margin_that_ocr_left_unread_is_proposed() -> None:
    # "Oral." in a small light hand (Delphine) in the right margin, 24 pixels high beside
    # typing 36 high, unread: ink lower than 0.8 of a typed line was dropped as too small.
    # In the column's blank space, ink that low is still no note.
    page = _page()
    image = _scan(page, set())
    draw = ImageDraw.Draw(image)
    for x in range(2350, 2410, 12):  # beside line 3, right of the column (it ends at 2280)
        draw.line((x, 456, x + 6, 478), fill=30, width=3)
    (found,) = find_handwriting(page, image)
    assert found.box.x0 <= 2350 and found.box.x1 >= 2400 and found.words == ()
    inside = _scan(page, set())
    draw = ImageDraw.Draw(inside)
    for x in range(1000, 1060, 12):  # as low, under the typing's last line
        draw.line((x, 1300, x + 6, 1322), fill=30, width=3)
    assert find_handwriting(page, inside) == []
