"""Running Tesseract on one page through pytesseract, and reading its TSV into lines and words.

`run_task` is what a worker process (or a Dask worker) executes: it takes everything it needs in
a picklable `OcrTask` and returns an `OcrOutcome`, so any concurrent.futures executor can run it.
"""

from __future__ import annotations

import csv
import math
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corrigenda.model import BBox, Line, OcrRun, Word
from corrigenda.tempfiles import use_scratch_dir

ENGINE_NAME = "tesseract"
PAGE_TIMEOUT_S = 600
FORMAT_SUFFIX = {"PNG": ".png", "JPEG": ".jpg", "TIFF": ".tif"}


@dataclass(frozen=True)
class OcrTask:
    page_id: int
    image: bytes = field(repr=False)
    image_format: str
    tesseract: str
    tessdata: str | None
    languages: str
    psm: int
    engine_version: str


@dataclass(frozen=True)
class OcrOutcome:
    page_id: int
    run: OcrRun | None
    error: str | None = None


def run_task(task: OcrTask) -> OcrOutcome:
    """OCR one page. Engine failures come back as an outcome with an error, not an exception,
    so one bad page never stops a batch."""
    import pytesseract

    # pytesseract passes os.environ to Tesseract: this process belongs to the batch, so its
    # environment can be the engine's.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if task.tessdata:
        os.environ["TESSDATA_PREFIX"] = task.tessdata
    pytesseract.pytesseract.tesseract_cmd = task.tesseract
    use_scratch_dir()  # a killed run's files are removed at the next start (tempfiles.py)
    suffix = FORMAT_SUFFIX.get(task.image_format, ".png")
    with tempfile.NamedTemporaryFile(suffix=suffix, prefix="corrigenda-page-") as handle:
        handle.write(task.image)
        handle.flush()
        try:
            tsv = pytesseract.image_to_data(
                handle.name,
                lang=task.languages,
                config=f"--psm {task.psm}",
                timeout=PAGE_TIMEOUT_S,
            )
        except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, OSError) as exc:
            return OcrOutcome(task.page_id, None, _message(exc))
        except RuntimeError as exc:  # pytesseract's timeout
            return OcrOutcome(task.page_id, None, f"Tesseract {exc}")
    run = OcrRun(
        engine=ENGINE_NAME,
        engine_version=task.engine_version,
        languages=task.languages,
        params={"psm": task.psm},
        raw=tsv,
        lines=tuple(parse_tsv(tsv.splitlines())),
    )
    return OcrOutcome(task.page_id, run)


def _message(exc: Exception) -> str:
    text = str(getattr(exc, "message", "") or exc).strip()
    return text.splitlines()[-1] if text else type(exc).__name__


def parse_tsv(rows: Iterable[str]) -> list[Line]:
    """Lines and words from Tesseract's TSV, in reading order, numbered from 1 in the page."""
    reader = csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
    lines: dict[tuple[int, int, int], dict[str, Any]] = {}
    word_id = 0
    for row in reader:
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        box = _box(row)
        level = int(row["level"])
        if level == 4:
            lines[key] = {"bbox": box, "words": []}
        elif level == 5:
            text = (row.get("text") or "").strip()
            if not text or any(ch.isspace() for ch in text):
                text = "".join(text.split())
            if not text:
                continue
            word_id += 1
            conf = float(row["conf"])  # -1 (or, in a damaged file, nan) means none
            line = lines.setdefault(key, {"bbox": box, "words": []})
            usable = math.isfinite(conf) and conf >= 0
            line["words"].append(Word(word_id, text, box, conf if usable else None))
    result: list[Line] = []
    for (block, paragraph, _), data in lines.items():
        if data["words"]:
            result.append(
                Line(len(result) + 1, tuple(data["words"]), data["bbox"], block, paragraph)
            )
    return result


MAX_COORDINATE = 10**7  # no page is this many pixels: a TSV saying so is damaged


def _box(row: dict[str, str]) -> BBox:
    left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
    if not all(0 <= v <= MAX_COORDINATE for v in (left, top, width, height)):
        raise ValueError(f"box {left} {top} {width} {height} is off any page")
    return BBox(left, top, left + width, top + height)
