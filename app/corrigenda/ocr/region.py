"""Re-OCR of a region of a page's scan, proposed line by line.

The region is cropped from the scan and read by Tesseract with the chosen segmentation mode
and clean-up (`ocr_region`: seconds, so callers run it off any GUI thread). The clean-up is
"none" (the scan as it is), "auto" (a variant only if the engine doubts the region, as
`corrigenda ocr` chooses for a page) or a variant's name (corrigenda.ocr.cleanup); it is
applied to the crop, and the words' boxes come back on the original. Each line of the page
under the region gets the words the OCR found inside its box (`proposals`); a line a person
corrected since the page's OCR is marked, so that it is replaced only when the user says so.
The lines taken are one write (`region_edits`, `take`): one event per line, whose source
records the region, the segmentation, the clean-up asked for and the variant read, and which
lines it overwrote.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from PIL import Image

from corrigenda.errors import EngineError
from corrigenda.model import BBox, Line, Page
from corrigenda.ocr.choice import check_cleanup
from corrigenda.ocr.engine import find_engine
from corrigenda.ocr.tesseract import OcrTask, ReadingPolicy
from corrigenda.ocr.worker import run_task
from corrigenda.settings import Settings
from corrigenda.store import LineEdit, LineWritten, Project, Source

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


@dataclass(frozen=True)
class RegionReading:
    """The region's lines in page coordinates, and the clean-up variant they were read under
    (None: the scan as it is)."""

    lines: list[Line]
    cleanup: str = "none"
    variant: str | None = None


def ocr_region(
    project_path: str,
    page_id: int,
    region: BBox,
    psm: int,
    languages: str,
    settings: Settings,
    cleanup: str = "none",
) -> RegionReading:
    """Tesseract's reading of `region` of the page's scan (on a worker). Raises ValueError for
    an unknown clean-up, EngineError when the engine fails."""
    cleanup = check_cleanup(cleanup)
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
            cleanup=cleanup,
            policy=ReadingPolicy.from_settings(settings),
        )
    )
    if outcome.run is None:
        raise EngineError(f"re-OCR of the region failed: {outcome.error}")
    variant = (outcome.run.params.get("reading") or {}).get("variant")
    return RegionReading(
        [_moved(line, region.x0, region.y0) for line in outcome.run.lines],
        cleanup,
        variant if isinstance(variant, str) else None,
    )


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


def region_edits(
    page_id: int, chosen: list[Proposal], psm: int, region: BBox, reading: RegionReading
) -> tuple[list[LineEdit], Source]:
    """The line edits taking `chosen`, and the source their events record."""
    edits = [LineEdit(page_id, p.line_id, p.now, p.ocr) for p in chosen]
    data: dict[str, object] = {
        "region": region.as_list(),
        "psm": psm,
        "overwrote": [p.line_id for p in chosen if p.corrected],
    }
    if reading.cleanup != "none":
        data.update(cleanup=reading.cleanup, variant=reading.variant)
    return edits, Source("re-ocr", data)


def take(
    project: Project,
    page_id: int,
    chosen: list[Proposal],
    psm: int,
    region: BBox,
    reading: RegionReading,
) -> list[LineWritten]:
    """Write the chosen lines of a region's reading, in one transaction."""
    edits, source = region_edits(page_id, chosen, psm, region, reading)
    return project.write_lines(edits, source)
