"""Clean-up variants of a page image, derived again deterministically whenever they are needed.

A variant is a named recipe of OpenCV steps over the page's grey levels: denoising (median
filter, removal of small specks and of dust standing apart from the print), binarisation
(global Otsu, local Sauvola), deskew, upscaling of small print and border removal. The
original image bytes are never changed, and cleaned images are never stored: the same bytes and
the same variant give the same pixels again.

OpenCV (opencv-python-headless) does the pixel work in C++; Python only chains the steps.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from corrigenda.model import BBox

MIN_SIDE = 16  # smaller than this is no page: nothing to clean
MAX_UPSCALED_PIXELS = 60_000_000  # an upscaled page past this would exhaust a worker's memory


# A step's new pixels, its map from the old pixels (None: nothing moved), what it chose.
StepResult = tuple[np.ndarray, "np.ndarray | None", dict[str, float]]


class CleanupError(ValueError):
    """A variant cannot be made from this image; the message is the note kept for the page."""


@dataclass(frozen=True)
class Variant:
    """A recipe: its name, the steps in order, and the parameters it was made with."""

    name: str
    steps: tuple[str, ...]
    description: str

    def params(self) -> dict[str, object]:
        return {"steps": list(self.steps)}


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("median", ("median3",), "3×3 median filter"),
        Variant(
            "despeckle",
            ("deskew", "median_print", "otsu", "specks", "isolated"),
            "deskew, median sized to the print, Otsu binarisation, specks and stray dust removed",
        ),
        Variant(
            "sauvola",
            ("deskew", "median3", "sauvola", "specks", "isolated"),
            "deskew, 3×3 median, Sauvola local binarisation, specks and stray dust removed",
        ),
        Variant("otsu", ("otsu",), "global Otsu binarisation"),
        Variant("deskew", ("deskew",), "straighten the page"),
        Variant("upscale", ("upscale2",), "twice the resolution, for small print"),
        Variant("border", ("otsu", "border"), "Otsu binarisation, dark scan borders removed"),
    )
}


def variant(name: str) -> Variant:
    try:
        return VARIANTS[name]
    except KeyError:
        raise ValueError(
            f"no clean-up variant {name!r}; choose one of {', '.join(VARIANTS)}"
        ) from None


@lru_cache(maxsize=1)  # a page's speckle count, variants and line crops decode it once
def grey(data: bytes) -> np.ndarray:
    """The image's grey levels as 8-bit pixels, whatever its mode (1-bit, palette, 16-bit,
    CMYK, with alpha); read-only, as it is shared. Raises CleanupError when there is nothing
    sensible to clean."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            mode = image.mode
            if mode in ("I;16", "I;16B", "I;16L", "I", "F"):
                pixels = np.asarray(image, dtype=np.float64)
                low, high = float(pixels.min()), float(pixels.max())
                scale = 255.0 / (high - low) if high > low else 0.0
                result = ((pixels - low) * scale).round().astype(np.uint8)
            else:
                if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info):
                    # Transparent parts are paper, not ink.
                    rgba = image.convert("RGBA")
                    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                    image = Image.alpha_composite(paper, rgba)
                result = np.asarray(image.convert("L"), dtype=np.uint8)
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as exc:
        raise CleanupError(f"the image cannot be decoded for clean-up ({exc})") from exc
    if result.ndim != 2 or min(result.shape) < MIN_SIDE:
        raise CleanupError(f"the image is too small to clean ({result.shape[1]}×{result.shape[0]})")
    result = np.ascontiguousarray(result)
    result.flags.writeable = False
    return result


@dataclass(frozen=True)
class Cleaned:
    """A cleaned page and the affine map (2×3) from the original's pixels to its pixels."""

    pixels: np.ndarray
    matrix: np.ndarray
    params: dict[str, float] = field(default_factory=dict)  # what the steps chose (angle, size)

    def to_original(self, box: BBox, width: int, height: int) -> BBox:
        """A box on the cleaned image, as the box enclosing it on the original."""
        return _enclosing(box, cv2.invertAffineTransform(self.matrix), width, height)

    def from_original(self, box: BBox) -> BBox:
        """A box on the original, as the box enclosing it on the cleaned image."""
        height, width = self.pixels.shape[:2]
        return _enclosing(box, self.matrix, width, height)

    @property
    def moved(self) -> bool:
        return not np.allclose(self.matrix, IDENTITY)


