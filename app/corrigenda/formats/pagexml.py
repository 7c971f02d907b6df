"""PAGE XML: export 2019-07-15 (valid against its schema), keeping both the corrected text
(TextEquiv index 1, the main one) and the original OCR where it differs (index 2); import
PAGE 2013 to 2019 from OCR-D, Transkribus, Kraken, Aletheia and others.

PAGE holds one page per file, so several pages are exported as a ZIP of one file per page
(the CLI wants its name to end in .zip) or into a folder.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

import corrigenda
from corrigenda.formats.common import (
    RawLine,
    RawWord,
    box_from_points,
    build_lines,
    confidence,
    coordinate,
    enclosing,
    finite,
    integrity_note,
    now_iso,
    ocr_lines,
    page_box,
    page_file_names,
    paragraphs,
    strips,
)
from corrigenda.formats.detect import detect_markup
from corrigenda.formats.history import history
from corrigenda.formats.page_regions import mark_regions, text_region_attrs
from corrigenda.formats.registry import ImportedFile, ImportedPage, exporter, importer
from corrigenda.formats.xmlsafe import parse_xml
from corrigenda.model import BBox, Line, Page
from corrigenda.store import Project

PAGE2019 = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{PAGE2019} {PAGE2019}/pagecontent.xsd"
NO_BOX = "corrigenda-estimated-box"  # marks a word that had no box of its own


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{PAGE2019}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _points(box: BBox) -> str:
    return f"{box.x0},{box.y0} {box.x1},{box.y0} {box.x1},{box.y1} {box.x0},{box.y1}"


def _text_equiv(
    parent: etree._Element,
    text: str,
    index: int,
    conf: float | None = None,
    comments: str | None = None,
) -> None:
    attrs = {"index": str(index)}
    if conf is not None:
        attrs["conf"] = f"{max(0.0, min(1.0, conf / 100)):.4g}"
    if comments:
        attrs["comments"] = comments
    _sub(_sub(parent, "TextEquiv", **attrs), "Unicode", text)


@exporter(
    "page",
    ".xml",
    "PAGE XML 2019 (one file per page; a ZIP of them for several pages)",
    unboxed=f"take their line's box in the PAGE file, marked {NO_BOX!r}",
    several_suffix=".zip",
)
def write_page(
    project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
) -> None:
    if len(pages) == 1:
        out.write(page_xml(project, pages[0], integrity_note(options)))
        return
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for page, name in zip(pages, page_file_names(pages, ".xml")):
            archive.writestr(name, page_xml(project, page, integrity_note(options)))
    out.write(buffer.getvalue())


def page_xml(project: Project, page: Page, caveat: str | None = None) -> bytes:
    """One page as a PAGE 2019 document; `caveat`, if any, ends its Comments."""
    root = etree.Element(f"{{{PAGE2019}}}PcGts", nsmap={None: PAGE2019, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    root.set("pcGtsId", f"page_{page.number}")
    past = history(project, [page])
    metadata = _sub(root, "Metadata")
    _sub(metadata, "Creator", f"Corrigenda {corrigenda.__version__}")
    created = now_iso()
    _sub(metadata, "Created", created)
    _sub(metadata, "LastChange", created)
    ocr = "; ".join(f"{s.engine} {s.version} ({s.settings})" for s in past.ocr) or "none"
    _sub(
        metadata,
        "Comments",
        f"OCR: {ocr}. Corrected with Corrigenda by "
        f"{', '.join(past.users) or 'nobody yet'} ({past.edits} line edits). "
        "TextEquiv index 1 is the corrected text, index 2 the OCR's."
        + (f" {caveat}" if caveat else ""),
    )
    element = _sub(
        root,
        "Page",
        imageFilename=page.name,
        imageWidth=str(page.width),
        imageHeight=str(page.height),
    )
    baseline = ocr_lines(project, page)
    n = page.number
    for r, group in enumerate(paragraphs(page.lines), 1):
        region = _sub(element, "TextRegion", id=f"r_{n}_{r}", **text_region_attrs(page, group[0]))
        _sub(region, "Coords", points=_points(enclosing(group) or page_box(page)))
        for line in group:
            _line(region, line, baseline.get(line.id), page)
        _text_equiv(region, "\n".join(line.text for line in group), 1)
    mark_regions(element, page)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _line(region: etree._Element, line: Line, ocr: Line | None, page: Page) -> None:
    n = page.number
    line_box = line.bbox or enclosing(line.words) or page_box(page)
    element = _sub(region, "TextLine", id=f"l_{n}_{line.id}")
    _sub(element, "Coords", points=_points(line_box))
    ocr_words = {w.id: w for w in ocr.words} if ocr else {}
    for word in line.words:
        attrs = {"id": f"w_{n}_{word.id}"}
        if word.bbox is None:
            attrs["custom"] = NO_BOX
        w = _sub(element, "Word", **attrs)
        _sub(w, "Coords", points=_points(word.bbox or line_box))
        _text_equiv(w, word.text, 1, word.conf)
        original = ocr_words.get(word.id)
        if original is not None and original.text != word.text:
            _text_equiv(w, original.text, 2, original.conf, "OCR")
    _text_equiv(element, line.text, 1)
    if ocr is not None and ocr.text != line.text:
        _text_equiv(element, ocr.text, 2, None, "OCR")


# -- import --------------------------------------------------------------------------------


def _coords(element: etree._Element) -> BBox | None:
    coords = element.find("{*}Coords")
    if coords is None:
        return None
    if coords.get("points"):
        return box_from_points(coords.get("points", ""))
    points = [f"{p.get('x')},{p.get('y')}" for p in coords.iter("{*}Point")]  # PAGE 2010
    return box_from_points(" ".join(points)) if points else None


def _main_text(element: etree._Element) -> tuple[str, float | None] | None:
    """The TextEquiv with the lowest index (the main text), and its confidence in percent."""
    equivs = element.findall("{*}TextEquiv")
    if not equivs:
        return None
    best = min(equivs, key=lambda e: finite(e.get("index")) or 0)
    return best.findtext("{*}Unicode") or "", confidence(best.get("conf"), 100)


@importer("page", "PAGE XML 2013 to 2019 (OCR-D, Transkribus, Kraken, Aletheia and others)")
def read_page(path: Path, data: bytes) -> ImportedFile:
    root = parse_xml(data, path)
    detected = detect_markup(root)
    page = root.find("{*}Page")
    pages = []
    if page is not None:
        raw: list[RawLine] = []
        estimated = 0
        for b, region in enumerate(_regions(page), 1):
            lines = [_read_line(line, b) for line in region.findall("{*}TextLine")]
            if not any(line.words for line in lines):
                lines, guessed = _region_lines(region, b, [line.bbox for line in lines])
                estimated += guessed
            raw.extend(lines)
        width, height = coordinate(page.get("imageWidth")), coordinate(page.get("imageHeight"))
        pages.append(
            ImportedPage(
                page.get("imageFilename") or None,
                width or None,
                height or None,
                build_lines(raw),
                estimated,
            )
        )
    creator = root.findtext("{*}Metadata/{*}Creator") or ""
    return ImportedFile(
        path,
        "page",
        detected.version,
        creator.strip(),
        data.decode("utf-8", "replace"),
        tuple(pages),
    )


def _read_line(line: etree._Element, block: int) -> RawLine:
    line_box = _coords(line)
    words = []
    for word in line.findall("{*}Word"):
        found = _main_text(word)
        if found and found[0].strip():
            box = None if NO_BOX in (word.get("custom") or "") else _coords(word)
            words.append(RawWord(found[0], box, found[1]))
    if not words:
        found = _main_text(line)
        # An empty <Unicode> is no text: the region's text then stands in (PAGE's SimplePage)
        if found and found[0].strip():
            words = [RawWord(found[0], line_box, found[1])]
    return RawLine(words, line_box, block, 0)


def _region_lines(
    region: etree._Element, block: int, line_boxes: list[BBox | None]
) -> tuple[list[RawLine], int]:
    """A region whose text is only at region level, and how many of its words got boxes
    estimated from the region's outline.

    When the region has as many TextLines (with Coords) as its text has lines, each text line
    takes its TextLine's box. Otherwise the region's box is divided into one strip per line
    (`common.strips`); `build_lines` then divides each line's box among its words by their lengths,
    as for line-only hOCR.
    """
    found = _main_text(region)
    if not found:
        return [], 0
    texts = [text for text in found[0].splitlines() if text.strip()]
    boxes: list[BBox | None]
    estimated = 0
    if texts and len(line_boxes) == len(texts) and all(line_boxes):
        boxes = list(line_boxes)
    elif (outline := _coords(region)) is not None and texts:
        boxes = strips(outline, texts)
        estimated = sum(len(text.split()) for text in texts)
    else:
        boxes = [None] * len(texts)
    lines = [
        RawLine([RawWord(text, box, found[1])], box, block, 0) for text, box in zip(texts, boxes)
    ]
    return lines, estimated


def _regions(page: etree._Element) -> list[etree._Element]:
    """Text regions (nested ones too) in reading order where the file gives one."""
    regions = list(page.iter("{*}TextRegion"))
    order = {
        ref.get("regionRef"): i
        for i, ref in enumerate(page.iterfind(".//{*}ReadingOrder//*[@regionRef]"))
    }
    if order:
        regions.sort(key=lambda r: order.get(r.get("id"), len(order)))
    return regions
