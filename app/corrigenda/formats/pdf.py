"""Searchable PDF: each page's scan with an invisible text layer of the corrected words, each
word placed and stretched onto its box, so selecting text in a viewer selects the word in the
scan and `pdftotext` returns the corrected text.

By default the file is PDF/A-2b (ISO 19005-2, level B), as archives ask: fpdf2 writes it when
told to (`enforce_compliance`): XMP metadata with the PDF/A identification, title, producer and
Corrigenda's version; an sRGB output intent with the ICC's sRGB2014 profile that fpdf2 ships
(its licence allows copying and embedding); PDF 1.7; no encryption. The text layer's font is
embedded (glyphless.py). `pdf_plain` writes plain PDF instead (the `--pdf-plain` option).

A page's size follows its scan's resolution, brought within the 3 to 14,400 units a side that
PDF/A allows (ISO 19005-2, 6.1.13; Acrobat keeps the same limits for any PDF): a sliver of a
scan is drawn larger, a huge one smaller, keeping its proportions; the scan itself is embedded
untouched. A page too elongated to fit both limits (over 4,800 to 1) is refused for PDF/A.

Written with fpdf2 (pure Python, actively maintained, on PyPI): it writes invisible text
(render mode 3) and horizontal stretching, embeds JPEG files as they are (no re-encoding) and
stores PNG and TIFF pixels losslessly with Flate, so the scan is never degraded. pypdfium2, which
the project already uses to read PDFs, cannot write a text layer.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from PIL import Image

import corrigenda
from corrigenda.errors import InputError
from corrigenda.formats.common import enclosing, integrity_note
from corrigenda.formats.glyphless import usable, write_glyphless_font
from corrigenda.formats.registry import exporter
from corrigenda.model import Line, Page
from corrigenda.store import Project

if TYPE_CHECKING:  # fpdf2 takes most of a second to import: only an export pays for it
    from fpdf import FPDF

DEFAULT_DPI = 300
PDFA = "PDF/A-2B"
FONT_SHARE_OF_LINE = 0.8  # the font's em box against the line's height
MIN_SIDE, MAX_SIDE = 3.0, 14400.0  # a page's side in points (PDF/A-2, 6.1.13)


@exporter(
    "pdf",
    ".pdf",
    "searchable PDF/A-2b: the scans with an invisible text layer",
    unboxed="are left out of the PDF's text layer: they cannot be found or selected",
)
def write_pdf(
    project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
) -> None:
    import fpdf
    from fpdf import FPDF

    pdfa = not options.get("pdf_plain")
    pdf = FPDF(unit="pt", enforce_compliance=PDFA if pdfa else None)
    pdf.set_title(project.path.stem)
    pdf.set_creator(f"Corrigenda {corrigenda.__version__}")
    pdf.set_producer(f"Corrigenda {corrigenda.__version__} with fpdf2 {fpdf.__version__}")
    caveat = integrity_note(options)
    if caveat:  # the Info dictionary's Subject and, in PDF/A, the XMP's dc:description
        pdf.set_subject(caveat)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    chars = {" "} | {c for page in pages for word in page.words() for c in _drawable(word.text)}
    # fpdf2 reads the font file lazily, until the document is written: keep it till then.
    with tempfile.TemporaryDirectory(prefix="corrigenda-pdf-") as folder:
        font = Path(folder) / "layer.ttf"
        write_glyphless_font(chars, font)
        pdf.add_font("layer", fname=font)
        try:
            for page in pages:
                _page(pdf, project, page, pdfa)
            out.write(bytes(pdf.output()))
        finally:
            _close_fonts(pdf)


def _close_fonts(pdf: FPDF) -> None:
    """fpdf2 keeps its fonts' files open (fontTools reads them lazily): close them before the
    folder holding them goes, also when the export fails half-way."""
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()


def _page(pdf: FPDF, project: Project, page: Page, pdfa: bool) -> None:
    from fpdf.enums import TextMode

    scale = _scale(page, pdfa)
    pdf.add_page(format=(page.width * scale, page.height * scale))
    image = project.image(page.id)
    if pdfa and _is_cmyk(image.data):
        # PDF/A allows CMYK only under a CMYK output profile, which no freely shippable source
        # offers; converting the scan would alter it.
        raise InputError(
            f"page {page.number} ({page.name}) is a CMYK scan, which PDF/A-2b cannot hold "
            "with an sRGB output intent: export it with --pdf-plain, or convert the scan to RGB"
        )
    pdf.image(io.BytesIO(image.data), x=0, y=0, w=page.width * scale, h=page.height * scale)
    pdf.text_mode = TextMode.INVISIBLE
    for line in page.lines:
        _line(pdf, line, scale)
    pdf.text_mode = TextMode.FILL


def _scale(page: Page, pdfa: bool) -> float:
    """Points per pixel: from the scan's resolution, then within the limits of a page's side."""
    scale = 72 / (page.dpi or DEFAULT_DPI)
    short, long = sorted((page.width, page.height))
    if short * scale < MIN_SIDE:
        scale = MIN_SIDE / short
    if long * scale > MAX_SIDE:
        scale = MAX_SIDE / long
    if pdfa and short * scale < MIN_SIDE * (1 - 1e-9):
        raise InputError(
            f"page {page.number} ({page.name}) is {page.width} x {page.height} pixels: PDF/A "
            f"pages must be {MIN_SIDE:g} to {MAX_SIDE:,.0f} units a side, and no scaling fits "
            "both sides; export it with --pdf-plain, or leave the page out (--pages)"
        )
    return scale


def _is_cmyk(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:  # reads the header only
        return image.mode == "CMYK"


def _line(pdf: FPDF, line: Line, scale: float) -> None:
    line_box = line.bbox or enclosing(line.words)
    words = [
        (word.bbox, _drawable(word.text))
        for word in line.words
        if word.bbox is not None and _drawable(word.text)
    ]
    if line_box is None or not words:
        return
    size = max(1.0, line_box.height * scale * FONT_SHARE_OF_LINE)
    pdf.set_font("layer", size=size)
    baseline = (line_box.y1 * scale) - size * 0.2  # descenders sit below the baseline
    space = pdf.get_string_width(" ")
    for i, (box, text) in enumerate(words):
        if i + 1 == len(words):
            _stretched(pdf, text, box.x0 * scale, baseline, box.width * scale)
            break
        # A real space after each word but the last: viewers and pdftotext then split words
        # even where their boxes touch (boxes estimated from a region or a line). It spans
        # the gap to the next word, or takes its share of the word's box when there is none.
        gap = (words[i + 1][0].x0 - box.x1) * scale
        if gap >= space / 2:
            _stretched(pdf, text, box.x0 * scale, baseline, box.width * scale)
            _stretched(pdf, " ", box.x1 * scale, baseline, gap)
        else:
            _stretched(pdf, text + " ", box.x0 * scale, baseline, box.width * scale)
    pdf.set_stretching(100)


def _stretched(pdf: FPDF, text: str, x: float, baseline: float, width: float) -> None:
    """`text` at x, horizontally scaled to `width` points."""
    pdf.set_stretching(100)  # fpdf2 measures with the current stretching
    natural = pdf.get_string_width(text)
    pdf.set_stretching(max(1.0, 100 * width / natural) if natural else 100)
    pdf.text(x, baseline, text)


def _drawable(text: str) -> str:
    return "".join(c for c in text if usable(c))
