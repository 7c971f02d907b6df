"""Helpers the formats share: walking a page's layout, the OCR baseline, building lines."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from itertools import pairwise
from pathlib import PurePath
from typing import Any

from corrigenda.model import BBox, Line, Page, RegionType, Word
from corrigenda.store import Project


def integrity_note(options: Mapping[str, Any]) -> str | None:
    """What an export forced past a failed verify says inside itself (options["unverified"],
    the first problem verify found), so the file carries the caveat wherever it goes."""
    problem = options.get("unverified")
    if not problem:
        return None
    return (
        f"Exported although the project did not verify ({problem}): this text may hold "
        "changes made outside Corrigenda's audit trail."
    )


def paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    """Consecutive lines that share a block and paragraph (as `Page.layout` separates them)."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and (groups[-1][-1].block, groups[-1][-1].paragraph) == (
            line.block,
            line.paragraph,
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


SENTENCE_END = re.compile(r"[.!?:;]['\"”’)\]]*$")
PITCH_SLACK = 1.4  # a line this many line pitches below the one before: no blank line between
INDENT = 0.8  # of a line's height: a first line indented this much starts a paragraph


def mend_paragraphs(page: Page) -> Page:
    """The page with the paragraph breaks OCR guessed wrong inside a paragraph taken out.

    Tesseract often makes a paragraph's last line (or last few) a block of its own. A break
    is kept where the text or the page shows one: the line before it ends a sentence, or
    (with boxes) a blank line or an indent comes between; otherwise the lines after it (in
    the same region) continue the paragraph before it. Without boxes, only a small letter
    after the break mends it.
    """
    groups = paragraphs(page.lines)
    pitch = _pitch([ln for ln in page.lines if page.region_type(ln) == RegionType.PRINTED])
    lines: list[Line] = []
    for group in groups:
        last = lines[-1] if lines else None
        first = group[0]
        if last is not None and _continues(page, last, first, pitch):
            group = [replace(line, block=last.block, paragraph=last.paragraph) for line in group]
        lines.extend(group)
    return replace(page, lines=tuple(lines))


def _continues(page: Page, last: Line, first: Line, pitch: float | None) -> bool:
    if last.region != first.region or page.region_type(last) != RegionType.PRINTED:
        return False
    if SENTENCE_END.search(last.text) or not first.text:
        return False
    if first.text[:1].islower():
        return True
    a, b = last.bbox, first.bbox
    if pitch is None or a is None or b is None:
        return False
    close = 0 < b.y0 - a.y0 <= PITCH_SLACK * pitch
    indented = b.x0 - a.x0 > INDENT * min(a.height, b.height)
    return close and not indented


