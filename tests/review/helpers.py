"""Small projects for review tests: real project files with a synthetic OCR baseline.

No Tesseract: the OCR run is made up, so tests stay fast and their text is known.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image

from corrigenda.model import BBox, Line, OcrRun, PageImage, Word
from corrigenda.store import Project, Source

PAGE_TEXTS = [
    ["MEMORANDUM OF CONVERSATION", "Participants: I.I. Brezhnev, General Secretary",
     "Date and Place: Vladivostok, 24 November 1974"],
    ["The General Secretary said that the rnessage had been", "3.",
     "received with great interest in Moscow"],
]


def image(name: str, shade: int) -> PageImage:
    buffer = io.BytesIO()
    Image.new("L", (60, 80), shade).save(buffer, format="PNG")
    data = buffer.getvalue()
    return PageImage(name, data, "PNG", 60, 80, 300, hashlib.sha256(data).hexdigest())


def ocr_run(texts: list[str]) -> OcrRun:
    lines, word_id = [], 1
    for line_no, text in enumerate(texts):
        words, x = [], 10
        for token in text.split():
            width = 8 * len(token)
            words.append(Word(word_id, token, BBox(x, 20 * line_no, x + width, 20 * line_no + 15),
                              80.0))
            word_id += 1
            x += width + 6
        box = BBox.enclosing([w.bbox for w in words])
        lines.append(Line(line_no + 1, tuple(words), box, 0, line_no // 2))
    return OcrRun("test", "1", "eng", {}, "", tuple(lines))


def make_project(folder: Path, actor: str = "transcriber") -> Path:
    path = folder / "review.corrigenda"
    images = [image(f"page-{n:03}.png", 200 + n) for n in range(1, len(PAGE_TEXTS) + 1)]
    with Project.create(path, images, actor=actor) as project:
        for info, texts in zip(project.pages(), PAGE_TEXTS):
            project.set_ocr(info.id, ocr_run(texts), Source("ocr", {"engine": "test"}))
    return path