def _enclosing(box: BBox, matrix: np.ndarray, width: int, height: int) -> BBox:
    """The box enclosing `box` moved by the affine `matrix`, inside a width × height image."""
    corners = np.array(
        [[box.x0, box.y0, 1], [box.x1, box.y0, 1], [box.x0, box.y1, 1], [box.x1, box.y1, 1]],
        dtype=np.float64,
    )
    points = corners @ matrix.T
    x0, y0 = np.floor(points.min(axis=0)).astype(int)
    x1, y1 = np.ceil(points.max(axis=0)).astype(int)
    return BBox(
        int(min(max(x0, 0), width)),
        int(min(max(y0, 0), height)),
        int(min(max(x1, 0), width)),
        int(min(max(y1, 0), height)),
    )


IDENTITY = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])


def apply(pixels: np.ndarray, recipe: Variant) -> Cleaned:
    matrix = np.eye(3)
    params: dict[str, float] = {}
    steps = list(recipe.steps)
    chosen: dict[str, float]
    moved: np.ndarray | None
    while steps:
        step = steps.pop(0)
        if step == "specks" and steps[:1] == ["isolated"]:  # one labelling for both
            steps.pop(0)
            pixels, moved, chosen = _without_marks(pixels, specks=True, isolated=True), None, {}
        else:
            pixels, moved, chosen = STEPS[step](pixels)
        params.update(chosen)
        if moved is not None:  # the step's map after the maps so far
            matrix = np.vstack([moved, [0.0, 0.0, 1.0]]) @ matrix
    return Cleaned(pixels, matrix[:2], params)


def derive(data: bytes, name: str) -> bytes:
    """The cleaned page as PNG bytes: the same input and variant always give the same bytes."""
    return to_png(apply(grey(data), variant(name)).pixels)


def to_pgm(pixels: np.ndarray) -> bytes:
    """Grey pixels as the engine's input: PGM, which costs no compression (a page read is
    not kept; `to_png` makes what is)."""
    ok, encoded = cv2.imencode(".pgm", pixels)
    if not ok:  # pragma: no cover
        raise CleanupError("the image could not be encoded")
    return bytes(encoded.tobytes())


def to_png(pixels: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".png", pixels)
    if not ok:  # pragma: no cover
        raise CleanupError("the image could not be encoded")
    return bytes(encoded.tobytes())


# --- the steps -------------------------------------------------------------------------------


def _median3(pixels: np.ndarray) -> np.ndarray:
    return cv2.medianBlur(pixels, 3)


def _median_print(pixels: np.ndarray) -> StepResult:
    """A median as wide as the print allows: 5×5 on print whose tall letters are 28 pixels or
    more (10-12 point type at 300 dpi), whose strokes survive it while specks and JPEG blocks
    go; 3×3 on smaller print."""
    size = 5 if print_height(pixels) >= LARGE_PRINT else 3
    return cv2.medianBlur(pixels, size), None, {"median": size}


LARGE_PRINT = 28  # pixels, height of a tall letter: pica type at 300 dpi has about 35


def print_height(pixels: np.ndarray) -> float:
    """The height of the tall letters (the 90th percentile of the ink's components)."""
    ink = (_otsu(cv2.medianBlur(pixels, 3)) < 128).astype(np.uint8)
    return letter_size(cv2.connectedComponentsWithStats(ink, connectivity=8)[2][1:])[0]


MIN_LETTER = 4  # pixels: no letter is lower; specks are, and must not sway the letters' size


def letter_size(stats: np.ndarray) -> tuple[float, float]:
    """The height of the tall letters and a letter's typical ink area, from the statistics of
    the ink's components (background row excluded); specks do not count."""
    heights, areas = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_AREA]
    marks = heights >= MIN_LETTER
    if not marks.any():
        return 0.0, 0.0
    tall = float(np.percentile(heights[marks], 90))
    letters = heights >= 0.5 * tall
    return tall, float(np.median(areas[letters]))