def _pitch(lines: Sequence[Line]) -> float | None:
    """The distance from one line's top to the next (the median over the page's lines: most
    follow one another inside a paragraph, whatever blocks OCR made of them)."""
    steps = sorted(
        b.bbox.y0 - a.bbox.y0
        for a, b in pairwise(lines)
        if a.bbox is not None and b.bbox is not None and b.bbox.y0 > a.bbox.y0
    )
    return float(steps[len(steps) // 2]) if steps else None


def blocks(lines: Sequence[Line]) -> list[list[list[Line]]]:
    """Paragraphs grouped into consecutive blocks."""
    result: list[list[list[Line]]] = []
    for group in paragraphs(lines):
        if result and result[-1][-1][0].block == group[0].block:
            result[-1].append(group)
        else:
            result.append([group])
    return result


def enclosing(items: Iterable[Line | Word]) -> BBox | None:
    return BBox.enclosing([item.bbox for item in items])


def page_box(page: Page) -> BBox:
    return BBox(0, 0, page.width, page.height)


def ocr_lines(project: Project, page: Page) -> dict[int, Line]:
    """The page's OCR baseline by line id (empty when the page was never OCRed)."""
    run = project.ocr_run(page.id)
    return {line.id: line for line in run.lines} if run else {}


def unboxed_words(pages: Iterable[Page]) -> list[tuple[Page, int]]:
    """The pages that have words without a box, each with how many."""
    found = []
    for page in pages:
        count = sum(word.bbox is None for word in page.words())
        if count:
            found.append((page, count))
    return found


def page_file_names(pages: Sequence[Page], suffix: str) -> list[str]:
    """A file name for each page, after its image ('scan.pdf#3' gives 'scan-3'), unique even
    when two images share a name in different folders."""
    names: list[str] = []
    for page in pages:
        base, _, frame = page.name.partition("#")
        stem = (PurePath(base.replace("\\", "/")).stem or str(page.number)) + (
            f"-{frame}" if frame else ""
        )
        name = f"{stem}{suffix}"
        if name in names:
            name = f"{stem}-p{page.number}{suffix}"
        names.append(name)
    return names


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class RawWord:
    text: str
    bbox: BBox | None
    conf: float | None


@dataclass
class RawLine:
    words: list[RawWord]
    bbox: BBox | None
    block: int
    paragraph: int


def build_lines(raw: Iterable[RawLine]) -> tuple[Line, ...]:
    """Lines and words numbered from 1 in reading order, as the model wants them.

    A "word" holding spaces (a PAGE line without Word elements, say) becomes several words
    sharing its box in proportion to their lengths; empty words and lines are dropped.
    """
    lines: list[Line] = []
    word_id = 0
    for item in raw:
        words: list[Word] = []
        for rw in item.words:
            tokens = rw.text.split()
            if not tokens:
                continue
            boxes: Sequence[BBox | None] = (
                split_box(rw.bbox, [len(t) for t in tokens])
                if rw.bbox and len(tokens) > 1
                else [rw.bbox] * len(tokens)
            )
            for token, box in zip(tokens, boxes):
                word_id += 1
                words.append(Word(word_id, token, box, rw.conf))
        if words:
            box = item.bbox or BBox.enclosing([w.bbox for w in words])
            lines.append(Line(len(lines) + 1, tuple(words), box, item.block, item.paragraph))
    return tuple(lines)


def strips(outline: BBox, texts: list[str]) -> list[BBox | None]:
    """One box per line of text: equal horizontal strips of `outline`. A paragraph's lines
    fill its width (justified or nearly so) except the last, which is as wide as its share of
    the longest line's length."""
    longest = max(len(text.strip()) for text in texts)
    step = outline.height / len(texts)
    boxes: list[BBox | None] = []
    for i, text in enumerate(texts):
        y0 = outline.y0 + round(i * step)
        y1 = max(y0 + 1, outline.y0 + round((i + 1) * step))
        share = len(text.strip()) / longest if i == len(texts) - 1 else 1.0
        boxes.append(BBox(outline.x0, y0, outline.x0 + max(1, round(outline.width * share)), y1))
    return boxes


def placed_handwriting(page: Page) -> Page:
    """The page with the lines typed into a placed handwritten region given boxes estimated
    from the region's box (as a line-only import's): one strip per line of the region, each
    divided among its words by their lengths. Only words without a box get one; exports use
    it so that a note a person typed is on the scan too (PDF text layer, ALTO, hOCR)."""
    changed = {}
    for region in page.regions:
        if region.type != RegionType.HANDWRITTEN or region.bbox is None:
            continue
        own = [line for line in page.lines if line.region == region.id and line.words]
        if not any(w.bbox is None for line in own for w in line.words):
            continue
        for line, strip in zip(own, strips(region.bbox, [line.text for line in own])):
            if strip is None or all(w.bbox is not None for w in line.words):
                continue
            boxes = split_box(strip, [len(w.text) for w in line.words])
            words = tuple(
                w if w.bbox is not None else replace(w, bbox=box)
                for w, box in zip(line.words, boxes)
            )
            changed[line.id] = replace(line, words=words, bbox=line.bbox or strip)
    if not changed:
        return page
    return replace(page, lines=tuple(changed.get(line.id, line) for line in page.lines))


def split_box(box: BBox, weights: Sequence[int]) -> list[BBox]:
    """Divide a box left to right in proportion to `weights` (the tokens' lengths)."""
    total = sum(weights) or 1
    result, x, done = [], box.x0, 0
    for weight in weights:
        done += weight
        end = box.x0 + round(box.width * done / total)
        result.append(BBox(x, box.y0, max(x, end), box.y1))
        x = max(x, end)
    return result


# Files from other tools are untrusted: a number in them may be "nan", "1e999" or a
# coordinate no scan has. Readers take numbers through these helpers, never float() or int().
MAX_COORDINATE = 10**7  # pixels (or the file's units): no scanned page is this large


def finite(value: str | None) -> float | None:
    """A number from a file's attribute; None when absent, not a number, NaN or infinite."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def coordinate(value: str | float | None) -> int | None:
    """A coordinate or size, rounded and kept within [0, MAX_COORDINATE]; None if unusable."""
    number = finite(value) if isinstance(value, str) or value is None else value
    if number is None or not math.isfinite(number):
        return None
    return min(max(0, round(number)), MAX_COORDINATE)


def confidence(value: str | None, scale: float = 1.0) -> float | None:
    """A confidence in percent (the file's value times `scale`); None unless finite."""
    number = finite(value)
    return number * scale if number is not None and math.isfinite(number * scale) else None


def box_from_points(points: str) -> BBox | None:
    """The box enclosing a PAGE/ALTO polygon "x1,y1 x2,y2 ..." (or ALTO's "x1 y1 x2 y2")."""
    numbers = [coordinate(n) for n in points.replace(",", " ").split()]
    xs, ys = numbers[0::2], numbers[1::2]
    if not xs or len(xs) != len(ys) or None in numbers:
        return None
    xs_, ys_ = [x for x in xs if x is not None], [y for y in ys if y is not None]
    return BBox(min(xs_), min(ys_), max(xs_), max(ys_))
