"""A typed page (tests.regions.test_handwriting's) with its scan: the typed words' ink where
OCR read them, and a note in the right margin beside line 3 that OCR left unread."""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageDraw

from corrigenda.model import BBox, OcrRun, Page, PageImage

NOTE = BBox(2300, 440, 2490, 500)  # where the unread note's strokes are


def inked_page() -> tuple[Page, Image.Image]:
    from tests.regions.test_handwriting import _page

    page = _page()
    image = Image.new("L", (page.width, page.height), 255)
    draw = ImageDraw.Draw(image)
    for word in page.words():
        if word.bbox:
            draw.rectangle(word.bbox.as_list(), fill=40)
    for x in range(NOTE.x0, NOTE.x1 - 10, 12):  # a pen's line of writing
        draw.line((x, NOTE.y0 + 5, x + 8, NOTE.y1 - 5), fill=0, width=3)
    return page, image


def inked_scan() -> tuple[PageImage, OcrRun]:
    """The page as a project stores it: its scan and an OCR run of its typed lines."""
    page, image = inked_page()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    data = buffer.getvalue()
    scan = PageImage("inked.png", data, "PNG", page.width, page.height, 300,
                     hashlib.sha256(data).hexdigest())  # fmt: skip
    return scan, OcrRun("test", "1", "eng", {}, "", page.lines)