def speckle(pixels: np.ndarray) -> float:
    """Tiny marks per letter (components under a tenth of a letter's area): a clean print has
    well under one, a speckled photocopy several. Cheap: one threshold and one labelling."""
    ink = (_otsu(pixels) < 128).astype(np.uint8)
    stats = cv2.connectedComponentsWithStats(ink, connectivity=8)[2][1:]
    tall, typical = letter_size(stats)
    if not tall:
        return 0.0
    letters = int((stats[:, cv2.CC_STAT_HEIGHT] >= 0.5 * tall).sum())
    return float((stats[:, cv2.CC_STAT_AREA] < 0.1 * typical).sum()) / max(1, letters)


def _otsu(pixels: np.ndarray) -> np.ndarray:
    _, binary = cv2.threshold(pixels, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary


def _sauvola(pixels: np.ndarray, window: int = 41, k: float = 0.2) -> np.ndarray:
    """Sauvola's local threshold, mean and deviation from box filters: uneven paper and ink.
    In single precision, in place (a page in a tenth of a second)."""
    image = pixels.astype(np.float32)
    size = (window, window)
    mean: np.ndarray = cv2.boxFilter(image, cv2.CV_32F, size, borderType=cv2.BORDER_REFLECT)
    deviation: np.ndarray = cv2.sqrBoxFilter(image, cv2.CV_32F, size, borderType=cv2.BORDER_REFLECT)
    deviation -= mean * mean
    np.maximum(deviation, 0.0, out=deviation)
    np.sqrt(deviation, out=deviation)
    deviation *= np.float32(k / 128.0)
    deviation += np.float32(1.0 - k)
    deviation *= mean  # the threshold
    return cv2.compare(image, deviation, cv2.CMP_GT)


def _specks(pixels: np.ndarray) -> np.ndarray:
    """Remove dark components far smaller than the print's own (dust, toner, salt noise).

    Periods and commas survive: the cut is a small share of a typical character's area.
    """
    return _without_marks(pixels, specks=True, isolated=False)


def _isolated(pixels: np.ndarray) -> np.ndarray:
    """Remove marks smaller than half a letter that stand apart from every letter: dust
    between lines and in margins, which Tesseract reads as stray punctuation or whole lines of
    dots. A full stop or comma sits beside its word, and a dash is flat, so they stay."""
    return _without_marks(pixels, specks=False, isolated=True)


def _without_marks(pixels: np.ndarray, *, specks: bool, isolated: bool) -> np.ndarray:
    """`_specks`, `_isolated` or both, one after the other, from one labelling of the ink:
    removing whole components leaves the others as they were, so the second step needs no
    labelling of its own (`apply` runs both at once where a variant has them in a row)."""
    ink = (pixels < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    gone = np.zeros(count, dtype=bool)
    areas = stats[:, cv2.CC_STAT_AREA]
    if specks and count > 2:
        typical = letter_size(stats[1:])[1]
        gone[1:] = areas[1:] < max(3.0, 0.04 * typical)
    kept = ~gone
    kept[0] = False  # the paper
    if isolated and int(kept.sum()) > 1:
        tall, typical = letter_size(stats[kept])
        if tall:
            widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
            letters = kept & (heights >= 0.5 * tall)
            # A dash or a rule stands apart from letters too ("dedicate -- we", "- 2 -"):
            # flat marks at least half a letter wide are print.
            dashes = (widths >= 0.5 * tall) & (widths >= 3 * heights)
            small = kept & (areas < 0.5 * typical) & ~letters & ~dashes
            reach_x, reach_y = max(3, int(0.6 * tall)), max(2, int(0.4 * tall))
            near = cv2.dilate(
                letters[labels].astype(np.uint8),
                cv2.getStructuringElement(cv2.MORPH_RECT, (2 * reach_x + 1, 2 * reach_y + 1)),
            )
            # A small mark with no pixel in reach of a letter is dust.
            touching = np.zeros(count, dtype=bool)
            touching[labels[(near > 0) & (ink > 0)]] = True  # repeated labels set it again
            gone |= small & ~touching
    if not gone.any():
        return pixels
    cleaned = pixels.copy()
    cleaned[gone[labels]] = 255
    return cleaned


COARSE_STEP = 0.5  # degrees: the deskew's first search
_LAST_DESKEW: list[tuple[np.ndarray, StepResult]] = []  # variants of one page share it


def _deskew(pixels: np.ndarray) -> StepResult:
    """`_straightened`, worked out once for the page's pixels when several variants start
    with it (the pixels are kept with the result, so the identity test cannot be fooled)."""
    if _LAST_DESKEW and _LAST_DESKEW[0][0] is pixels and not pixels.flags.writeable:
        return _LAST_DESKEW[0][1]
    result = _straightened(pixels)
    if not pixels.flags.writeable:  # grey()'s shared, read-only page
        _LAST_DESKEW[:] = [(pixels, result)]
    return result


def _straightened(pixels: np.ndarray, largest: float = 3.0, step: float = 0.1) -> StepResult:
    """Rotate by the angle that makes the rows of ink sharpest (a projection profile search
    on a reduced copy, so it costs a few milliseconds): every half degree first, then every
    `step` around the best of those. The rows stay sharp over more than a degree around the
    right angle (a line's height over the reduced page's width), so the coarse search cannot
    miss it, and 21 rotations do the work of 61."""
    height, width = pixels.shape
    scale = min(1.0, 800.0 / max(height, width))
    small = cv2.resize(pixels, (max(1, int(width * scale)), max(1, int(height * scale))))
    ink = (255 - _otsu(small)).astype(np.float32)
    center = (small.shape[1] / 2, small.shape[0] / 2)
    scores: dict[float, float] = {}

    def sharpest(angles: np.ndarray) -> float:
        for angle in (round(float(a), 2) for a in angles):
            if angle not in scores and abs(angle) <= largest + 1e-9:
                matrix = cv2.getRotationMatrix2D(center, angle, 1.0)
                turned = cv2.warpAffine(ink, matrix, (small.shape[1], small.shape[0]))
                scores[angle] = float(np.var(turned.sum(axis=1)))
        # the best score; of equal ones, the smallest angle (the search's order must not matter)
        return max(sorted(scores), key=lambda a: (scores[a], -abs(a), -a))

    coarse = sharpest(np.arange(-largest, largest + 0.25, COARSE_STEP))
    best = sharpest(np.arange(coarse - COARSE_STEP + step, coarse + COARSE_STEP - step / 2, step))
    if abs(best) < 0.15:
        return pixels, None, {"deskew": 0.0}
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), best, 1.0)
    turned = cv2.warpAffine(
        pixels, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255,)
    )
    return turned, matrix, {"deskew": round(best, 2)}


