"""Searchable PDF: each page's scan with an invisible text layer of the corrected words, each
word placed and stretched onto its box, so selecting text in a viewer selects the word in the
scan and `pdftotext` returns the corrected text.

Written with fpdf2 (pure Python, actively maintained, on PyPI): it writes invisible text
(render mode 3) and horizontal stretching, embeds JPEG files as they are (no re-encoding) and
stores PNG and TIFF pixels losslessly with Flate, so the scan is never degraded. pypdfium2, which
the project already uses to read PDFs, cannot write a text layer.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import corrigenda
from corrigenda.formats.registry import exporter
from corrigenda.model import Line, Page
from corrigenda.store import Project

if TYPE_CHECKING:  # fpdf2 takes most of a second to import: only an export pays for it
    from fpdf import FPDF

DEFAULT_DPI = 300
# A Unicode font makes any script searchable; its glyphs are never drawn (the text is invisible).
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/freefont/FreeSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/Library/Fonts/Arial Unicode.ttf"),
    Path("C:/Windows/Fonts/arial.ttf"),
)
FONT_SHARE_OF_LINE = 0.8  # the font's em box against the line's height


@exporter("pdf", ".pdf", "searchable PDF: the scans with an invisible text layer")
def write_pdf(
    project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
) -> None:
    from fpdf import FPDF
    from fpdf.enums import TextMode

    pdf = FPDF(unit="pt")
    pdf.set_creator(f"Corrigenda {corrigenda.__version__}")
    pdf.set_title(project.path.stem)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    font = _font(pdf)
    for page in pages:
        scale = 72 / (page.dpi or DEFAULT_DPI)  # pixels to points
        pdf.add_page(format=(page.width * scale, page.height * scale))
        image = project.image(page.id)
        pdf.image(io.BytesIO(image.data), x=0, y=0, w=page.width * scale, h=page.height * scale)
        pdf.text_mode = TextMode.INVISIBLE
        for line in page.lines:
            _line(pdf, font, line, scale)
        pdf.text_mode = TextMode.FILL
    out.write(bytes(pdf.output()))


def _font(pdf: FPDF) -> str:
    for path in UNICODE_FONTS:
        if path.is_file():
            pdf.add_font("layer", fname=str(path))
            return "layer"
    return "helvetica"  # Latin-1 only: other characters become "?"


def _line(pdf: FPDF, font: str, line: Line, scale: float) -> None:
    if line.bbox is None:
        return
    size = max(1.0, line.bbox.height * scale * FONT_SHARE_OF_LINE)
    pdf.set_font(font, size=size)
    baseline = (line.bbox.y1 * scale) - size * 0.2  # descenders sit below the baseline
    for word in line.words:
        if word.bbox is None:
            continue
        text = word.text if font != "helvetica" else _latin1(word.text)
        pdf.set_stretching(100)  # fpdf2 measures with the current stretching
        natural = pdf.get_string_width(text)
        width = word.bbox.width * scale
        pdf.set_stretching(max(1.0, 100 * width / natural) if natural else 100)
        pdf.text(word.bbox.x0 * scale, baseline, text)
    pdf.set_stretching(100)


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")
