"""What a worker process (or a Dask worker) runs: one page's `OcrTask` to its `OcrOutcome`.

Apart from tesseract.py, which reads one image: choosing the reading (corrigenda.ocr.choice)
uses tesseract.py, and this uses both.
"""

from __future__ import annotations

from typing import Any

from corrigenda.model import OcrRun
from corrigenda.ocr.tesseract import (
    ENGINE_NAME,
    OcrOutcome,
    OcrTask,
    TesseractFailed,
    discard_ahead,
    start_ahead,
)
from corrigenda.tempfiles import use_scratch_dir


def run_task(task: OcrTask) -> OcrOutcome:
    """OCR one page. Engine failures come back as an outcome with an error, not an exception,
    so one bad page never stops a batch.

    Every reading but a named variant's begins with the page as scanned: Tesseract starts on
    it at once, and the choice of reading loads while it reads."""
    use_scratch_dir()  # a killed run's files are removed at the next start (tempfiles.py)
    if task.cleanup in ("auto", "none"):
        start_ahead(task)
    try:
        from corrigenda.ocr.choice import read_page

        reading, record = read_page(task)
    except TesseractFailed as exc:
        return OcrOutcome(task.page_id, None, str(exc))
    finally:
        discard_ahead()
    params: dict[str, Any] = {"psm": task.psm}
    if record:
        params["reading"] = record
    run = OcrRun(
        engine=ENGINE_NAME,
        engine_version=task.engine_version,
        languages=task.languages,
        params=params,
        raw=reading.tsv,
        lines=reading.lines,
    )
    return OcrOutcome(task.page_id, run)
