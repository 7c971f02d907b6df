"""A font for the invisible text layer of a searchable PDF: one glyph for each character the
document uses, made with fontTools (which fpdf2 already depends on).

Its glyphs are never drawn (render mode 3), so each is a plain box: it needs only a width (each
word is stretched onto its box anyway), an extent, and a Unicode mapping, so that search,
selection and `pdftotext` return the characters. This is the idea of Tesseract's and
OCRmyPDF's GlyphLessFont, with one difference that PDF/A needs: every character maps to a
glyph of its own, so no text ever falls back to the `.notdef` glyph (ISO 19005-2, 6.2.11.8),
and fpdf2 gives each character its own code, which keeps the ToUnicode mapping exact. A system
font cannot promise that: DejaVu Sans has no CJK, and a machine may have no font at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

UNITS_PER_EM = 1000
ADVANCE = 500  # every glyph is half an em wide: words are stretched onto their boxes
ASCENT, DESCENT = 800, -200
FAMILY = "CorrigendaGlyphLess"


def usable(char: str) -> bool:
    """A character a font's cmap can map: one code point that is not a surrogate or a
    noncharacter (U+FFFE, U+FFFF)."""
    code = ord(char)
    return not (0xD800 <= code <= 0xDFFF) and code not in (0xFFFE, 0xFFFF)


def _box() -> object:
    """A glyph that is a rectangle over its advance and the em's height: never drawn (the text
    is invisible), but it gives each character a box, which text extraction and selection in
    viewers rely on (pdfium drops some characters whose glyphs have no extent)."""
    pen = TTGlyphPen(None)
    pen.moveTo((0, DESCENT))
    pen.lineTo((0, ASCENT))
    pen.lineTo((ADVANCE, ASCENT))
    pen.lineTo((ADVANCE, DESCENT))
    pen.closePath()
    return pen.glyph()


def write_glyphless_font(chars: Iterable[str], path: Path) -> None:
    """Write a TrueType font to `path` with one glyph for each of `chars`."""
    codes = sorted({ord(c) for c in chars if usable(c)})
    names = [".notdef"] + [f"u{code:04X}" for code in codes]
    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({code: name for code, name in zip(codes, names[1:])})
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), **dict.fromkeys(names[1:], _box())})
    builder.setupHorizontalMetrics({name: (ADVANCE, 0) for name in names})
    builder.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    builder.setupNameTable({"familyName": FAMILY, "styleName": "Regular"})
    builder.setupOS2(
        sTypoAscender=ASCENT,
        sTypoDescender=DESCENT,
        usWinAscent=ASCENT,
        usWinDescent=-DESCENT,
        fsType=0,  # installable embedding: no restriction on embedding it in a PDF
    )
    builder.setupPost()
    builder.save(str(path))
