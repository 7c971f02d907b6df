"""The typed body of a page and how unlike it a word is: the norm handwriting is told from.

The body is measured from the words OCR read surely inside the typed column (`body_of`): where
its lines run, how tall its words are (and those with a descender), and for a typewriter its
fixed pitch and grid (corrigenda.regions.typewriter). `word_evidence` says how unlike that body
a word is and why (taller, off the pitch or the grid, heavier ink, in a margin); the grouping
of such words into proposed regions is corrigenda.regions.handwriting's.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from statistics import median

from corrigenda.model import BBox, Line, Page, Word
from corrigenda.regions.typewriter import (
    coherence,
    starts_on_cell,
    typewritten,
)

THRESHOLD = 0.55  # a word's score from which it counts as handwriting
MIN_BODY_WORDS = 20  # fewer confident typed words than this: no body to compare with
CONFIDENT = 85.0  # the body's words are those OCR read at least this surely
TALLER = "taller than the typing"
OFF_PITCH = "off the typewriter's pitch"
OFF_GRID = "off the typewriter's grid"
OFF_PHASE = "off the grid of the typing around it"
HEAVIER = "heavier ink than the typing"
ON_GRID = 0.8  # a line's words agreeing on a grid this well are typed (a hand's: 0.1 to 0.7)
# Characters from the last word read surely: a wider gap in a typed line is where a note
# spliced on begins ("Nov. 22 76" began 4.1 after "...and of.", read surely and of about the
# typing's size, and carried the column's right edge out to the notes).
TYPED_GAP = 3.5
DESCENDERS = frozenset("gjpqy")
RAISED = 1.2  # typing heights: a line's words all this tall are a larger hand's
MIN_DEEP = 10  # typed words with a descender needed to measure how far they reach


@dataclass(frozen=True)
class Body:
    """The typed body of a page: its column, its word height, its pitch per character."""

    left: float
    right: float
    height: float
    pitch: float
    monospace: bool
    step: float = 0.0  # a typewriter's advance from word to word, per character
    top: float = -math.inf  # where the typed lines start and end down the page
    bottom: float = math.inf
    deep: float = 1.0  # a typed word with a descender's height, in typing heights


def body_of(page: Page) -> Body | None:
    """The typed body's measures, from the words OCR read surely; None if there are too few."""
    words = [
        w
        for line in page.lines
        if line.region is None
        for w in line.words
        if w.bbox and surely_read(w) and letter_count(w.text) >= 3
    ]
    if len(words) < MIN_BODY_WORDS:
        return None
    pitches = sorted(w.bbox.width / len(w.text) for w in words if w.bbox)
    pitch = median(pitches)
    spread = (pitches[len(pitches) * 3 // 4] - pitches[len(pitches) // 4]) / pitch
    height = median(w.bbox.height for w in words if w.bbox)
    # Words with a descender reach below the others' baseline: typed, they measure 1.2 to
    # 1.26 of the typing's height, a line of them more than the limit of TYPED_HEIGHT.
    deep = [w.bbox.height / height for w in words if w.bbox and _descends(w.text)]
    loose = Body(-math.inf, math.inf, height, pitch, spread < 0.2)
    steps = []  # a typewriter moves its carriage a fixed step a character, spaces too
    for line in page.lines:
        sure = [w for w in line.words if w.bbox and surely_read(w)]
        for a, b in itertools.pairwise(sure):
            if a.bbox and b.bbox:
                steps.append((b.bbox.x0 - a.bbox.x0) / (len(a.text) + 1))
    # Where the typing runs: each line's first and last word that looks typed (sure, of the
    # typing's height and pitch), so a note OCR read onto a line does not push it out.
    ends = []
    for line in page.lines:
        typed = _typed_run(line, loose)
        if line.region is None and len(typed) > 3:
            top, bottom = min(b.y0 for b in typed), max(b.y1 for b in typed)
            ends.append((typed[0].x0, typed[-1].x1, top, bottom))
    if not ends:
        return None
    lefts = sorted(end[0] for end in ends)
    rights = sorted(end[1] for end in ends)
    step = median(steps) if steps else 0.0
    # Down the page the typing also runs through a line whose run a word read unsurely cut
    # short (the gap after it is measured from the last sure word): four sure words of the
    # typing's shape on one typewriter grid are typing, and the last full line above a
    # paragraph's last words is not left out of where the typing ends.
    rows = [(end[2], end[3]) for end in ends]
    for line in page.lines:
        shaped = [
            w.bbox
            for w in line.words
            if w.bbox
            and surely_read(w)
            and starts_on_cell(w.text)
            and word_evidence(replace(w, conf=None), loose)[1] < 0.3
        ]
        full = line.region is None and len(shaped) > 3 and step > 0
        if full and coherence([b.x0 for b in shaped], step) >= ON_GRID:
            rows.append((min(b.y0 for b in shaped), max(b.y1 for b in shaped)))
    return Body(
        left=lefts[len(lefts) // 10],
        right=rights[min(len(rights) - 1, len(rights) * 19 // 20)],
        height=height,
        pitch=pitch,
        monospace=spread < 0.2 and typewritten(page, steps, step, surely_read),
        step=step,
        top=min(row[0] for row in rows),
        bottom=max(row[1] for row in rows),
        deep=max(1.0, median(deep)) if len(deep) >= MIN_DEEP else 1.0,
    )


def _typed_run(line: Line, body: Body) -> list[BBox]:
    """The boxes of a line's typed words, from its start up to where something else begins:
    a word unlike the typing in shape (taller, off the pitch) or a gap wider than a few
    characters. Many lines with a note spliced on in the margin otherwise carried the
    column's right edge out to the notes (words OCR read surely, of about the typing's size)."""
    run: list[BBox] = []
    for word in line.words:
        box = word.bbox
        if box is None:
            continue
        if run and box.x0 - run[-1].x1 > TYPED_GAP * body.pitch:
            break
        if word_evidence(replace(word, conf=None), body)[1] >= 0.3:
            if run:
                break
            continue
        if surely_read(word):
            run.append(box)
    return run


def word_evidence(
    word: Word, body: Body, grid: float = 0.0, phase: float = 0.0, heavy: float = 0.0
) -> tuple[float, float, list[str]]:
    """(how far outside the column, how unlike the body's words, the reasons) for a word;
    `grid` is how far its line is off the typewriter's grid, `phase` how far the word is off
    the grid of the typing around it (corrigenda.regions.typewriter.off_phase), `heavy` how
    much heavier its ink is than the typing's (corrigenda.regions.strokes)."""
    reasons: list[str] = []
    box = word.bbox
    if box is None:
        return 0.0, 0.0, reasons
    side = margin_of(word, body)
    margin = 1.0 if side else 0.0
    if side:
        reasons.append(f"{side} margin")
    found = []
    if word.conf is not None:
        low = max(0.0, min(1.0, (75.0 - word.conf) / 60.0))
        if low > 0.3:
            reasons.append("read unsurely")
        found.append(low)
    tall = max(0.0, min(1.0, (box.height / body.height - 1.35) / 0.6))
    if tall > 0.3:
        reasons.append(TALLER)
    found.append(tall)
    letters = len(word.text)
    if body.monospace and letter_count(word.text) >= 3:
        ratio = abs(math.log(max(1.0, box.width) / letters / body.pitch))
        off = max(0.0, min(1.0, (ratio - 0.25) / 0.35))
        if off > 0.3:
            reasons.append(OFF_PITCH)
        found.append(off)
    if grid > 0.3 and not margin:
        reasons.append(OFF_GRID)
    if not margin:
        found.append(grid)
    if phase > 0.3 and not margin:
        reasons.append(OFF_PHASE)
    if not margin:
        found.append(phase)
    if heavy > 0.3:
        reasons.append(HEAVIER)
    found.append(heavy)
    found.sort(reverse=True)
    unlike = min(1.0, sum(f / (2**i) for i, f in enumerate(found)))
    return margin, unlike, reasons


def reading_quality(lines: Sequence[Line]) -> float:
    """The share of the words of three letters or more that OCR read surely (1 with none)."""
    words = [w for line in lines for w in line.words if letter_count(w.text) >= 3]
    return sum(1 for w in words if surely_read(w)) / len(words) if words else 1.0


def surely_read(word: Word) -> bool:
    """Read surely, or with no confidence at all (OCR imported without any, as OCRopus's
    hOCR: its words are no evidence of a hand, or every such page is one)."""
    return word.conf is None or word.conf >= CONFIDENT


def all_raised(words: Sequence[Word], body: Body) -> bool:
    """Whether a typed page's line of two words or more is taller than typing throughout:
    each word of two letters or more at least RAISED times the height a typed word of its
    letters has (`in_typing_heights`). Dust makes a typed word taller, not all of a line's."""
    heights = [
        in_typing_heights(w, body)
        for w in words
        if w.bbox and sum(ch.isalnum() for ch in w.text) >= 2
    ]
    return body.monospace and len(heights) >= 2 and min(heights) >= RAISED * body.height


def _descends(text: str) -> bool:
    return any(ch in DESCENDERS for ch in text)


def in_typing_heights(word: Word, body: Body) -> float:
    """A word's height as a typed word of its letters would have it: one with a descender
    is taller than the typing's height by the page's own measure (`Body.deep`)."""
    if word.bbox is None:
        return 0.0
    return word.bbox.height / (body.deep if _descends(word.text) else 1.0)


@lru_cache(maxsize=100_000)
def letter_count(text: str) -> int:
    # Cached: documents repeat their words, and every word is measured.
    return sum(ch.isalpha() for ch in text)


def margin_of(word: Word, body: Body) -> str:
    """Which margin a word stands in ("" inside the column)."""
    if word.bbox is None:
        return ""
    centre = (word.bbox.x0 + word.bbox.x1) / 2
    if centre > body.right + body.pitch:
        return "right"
    if centre < body.left - 2 * body.pitch:
        return "left"
    return ""


def in_margin(box: BBox, body: Body) -> bool:
    """Whether a box stands wholly in a margin, beside the typed column."""
    return box.x0 > body.right + body.pitch or box.x1 < body.left - 2 * body.pitch


def own_likeness(unlike: float, reasons: list[str]) -> float:
    """A word's own likeness to handwriting: one odd measure alone is no sign."""
    odd = sum(1 for r in reasons if "margin" not in r)
    return unlike if odd >= 2 else min(unlike, THRESHOLD - 0.01)
