"""Whether a page was typed on a typewriter, and how far a line's words stand off its grid.

A typewriter advances its carriage the same step for every character, spaces too, so a typed
line's words start at whole multiples of the step from the margin. Proportional type (a
printed book) and a hand do not: there the pitch and grid tests of corrigenda.regions.handwriting
say nothing, and are not applied.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from statistics import median
from typing import TYPE_CHECKING

from corrigenda.model import Page, Word

if TYPE_CHECKING:
    from corrigenda.regions.body import Body

MIN_STEPS = 20  # word-to-word steps needed to tell a typewriter's carriage


def coherence(starts: Sequence[float], step: float) -> float:
    """How well `starts` agree modulo `step` (1: all on one grid, near 0: anywhere)."""
    return _grid(starts, step)[0]


def _grid(starts: Sequence[float], step: float) -> tuple[float, float]:
    """(how well `starts` agree modulo `step`, the grid's phase in radians): the mean of
    the starts as turns of a circle one step round."""
    turn = 2 * math.pi / step
    x = sum(math.cos(turn * s) for s in starts) / len(starts)
    y = sum(math.sin(turn * s) for s in starts) / len(starts)
    return math.hypot(x, y), math.atan2(y, x)


def typewritten(
    page: Page, steps: Sequence[float], step: float, sure: Callable[[Word], bool]
) -> bool:
    """Whether the body was typed at a fixed pitch, so the pitch and grid tests apply.

    Words' widths per letter vary little in proportional type too (book pages measured a
    spread of 0.12 to 0.2 against a typewriter's 0.1), so that is no proof. A typewriter's
    carriage is: from word to word it advances the same step per character (the middle half
    of the steps within 6 % of each other; typeset lines 12 to 21 %), and its lines' words
    start on one grid (a median coherence of 0.9 or more; typeset lines 0.2 to 0.4).
    """
    if step <= 0 or len(steps) < MIN_STEPS:
        return False
    ordered = sorted(steps)
    if (ordered[len(ordered) * 3 // 4] - ordered[len(ordered) // 4]) / step > 0.06:
        return False
    agreement = []
    for line in page.lines:
        starts = [
            w.bbox.x0
            for w in line.words
            if w.bbox and sure(w) and sum(ch.isalnum() for ch in w.text) > 1
        ]
        if len(starts) >= 4:
            agreement.append(coherence(starts, step))
    return not agreement or median(agreement) >= 0.7


def starts_on_cell(text: str) -> bool:
    """Whether a word's box starts where its cell does: two letters or figures or more (a
    speck read as a comma is on no grid), the first of them its first character. A quote or
    a bracket is narrower than its cell and centred in it, so a word opening with one
    (‘the) starts its ink a third of a step into the cell."""
    return sum(ch.isalnum() for ch in text) > 1 and text[:1].isalnum()


SPECK = 0.3  # typing heights: a "word" lower than this is a speck OCR read as letters


def on_cells(word: Word, body: Body) -> bool:
    """Whether a word tells where a typewriter's cells are: its text starts on one
    (`starts_on_cell`) and its box is a word's, not a speck's that OCR read as letters (a
    dot of dust three pixels high read "oe" past a typed line's last word put the line off
    its grid)."""
    box = word.bbox
    return box is not None and starts_on_cell(word.text) and box.height >= SPECK * body.height


def off_grid(words: Sequence[Word], body: Body) -> float:
    """How far a line's words start off a typewriter's grid (0: on it, 1: anywhere).

    A typewriter starts every word at a whole number of steps from the margin, so within a
    line their starts agree modulo the step; a hand writes words wherever it goes.
    """
    # Words of two letters or more: a speck read as a comma is on no grid.
    starts = [w.bbox.x0 for w in words if w.bbox and on_cells(w, body)]
    if not body.monospace or body.step <= 0 or len(starts) < 3:
        return 0.0
    # Typed lines agree to 0.8 or more (the letters' side bearings differ a little); a hand's
    # words scatter (0.1 to 0.7).
    return max(0.0, min(1.0, (0.75 - coherence(starts, body.step)) / 0.3))


MIN_AROUND = 8  # typed words around a word needed to tell the grid it should start on
AROUND = 12  # typing heights up and down the page within which those words are taken


def off_phase(word: Word, typed: Sequence[tuple[float, float]], body: Body) -> float | None:
    """How far a word starts off the grid of the typed words around it (0: a fifth of a
    step off or less, 1: three tenths or more; None: not to be told, no grid around or a
    word whose box does not start where its cell does); `typed` holds the (top, start) of
    the page's surely read typed words. For a line of a few words, too few to tell a grid
    of their own: the typewriter's carriage puts every line's words on the page's one grid
    (of 3,800 typed words on the development pages 15 started more than 0.23 of a step off
    the grid of the lines around them), a hand anywhere ("Oral," in blank space among the
    typing). The grid is taken from the lines near the word, so a page scanned a little
    askew or typed with the paper moved still has one."""
    if not body.monospace or body.step <= 0 or word.bbox is None:
        return None
    if not on_cells(word, body):
        return None
    reach = AROUND * body.height
    near = [x for top, x in typed if abs(top - word.bbox.y0) <= reach]
    if len(near) < MIN_AROUND:
        return None
    agreement, phase = _grid(near, body.step)
    if agreement < 0.6:  # the words around agree on no grid
        return None
    turn = 2 * math.pi / body.step
    off = abs((turn * word.bbox.x0 - phase + math.pi) % (2 * math.pi) - math.pi) / (2 * math.pi)
    return max(0.0, min(1.0, (off - 0.2) / 0.1))
