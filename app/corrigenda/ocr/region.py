"""Re-OCR of a region of a page's scan, proposed line by line.

The region is cropped from the scan and read by Tesseract with the chosen segmentation mode
(`ocr_region`: seconds, so callers run it off any GUI thread). Each line of the page under the
region gets the words the OCR found inside its box (`proposals`); a line a person corrected
since the page's OCR is marked, so that it is replaced only when the user says so.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from PIL import Image

from corrigenda.errors import EngineError
from corrigenda.model import BBox, Line, Page
from corrigenda.ocr.engine import find_engine
from corrigenda.ocr.tesseract import OcrTask
from corrigenda.ocr.worker import run_task
from corrigenda.settings import Settings
from corrigenda.store import Project

PSM_MODES = {
    6: "a single block of text",
    7: "a single line",
    4: "one column of text of various sizes",
    11: "sparse text, in no order",
    3: "automatic page segmentation",
}


@dataclass(frozen=True)
class Proposal:
    """What the region's OCR reads on one line of the page."""

    line_id: int
    number: int  # 1-based line number on the page
    now: str
    ocr: str
    corrected: bool  # a person changed this line since the OCR: not ticked unless asked


def ocr_region(
    project_path: str, page_id: int, region: BBox, psm: int, languages: str, settings: Settings
) -> list[Line]:
    """Tesseract's lines for `region` of the page's scan, in page coordinates (on a worker)."""
    with Project.open(project_path, readonly=True) as project:
        data = project.image(page_id).data
    with Image.open(io.BytesIO(data)) as scan:
        crop = scan.crop((region.x0, region.y0, region.x1, region.y1))
        out = io.BytesIO()
        crop.save(out, "PNG")
    engine = find_engine(settings=settings)
    outcome = run_task(
        OcrTask(
            page_id,
            out.getvalue(),
            "PNG",
            engine.path,
            engine.tessdata,
            languages,
            psm,
            engine.version(),
        )
    )
    if outcome.run is None:
        raise EngineError(f"re-OCR of the region failed: {outcome.error}")
    return [_moved(line, region.x0, region.y0) for line in outcome.run.lines]


def _moved(line: Line, dx: int, dy: int) -> Line:
    def move(box: BBox | None) -> BBox | None:
        return BBox(box.x0 + dx, box.y0 + dy, box.x1 + dx, box.y1 + dy) if box else None

    words = tuple(replace(w, bbox=move(w.bbox)) for w in line.words)
    return replace(line, words=words, bbox=move(line.bbox))


def proposals(
    page: Page, region: BBox, ocr_lines: list[Line], corrected: set[int]
) -> list[Proposal]:
    """For each page line mostly inside `region`, the OCR words whose centres fall in it."""
    words = [w for line in ocr_lines for w in line.words if w.bbox is not None and w.text]
    found = []
    for number, line in enumerate(page.lines, start=1):
        box = line.bbox
        if box is None or box.area == 0 or box.intersection_area(region) < 0.5 * box.area:
            continue
        inside = sorted(
            (w for w in words if w.bbox and _centre_in(w.bbox, box)),
            key=lambda w: w.bbox.x0 if w.bbox else 0,
        )
        text = " ".join(w.text for w in inside)
        if text and text != line.text:
            found.append(Proposal(line.id, number, line.text, text, line.id in corrected))
    return found


def _centre_in(word: BBox, line: BBox) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
    return line.x0 <= cx <= line.x1 and line.y0 <= cy <= line.y1
