"""Ink OCR left unread: marks on the page that no word's box covers (a note OCR could not
read at all, a signature, a stamp), found on a coarse grid of the scan.

The scan is reduced to cells of CELL pixels; a cell holds ink where it is clearly darker than
the paper around it (the paper's own tone, uneven on photocopies, is measured locally).
Cells under OCR's words are set aside; what is left and big enough is a blob.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PIL import Image, ImageFilter

from corrigenda.model import BBox

CELL = 8  # pixels per grid cell at 300 dpi
DARKER = 40  # grey levels below the local paper that count as ink
DENSE = 0.15  # the share of a blob's cells with ink, from which it may be writing
EDGE = 0.03  # the outer part of the scan is left alone: copier edges and shadows


def unread_ink(
    image: Image.Image, read: Iterable[BBox], min_height: float, min_width: float
) -> list[BBox]:
    """Boxes (in image pixels) of ink no box in `read` covers, at least as big as given."""
    grey = image.convert("L")
    width, height = grey.size
    cols, rows = max(1, width // CELL), max(1, height // CELL)
    small = grey.resize((cols, rows), Image.Resampling.BOX)
    # The darkest pixel of each cell, so a thin pen stroke is not averaged away.
    darkest = grey.filter(ImageFilter.MinFilter(3)).resize((cols, rows), Image.Resampling.BOX)
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.BoxBlur(6))
    ink = np.asarray(darkest, dtype=np.int16) < np.asarray(paper, dtype=np.int16) - DARKER
    margin_y, margin_x = int(rows * EDGE), int(cols * EDGE)
    ink[:margin_y, :] = ink[rows - margin_y :, :] = False
    ink[:, :margin_x] = ink[:, cols - margin_x :] = False
    pad = 2  # cells around a word: its ink spreads past the box OCR gave
    for box in read:
        ink[
            max(0, box.y0 // CELL - pad) : box.y1 // CELL + pad + 1,
            max(0, box.x0 // CELL - pad) : box.x1 // CELL + pad + 1,
        ] = False
    # Join strokes of one note: letters and words are a few cells apart.
    joined = Image.fromarray((ink * 255).astype(np.uint8)).filter(ImageFilter.MaxFilter(5))
    grown = np.asarray(joined) > 0
    blobs = []
    for y0, x0, y1, x1, count in _components(grown, ink):
        box = BBox(x0 * CELL, y0 * CELL, x1 * CELL, y1 * CELL)
        # Writing fills its box (a note's strokes: 0.3 to 0.6 of the cells); dust scattered
        # over a blank stretch (a 1-bit scan's specks: about 0.05) does not.
        dense = count >= DENSE * (y1 - y0) * (x1 - x0)
        if box.height >= min_height and box.width >= min_width and count >= 6 and dense:
            blobs.append(box)
    return blobs


def _components(grown: np.ndarray, ink: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """Connected parts of `grown`: (top, left, bottom, right, ink cells), tight on `ink`."""
    rows, cols = grown.shape
    seen = np.zeros_like(grown)
    found = []
    for start_y, start_x in zip(*np.nonzero(grown)):
        if seen[start_y, start_x]:
            continue
        stack = [(int(start_y), int(start_x))]
        seen[start_y, start_x] = True
        cells = []
        while stack:
            y, x = stack.pop()
            cells.append((y, x))
            for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if 0 <= ny < rows and 0 <= nx < cols and grown[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    stack.append((ny, nx))
        inked = [(y, x) for y, x in cells if ink[y, x]]
        if inked:
            ys = [y for y, _ in inked]
            xs = [x for _, x in inked]
            found.append((min(ys), min(xs), max(ys) + 1, max(xs) + 1, len(inked)))
    return found
