"""What a worker process (or a Dask worker) runs: one page's `OcrTask` to its `OcrOutcome`.

Apart from tesseract.py, which reads one image: choosing the reading (corrigenda.ocr.choice)
uses tesseract.py, and this uses both.
"""

from __future__ import annotations

from typing import Any

from corrigenda.model import OcrRun
from corrigenda.ocr.choice import read_page
from corrigenda.ocr.tesseract import ENGINE_NAME, OcrOutcome, OcrTask, TesseractFailed
from corrigenda.tempfiles import use_scratch_dir


def run_task(task: OcrTask) -> OcrOutcome:
    """OCR one page. Engine failures come back as an outcome with an error, not an exception,
    so one bad page never stops a batch."""
    use_scratch_dir()  # a killed run's files are removed at the next start (tempfiles.py)
    try:
        reading, record = read_page(task)
    except TesseractFailed as exc:
        return OcrOutcome(task.page_id, None, str(exc))
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
