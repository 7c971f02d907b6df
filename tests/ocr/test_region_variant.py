"""Re-reading a drawn region under a chosen clean-up variant: the reading, the write, verify."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from corrigenda.cli import main
from corrigenda.model import BBox, Line, OcrRun, PageImage, Word
from corrigenda.ocr.region import ocr_region, proposals, take
from corrigenda.settings import Settings
from corrigenda.store import LineEdit, Project, Source

pytestmark = pytest.mark.tesseract
TEXT = ["The quick brown fox jumps over", "the lazy dog near the river bank."]
WRONG = ["The qu1ck brovvn fox jumps ovcr", "the 1azy dog near the rivcr bank."]


def speckled_page() -> PageImage:
    page = Image.new("L", (1100, 260), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=44)
    for row, text in enumerate(TEXT):
        draw.text((40, 40 + row * 90), text, font=font, fill=0)
    pixels = np.asarray(page).copy()
    pixels[np.random.default_rng(7).random(pixels.shape) < 0.02] = 0
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "PNG")
    data = out.getvalue()
    return PageImage("p.png", data, "PNG", 1100, 260, 300, hashlib.sha256(data).hexdigest())


def run_of(texts: list[str]) -> OcrRun:
    lines = []
    word_id = 1
    for row, text in enumerate(texts):
        y0, words, x = 40 + row * 90, [], 40
        for token in text.split():
            words.append(Word(word_id, token, BBox(x, y0, x + 24 * len(token), y0 + 50), 50.0))
            word_id, x = word_id + 1, x + 24 * len(token) + 20
        lines.append(Line(row + 1, tuple(words), BBox(40, y0, x, y0 + 50), 0, 0))
    return OcrRun("test", "1", "eng", {}, "", tuple(lines))


def test_a_region_is_read_under_a_variant_and_corrections_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.corrigenda"
    with Project.create(path, [speckled_page()]) as project:
        page_id = project.pages()[0].id
        project.set_ocr(page_id, run_of(WRONG), Source("ocr", {"engine": "test"}))
        second = project.page(page_id).lines[1]
        project.write_lines(
            [LineEdit(page_id, second.id, second.text, "the lazy dog by the river bank.")],
            Source("keyboard"),
        )
    region = BBox(0, 0, 1100, 260)
    reading = ocr_region(str(path), page_id, region, 6, "eng", Settings(), cleanup="median")
    assert (reading.cleanup, reading.variant) == ("median", "median")
    assert "quick brown fox" in " ".join(line.text for line in reading.lines)
    with Project.open(path) as project:
        page = project.page(page_id)
        found = proposals(page, region, reading.lines, project.edited_line_ids(page_id))
        by_line = {p.line_id: p for p in found}
        first, second = page.lines
        assert not by_line[first.id].corrected
        assert by_line[second.id].corrected  # a person's correction: offered, not taken
        take(project, page_id, [p for p in found if not p.corrected], 6, region, reading)
        page = project.page(page_id)
        assert "quick brown fox" in page.lines[0].text
        assert page.lines[1].text == "the lazy dog by the river bank."  # kept
        event = list(project.events())[-1]
        assert event.source["type"] == "re-ocr"
        assert event.source["variant"] == "median" and event.source["overwrote"] == []
    assert main(["verify", str(path)]) == 0


def test_an_unknown_variant_is_refused_before_any_reading(tmp_path: Path) -> None:
    path = tmp_path / "p.corrigenda"
    with Project.create(path, [speckled_page()]) as project:
        page_id = project.pages()[0].id
    with pytest.raises(ValueError, match="sharpen"):
        ocr_region(str(path), page_id, BBox(0, 0, 100, 100), 6, "eng", Settings(), "sharpen")
