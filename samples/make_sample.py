#!/usr/bin/env python3
"""Render the bundled sample document: a typewritten 1976 memorandum.

Usage (from the repository root):

    python samples/make_sample.py [SEED_TXT]

SEED_TXT defaults to ../shared/seed/000_5aa61bff0ee774d2.txt relative to the
repository root.  Output goes to samples/memorandum/:

    page-NNN.png     300 dpi US Letter grayscale "archival scan" of each page
    page-NNN.gt.txt  ground truth: the text on that page, line by line; handwriting is
                     marked *...* on lines of its own, as in the seed

The images imitate a typewritten carbon/photocopy: a monospace pica
typewriter face (FreeMono, Debian package fonts-freefont-ttf), uneven ink,
worn type slugs, faint and broken letters, off-white paper of uneven tone,
speckles, slight blur and a small skew.  A few type slugs are damaged the
same way every time they strike (as on a real machine), notably the capital
"L" whose foot prints faintly, so that Tesseract sometimes reads "L.I.
Brezhnev" as "I.I. Brezhnev" -- the error found in the published transcript.
The ground truth is never altered: every OCR error comes from the image.

The seed's four handwritten annotations ("original", the routing note, "Delivered to me by
Mr. Harriman...", "Oral.") are written on the pages in a handwriting face (Kristi, Debian
package fonts-kristi): above the title, in blank space the typist left, and in the right
margin beside a paragraph, where Tesseract splices them into the typed lines.

The script is deterministic (fixed random seed, no timestamps in the PNGs):
running it twice gives byte-identical files.  Only developers run it; its
output is committed, and nothing is rendered when the app runs.

Requires Python 3.10+, Pillow and numpy.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

try:
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
except ImportError as exc:  # pragma: no cover - developer tool
    sys.exit(f"make_sample.py needs Pillow and numpy ({exc}); pip install pillow numpy")

SEED = 19761119  # the date of the telephone call
DPI = 300
PAGE_W, PAGE_H = 2550, 3300  # US Letter at 300 dpi
FONT_PX = 50  # FreeMono at 50 px has a 30 px advance: 10 characters per inch (pica)
CELL_W = 30
LINE_STEP = 75  # one-and-a-half spacing (4 lines per inch)
LEFT = 300  # 1 inch margin
TOP = 330
BOTTOM = PAGE_H - 300
WRAP = 65  # characters per typed line
INDENT = " " * 5

FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/freefont/FreeMono.ttf", "fonts-freefont-ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf", "fonts-liberation"),
    ("/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf", "fonts-liberation2"),
]
# The handwriting: one face only, so that the sample is the same on every machine.
HAND_FONT = ("/usr/share/fonts/truetype/kristi/Kristi.ttf", "fonts-kristi")
L_HEAVY = 0.6  # how often the worn L loses its foot
L_SEED = SEED + 5  # the worn L strikes from a random stream of its own
HAND_PX = 70  # notes in blank space
MARGIN_PX = 46  # notes in the right margin, which is narrower
HAND_STEP = 70  # the writer's line spacing
# Where each of the seed's notes is written, in the order they come: above the title, in
# space left blank for it, beside the paragraph before it, in space left blank.
NOTE_PLACES = ["top", "space", "margin", "space"]
# A margin note is written on short lines, as the margin is narrow.
MARGIN_WRAP = 16

# Published-transcript (OCR) errors in the seed, corrected in the ground truth.
# (wrong, right, expected number of occurrences)
SEED_CORRECTIONS = [
    ("declared by I.I. Brezhnev", "declared by L.I. Brezhnev", 1),
]

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "samples" / "memorandum"


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------


def load_blocks(seed_path: Path) -> list[tuple[str, str]]:
    """Return the blocks of the memorandum as (kind, text).

    kind is "title" (lines kept as typed), "para" or "hand" (a handwritten note, its lines
    as in the seed). The seed's page number ("3.") and the paragraphs it and another page
    break split are rejoined: the pages here have their own layout and page numbers.
    """
    raw = seed_path.read_text(encoding="utf-8")
    for wrong, right, count in SEED_CORRECTIONS:
        found = raw.count(wrong)
        if found != count:
            sys.exit(f"seed: expected {count} x {wrong!r}, found {found}: is this the right seed?")
        raw = raw.replace(wrong, right)

    chunks = [c.strip() for c in re.split(r"\n\s*\n", raw) if c.strip()]
    blocks: list[tuple[str, str]] = []
    for chunk in chunks:
        if chunk.startswith("*") and chunk.endswith("*"):
            note = "\n".join(ln.strip() for ln in chunk[1:-1].splitlines())
            blocks.append(("hand", note))
            continue
        if re.fullmatch(r"\d+\.", chunk):
            continue  # page number of the original
        lines = [ln.rstrip() for ln in chunk.splitlines()]
        if lines[0].isupper() and not any(kind != "hand" for kind, _ in blocks):
            blocks.append(("title", "\n".join(lines)))
            continue
        text = " ".join(ln.strip() for ln in lines)
        prev = blocks[-1] if blocks else None
        if (
            prev
            and prev[0] == "para"
            and not re.search(r"[.:;?!\"]$", prev[1])
            and text[:1].islower()
        ):
            blocks[-1] = ("para", prev[1] + " " + text)  # split by a page break in the original
            continue
        blocks.append(("para", text))
    notes = sum(1 for kind, _ in blocks if kind == "hand")
    if notes != len(NOTE_PLACES):
        sys.exit(f"seed: expected {len(NOTE_PLACES)} handwritten notes, found {notes}")
    return blocks


@dataclass
class Row:
    """A typed line (or a blank line step) of a page; `note` is a handwritten note written
    from this row (in reserved blank rows, or beside the typed rows from here on)."""

    text: str
    col: int = 0
    note: Note | None = None


@dataclass
class Note:
    lines: list[str]
    place: str  # "top", "space" or "margin"


def layout(blocks: list[tuple[str, str]]) -> tuple[list[list[Row]], Note]:
    """Typeset blocks into pages of rows, and return them with the note above the title.

    A row "" is a blank line step. Pages after the first start with a centred page number
    "- N -". A note in blank space reserves one row per line of it; a margin note is
    written beside the last rows of the paragraph before it.
    """
    rows: list[Row] = []
    places = iter(NOTE_PLACES)
    top: Note | None = None
    for kind, text in blocks:
        if kind == "hand":
            place = next(places)
            if place == "top":
                top = Note(text.splitlines(), place)
            elif place == "margin":
                words = " ".join(text.split())
                note = Note(textwrap.wrap(words, MARGIN_WRAP), place)
                typed = [i for i, row in enumerate(rows) if row.text]
                last_par = [
                    i
                    for i in typed
                    if i > max((j for j, r in enumerate(rows) if not r.text), default=-1)
                ]
                start = last_par[max(0, len(last_par) - len(note.lines))]
                rows[start].note = note
            else:
                note = Note(text.splitlines(), place)
                if rows:
                    rows.append(Row(""))
                rows.append(Row("", 0, note))
                rows.extend(Row("") for _ in note.lines[1:])
            continue
        if rows:
            rows.append(Row(""))
        if kind == "title":
            for ln in text.splitlines():
                rows.append(Row(ln, max(0, (WRAP - len(ln)) // 2)))
        else:
            wrapped = textwrap.wrap(text, WRAP, initial_indent=INDENT, break_on_hyphens=False)
            for ln in wrapped:
                stripped = ln.lstrip()
                rows.append(Row(stripped, len(ln) - len(stripped)))
    assert top is not None

    per_page = (BOTTOM - TOP) // LINE_STEP + 1
    pages: list[list[Row]] = []
    i = 0
    while i < len(rows):
        page: list[Row] = []
        if pages:
            num = f"- {len(pages) + 1} -"
            page += [Row(num, (WRAP - len(num)) // 2), Row("")]
        room = per_page - len(page)
        chunk = rows[i : i + room]
        # never leave a single line of a paragraph alone at the foot of a page
        if i + room < len(rows) and len(chunk) >= 2 and not chunk[-2].text and rows[i + room].text:
            chunk = chunk[:-1]
        # a note's reserved rows stay with it on one page
        while chunk and i + len(chunk) < len(rows) and _splits_note(rows, i + len(chunk)):
            chunk = chunk[:-1]
        i += len(chunk)
        while chunk and not chunk[0].text and chunk[0].note is None and page and not page[-1].text:
            chunk = chunk[1:]
        page += chunk
        while page and not page[-1].text and page[-1].note is None:
            page.pop()
        pages.append(page)
    return pages, top


def _splits_note(rows: list[Row], at: int) -> bool:
    """Whether a page break before row `at` would part a note from its reserved rows."""
    for back in range(1, 5):
        row = rows[at - back] if at - back >= 0 else None
        if row is not None and row.note is not None and row.note.place == "space":
            return back < len(row.note.lines)
    return False


def ground_truth(page: list[Row], top: Note | None) -> str:
    """The page's text line by line, each note *...* on its own lines: a note in blank space
    where it is written, a margin note after the paragraph beside it."""
    out: list[str] = []
    if top is not None:
        out += [*_starred(top.lines), ""]
    pending: list[str] = []
    skip = 0
    for row in page:
        if skip:
            skip -= 1
            continue
        if row.note is not None and row.note.place == "space":
            out += _starred(row.note.lines)
            skip = len(row.note.lines) - 1
            continue
        if row.note is not None:
            pending = _starred(row.note.lines)
        if not row.text and pending:
            out += ["", *pending]
            pending = []
        out.append(row.text)
    if pending:
        out += ["", *pending]
    return "\n".join(out) + "\n"


def _starred(lines: list[str]) -> list[str]:
    marked = list(lines)
    marked[0] = "*" + marked[0]
    marked[-1] = marked[-1] + "*"
    return marked


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def find_font() -> ImageFont.FreeTypeFont:
    for path, _pkg in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, FONT_PX)
    sys.exit(
        "make_sample.py: no typewriter font found.  Install the Debian package "
        "fonts-freefont-ttf (FreeMono): apt-get install -y fonts-freefont-ttf "
        "(or fonts-liberation for Liberation Mono)."
    )


GLYPH_PAD = 12
GLYPH_W = CELL_W + 2 * GLYPH_PAD
GLYPH_H = 60 + 2 * GLYPH_PAD  # ascent 40 + descent 10 + room


class Typewriter:
    """Strikes characters onto an ink map, with worn and damaged slugs."""

    def __init__(self, font: ImageFont.FreeTypeFont, rng: np.random.Generator):
        self.font = font
        self.rng = rng
        self.l_rng = np.random.default_rng(L_SEED)
        self.glyphs: dict[str, np.ndarray] = {}
        self.bboxes: dict[str, tuple[int, int, int, int]] = {}
        # per-slug wear, fixed for the whole document (the same machine)
        self.wear: dict[str, float] = {}

    def glyph(self, ch: str) -> np.ndarray:
        if ch not in self.glyphs:
            im = Image.new("L", (GLYPH_W, GLYPH_H), 0)
            ImageDraw.Draw(im).text(
                (GLYPH_PAD, GLYPH_PAD),
                ch,
                font=self.font,
                fill=255,
                stroke_width=1,
                stroke_fill=255,
            )
            a = np.asarray(im, dtype=np.float32) / 255.0
            ys, xs = np.nonzero(a > 0.2)
            self.glyphs[ch] = a
            self.bboxes[ch] = (
                (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1) if len(xs) else (0, 0, 1, 1)
            )
            self.wear[ch] = float(self.rng.uniform(0.85, 1.0))
        return self.glyphs[ch]

    def damage(self, ch: str, a: np.ndarray) -> np.ndarray:
        """Apply the fixed defects of a few type slugs (random strength per strike)."""
        x0, y0, x1, y1 = self.bboxes[ch]
        w, h = x1 - x0, y1 - y0
        rng = self.rng
        a = a.copy()
        if ch == "L":
            # the foot of the L hardly prints: the slug is worn at the bottom
            # right, so the letter often looks like an I (stem, serifs only)
            # (its own random stream, so that what is typed before it does not decide
            # how the L strikes)
            heavy = self.l_rng.random() < L_HEAVY
            f = self.l_rng.uniform(0.0, 0.05) if heavy else self.l_rng.uniform(0.35, 0.8)
            a[y0 + round(0.5 * h) : y1 + 2, x0 + round(0.65 * w) : x1 + 2] *= f
        elif ch == "m":
            # a crack through the first arch near the left stem: the m then
            # tends to read as "in" / "rn"
            if rng.random() < 0.4:
                cx = x0 + round(0.27 * w)
                a[y0 - 2 : y0 + round(0.3 * h), cx : cx + 5] *= rng.uniform(0.0, 0.08)
        elif ch == "e":  # noqa: SIM102 - a combined test would fall through to later branches
            # the cross-bar of the e is filled with dried ink and prints weakly
            if rng.random() < 0.12:
                by = y0 + round(0.38 * h)
                a[by : by + round(0.2 * h), x0 + int(0.25 * w) : x1 + 1] *= rng.uniform(0.0, 0.2)
        return a

    def strike(self, ink: np.ndarray, ch: str, x: int, y: int, pressure: float) -> None:
        if ch == " ":
            return
        a = self.damage(ch, self.glyph(ch))
        rng = self.rng
        # uneven ink: ribbon texture, weaker on one side of the slug at times
        tex = rng.random(a.shape, dtype=np.float32)
        tex = (
            np.asarray(
                Image.fromarray((tex * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2)),
                dtype=np.float32,
            )
            / 255.0
        )
        tex = np.clip((tex - 0.5) * 4.0 + 0.82, 0.0, 1.0)
        if rng.random() < 0.25:  # tilted strike: one half prints lighter
            ramp = np.linspace(0, 1, a.shape[0], dtype=np.float32)[:, None]
            if rng.random() < 0.5:
                ramp = ramp[::-1]
            tex = tex * (1.0 - 0.45 * ramp)
        a = a * tex * pressure * self.wear[ch]
        if rng.random() < 0.15:  # a broken letter: a small piece does not print
            x0, y0, x1, y1 = self.bboxes[ch]
            cy = int(rng.integers(y0, y1))
            cx = int(rng.integers(x0, x1))
            r = int(rng.integers(3, 6))
            yy, xx = np.ogrid[: a.shape[0], : a.shape[1]]
            a[(yy - cy) ** 2 + (xx - cx) ** 2 <= r * r] *= 0.1
        gx = x - GLYPH_PAD + int(rng.integers(-1, 2))
        gy = y - GLYPH_PAD + int(rng.integers(-1, 2))
        region = ink[gy : gy + GLYPH_H, gx : gx + GLYPH_W]
        np.maximum(region, a, out=region)


def smooth_noise(rng: np.random.Generator, shape: tuple[int, int], cells: int) -> np.ndarray:
    """Low-frequency noise in [0, 1], bicubically upsampled from a coarse grid."""
    h, w = shape
    small = rng.random((cells, max(2, cells * w // h)), dtype=np.float32)
    im = Image.fromarray((small * 255).astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC)
    return np.asarray(im, dtype=np.float32) / 255.0


class Pen:
    """Writes a note by hand: a handwriting face, each line at its own small angle and
    baseline, with a pen's ink that is lighter and more even than the typewriter's."""

    def __init__(self, rng: np.random.Generator):
        path, package = HAND_FONT
        if not Path(path).exists():
            sys.exit(
                f"make_sample.py: the handwriting face {path} is missing. Install the Debian "
                f"package {package}: apt-get install -y {package}"
            )
        self.fonts = {size: ImageFont.truetype(path, size) for size in (HAND_PX, MARGIN_PX)}
        self.rng = rng

    def write(self, ink: np.ndarray, note: Note, x: int, y: int) -> np.ndarray:
        """Write the note onto `ink`; return the note's own ink (for a benchmark's truth)."""
        own = np.zeros_like(ink)
        size = MARGIN_PX if note.place == "margin" else HAND_PX
        font = self.fonts[size]
        step = LINE_STEP if note.place == "margin" else HAND_STEP
        rng = self.rng
        for n, text in enumerate(note.lines):
            left, top, right, bottom = font.getbbox(text)
            pad = 30
            im = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 0)
            ImageDraw.Draw(im).text((pad - left, pad - top), text, font=font, fill=255)
            angle = float(rng.uniform(-2.5, 1.0))  # notes drift upwards to the right
            im = im.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=0)
            a = np.asarray(im, dtype=np.float32) / 255.0 * float(rng.uniform(0.72, 0.85))
            drift = 0 if note.place == "margin" else n * int(rng.integers(0, 12))
            lx = x + int(rng.integers(-6, 7)) + drift
            ly = y + n * step + int(rng.integers(-4, 5)) - pad
            h, w = a.shape
            region = ink[ly : ly + h, lx : lx + w]
            np.maximum(region, a[: region.shape[0], : region.shape[1]], out=region)
            mine = own[ly : ly + h, lx : lx + w]
            np.maximum(mine, a[: mine.shape[0], : mine.shape[1]], out=mine)
        return own


def render_page(
    tw: Typewriter,
    pen: Pen,
    page: list[Row],
    top: Note | None,
    rng: np.random.Generator,
    note_boxes: list[tuple[int, int, int, int]] | None = None,
) -> Image.Image:
    """The page's scan; `note_boxes`, if given, gets the box of each note on the scan."""
    ink = np.zeros((PAGE_H, PAGE_W), dtype=np.float32)
    written: list[np.ndarray] = []
    # the typist's left margin and line feed are not perfectly regular
    margin = LEFT + int(rng.integers(-8, 9))
    ribbon = float(rng.uniform(0.86, 0.97))  # this page's ribbon / copy darkness
    if top is not None:  # "original", written above the title, right of centre
        written.append(pen.write(ink, top, LEFT + 1250, TOP - 190))
    for row, entry in enumerate(page):
        text, col = entry.text, entry.col
        if entry.note is not None:
            y = TOP + row * LINE_STEP
            if entry.note.place == "margin":
                written.append(pen.write(ink, entry.note, LEFT + WRAP * CELL_W + 12, y - 8))
            else:
                written.append(pen.write(ink, entry.note, LEFT + 120, y - 4))
        if not text:
            continue
        y = TOP + row * LINE_STEP + int(rng.integers(-2, 3))
        line_pressure = ribbon * float(rng.uniform(0.92, 1.04))
        if rng.random() < 0.12:  # a line typed with a dry patch of ribbon
            line_pressure *= float(rng.uniform(0.62, 0.75))
        for i, ch in enumerate(text):
            x = margin + (col + i) * CELL_W
            pressure = line_pressure * float(np.clip(rng.normal(1.0, 0.08), 0.7, 1.1))
            tw.strike(ink, ch, x, y, pressure)

    # photocopy spread and softness
    img = Image.fromarray((np.clip(ink, 0, 1) * 255).astype(np.uint8))
    img = img.filter(ImageFilter.GaussianBlur(float(rng.uniform(1.2, 1.6))))
    # slight skew: each sheet fed a little crooked
    angle = float(rng.uniform(0.25, 0.85)) * (1 if rng.random() < 0.5 else -1)
    img = img.rotate(
        angle, resample=Image.Resampling.BICUBIC, center=(PAGE_W / 2, PAGE_H / 2), fillcolor=0
    )
    if note_boxes is not None:
        for own in written:
            turned = Image.fromarray((np.clip(own, 0, 1) * 255).astype(np.uint8)).rotate(
                angle, center=(PAGE_W / 2, PAGE_H / 2), fillcolor=0
            )
            box = turned.point(lambda v: 255 if v > 60 else 0).getbbox()
            if box:
                note_boxes.append(box)
    ink = np.asarray(img, dtype=np.float32) / 255.0
    # copy contrast: ink saturates, faint strokes stay faint
    ink = np.clip(ink * 1.25, 0.0, 1.0) ** 1.1

    # paper: off-white grey, uneven tone, darker towards a photocopier's edge
    tone = 0.7 * smooth_noise(rng, (PAGE_H, PAGE_W), 6) + 0.3 * smooth_noise(
        rng, (PAGE_H, PAGE_W), 24
    )
    yy = np.linspace(-1, 1, PAGE_H, dtype=np.float32)[:, None]
    xx = np.linspace(-1, 1, PAGE_W, dtype=np.float32)[None, :]
    edge = np.clip(np.maximum(np.abs(xx), np.abs(yy)) - 0.85, 0, None) / 0.15
    paper = 226.0 + 14.0 * (tone - 0.5) - 22.0 * edge**2
    # quantise the smooth tone a little so the PNG stays small
    paper = np.round(paper / 2.0) * 2.0
    ink_level = 38.0 + 18.0 * smooth_noise(rng, (PAGE_H, PAGE_W), 10)
    out = paper * (1.0 - ink) + ink_level * ink

    # speckle: toner dust and paper flecks, mostly tiny, some larger
    n = int(rng.integers(1800, 2600))
    ys = rng.integers(0, PAGE_H, n)
    xs = rng.integers(0, PAGE_W, n)
    vals = rng.uniform(60, 190, n)
    out[ys, xs] = np.minimum(out[ys, xs], vals)
    big = int(rng.integers(40, 80))
    for _k in range(big):
        cy, cx = int(rng.integers(0, PAGE_H - 4)), int(rng.integers(0, PAGE_W - 4))
        s = int(rng.integers(2, 4))
        out[cy : cy + s, cx : cx + s] = np.minimum(
            out[cy : cy + s, cx : cx + s], rng.uniform(70, 150)
        )
    return Image.fromarray(np.clip(np.round(out), 0, 255).astype(np.uint8), mode="L")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "seed",
        nargs="?",
        default=str(REPO.parent / "shared" / "seed" / "000_5aa61bff0ee774d2.txt"),
        help="seed text (default: ../shared/seed/000_5aa61bff0ee774d2.txt from the repo root)",
    )
    ap.add_argument("--out", default=str(OUT), help="output folder (default: samples/memorandum)")
    args = ap.parse_args(argv)

    seed_path = Path(args.seed)
    if not seed_path.is_file():
        sys.exit(f"make_sample.py: seed text not found: {seed_path}")
    font = find_font()
    blocks = load_blocks(seed_path)
    pages, top = layout(blocks)
    if not 4 <= len(pages) <= 6:
        sys.exit(f"layout gave {len(pages)} pages, expected 4 to 6")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("page-*.png")) + list(out.glob("page-*.gt.txt")):
        old.unlink()

    rng = np.random.default_rng(SEED)
    tw = Typewriter(font, rng)
    pen = Pen(np.random.default_rng(SEED + 1))
    for n, page in enumerate(pages, 1):
        img = render_page(tw, pen, page, top if n == 1 else None, rng)
        png = out / f"page-{n:03d}.png"
        img.save(png, format="PNG", dpi=(DPI, DPI), optimize=True)
        gt = ground_truth(page, top if n == 1 else None)
        (out / f"page-{n:03d}.gt.txt").write_text(gt, encoding="utf-8")
        print(
            f"{png.relative_to(REPO) if png.is_relative_to(REPO) else png}: "
            f"{sum(1 for row in page if row.text)} typed lines, "
            f"{gt.count(chr(10) + '*') + gt.startswith('*')} notes, "
            f"{png.stat().st_size / 1e6:.2f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
