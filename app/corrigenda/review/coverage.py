"""What exports carry beyond the transcripts: checked against the events, or re-derived.

An export carries each page's name, its image (bytes, format, size, resolution) and its OCR
run's engine, version, settings, raw output and confidences. Since this version, the page-add
event records the page's name and image metadata, and the OCR event its run's metadata and the
SHA-256 of the raw output, so the hash chain covers them and verify compares the stored values.

Files made before recorded less. For them verify re-derives what it can: the image's size and
resolution by decoding its header, each run's mean confidence from its baseline; it says in a
note what it could not check (page names, engine metadata, raw output).
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Callable, Iterable
from typing import Any

from PIL import Image

from corrigenda.review.replay import Replayer
from corrigenda.review.stored import ImageRecord, RunRecord

# (where, message, page number or None)
Report = Callable[[str, str, "int | None"], None]

_IMAGE_FIELDS = ("name", "format", "width", "height", "dpi")


def check_images(
    images: Iterable[ImageRecord], numbers: dict[int, int], replayer: Replayer, add: Report
) -> list[str]:
    """Image bytes, metadata and page names against the events; returns notes."""
    old = 0
    for image in images:
        number = numbers.get(image.page_id)
        where = f"page {number}" if number else f"removed page id {image.page_id}"
        if image.missing:
            add(where, "its image is missing from the file", number)
            continue
        actual = hashlib.sha256(bytes(image.data)).hexdigest()
        page = replayer.pages.get(image.page_id)
        if actual != image.sha256:
            add(where, "image bytes do not match their recorded SHA-256", number)
            continue
        if page is None:
            continue  # reported already: no event added this page
        if page.image_sha256 != actual:
            add(where, "image differs from the one its page-add event recorded", number)
            continue
        if "name" in page.added:
            trouble = _recorded_difference(image, page.added)
        else:
            old += 1
            trouble = _derived_difference(image)
        if trouble:
            add(where, trouble, number)
        if page.ocr_run != image.ocr_run_id:
            add(where, f"shows OCR run {image.ocr_run_id}; its events say {page.ocr_run}", number)
    if old:
        return [
            f"{old} page(s) were added by an older Corrigenda, which did not record page names "
            "in the chain: their names are not covered (image size and resolution were "
            "checked against the image itself)"
        ]
    return []


def _recorded_difference(image: ImageRecord, added: dict[str, Any]) -> str | None:
    for name in _IMAGE_FIELDS:
        stored = getattr(image, name)
        if added.get(name) != stored or type(added.get(name)) is not type(stored):
            return f"{_label(name)} is {stored!r}; its page-add event recorded {added.get(name)!r}"
    return None


def _label(name: str) -> str:
    return "page name" if name == "name" else f"image {name}"


def _derived_difference(image: ImageRecord) -> str | None:
    """For a page added before metadata was recorded: what the image itself says."""
    try:
        with Image.open(io.BytesIO(bytes(image.data))) as decoded:
            size = decoded.size
            dpi = decoded.info.get("dpi")
    except Exception as exc:
        return f"its image cannot be decoded to check its size ({type(exc).__name__})"
    if size != (image.width, image.height):
        stored = f"{image.width}x{image.height}"
        return f"image size is stored as {stored}; the image is {size[0]}x{size[1]}"
    if dpi and dpi[0] and image.dpi is not None and round(float(dpi[0])) != image.dpi:
        return (
            f"image resolution is stored as {image.dpi} dpi; the image says {round(float(dpi[0]))}"
        )
    return None


def check_runs(runs: Iterable[RunRecord], replayer: Replayer, add: Report) -> list[str]:
    """Every OCR run against the OCR event that made it; returns notes."""
    old = 0
    for run in runs:
        where = f"OCR run {run.id}"
        made = replayer.runs.get(run.id)
        if made is None:
            add(where, "no OCR event made this run", None)
            continue
        page_id, recorded, derived_conf = made
        if run.page_id != page_id:
            add(where, f"belongs to page id {run.page_id}; its event says {page_id}", None)
            continue
        if not _same_conf(run.mean_conf, derived_conf):
            add(where, "its mean confidence differs from its baseline's", None)
            continue
        if "engine" not in recorded:
            old += 1
            continue
        trouble = _run_difference(run, recorded)
        if trouble:
            add(where, trouble, None)
    if old:
        return [
            f"{old} OCR run(s) were made by an older Corrigenda, which did not record engine, "
            "settings and raw output in the chain: those are not covered (the OCR text, boxes "
            "and confidences are)"
        ]
    return []


def _run_difference(run: RunRecord, recorded: dict[str, Any]) -> str | None:
    for name in ("engine", "engine_version", "languages", "params", "created"):
        if recorded.get(name) != getattr(run, name):
            return f"its {name.replace('_', ' ')} differs from what its OCR event recorded"
    if hashlib.sha256(str(run.raw).encode("utf-8")).hexdigest() != recorded.get("raw_sha256"):
        return "its raw output differs from what its OCR event recorded"
    if not _same_conf(run.mean_conf, recorded.get("mean_conf")):
        return "its mean confidence differs from what its OCR event recorded"
    return None


def _same_conf(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False
