"""The ink of a word on the scan: how wide its strokes are and how dark, against the typing's.

A typewriter strikes every letter with the same slug through the same ribbon, so its words'
strokes are of one width and one darkness across a page, the ribbon fading (thinner, lighter)
here and there but never heavier. A pen is another tool: a felt tip or marker writes strokes
twice a typed letter's width, and ink darker than the ribbon's. So a word whose strokes are
both wider and darker than nearly all the typing's is written by hand, whatever its size, its
place or how surely OCR read it ("seen 12/3" in blank space among the typing, of its size
and read surely). A hand as light as the typing shows nothing here; the other measures
(corrigenda.regions.handwriting) still apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from statistics import median

import numpy as np
from PIL import Image

from corrigenda.model import BBox, Word

DARKER = 40  # grey levels below the word's paper that count as ink (as regions.ink)
MIN_INK = 20  # ink pixels a word needs to be measured
MIN_TYPED = 20  # typed words needed to know the typing's ink
# Spreads of the typing (robust standard deviations) from which a word's ink is heavier:
# the development pages' 3,815 typed words reach 3.7 on the lesser of the two, their notes'
# words in a heavy hand 4 to 7.
HEAVY_FROM = 3.5
HEAVY_FULL = 5.0
# The least spread taken for the typing, so a page typed evenly (those pages: 6 % of the
# stroke width and 6 to 13 grey levels) does not make a slight difference count.
WIDTH_SPREAD = 0.05  # of the typing's stroke width
DARK_SPREAD = 5.0  # grey levels


def measure(grey: np.ndarray, box: BBox) -> tuple[float, float] | None:
    """(stroke width in pixels, darkness in grey levels below the paper) of the ink in a
    box of a greyscale scan; None if there is too little ink to tell."""
    crop = grey[box.y0 : box.y1, box.x0 : box.x1].astype(np.int16)
    if crop.size == 0:
        return None
    paper = float(np.percentile(crop, 90))  # a word's box is mostly paper
    ink = crop < paper - DARKER
    count = int(ink.sum())
    if count < MIN_INK:
        return None
    padded = np.pad(ink, 1)
    inner = (
        padded[1:-1, 1:-1]
        & padded[:-2, 1:-1]
        & padded[2:, 1:-1]
        & padded[1:-1, :-2]
        & padded[1:-1, 2:]
    )
    edge = count - int(inner.sum())
    # A stroke of width w and length l has about w*l pixels and 2*l on its edge.
    width = 2 * count / max(1, edge)
    return width, paper - float(np.median(crop[ink]))


def heaviness(image: Image.Image, words: Iterable[Word], typed: Sequence[Word]) -> dict[int, float]:
    """By word id, how much heavier than the typing each word's ink is (0: as the typing or
    lighter, 1: clearly heavier in stroke and in darkness); `typed` are the words that set the
    typing's norm (read surely). Empty if there are too few of them to tell."""
    grey = np.asarray(image.convert("L"))
    # Each word measured once (the typed ones are among the words, as the callers give them).
    measured = {w.id: measure(grey, w.bbox) for w in words if w.bbox}
    norm = [
        m
        for w in typed
        if w.bbox and (m := measured[w.id] if w.id in measured else measure(grey, w.bbox))
    ]
    if len(norm) < MIN_TYPED:
        return {}
    spreads = []
    for values in zip(*norm):
        middle = median(values)
        spreads.append((middle, 1.4826 * median(abs(v - middle) for v in values)))
    (width_mid, width_sd), (dark_mid, dark_sd) = spreads
    width_sd = max(width_sd, WIDTH_SPREAD * width_mid)
    dark_sd = max(dark_sd, DARK_SPREAD)
    found = {}
    for word_id, got in measured.items():
        if got is None:
            continue
        heavier = min((got[0] - width_mid) / width_sd, (got[1] - dark_mid) / dark_sd)
        found[word_id] = max(0.0, min(1.0, (heavier - HEAVY_FROM) / (HEAVY_FULL - HEAVY_FROM)))
    return found