def _upscale2(pixels: np.ndarray) -> StepResult:
    if pixels.size * 4 > MAX_UPSCALED_PIXELS:
        raise CleanupError("the page is too large to upscale")
    bigger = cv2.resize(pixels, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
    return bigger, np.array([[2.0, 0.0, 0.0], [0.0, 2.0, 0.0]]), {"scale": 2.0}


def _border(pixels: np.ndarray) -> np.ndarray:
    """Whiten large dark regions touching the edge of the scan (the scanner lid, a book's
    gutter), which Tesseract otherwise reads as characters."""
    ink = (pixels < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = pixels.shape
    cleaned = pixels.copy()
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index][:4])
        touches = x == 0 or y == 0 or x + w >= width or y + h >= height
        big = w > 0.2 * width or h > 0.2 * height
        if touches and big:
            cleaned[labels == index] = 255
    return cleaned


Step = Callable[[np.ndarray], StepResult]


def _same_place(step: Callable[[np.ndarray], np.ndarray]) -> Step:
    """A step that moves no pixel and chooses nothing: its map is the identity."""
    return lambda pixels: (step(pixels), None, {})


STEPS: dict[str, Step] = {
    "median3": _same_place(_median3),
    "median_print": _median_print,
    "otsu": _same_place(_otsu),
    "sauvola": _same_place(_sauvola),
    "specks": _same_place(_specks),
    "isolated": _same_place(_isolated),
    "deskew": _deskew,
    "upscale2": _upscale2,
    "border": _same_place(_border),
}
