"""ALTO: export v4 (valid against the official schema) with the processing history in its
Description; import v2 to v4 (and the older CCS namespace), whatever the measurement unit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

import corrigenda
from corrigenda.formats.alto_regions import mark_blocks, region_tags, tag_block
from corrigenda.formats.common import (
    RawLine,
    RawWord,
    build_lines,
    confidence,
    coordinate,
    enclosing,
    finite,
    integrity_note,
    paragraphs,
)
from corrigenda.formats.detect import detect_markup
from corrigenda.formats.history import History, history
from corrigenda.formats.registry import ImportedFile, ImportedPage, exporter, importer
from corrigenda.formats.xmlsafe import parse_xml
from corrigenda.model import BBox, Page
from corrigenda.store import Project

ALTO4 = "http://www.loc.gov/standards/alto/ns-v4#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{ALTO4} http://www.loc.gov/standards/alto/v4/alto-4-2.xsd"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ALTO4}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _position(box: BBox | None) -> dict[str, str]:
    if box is None:
        return {}
    return {
        "HPOS": str(box.x0),
        "VPOS": str(box.y0),
        "WIDTH": str(box.width),
        "HEIGHT": str(box.height),
    }


@exporter(
    "alto",
    ".xml",
    "ALTO v4 XML (libraries' standard for OCR text with positions)",
    unboxed="have no position (HPOS, VPOS) in the ALTO file",
)
def write_alto(
    project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
) -> None:
    root = etree.Element(f"{{{ALTO4}}}alto", nsmap={None: ALTO4, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    _description(root, pages, history(project, pages), integrity_note(options))
    region_tags(root, pages)
    layout = _sub(root, "Layout")
    for page in pages:
        _page(layout, page)
    out.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _description(
    root: etree._Element, pages: Sequence[Page], past: History, caveat: str | None
) -> None:
    description = _sub(root, "Description")
    _sub(description, "MeasurementUnit", "pixel")
    if pages:
        info = _sub(description, "sourceImageInformation")
        _sub(info, "fileName", pages[0].name)
    step = 0
    for ocr in past.ocr:
        step += 1
        processing = _sub(description, "Processing", ID=f"processing_{step}")
        if ocr.time:
            _sub(processing, "processingDateTime", ocr.time)
        _sub(processing, "processingStepDescription", "OCR")
        if ocr.settings:
            _sub(processing, "processingStepSettings", ocr.settings)
        software = _sub(processing, "processingSoftware")
        _sub(software, "softwareName", ocr.engine)
        if ocr.version:
            _sub(software, "softwareVersion", ocr.version)
    step += 1
    processing = _sub(description, "Processing", ID=f"processing_{step}")
    if past.last_edit:
        _sub(processing, "processingDateTime", past.last_edit)
    _sub(
        processing,
        "processingStepDescription",
        f"correction of the OCR text: {past.edits} line edits by {', '.join(past.users) or '-'}"
        + (f". {caveat}" if caveat else ""),
    )
    software = _sub(processing, "processingSoftware")
    _sub(software, "softwareCreator", "The Corrigenda developers")
    _sub(software, "softwareName", "Corrigenda")
    _sub(software, "softwareVersion", corrigenda.__version__)


def _page(layout: etree._Element, page: Page) -> None:
    n = page.number
    element = _sub(
        layout,
        "Page",
        ID=f"page_{n}",
        PHYSICAL_IMG_NR=str(n),
        WIDTH=str(page.width),
        HEIGHT=str(page.height),
    )
    space = _sub(element, "PrintSpace", **_position(BBox(0, 0, page.width, page.height)))
    for b, group in enumerate(paragraphs(page.lines), 1):
        block = _sub(space, "TextBlock", ID=f"block_{n}_{b}", **_position(enclosing(group)))
        tag_block(block, page, group[0])
        for line in group:
            text_line = _sub(
                block,
                "TextLine",
                ID=f"line_{n}_{line.id}",
                **_position(line.bbox or enclosing(line.words)),
            )
            for i, word in enumerate(line.words):
                if i:
                    _sub(text_line, "SP")
                attrs = {
                    "ID": f"string_{n}_{word.id}",
                    "CONTENT": word.text,
                    **_position(word.bbox),
                }
                if word.conf is not None:
                    attrs["WC"] = f"{max(0.0, min(1.0, word.conf / 100)):.4g}"
                _sub(text_line, "String", **attrs)
    mark_blocks(space, page)


# -- import --------------------------------------------------------------------------------


def _number(element: etree._Element, name: str) -> float | None:
    return finite(element.get(name))


def _alto_box(element: etree._Element) -> BBox | None:
    x, y, w, h = (_number(element, k) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
    if x is None or y is None or w is None or h is None:
        return None
    x0, y0 = coordinate(x) or 0, coordinate(y) or 0
    x1, y1 = coordinate(x + w) or 0, coordinate(y + h) or 0
    return BBox(x0, y0, max(x0, x1), max(y0, y1))


@importer("alto", "ALTO XML v2 to v4 (ABBYY, Tesseract, Kraken, docWORKS and others)")
def read_alto(path: Path, data: bytes) -> ImportedFile:
    root = parse_xml(data, path)
    detected = detect_markup(root)
    image = root.findtext(".//{*}sourceImageInformation/{*}fileName")
    pages = []
    for page in root.iter("{*}Page"):
        raw: list[RawLine] = []
        for b, block in enumerate(page.iter("{*}TextBlock"), 1):
            for line in block.iter("{*}TextLine"):
                words: list[RawWord] = []
                for item in line:
                    name = etree.QName(item).localname if isinstance(item.tag, str) else ""
                    if name == "String":
                        words.append(
                            RawWord(
                                item.get("CONTENT", ""),
                                _alto_box(item),
                                confidence(item.get("WC"), 100),
                            )
                        )
                    elif name == "HYP" and words:  # the printed hyphen belongs to the word
                        words[-1].text += item.get("CONTENT", "-")
                raw.append(RawLine(words, _alto_box(line), b, 0))
        width, height = coordinate(page.get("WIDTH")), coordinate(page.get("HEIGHT"))
        pages.append(
            ImportedPage(
                (image or "").strip() or None,
                width or None,
                height or None,
                build_lines(raw),
            )
        )
    return ImportedFile(
        path,
        "alto",
        detected.version,
        _producer(root),
        data.decode("utf-8", "replace"),
        tuple(pages),
    )


def _producer(root: etree._Element) -> str:
    for software in root.iter("{*}processingSoftware"):
        name = software.findtext("{*}softwareName") or ""
        version = software.findtext("{*}softwareVersion") or ""
        if name:
            return f"{name} {version}".strip()
    return ""
