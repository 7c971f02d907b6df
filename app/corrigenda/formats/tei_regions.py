"""TEI for a page's regions: handwritten notes as `<note>` holding an `<add>` in another hand
(a `<handNote>` in the header says whose), page furniture as `<fw>`, marks (stamp, signature,
figure) as `<figure>` with their description; printed text stays in `<p>`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lxml import etree

from corrigenda.model import Line, Page, Region, RegionType

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
HAND = "hand-notes"  # the xml:id of the handNote all handwritten notes point to
FW_TYPES = {
    RegionType.PAGE_NUMBER: "pageNum",
    RegionType.RUNNING_HEAD: "header",
    RegionType.RUNNING_FOOT: "footer",
}


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def declare_hands(root: etree._Element, pages: Sequence[Page]) -> None:
    """A handNote in the header when any page has handwriting (after the fileDesc)."""
    if not any(r.type == RegionType.HANDWRITTEN for page in pages for r in page.regions):
        return
    header = root.find(f"{{{TEI}}}teiHeader")
    assert header is not None
    notes = _sub(_sub(header, "profileDesc"), "handNotes")
    _sub(
        notes,
        "handNote",
        "Notes written by hand on the typed pages, transcribed by a person.",
        **{XML_ID: HAND, "scribe": "annotator"},
    )


def container(div: etree._Element, page: Page, line: Line) -> etree._Element:
    """The element a paragraph of lines goes in, by the type of the region it is in."""
    kind = page.region_type(line)
    region = page.region(line.region)
    if kind == RegionType.HANDWRITTEN:
        # A note on the page, its text an addition in the annotator's hand (TEI puts @hand
        # on <add>, not on <note>).
        note = _sub(div, "note", type="handwritten", place=_place(page, region))
        return _sub(note, "add", hand=f"#{HAND}")
    if kind in FW_TYPES:
        return _sub(div, "fw", type=FW_TYPES[kind], place=_place(page, region))
    return _sub(div, "p")


def carry_furniture(p: etree._Element) -> None:
    """Before a paragraph flows on over a page break, the page's furniture after it (a page
    number at its foot) moves into it, ahead of the <pb/>, where it stood on the page."""
    following = p.getnext()
    while following is not None and following.tag == f"{{{TEI}}}fw":
        after = following.getnext()
        p.append(following)
        following = after


def marks(div: etree._Element, page: Page) -> None:
    """Stamps, signatures and figures of the page, described, after its text."""
    for region in page.regions:
        if region.type.is_mark:
            figure = _sub(div, "figure", type=region.type.value)
            _sub(figure, "figDesc", region.description or f"a {region.type.value}")


def _place(page: Page, region: Region | None) -> str:
    """Where on the page a region is, in TEI's words."""
    if region is None or region.bbox is None:
        return "inline"
    box = region.bbox
    if not 0.2 * page.width <= (box.x0 + box.x1) / 2 <= 0.8 * page.width:
        return "margin"
    if box.y1 < 0.12 * page.height:
        return "top"
    if box.y0 > 0.88 * page.height:
        return "bottom"
    return "inline"


def without_moved(baseline: dict[int, Line], page: Page) -> dict[int, Line]:
    """The OCR's lines without the words since moved into a handwritten region: taking a
    note out of a typed line is no correction of that line."""
    moved = {w.id for line in page.lines if line.region is not None for w in line.words}
    return {
        line_id: replace(line, words=tuple(w for w in line.words if w.id not in moved))
        for line_id, line in baseline.items()
    }
