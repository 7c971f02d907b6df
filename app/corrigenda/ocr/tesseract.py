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
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corrigenda.model import BBox, Line, OcrRun, Word

if TYPE_CHECKING:
    from corrigenda.settings import Settings

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
    speckle: float = 3.0  # a page with this many tiny specks per letter is tried despeckled
    good_conf: float = 92.0  # a reading this sure needs no further variant
    enough_gain: float = 8.0  # nor does one this many points surer than the first
    max_variants: int = 2
    vote: bool = True  # a page read again is read under `max_variants` variants, and voted on
    line_conf: float = 75.0  # a line below this mean confidence is read again on its own
    max_lines: int = 40  # at most this many lines of a page are read again

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadingPolicy:
        return cls(
            doubtful_conf=settings.cleanup_page_conf,
            doubtful_share=settings.cleanup_low_share,
            low_conf=settings.confidence_low,
            margin=settings.cleanup_margin,
            speckle=settings.cleanup_speckle,
            max_variants=settings.cleanup_max_variants,
            line_conf=settings.second_reading_line_conf,
        )


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
    task: OcrTask,
    image: bytes,
    suffix: str,
    *,
    psm: int | None = None,
    many: Sequence[bytes] = (),
    choices: bool = True,
) -> Reading:
    """Read one image (or, with `many`, a list of images in one Tesseract process: one page
    each, numbered in order) with TSV and, unless `choices` is False, the per-character
    choices (which cost the engine a tenth more). Raises TesseractFailed.
    The page's own image as scanned may already be under way (`start_ahead` starts it early)."""
    ahead: _Started | None = getattr(_ahead, "run", None)
    if (
        ahead is not None
        and ahead.image is image
        and ahead.suffix == suffix
        and psm is None
        and not many
        and choices
    ):
        _ahead.run = None
        return _finish(ahead)
    return _finish(_start(task, image, suffix, psm=psm, many=many, choices=choices))


@dataclass
class _Started:
    """A Tesseract run under way: what it reads, its process, the folder of its files."""

    image: bytes = field(repr=False)
    suffix: str
    folder: tempfile.TemporaryDirectory[str]
    process: subprocess.Popen[bytes] | None
    started: float
    choices: bool  # with the per-character choices (and so hOCR)
    error: TesseractFailed | None = None  # it could not be started
    slot: threading.Semaphore | None = None  # the engine slot it holds until its process ends

    def free(self) -> None:
        """Give the engine slot back (once): the process has ended, or never started."""
        slot, self.slot = self.slot, None
        if slot is not None:
            slot.release()

    def discard(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        self.free()
        self.folder.cleanup()


# The page's first reading, started by `run_task` before the clean-up machinery is imported.
_ahead = threading.local()
# The engine slots of the pool this thread belongs to (use_engine_slots), if any.
_slots = threading.local()


def use_engine_slots(slots: threading.Semaphore | None) -> None:
    """This thread's Tesseract processes take one of `slots` each while they run (a pool's
    threads share them): a pool can then have more threads than engines, and a thread that
    reads its page's output leaves its slot to the next page's engine at once. A thread
    holds at most one slot: it runs one Tesseract at a time (`start_ahead`'s run is picked up
    by its page's first reading, or discarded)."""
    _slots.semaphore = slots


def _start(
    task: OcrTask,
    image: bytes,
    suffix: str,
    *,
    psm: int | None = None,
    many: Sequence[bytes] = (),
    choices: bool = True,
) -> _Started:
    started = time.perf_counter()
    folder = tempfile.TemporaryDirectory(prefix="corrigenda-ocr-")
    if many:
        paths = []
        for index, data in enumerate(many):
            path = Path(folder.name, f"crop-{index:04d}{suffix}")
            path.write_bytes(data)
            paths.append(str(path))
        source = Path(folder.name, "list.txt")
        source.write_text("\n".join(paths) + "\n", encoding="utf-8")
    else:
        source = Path(folder.name, f"page{suffix}")
        source.write_bytes(image)
    command = [
        task.tesseract,
        str(source),
        str(Path(folder.name, "out")),
        "-l",
        task.languages,
        "--psm",
        str(task.psm if psm is None else psm),
        *(["-c", "lstm_choice_mode=2", "tsv", "hocr"] if choices else ["tsv"]),
    ]
    env = tesseract_env(task)
    slot: threading.Semaphore | None = getattr(_slots, "semaphore", None)
    if slot is not None:
        waiting = time.perf_counter()
        slot.acquire()  # everything is ready: the engine starts as soon as a slot is free
        started += time.perf_counter() - waiting  # a reading's seconds are its own, not the wait
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    except OSError as exc:
        if slot is not None:
            slot.release()
        failed = TesseractFailed(f"cannot run Tesseract at {task.tesseract}: {exc}")
        return _Started(image, suffix, folder, None, started, choices, failed)
    return _Started(image, suffix, folder, process, started, choices, slot=slot)


def _finish(run: _Started) -> Reading:
    """Wait for a started run and read what it wrote; its folder goes either way."""
    from corrigenda.ocr.choices import attach_choices

    try:
        if run.process is None:
            raise run.error or TesseractFailed("Tesseract was not started")
        try:
            _, stderr = run.process.communicate(timeout=PAGE_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise TesseractFailed(f"Tesseract took longer than {PAGE_TIMEOUT_S} s") from exc
        run.free()  # the engine has ended: the next page's may start while this one is read
        if run.process.returncode != 0:
            detail = stderr.decode("utf-8", "replace").strip().splitlines()
            raise TesseractFailed(detail[-1] if detail else f"exit status {run.process.returncode}")
        base = Path(run.folder.name, "out")
        try:
            tsv = base.with_suffix(".tsv").read_text(encoding="utf-8")
            hocr = base.with_suffix(".hocr").read_bytes() if run.choices else b""
        except (OSError, UnicodeDecodeError) as exc:
            raise TesseractFailed(f"Tesseract wrote no readable output ({exc})") from exc
    finally:
        run.discard()
    lines = parse_tsv(tsv.splitlines())
    if run.choices:
        lines = attach_choices(lines, hocr)
    return Reading(tsv, tuple(lines), time.perf_counter() - run.started)


def start_ahead(task: OcrTask) -> None:
    """Start Tesseract on the page as scanned now, on this thread, so it reads while the
    caller loads the clean-up machinery (OpenCV, a tenth of a second to import in each run);
    the next `read_image` of that same image picks the run up."""
    _ahead.run = _start(task, task.image, FORMAT_SUFFIX.get(task.image_format, ".png"))


def discard_ahead() -> None:
    """Stop and remove a run `start_ahead` began that nothing picked up."""
    unused: _Started | None = getattr(_ahead, "run", None)
    _ahead.run = None
    if unused is not None:
        unused.discard()


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
