"""Running Tesseract on one page, and reading its TSV into lines and words.

A worker process (or a Dask worker) runs `corrigenda.ocr.worker.run_task`: it takes everything
it needs in a picklable `OcrTask` and returns an `OcrOutcome`, so any concurrent.futures
executor can run it.
One Tesseract run writes both TSV (lines, words, confidences) and hOCR with the LSTM's
per-character alternatives (`lstm_choice_mode=2`), so the alternatives cost no second reading.
Which image is read, and whether doubtful pages and lines are read again, is decided in
`corrigenda.ocr.choice` and `corrigenda.ocr.lines`.
"""

from __future__ import annotations

import csv
import math
import os
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corrigenda.model import BBox, Line, OcrRun, Word

ENGINE_NAME = "tesseract"
PAGE_TIMEOUT_S = 600
FORMAT_SUFFIX = {"PNG": ".png", "JPEG": ".jpg", "TIFF": ".tif"}


@dataclass(frozen=True)
class ReadingPolicy:
    """When a page or a line counts as doubtful, and how hard to try again (from Settings)."""

    doubtful_conf: float = 88.0  # a page whose mean word confidence is below this is doubtful
    doubtful_share: float = 0.08  # ... or whose share of words below `low_conf` is above this
    low_conf: float = 60.0
    margin: float = 1.0  # a variant must beat the first reading by this many points
    speckle: float = 2.5  # a page with this many tiny specks per letter is tried despeckled
    speckle_per_point: float = 0.5  # ... and this many more per point of confidence above
    # `doubtful_conf` (corrigenda.ocr.choice.speckle_needed)
    good_conf: float = 92.0  # a reading this sure needs no further variant
    enough_gain: float = 8.0  # nor does one this many points surer than the first
    max_variants: int = 2
    line_conf: float = 75.0  # a line below this mean confidence is read again on its own
    max_lines: int = 40  # at most this many lines of a page are read again


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
    cleanup: str = "none"  # "auto", "none" or a variant's name (corrigenda.ocr.cleanup)
    policy: ReadingPolicy = field(default_factory=ReadingPolicy)
    second_readings: bool = False  # read doubtful lines again


@dataclass(frozen=True)
class OcrOutcome:
    page_id: int
    run: OcrRun | None
    error: str | None = None


class TesseractFailed(Exception):
    """Tesseract could not read an image; the message is its own last word on it."""


@dataclass(frozen=True)
class Reading:
    """One Tesseract reading of one image."""

    tsv: str = field(repr=False)
    lines: tuple[Line, ...]
    seconds: float

    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    def confidence(self) -> float:
        """Mean word confidence weighted by word length: a sure long word outweighs a speck."""
        pairs = [(w.conf, len(w.text)) for w in self.words() if w.conf is not None]
        total = sum(n for _, n in pairs)
        return sum(c * n for c, n in pairs) / total if total else 0.0

    def low_share(self, low: float) -> float:
        confs = [w.conf for w in self.words() if w.conf is not None]
        return sum(c < low for c in confs) / len(confs) if confs else 1.0

    def letters(self) -> int:
        return sum(ch.isalnum() for w in self.words() for ch in w.text)


def tesseract_env(task: OcrTask) -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # we parallelise across pages, not inside one
    if task.tessdata:
        env["TESSDATA_PREFIX"] = task.tessdata
    return env


def read_image(
    task: OcrTask, image: bytes, suffix: str, *, psm: int | None = None, many: Sequence[bytes] = ()
) -> Reading:
    """Read one image (or, with `many`, a list of images in one Tesseract process: one page
    each, numbered in order) with TSV and the per-character choices. Raises TesseractFailed."""
    from corrigenda.ocr.choices import attach_choices

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="corrigenda-ocr-") as folder:
        if many:
            paths = []
            for index, data in enumerate(many):
                path = Path(folder, f"crop-{index:04d}{suffix}")
                path.write_bytes(data)
                paths.append(str(path))
            source = Path(folder, "list.txt")
            source.write_text("\n".join(paths) + "\n", encoding="utf-8")
        else:
            source = Path(folder, f"page{suffix}")
            source.write_bytes(image)
        base = str(Path(folder, "out"))
        command = [
            task.tesseract,
            str(source),
            base,
            "-l",
            task.languages,
            "--psm",
            str(task.psm if psm is None else psm),
            "-c",
            "lstm_choice_mode=2",
            "tsv",
            "hocr",
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                env=tesseract_env(task),
                timeout=PAGE_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise TesseractFailed(f"Tesseract took longer than {PAGE_TIMEOUT_S} s") from exc
        except OSError as exc:
            raise TesseractFailed(f"cannot run Tesseract at {task.tesseract}: {exc}") from exc
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise TesseractFailed(detail[-1] if detail else f"exit status {done.returncode}")
        try:
            tsv = Path(base + ".tsv").read_text(encoding="utf-8")
            hocr = Path(base + ".hocr").read_bytes()
        except (OSError, UnicodeDecodeError) as exc:
            raise TesseractFailed(f"Tesseract wrote no readable output ({exc})") from exc
    lines = attach_choices(parse_tsv(tsv.splitlines()), hocr)
    return Reading(tsv, tuple(lines), time.perf_counter() - started)


def parse_tsv(rows: Iterable[str], page: int | None = None) -> list[Line]:
    """Lines and words from Tesseract's TSV, in reading order, numbered from 1 in the page.
    With `page`, only the rows of that page (1-based) of a multi-image run."""
    reader = csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
    lines: dict[tuple[int, int, int], dict[str, Any]] = {}
    word_id = 0
    for row in reader:
        if page is not None and int(row["page_num"]) != page:
            continue
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
