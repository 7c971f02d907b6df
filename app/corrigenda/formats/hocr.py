"""hOCR 1.2: export a tree of ocr_page > ocr_carea > ocr_par > ocr_line > ocrx_word with
bbox, x_wconf and the image reference; import hOCR from Tesseract, OCRopus and others."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

import corrigenda
from corrigenda.formats.common import (
    RawLine,
    RawWord,
    blocks,
    build_lines,
    confidence,
    coordinate,
    enclosing,
    integrity_note,
)
from corrigenda.formats.detect import detect_markup
from corrigenda.formats.registry import ImportedFile, ImportedPage, exporter, importer
from corrigenda.formats.xmlsafe import parse_markup
from corrigenda.model import BBox, Line, Page, RegionType
from corrigenda.store import Project

XHTML = "http://www.w3.org/1999/xhtml"
DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
LINE_CLASSES = {"ocr_line", "ocrx_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
CAPABILITIES = (
    "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf "
    "ocr_textfloat ocr_pageno ocr_header ocr_footer ocr_image"
)
# Handwritten notes float beside the text (ocr_textfloat); page furniture has hOCR's own
# classes; marks are images.
AREA_CLASSES = {
    RegionType.HANDWRITTEN: "ocr_textfloat",
    RegionType.PAGE_NUMBER: "ocr_pageno",
    RegionType.RUNNING_HEAD: "ocr_header",
    RegionType.RUNNING_FOOT: "ocr_footer",
}


def area_class(page: Page, line: Line) -> str:
    return AREA_CLASSES.get(page.region_type(line), "ocr_carea")


def _box(box: BBox | None) -> str:
    return f"bbox {box.x0} {box.y0} {box.x1} {box.y1}" if box else ""


def _title(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _el(parent: etree._Element, tag: str, cls: str, ident: str, title: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{XHTML}}}{tag}", {"class": cls, "id": ident})
    if title:
        element.set("title", title)
    return element


@exporter(
    "hocr",
    ".hocr",
    "hOCR 1.2 (XHTML with word boxes and confidences)",
    unboxed="have no bbox in the hOCR file",
)
def write_hocr(
    project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
) -> None:
    root = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    head = etree.SubElement(root, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = project.path.stem
    for name, content in (
        ("ocr-system", f"corrigenda {corrigenda.__version__}"),
        ("ocr-capabilities", CAPABILITIES),
        ("ocr-number-of-pages", str(len(pages))),
        ("corrigenda-integrity", integrity_note(options)),
    ):
        if content:
            etree.SubElement(head, f"{{{XHTML}}}meta", name=name, content=content)
    body = etree.SubElement(root, f"{{{XHTML}}}body")
    for page in pages:
        _write_page(body, page)
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPE.encode() + b"\n")
    out.write(etree.tostring(root, encoding="utf-8", pretty_print=True))


def _write_page(body: etree._Element, page: Page) -> None:
    n = page.number
    image = 'image "{}"'.format(page.name.replace('"', "'"))
    div = _el(
        body,
        "div",
        "ocr_page",
        f"page_{n}",
        _title(image, f"bbox 0 0 {page.width} {page.height}", f"ppageno {n - 1}"),
    )
    par_count = 0
    for b, block in enumerate(blocks(page.lines), 1):
        area = _el(
            div,
            "div",
            area_class(page, block[0][0]),
            f"block_{n}_{b}",
            _box(enclosing(line for par in block for line in par)),
        )
        for par in block:
            par_count += 1
            p = _el(area, "p", "ocr_par", f"par_{n}_{par_count}", _box(enclosing(par)))
            for line in par:
                span = _el(
                    p,
                    "span",
                    "ocr_line",
                    f"line_{n}_{line.id}",
                    _box(line.bbox or enclosing(line.words)),
                )
                for i, word in enumerate(line.words):
                    conf = f"x_wconf {round(word.conf)}" if word.conf is not None else ""
                    w = _el(
                        span,
                        "span",
                        "ocrx_word",
                        f"word_{n}_{word.id}",
                        _title(_box(word.bbox), conf),
                    )
                    w.text = word.text
                    w.tail = " " if i < len(line.words) - 1 else None
    for region in page.regions:  # stamps, signatures, figures: images on the page
        if region.type.is_mark and region.bbox is not None:
            _el(div, "div", "ocr_image", f"mark_{n}_{region.id}", _box(region.bbox))


# -- import --------------------------------------------------------------------------------

TITLE_PART = re.compile(r'\s*(\w+)\s+("(?:[^"\\]|\\.)*"|[^;]*)\s*(?:;|$)')


def parse_title(title: str) -> dict[str, str]:
    """hOCR properties: 'image "a.png"; bbox 0 0 10 10' -> {'image': 'a.png', 'bbox': ...}."""
    props = {}
    for match in TITLE_PART.finditer(title or ""):
        value = match.group(2).strip()
        props[match.group(1)] = value[1:-1] if value.startswith('"') else value
    return props


def _classes(element: etree._Element) -> set[str]:
    value = element.get("class") if isinstance(element.tag, str) else None
    return set(value.split()) if value else set()


def _bbox(props: dict[str, str]) -> BBox | None:
    values = [coordinate(v) for v in props.get("bbox", "").split()[:4]]
    if len(values) < 4 or None in values:
        return None
    x0, y0, x1, y1 = (v or 0 for v in values)
    return BBox(x0, y0, max(x0, x1), max(y0, y1))


def _conf(props: dict[str, str]) -> float | None:
    return confidence(props.get("x_wconf"))


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


@importer("hocr", "hOCR from Tesseract, OCRopus, Kraken and others")
def read_hocr(path: Path, data: bytes) -> ImportedFile:
    root = parse_markup(data, path)
    detected = detect_markup(root)
    pages = []
    for element in root.iter():
        if "ocr_page" in _classes(element):
            pages.append(_read_page(element))
    return ImportedFile(
        path,
        "hocr",
        detected.version,
        detected.version,
        data.decode("utf-8", "replace"),
        tuple(pages),
    )


def _read_page(page: etree._Element) -> ImportedPage:
    props = parse_title(page.get("title", ""))
    box = _bbox(props)
    raw: list[RawLine] = []
    block = paragraph = 0
    current_area: etree._Element | None = None
    current_par: etree._Element | None = None
    for element in page.iter():
        classes = _classes(element)
        if not classes & LINE_CLASSES:
            continue
        area = next((a for a in element.iterancestors() if "ocr_carea" in _classes(a)), None)
        par = next((a for a in element.iterancestors() if "ocr_par" in _classes(a)), None)
        if area is not current_area:
            block, current_area = block + 1, area
        if par is not current_par:
            paragraph, current_par = paragraph + 1, par
        line_box = _bbox(parse_title(element.get("title", "")))
        words = [
            RawWord(_text(w), _bbox(p), _conf(p))
            for w in element.iter()
            if "ocrx_word" in _classes(w)
            for p in [parse_title(w.get("title", ""))]
        ]
        if not words:  # lines-only hOCR (OCRopus): the line's text shares its box
            words = [RawWord(_text(element), line_box, None)]
        raw.append(RawLine(words, line_box, block, paragraph))
    return ImportedPage(
        props.get("image") or None,
        box.width if box else None,
        box.height if box else None,
        build_lines(raw),
    )
