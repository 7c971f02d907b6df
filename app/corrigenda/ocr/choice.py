"""The adaptive choice of a page's reading: clean-up only where the engine doubts its reading.

The first reading is of the original image, as always. A page whose reading the engine is sure
of, on a clean scan, keeps it and costs nothing more. A doubtful page (mean word confidence
below a threshold, or too many low-confidence words) is read again under a few clean-up
variants; a page the engine is fairly sure of but whose scan is speckled (many tiny marks per
letter, a cheap count) is read again despeckled: a photocopy's fine specks the engine reads
through (the sample's pages, 1.7-1.9 per letter) cost nothing, a degraded page's (3.8-23 on the
development pages) are tried. The
reading the engine is surest of wins, but only by a margin over the first: a page read well is
never traded for a reading that is merely as good. What was tried and chosen is returned as a
record that goes into the OCR run's params (and the hash-chained event), so `info` and `verify`
see it.

Any variant that cannot be made or read (odd image modes, tiny images) leaves the first reading
in place, with a note in the record: a page is never lost to a clean-up.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from corrigenda.model import BBox, Line, Word
from corrigenda.ocr.tesseract import (
    FORMAT_SUFFIX,
    OcrTask,
    Reading,
    ReadingPolicy,
    TesseractFailed,
    read_image,
)

AUTO_ORDER = ("despeckle", "sauvola", "median")
MAX_NOTES = 8
MIN_LETTERS_KEPT = 0.75  # a variant that reads far fewer letters dropped text, not noise


def check_cleanup(name: str) -> str:
    """The clean-up `name` asks for: auto, none or a variant's name, in any case ("AUTO" is
    "auto"); a ValueError naming every choice if it is none of them."""
    wanted = name.strip().lower()
    if wanted in ("auto", "none"):
        return wanted
    from corrigenda.ocr import cleanup  # OpenCV: only where a clean-up is named

    if wanted not in cleanup.VARIANTS:
        choices = ", ".join(("auto", "none", *cleanup.VARIANTS))
        what = f"no clean-up {name!r}" if wanted else "an empty clean-up"
        raise ValueError(f"{what}; choose one of {choices}")
    return wanted


def doubtful(reading: Reading, policy: ReadingPolicy) -> bool:
    return (
        reading.confidence() < policy.doubtful_conf
        or reading.low_share(policy.low_conf) > policy.doubtful_share
    )


def _summary(reading: Reading, policy: ReadingPolicy) -> dict[str, float]:
    return {
        "conf": round(reading.confidence(), 2),
        "low": round(reading.low_share(policy.low_conf), 4),
        "seconds": round(reading.seconds, 2),
    }


def read_page(task: OcrTask) -> tuple[Reading, dict[str, Any]]:
    """The page's reading and the record of how it was chosen. Raises TesseractFailed only
    when the original image itself cannot be read. The clean-up and second readings (OpenCV,
    NumPy) load only when a page needs them: `--cleanup none` pays for neither."""
    policy = task.policy
    suffix = FORMAT_SUFFIX.get(task.image_format, ".png")
    record: dict[str, Any] = {"cleanup": task.cleanup, "variant": None}
    notes: list[str] = []
    if task.cleanup not in ("auto", "none"):
        made = _read_variant(task, task.cleanup, notes)
        if made is not None:
            chosen, params = made
            steps = list(_variant_steps(task.cleanup))
            record.update(variant=task.cleanup, steps=steps, params=params)
            record["after"] = _summary(chosen, policy)
        else:
            chosen = read_image(task, task.image, suffix)
            record["before"] = _summary(chosen, policy)
        others: list[Reading] = []
    else:
        first = read_image(task, task.image, suffix)
        record["before"] = _summary(first, policy)
        chosen, others = first, []
        if task.cleanup == "auto" and doubtful(first, policy):
            chosen, others = _choose(task, first, record, notes, AUTO_ORDER)
        elif task.cleanup == "auto" and _speckled(task, record, notes):
            # The engine is fairly sure, but the scan is speckled: despeckling is tried, and
            # kept only if the engine is surer still.
            chosen, others = _choose(task, first, record, notes, ("despeckle",))
    lines = list(chosen.lines)
    if task.second_readings and policy.vote and others:
        # Each word is the one most readings give (a third reads the lines in dispute).
        from corrigenda.ocr.lines import vote_page

        lines = vote_page(task, lines, [other.words() for other in others], record, notes)
        return _finished(chosen, _without_specks(lines, record, task.languages), record, notes)
    if others:
        from corrigenda.ocr.lines import add_readings

        for other in others:
            lines = add_readings(lines, other.words())
    if task.second_readings and (record["variant"] or "tried" in record):
        # Only a page that needed a second look gets its doubtful lines read again: a page
        # read well, from a clean scan, costs nothing beyond its first reading.
        from corrigenda.ocr.lines import reread_lines

        lines = reread_lines(task, lines, record, notes)
    if others or record["variant"]:
        lines = _without_specks(lines, record, task.languages)
    return _finished(chosen, lines, record, notes)


def _without_specks(lines: list[Line], record: dict[str, Any], languages: str) -> list[Line]:
    """On a page read again (a doubtful or speckled scan), the specks read as marks between
    two words or before one are taken out (corrigenda.ocr.specks); how many, in the record."""
    from corrigenda.ocr.lines import renumbered
    from corrigenda.ocr.specks import parted

    mended, count = parted(lines, english="eng" in languages.split("+"))
    if not count:
        return lines
    record["specks"] = count
    return renumbered(mended)


def _finished(
    chosen: Reading, lines: list[Line], record: dict[str, Any], notes: list[str]
) -> tuple[Reading, dict[str, Any]]:
    if notes:  # bounded: the record also goes into the page's event
        extra = len(notes) - MAX_NOTES
        record["notes"] = notes[:MAX_NOTES] + ([f"and {extra} more"] if extra > 0 else [])
    return replace(chosen, lines=tuple(lines)), record


def _variant_steps(name: str) -> tuple[str, ...]:
    from corrigenda.ocr import cleanup

    return tuple(cleanup.variant(name).steps)


def _speckled(task: OcrTask, record: dict[str, Any], notes: list[str]) -> bool:
    from corrigenda.ocr import cleanup

    try:
        found = cleanup.speckle(cleanup.grey(task.image))
    except (cleanup.CleanupError, ValueError, MemoryError) as exc:
        notes.append(f"speckle: {exc}")
        return False
    record["before"]["speckle"] = round(found, 2)
    return found >= task.policy.speckle


def _choose(
    task: OcrTask,
    first: Reading,
    record: dict[str, Any],
    notes: list[str],
    order: tuple[str, ...],
) -> tuple[Reading, list[Reading]]:
    policy = task.policy
    best, best_name = first, None
    best_params: dict[str, float] = {}
    tried: list[dict[str, Any]] = []
    readings: list[Reading] = []
    for name in order[: max(0, policy.max_variants)]:
        made = _read_variant(task, name, notes)
        if made is None:
            continue
        reading, params = made
        tried.append({"variant": name, **_summary(reading, policy)})
        readings.append(reading)
        surer = reading.confidence() >= max(best.confidence(), first.confidence() + policy.margin)
        if surer and reading.letters() >= MIN_LETTERS_KEPT * first.letters():
            best, best_name, best_params = reading, name, params
        sure = replace(policy, doubtful_conf=policy.good_conf)
        if best is not first and (
            not doubtful(best, sure) or best.confidence() >= first.confidence() + policy.enough_gain
        ):
            break  # sure enough, or the noise was the trouble: more variants cost for nothing
    record["tried"] = tried
    if best_name is not None:
        record.update(
            variant=best_name,
            steps=list(_variant_steps(best_name)),
            params=best_params,
            after=_summary(best, policy),
        )
    elif tried:
        notes.append("no variant read the page surely enough: the first reading is kept")
    others = [first, *readings]
    return best, [r for r in others if r is not best]


def _read_variant(
    task: OcrTask, name: str, notes: list[str]
) -> tuple[Reading, dict[str, float]] | None:
    """The page read under one variant, its boxes on the original image, and what the steps
    chose (deskew angle, median size); None (with a note) when the variant cannot be made or
    read."""
    from corrigenda.ocr import cleanup

    try:
        original = cleanup.grey(task.image)
        cleaned = cleanup.apply(original, cleanup.variant(name))
        reading = read_image(task, cleanup.to_pgm(cleaned.pixels), ".pgm")
    except (cleanup.CleanupError, ValueError, MemoryError) as exc:
        notes.append(f"{name}: {exc}")
        return None
    except TesseractFailed as exc:
        notes.append(f"{name}: Tesseract failed on the cleaned page ({exc})")
        return None
    if not cleaned.moved:
        return reading, cleaned.params
    height, width = original.shape

    def back(box: BBox | None) -> BBox | None:
        return cleaned.to_original(box, width, height) if box else None

    def word(w: Word) -> Word:
        return replace(w, bbox=back(w.bbox))

    lines = tuple(
        replace(line, words=tuple(word(w) for w in line.words), bbox=back(line.bbox))
        for line in reading.lines
    )
    return replace(reading, lines=lines), cleaned.params
