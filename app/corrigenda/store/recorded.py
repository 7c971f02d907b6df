"""What the page-add and OCR events record beyond their digests, so that the hash chain covers
everything an export carries (corrigenda.review.coverage checks it)."""

from __future__ import annotations

import hashlib
from typing import Any

from corrigenda.model import OcrRun, PageImage


def page_added(position: int, image: PageImage) -> dict[str, Any]:
    """What a page-add event records, so that verify covers everything an export carries:
    the page's name and its image's format, size and resolution (the bytes are covered by
    their SHA-256, the event's `after`). Files made before this recorded the position only."""
    return {
        "position": position,
        "name": image.name,
        "format": image.format,
        "width": image.width,
        "height": image.height,
        "dpi": image.dpi,
    }


def ocr_recorded(run_id: int, run: OcrRun, created: str, params: str) -> dict[str, Any]:
    """What an OCR event records of its run beyond the baseline (whose SHA-256 is the event's
    `after`): the engine, its version and settings, and the SHA-256 of its raw output."""
    return {
        "run": run_id,
        "engine": run.engine,
        "engine_version": run.engine_version,
        "languages": run.languages,
        "params": params,
        "created": created,
        "raw_sha256": hashlib.sha256(run.raw.encode("utf-8")).hexdigest(),
        "mean_conf": run.mean_conf,
    }
