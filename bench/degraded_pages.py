#!/usr/bin/env python3
"""Render a deterministic set of degraded typewritten pages, with their ground truth.

    python bench/degraded_pages.py OUT_DIR [--pages-per-document 2]

Three documents, each typed on a monospace typewriter face and damaged by our own noise model at
three levels (light, medium, heavy): uneven ink, nicks in the strokes, blur, toner speckle and
dust, a skewed sheet, and a JPEG scan. Documents and the split (by document):

- development: `memorandum`, the sample's ground truth (samples/memorandum/*.gt.txt), FreeMono;
- report-only: `declaration` (the US Declaration of Independence, 1776) in FreeMono, and
  `lincoln` (the Gettysburg Address and the close of the Second Inaugural, 1863/1865) in
  Liberation Mono. Both texts are in the public domain. Tune nothing on these.

Output: DOC-LEVEL-pN.jpg and DOC-LEVEL-pN.gt.txt. Same inputs, same bytes: every random draw
comes from a generator seeded by the page's name. Fonts come from the Debian packages
fonts-freefont-ttf and fonts-liberation.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
DPI = 300
FONT_PX = 50  # pica typewriter: 10 characters per inch at 300 dpi
LINE_STEP = 75
LEFT, TOP = 240, 240
WRAP = 64
LINES_PER_PAGE = 22
LEVELS = ("light", "medium", "heavy")
DEVELOPMENT = ("memorandum",)
REPORT_ONLY = ("declaration", "lincoln")

FONTS = {
    "freemono": ("/usr/share/fonts/truetype/freefont/FreeMono.ttf", "fonts-freefont-ttf"),
    "liberation": (
        "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
        "fonts-liberation",
    ),
}

DECLARATION = """\
When in the Course of human events, it becomes necessary for one people to dissolve the \
political bands which have connected them with another, and to assume among the powers of the \
earth, the separate and equal station to which the Laws of Nature and of Nature's God entitle \
them, a decent respect to the opinions of mankind requires that they should declare the causes \
which impel them to the separation.

We hold these truths to be self-evident, that all men are created equal, that they are endowed \
by their Creator with certain unalienable Rights, that among these are Life, Liberty and the \
pursuit of Happiness. That to secure these rights, Governments are instituted among Men, \
deriving their just powers from the consent of the governed, That whenever any Form of \
Government becomes destructive of these ends, it is the Right of the People to alter or to \
abolish it, and to institute new Government, laying its foundation on such principles and \
organizing its powers in such form, as to them shall seem most likely to effect their Safety \
and Happiness. Prudence, indeed, will dictate that Governments long established should not be \
changed for light and transient causes; and accordingly all experience hath shewn, that mankind \
are more disposed to suffer, while evils are sufferable, than to right themselves by abolishing \
the forms to which they are accustomed. But when a long train of abuses and usurpations, \
pursuing invariably the same Object evinces a design to reduce them under absolute Despotism, \
it is their right, it is their duty, to throw off such Government, and to provide new Guards \
for their future security. Such has been the patient sufferance of these Colonies; and such is \
now the necessity which constrains them to alter their former Systems of Government.

He has refused his Assent to Laws, the most wholesome and necessary for the public good. He has \
forbidden his Governors to pass Laws of immediate and pressing importance, unless suspended in \
their operation till his Assent should be obtained; and when so suspended, he has utterly \
neglected to attend to them. He has called together legislative bodies at places unusual, \
uncomfortable, and distant from the depository of their public Records, for the sole purpose of \
fatiguing them into compliance with his measures.
"""

LINCOLN = """\
Four score and seven years ago our fathers brought forth on this continent, a new nation, \
conceived in Liberty, and dedicated to the proposition that all men are created equal.

Now we are engaged in a great civil war, testing whether that nation, or any nation so \
conceived and so dedicated, can long endure. We are met on a great battle-field of that war. We \
have come to dedicate a portion of that field, as a final resting place for those who here gave \
their lives that that nation might live. It is altogether fitting and proper that we should do \
this.

But, in a larger sense, we can not dedicate -- we can not consecrate -- we can not hallow -- this \
ground. The brave men, living and dead, who struggled here, have consecrated it, far above our \
poor power to add or detract. The world will little note, nor long remember what we say here, \
but it can never forget what they did here. It is for us the living, rather, to be dedicated \
here to the unfinished work which they who fought here have thus far so nobly advanced.

With malice toward none, with charity for all, with firmness in the right as God gives us to \
see the right, let us strive on to finish the work we are in, to bind up the nation's wounds, \
to care for him who shall have borne the battle and for his widow and his orphan, to do all \
which may achieve and cherish a just and lasting peace among ourselves and with all nations.
"""


@dataclass(frozen=True)
class Noise:
    """One level of damage. Densities are per pixel; sizes in pixels at 300 dpi."""

    ink_low: float  # the faintest a stroke gets (1.0: full black)
    nicks: float  # white gaps per ink pixel
    blur: float  # Gaussian sigma
    speckle: float  # dark dots per pixel
    dust: float  # larger dark blobs per pixel
    skew: float  # degrees, largest
    jpeg: int  # quality


NOISE = {
    "light": Noise(0.8, 0.0005, 0.7, 0.001, 0.00001, 0.4, 70),
    "medium": Noise(0.7, 0.001, 0.9, 0.003, 0.00003, 0.8, 45),
    "heavy": Noise(0.6, 0.002, 1.1, 0.006, 0.00006, 1.2, 25),
}


def documents() -> dict[str, tuple[str, str]]:
    """Each document's text (paragraphs separated by a blank line) and font."""
    memo = "\n\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "samples" / "memorandum").glob("page-*.gt.txt"))
    )
    return {
        "memorandum": (memo, "freemono"),
        "declaration": (DECLARATION, "freemono"),
        "lincoln": (LINCOLN, "liberation"),
    }


