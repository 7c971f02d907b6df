"""The per-page choice of a reading, on small synthetic pages (Tesseract runs, briefly)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from corrigenda.ocr import choice, lines
from corrigenda.ocr.choice import doubtful, read_page
from corrigenda.ocr.engine import find_engine
from corrigenda.ocr.tesseract import OcrTask, ReadingPolicy
from corrigenda.ocr.worker import run_task

pytestmark = pytest.mark.tesseract  # every test here reads a page
TEXT = ["The quick brown fox jumps over", "the lazy dog near the river bank."]


def _page(speckle: float = 0.0) -> Image.Image:
    page = Image.new("L", (1100, 260), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=44)
    for row, text in enumerate(TEXT):
        draw.text((40, 40 + row * 90), text, font=font, fill=0)
    if speckle:
        pixels = np.asarray(page).copy()
        rng = np.random.default_rng(7)
        dots = rng.random(pixels.shape) < speckle
        pixels[dots] = 0
        page = Image.fromarray(pixels)
    return page


def _bytes(image: Image.Image, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def _task(data: bytes, cleanup: str = "auto", fmt: str = "PNG", **policy: float) -> OcrTask:
    engine = find_engine()
    return OcrTask(
        1, data, fmt, engine.path, engine.tessdata, "eng", 6, engine.version(),
        cleanup=cleanup, policy=ReadingPolicy(**policy), second_readings=True,
    )  # fmt: skip


def test_a_page_read_well_keeps_its_first_reading_at_no_extra_cost() -> None:
    reading, record = read_page(_task(_bytes(_page())))
    assert not doubtful(reading, ReadingPolicy())
    assert record["variant"] is None and "tried" not in record and "lines" not in record
    assert record["before"]["conf"] > 88
    text = " ".join(line.text for line in reading.lines)
    assert "quick brown fox" in text


def test_a_speckled_page_is_read_again_and_the_surer_reading_kept() -> None:
    data = _bytes(_page(speckle=0.02))
    reading, record = read_page(_task(data))
    assert record["tried"], record  # doubtful: variants were read
    # first and despeckled; a third view only of lines they dispute at a word read unsurely
    assert record["voted"]["readings"] == 2 + ("lines" in record), record
    assert record["variant"] == "despeckle", record
    assert record["after"]["conf"] >= record["before"]["conf"] + 2
    assert record["params"]["median"] in (3, 5) and "deskew" in record["params"]
    text = " ".join(line.text for line in reading.lines)
    assert "quick brown fox" in text
    for word in (w for line in reading.lines for w in line.words):
        if word.evidence:  # other readings differ from the word; choices spell it
            assert all(text != word.text for text, _ in word.evidence.readings)
            assert not word.evidence.choices or len(word.evidence.choices) == len(word.text)


def test_a_confident_reading_of_a_heavily_speckled_scan_is_tried_despeckled_only() -> None:
    _, record = read_page(_task(_bytes(_page(speckle=0.004))))
    assert record["before"]["conf"] > 88 and record["before"]["speckle"] >= 10
    assert [t["variant"] for t in record["tried"]] == ["despeckle"]


@pytest.mark.parametrize("speckle", [0.0, 0.0003])
def test_a_clean_page_read_surely_is_read_once(
    speckle: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fine specks the engine reads through, as on the sample's photocopies (about two per
    # letter), and a sure reading. No variant, no line read again: one Tesseract run.
    runs: list[str] = []
    real = choice.read_image

    def counted(task: OcrTask, image: bytes, suffix: str, **kw: object) -> object:
        runs.append(suffix)
        return real(task, image, suffix, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(choice, "read_image", counted)
    monkeypatch.setattr(lines, "read_image", counted)
    _, record = read_page(_task(_bytes(_page(speckle=speckle))))
    assert record["before"]["conf"] > 90
    assert "tried" not in record and "lines" not in record and record["variant"] is None
    assert len(runs) == 1
    if speckle:
        assert record["before"]["speckle"] >= 1.2  # more than the old trigger (1) wanted


def test_the_choice_goes_into_the_run_params() -> None:
    outcome = run_task(_task(_bytes(_page(speckle=0.02)), cleanup="median"))
    assert outcome.run is not None
    assert outcome.run.params["reading"]["variant"] == "median"
    assert outcome.run.params["reading"]["steps"] == ["median3"]


@pytest.mark.parametrize("mode", ["1", "P", "CMYK", "I;16"])
def test_odd_image_modes_are_read_and_cleaned(mode: str) -> None:
    page = _page()
    if mode == "I;16":
        image = Image.fromarray(np.asarray(page, dtype=np.uint16) * 257)
    else:
        image = page.convert(mode)
    fmt = "TIFF" if mode == "CMYK" else "PNG"
    outcome = run_task(_task(_bytes(image, fmt), cleanup="despeckle", fmt=fmt))
    assert outcome.run is not None, outcome.error
    record = outcome.run.params["reading"]
    assert record["variant"] == "despeckle" or record["notes"]
    assert "quick" in " ".join(line.text for line in outcome.run.lines)


def test_a_variant_that_cannot_be_made_leaves_the_first_reading_with_a_note() -> None:
    tiny = _bytes(Image.new("L", (12, 12), 255))
    outcome = run_task(_task(tiny, cleanup="median"))
    assert outcome.run is not None and outcome.error is None
    record = outcome.run.params["reading"]
    assert record["variant"] is None and "too small" in record["notes"][0]


def test_a_page_read_without_clean_up_loads_no_image_machinery() -> None:
    """`--cleanup none` reads as the bare engine does: OpenCV and NumPy (a tenth of a second
    of every run's start) load only when a page is cleaned or read again."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from corrigenda.ocr import choice\n"
        "from corrigenda.ocr.tesseract import OcrTask, Reading\n"
        "choice.read_image = lambda *args, **kw: Reading('', (), 0.0)\n"
        "task = OcrTask(1, b'', 'PNG', 'tesseract', None, 'eng', 3, '5', cleanup='none',"
        " second_readings=True)\n"
        "choice.check_cleanup('none')\n"
        "choice.read_page(task)\n"
        "print(sorted(m for m in ('cv2', 'numpy', 'corrigenda.ocr.lines') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[]"
