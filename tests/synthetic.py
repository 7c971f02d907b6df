"""Synthetic pages for tests that need no Tesseract: a plain image and an OCR run made from
known text, so tests stay fast and know every word."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence

from PIL import Image

from corrigenda.model import BBox, Line, OcrRun, PageImage, Word


def page_image(name: str = "p.png", shade: int = 255) -> PageImage:
    buffer = io.BytesIO()
    Image.new("L", (60, 80), shade).save(buffer, format="PNG")
    data = buffer.getvalue()
    return PageImage(name, data, "PNG", 60, 80, 300, hashlib.sha256(data).hexdigest())


def ocr_run(texts: Sequence[str]) -> OcrRun:
    lines, word_id = [], 1
    for line_no, text in enumerate(texts):
        words, x = [], 10
        for token in text.split():
            width = 8 * len(token)
            words.append(
                Word(word_id, token, BBox(x, 20 * line_no, x + width, 20 * line_no + 15), 80.0)
            )
            word_id += 1
            x += width + 6
        box = BBox.enclosing([w.bbox for w in words])
        lines.append(Line(line_no + 1, tuple(words), box, 0, line_no // 2))
    return OcrRun("test", "1", "eng", {}, "", tuple(lines))
