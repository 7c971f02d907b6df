"""Second readings: readings of a page lined up word by word, voted on, and doubtful lines read
again on their own.

On a page that was read again (corrigenda.ocr.choice), the readings are voted on word by word
(ROVER): each other reading is aligned with each line of the chosen one (rapidfuzz opcodes,
through corrigenda.align) and a word takes the text the readings that give it are surest of
together. With only two readings, the lines they disagree on at a word the engine was not sure
of are read a third time, cropped from another clean-up of the page (Sauvola's) and read as
single lines (`--psm 7`); the lines they agree on cost nothing more. On the development pages
the vote took the degraded memorandum from 0.99 % to 0.80 % CER. All the crops of a page go to
one Tesseract process (an image list), so a page pays one engine start, not one per line.

Where readings agree the word's confidence rises (independent readings of the same ink); the
texts that lost are kept in `Word.evidence.readings`, one per reading, for the `reading` flag
and its suggestions. Without the vote (`ReadingPolicy.vote` off) the chosen reading's text
stays, the others are only kept as evidence, and its doubtful lines are read again
(`reread_lines`).
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
SURE_WORD = 96.0  # a word read this surely is not read a third time over a dispute
VOTE_VIEW = {"sauvola": "despeckle"}  # chosen variant -> the third reading's view (sauvola)


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


def vote(
    lines: Sequence[Line], others: Sequence[Sequence[Word]], first_kept: bool = False
) -> list[Line]:
    """Each line's words chosen word by word among several readings of the page (ROVER).

    `lines` are the reading the engine was surest of, `others` the words of the other
    readings (boxes on the same image). Each other reading is aligned with each line (as in
    `add_readings`); for each word, the text the readings that give it are surest of together
    wins (`_combined`: two readings that each doubt a text do not outvote one sure of
    another), their number breaking a tie. With `first_kept` (`lines` are the page's first
    reading, which no clean-up read surer), a line the engine read surer than any other
    reading read it keeps its words: a page read well keeps its first reading, and cleaned
    readings of a light page lose faint marks alike ("US;" -> "US:", "Mr." -> "Mr"). A word
    read as a few (a speck parted it, or joined
    two) takes the winning reading's own words and boxes. The texts that lost stay as the
    word's other readings, one per reading, for the `reading` flag; where readings agree, the
    confidence rises.
    """
    homes: list[list[list[Word]]] = [[[] for _ in others] for _ in lines]
    for k, words in enumerate(others):
        for word in words:
            index = _home(lines, word.bbox)
            if index is not None:
                homes[index][k].append(word)
    return [
        _vote_line(line, homes[i], first_kept and _surest(line, homes[i]))
        for i, line in enumerate(lines)
    ]


def _surest(line: Line, others: list[list[Word]]) -> bool:
    """Whether the engine was surer of `line` than of any other reading of it."""
    theirs = [line_conf(Line(0, tuple(words))) for words in others if words]
    return bool(theirs) and line_conf(line) > max(theirs)


def _vote_line(line: Line, others: list[list[Word]], keep: bool = False) -> Line:
    # slot -> proposals: (text, the words that spell it, their confidence)
    proposals: list[list[tuple[str, list[Word], float]]] = [
        [(w.text, [w], w.conf or 0.0)] for w in line.words
    ]
    for unsorted in others:
        other_words = sorted(unsorted, key=lambda w: w.bbox.x0 if w.bbox else 0)
        texts = [w.text for w in other_words]
        for block in grouped(align([w.text for w in line.words], texts)):
            olds, news = range(block.a0, block.a1), other_words[block.b0 : block.b1]
            if block.tag == "equal" or (block.tag == "replace" and len(olds) == len(news)):
                for i, other in zip(olds, news):
                    proposals[i].append((other.text, [other], other.conf or 0.0))
            elif block.tag == "replace" and len(olds) == 1 and len(news) <= MAX_SPLIT:
                text = " ".join(w.text for w in news)
                proposals[olds[0]].append((text, list(news), min(w.conf or 0.0 for w in news)))
    if all(len(p) == 1 for p in proposals):
        return line
    words: list[Word] = []
    for word, found in zip(line.words, proposals):
        votes: dict[str, int] = {}
        best: dict[str, tuple[list[Word], float]] = {}
        for text, spelled, conf in found:
            votes[text] = votes.get(text, 0) + 1
            if text not in best or conf > best[text][1]:
                best[text] = (spelled, conf)
        # A text wins by how sure the readings that give it are together, not by their
        # count: two readings that agree on a text they each doubt do not outvote a first
        # reading the engine was sure of (cleaned readings share their flaws: both can lose
        # the same faint mark). Readings that give it more often break a tie.
        support = {t: _combined([c for text, _, c in found if text == t]) for t in votes}
        winner = max(votes, key=lambda t: (support[t], votes[t], best[t][1], t == word.text))
        if keep:  # the others stay as its readings
            winner = word.text
        lost = [(text, conf) for text, _, conf in found if text != winner]
        chosen = [word] if winner == word.text else best[winner][0]
        agreeing = [conf for text, _, conf in found if text == winner]
        for k, piece in enumerate(chosen):
            if len(chosen) == 1 and len(agreeing) > 1 and piece.conf is not None:
                piece = replace(piece, conf=_combined(agreeing))
            piece = replace(piece, id=word.id if k == 0 else -1)
            if piece.evidence and piece.evidence.readings:
                piece = replace(piece, evidence=replace(piece.evidence, readings=()) or None)
            words.append(with_evidence(piece, readings=lost) if len(chosen) == 1 else piece)
    return replace(line, words=tuple(words))


def _combined(confs: list[float]) -> float:
    """The confidence in a text several readings gave, had they erred independently."""
    doubt = 1.0
    for conf in confs:
        doubt *= (100.0 - conf) / 100.0
    return round(max(max(confs), 100.0 * (1.0 - doubt)), 2)


def renumbered(lines: Sequence[Line]) -> list[Line]:
    """The words numbered 1, 2, ... through the page (a vote may have parted a word)."""
    result, next_id = [], 1
    for line in lines:
        words = []
        for word in line.words:
            words.append(replace(word, id=next_id))
            next_id += 1
        result.append(replace(line, words=tuple(words)))
    return result


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
    boxes = {index: box for index in picked if (box := lines[index].bbox) is not None}
    read = read_crops(task, lines, boxes, view, notes)
    if read is None:
        return lines
    found, seconds = read
    result = list(lines)
    agreed = disagreed = 0
    for index, words in found.items():
        merged = _merge(result[index], words, agree=True)
        pairs = list(zip(merged.words, result[index].words))
        agreed += sum(a.conf != b.conf for a, b in pairs)
        disagreed += sum(a.evidence != b.evidence for a, b in pairs)
        result[index] = merged
    record["lines"] = {
        "view": view,
        "read": len(found),
        "agreed": agreed,
        "disagreed": disagreed,
        "seconds": round(seconds, 2),
    }
    return result


def vote_page(
    task: OcrTask,
    lines: list[Line],
    others: Sequence[Sequence[Word]],
    record: dict[str, Any],
    notes: list[str],
) -> list[Line]:
    """`lines` voted on word by word with the other readings of the page (`vote`). With
    fewer than three readings, the lines they disagree on are read a third time, cropped
    from another clean-up (`VOTE_VIEW`) as single lines: where two readings agree a third
    changes nothing, so only the lines in dispute cost a reading."""
    voters = [list(words) for words in others]
    spans: dict[int, BBox] = {}
    if len(voters) < 2:
        spans = _disputed(lines, voters[0], task.policy.max_lines)
    view = VOTE_VIEW.get(str(record.get("variant")), "sauvola")
    if spans:
        read = read_crops(task, lines, spans, view, notes)
        if read is not None:
            found, seconds = read
            voters.append([w for words in found.values() for w in words])
            record["lines"] = {"view": view, "read": len(found), "seconds": round(seconds, 2)}
    voted = vote(lines, voters, first_kept=record.get("variant") is None)
    record["voted"] = {
        "readings": len(voters) + 1,
        "changed": sum(a.words != b.words for a, b in zip(voted, lines)),
    }
    return renumbered(voted)


def _disputed(
    lines: Sequence[Line], other: Sequence[Word], most: int, sure: float = SURE_WORD
) -> dict[int, BBox]:
    """The boxes of the lines (at most `most`) `other` reads differently at a word of ours
    the engine was less than `sure` of, by line index (on the development pages a fifth of
    the lines in dispute were so only at sure words, and reading them again changed nothing).
    Whole lines: the engine reads a word better with the words around it (a stretch of a
    line cropped alone read worse on the development pages)."""
    homes: list[list[Word]] = [[] for _ in lines]
    for word in other:
        index = _home(lines, word.bbox)
        if index is not None:
            homes[index].append(word)
    spans: dict[int, BBox] = {}
    for index, line in enumerate(lines):
        theirs = sorted(homes[index], key=lambda w: w.bbox.x0 if w.bbox else 0)
        if line.bbox is not None and _unsure_dispute(line.words, theirs, sure):
            spans[index] = line.bbox
            if len(spans) >= most:
                break
    return spans


def _unsure_dispute(ours: Sequence[Word], theirs: Sequence[Word], sure: float) -> bool:
    """Whether the readings differ at a word of ours the engine was less than `sure` of (or
    where ours has no word): a word read surely keeps its text against a single other reading
    unless that one is surer, and a third reading seldom changes that."""
    mine, other = [w.text for w in ours], [w.text for w in theirs]
    if mine == other:
        return False
    for block in grouped(align(mine, other)):
        if block.tag == "equal":
            continue
        disputed = ours[block.a0 : block.a1]
        if not disputed or any((w.conf or 0.0) < sure for w in disputed):
            return True
    return False


def read_crops(
    task: OcrTask, lines: Sequence[Line], boxes: dict[int, BBox], view: str, notes: list[str]
) -> tuple[dict[int, list[Word]], float] | None:
    """The words in `boxes` (a line's, or a stretch of it, by line index), each read again on
    its own (`--psm 7`) from the page cleaned with `view`, boxes on the original; all in one
    Tesseract run. None, with a note, when nothing could be read."""
    try:
        cleaned = cleanup.apply(cleanup.grey(task.image), cleanup.variant(view))
    except (cleanup.CleanupError, ValueError, MemoryError) as exc:
        notes.append(f"second readings: {exc}")
        return None
    height, width = cleanup.grey(task.image).shape
    crops: list[bytes] = []
    places: list[tuple[int, int, int, float]] = []  # line index, x offset, y offset, scale
    for index, box in boxes.items():
        crop = _crop(cleaned.pixels, cleaned.from_original(box) if box else None)
        if crop is None:
            size = f"{box.width}×{box.height} px" if box else "no box"
            notes.append(f"line {lines[index].id} ({size}): too small to read again")
            continue
        image, x0, y0, scale = crop
        crops.append(cleanup.to_pgm(image))
        places.append((index, x0, y0, scale))
    if not crops:
        return None
    try:
        # The crops' words are re-read from the TSV page by page: no choices wanted.
        reading = read_image(task, b"", ".pgm", psm=7, many=crops, choices=False)
    except TesseractFailed as exc:
        notes.append(f"second readings: Tesseract failed ({exc})")
        return None
    rows = reading.tsv.splitlines()
    found: dict[int, list[Word]] = {}
    for page, (index, x0, y0, scale) in enumerate(places, 1):
        words = [
            _placed(w, x0, y0, scale) for line in parse_tsv(rows, page=page) for w in line.words
        ]
        if cleaned.moved:
            words = [
                replace(w, bbox=cleaned.to_original(w.bbox, width, height)) if w.bbox else w
                for w in words
            ]
        found[index] = words
    return found, reading.seconds


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
