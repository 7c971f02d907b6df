"""Second readings: doubtful lines read again on their own, and readings lined up word by word.

On a page that was read again (corrigenda.ocr.choice), a line the engine still doubts after the
page's choice is cropped from another clean-up of the page, enlarged when its print is small,
and read again as a single line (`--psm 7`). All the crops of a page go to one Tesseract
process (an image list), so a page pays one engine start, not one per line. The readings are
aligned with the line's words (rapidfuzz opcodes, through corrigenda.align): where they agree
the word's confidence rises (two independent readings of the same ink); where they disagree the
other reading is kept in `Word.evidence.readings`, for the `reading` flag and its suggestions.
The text itself stays the chosen reading's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import cv2
import numpy as np

from corrigenda.align import align, grouped
from corrigenda.model import BBox, Line, Word
from corrigenda.ocr import cleanup
from corrigenda.ocr.choices import with_evidence
from corrigenda.ocr.tesseract import OcrTask, TesseractFailed, parse_tsv, read_image

MAX_SPLIT = 3  # a word read as more pieces than this was read as noise, not as a split
MIN_CROP = 8  # pixels: a crop lower or narrower than this holds no readable line
SMALL_PRINT = 40  # lines lower than this many pixels are enlarged twice before reading
BORDER = 12  # white margin around a crop: Tesseract misreads ink that touches the edge
SECOND_VIEW = {None: "median", "median": "despeckle"}  # chosen variant -> crops from


def line_conf(line: Line) -> float:
    confs = [w.conf for w in line.words if w.conf is not None]
    return sum(confs) / len(confs) if confs else 0.0


def add_readings(lines: Sequence[Line], others: Sequence[Word], agree: bool = False) -> list[Line]:
    """Each line with the disagreeing readings among `others` (words of another reading of the
    same page, boxes on the same image) added as evidence; with `agree`, words both readings
    give get the combined confidence."""
    mine: list[list[Word]] = [[] for _ in lines]
    for word in others:
        index = _home(lines, word.bbox)
        if index is not None:
            mine[index].append(word)
    return [
        _merge(line, sorted(words, key=lambda w: w.bbox.x0 if w.bbox else 0), agree)
        for line, words in zip(lines, mine)
    ]


def _home(lines: Sequence[Line], box: BBox | None) -> int | None:
    if box is None:
        return None
    best, best_area = None, 0
    for index, line in enumerate(lines):
        area = line.bbox.intersection_area(box) if line.bbox else 0
        if area > best_area:
            best, best_area = index, area
    return best if best_area * 2 >= box.area else None


def _merge(line: Line, others: list[Word], agree: bool) -> Line:
    if not others:
        return line
    words = list(line.words)
    for block in grouped(align([w.text for w in words], [w.text for w in others])):
        olds, news = range(block.a0, block.a1), others[block.b0 : block.b1]
        if block.tag == "equal" and agree:
            for i, other in zip(olds, news):
                words[i] = _agreed(words[i], other)
        elif block.tag == "replace" and len(olds) == len(news):
            for i, other in zip(olds, news):
                words[i] = with_evidence(words[i], readings=[(other.text, other.conf or 0.0)])
        elif block.tag == "replace" and len(olds) == 1 and len(news) <= MAX_SPLIT:
            # one word read as a few: the split is a reading of that word
            conf = min((w.conf or 0.0) for w in news)
            text = " ".join(w.text for w in news)
            words[olds[0]] = with_evidence(words[olds[0]], readings=[(text, conf)])
    return replace(line, words=tuple(words))


def _agreed(word: Word, other: Word) -> Word:
    if word.conf is None or other.conf is None:
        return word
    # The chance both readings are wrong the same way, if they erred independently.
    combined = 100.0 - (100.0 - word.conf) * (100.0 - other.conf) / 100.0
    return replace(word, conf=round(max(word.conf, combined), 2))


def reread_lines(
    task: OcrTask, lines: list[Line], record: dict[str, Any], notes: list[str]
) -> list[Line]:
    """`lines` with their doubtful ones read again; what was done goes into `record`."""
    policy = task.policy
    doubtful = [
        (line_conf(line), index)
        for index, line in enumerate(lines)
        if line.bbox is not None and line_conf(line) < policy.line_conf
    ]
    if not doubtful:
        return lines
    picked = [index for _, index in sorted(doubtful)[: policy.max_lines]]
    view = SECOND_VIEW.get(record.get("variant"), "median")
    try:
        pixels = cleanup.apply(cleanup.grey(task.image), cleanup.variant(view)).pixels
    except (cleanup.CleanupError, ValueError, MemoryError) as exc:
        notes.append(f"second readings: {exc}")
        return lines
    crops: list[bytes] = []
    places: list[tuple[int, int, int, float]] = []  # line index, x offset, y offset, scale
    for index in picked:
        crop = _crop(pixels, lines[index].bbox)
        if crop is None:
            box = lines[index].bbox
            size = f"{box.width}×{box.height} px" if box else "no box"
            notes.append(f"line {lines[index].id} ({size}): too small to read again")
            continue
        image, x0, y0, scale = crop
        crops.append(cleanup.to_png(image))
        places.append((index, x0, y0, scale))
    if not crops:
        return lines
    try:
        reading = read_image(task, b"", ".png", psm=7, many=crops)
    except TesseractFailed as exc:
        notes.append(f"second readings: Tesseract failed ({exc})")
        return lines
    result = list(lines)
    agreed = disagreed = 0
    rows = reading.tsv.splitlines()
    for page, (index, x0, y0, scale) in enumerate(places, 1):
        words = [
            _placed(w, x0, y0, scale) for line in parse_tsv(rows, page=page) for w in line.words
        ]
        merged = _merge(result[index], words, agree=True)
        pairs = list(zip(merged.words, result[index].words))
        agreed += sum(a.conf != b.conf for a, b in pairs)
        disagreed += sum(a.evidence != b.evidence for a, b in pairs)
        result[index] = merged
    record["lines"] = {
        "view": view,
        "read": len(crops),
        "agreed": agreed,
        "disagreed": disagreed,
        "seconds": round(reading.seconds, 2),
    }
    return result


def _crop(pixels: np.ndarray, box: BBox | None) -> tuple[np.ndarray, int, int, float] | None:
    if box is None or box.height < MIN_CROP or box.width < MIN_CROP:
        return None
    height, width = pixels.shape
    pad_y, pad_x = box.height // 5, box.height // 2
    x0, y0 = max(0, box.x0 - pad_x), max(0, box.y0 - pad_y)
    x1, y1 = min(width, box.x1 + pad_x), min(height, box.y1 + pad_y)
    if y1 - y0 < MIN_CROP or x1 - x0 < MIN_CROP:
        return None
    crop = pixels[y0:y1, x0:x1]
    scale = 2.0 if box.height < SMALL_PRINT else 1.0
    if scale != 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    crop = cv2.copyMakeBorder(crop, BORDER, BORDER, BORDER, BORDER, cv2.BORDER_CONSTANT, value=255)
    return crop, x0, y0, scale


def _placed(word: Word, x0: int, y0: int, scale: float) -> Word:
    """A word read on a crop, with its box on the page."""
    if word.bbox is None:
        return word
    b = word.bbox

    def at(value: int, offset: int) -> int:
        return max(0, round((value - BORDER) / scale) + offset)

    box = BBox(at(b.x0, x0), at(b.y0, y0), at(b.x1, x0), at(b.y1, y0))
    return replace(word, bbox=box)