def typed_lines(text: str) -> list[str]:
    """Lines as typed: the memorandum keeps its own line breaks; prose is wrapped."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        rows = [row.rstrip() for row in paragraph.splitlines() if row.strip()]
        if not rows:
            continue
        if all(len(row) <= WRAP for row in rows):
            lines.extend(rows)
        else:
            lines.extend(textwrap.wrap(" ".join(rows), WRAP))
        lines.append("")
    return lines


def pages_of(lines: list[str], count: int) -> list[list[str]]:
    pages: list[list[str]] = []
    while lines and len(pages) < count:
        page, lines = lines[:LINES_PER_PAGE], lines[LINES_PER_PAGE:]
        while page and not page[-1]:
            page.pop()
        if page:
            pages.append(page)
    return pages


def load_font(key: str) -> ImageFont.FreeTypeFont:
    path, package = FONTS[key]
    if not Path(path).is_file():
        sys.exit(f"degraded_pages.py: font {path} missing: apt-get install -y {package}")
    return ImageFont.truetype(path, FONT_PX)


def render(lines: list[str], font: ImageFont.FreeTypeFont, noise: Noise, seed: int) -> bytes:
    """The page as a JPEG file's bytes."""
    rng = np.random.default_rng(seed)
    width = LEFT * 2 + WRAP * 30
    height = TOP * 2 + LINES_PER_PAGE * LINE_STEP
    canvas = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(canvas)
    for row, text in enumerate(lines):
        draw.text((LEFT, TOP + row * LINE_STEP), text, font=font, fill=255)
    ink = np.asarray(canvas, dtype=np.float32) / 255.0
    # Uneven ink: a smooth field over the page times a per-strike pressure.
    coarse = rng.uniform(noise.ink_low, 1.0, (12, 12)).astype(np.float32)
    field = cv2.resize(coarse, (width, height))
    strikes = cv2.resize(
        rng.uniform(noise.ink_low, 1.0, (height // 60, width // 30)).astype(np.float32),
        (width, height),
        interpolation=cv2.INTER_NEAREST,
    )
    ink *= np.minimum(field, strikes)
    # Nicks: worn type leaves small white gaps in strokes.
    ys, xs = np.nonzero(ink > 0.3)
    picks = rng.random(len(ys)) < noise.nicks
    for y, x in zip(ys[picks], xs[picks]):
        cv2.circle(ink, (int(x), int(y)), int(rng.integers(1, 4)), 0.0, -1)
    ink = cv2.GaussianBlur(ink, (0, 0), noise.blur)
    # Speckle (single dots, toner) and dust (bigger blobs).
    dots = rng.random((height, width)) < noise.speckle
    ink[dots] = np.maximum(ink[dots], rng.uniform(0.5, 1.0, int(dots.sum())))
    for _ in range(int(noise.dust * width * height)):
        center = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.ellipse(
            ink,
            center,
            (int(rng.integers(2, 6)), int(rng.integers(1, 4))),
            float(rng.uniform(0, 180)),
            0,
            360,
            float(rng.uniform(0.6, 1.0)),
            -1,
        )
    paper = 0.93 + 0.04 * cv2.resize(rng.random((8, 8)).astype(np.float32), (width, height))
    gray = np.clip(paper * (1.0 - ink) * 255.0 + rng.normal(0, 4, (height, width)), 0, 255)
    angle = float(rng.uniform(-noise.skew, noise.skew))
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    gray = cv2.warpAffine(
        gray.astype(np.uint8), matrix, (width, height), borderMode=cv2.BORDER_REPLICATE
    )
    out = io.BytesIO()
    Image.fromarray(gray).save(out, "JPEG", quality=noise.jpeg, dpi=(DPI, DPI))
    return out.getvalue()


def make_set(out: Path, pages_per_document: int = 2) -> list[Path]:
    """Write the set into `out`; returns the image paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, (text, font_key) in documents().items():
        font = load_font(font_key)
        for level in LEVELS:
            for number, lines in enumerate(pages_of(typed_lines(text), pages_per_document), 1):
                stem = f"{name}-{level}-p{number}"
                seed = int.from_bytes(hashlib.sha256(stem.encode()).digest()[:8], "big")
                image = out / f"{stem}.jpg"
                image.write_bytes(render(lines, font, NOISE[level], seed))
                (out / f"{stem}.gt.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
                written.append(image)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the pages and their ground truth")
    parser.add_argument("--pages-per-document", type=int, default=2)
    args = parser.parse_args(argv)
    written = make_set(args.out, args.pages_per_document)
    print(f"wrote {len(written)} pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
