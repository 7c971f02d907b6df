"""Tesseract's TSV output (`tesseract image out tsv`), read by the OCR module's own parser."""

from __future__ import annotations

import csv
from pathlib import Path

from corrigenda.errors import InputError
from corrigenda.formats.registry import ImportedFile, ImportedPage, importer
from corrigenda.ocr.tesseract import MAX_COORDINATE, parse_tsv


@importer("tesseract-tsv", "Tesseract TSV (tesseract IMAGE OUT tsv)")
def read_tsv(path: Path, data: bytes) -> ImportedFile:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text: not Tesseract TSV") from exc
    rows = text.splitlines()
    try:
        lines = parse_tsv(rows)
        width, height = _page_size(rows)
    except (KeyError, ValueError, TypeError) as exc:
        raise InputError(f"{path}: a row of this Tesseract TSV is broken ({exc})") from exc
    page = ImportedPage(None, width, height, tuple(lines))
    return ImportedFile(path, "tesseract-tsv", "4+", "tesseract", text, (page,))


def _page_size(rows: list[str]) -> tuple[int | None, int | None]:
    for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["level"] == "1":
            width, height = int(row["width"]), int(row["height"])
            if not (0 < width <= MAX_COORDINATE and 0 < height <= MAX_COORDINATE):
                raise ValueError(f"page size {width}x{height}")
            return width, height
    return None, None
