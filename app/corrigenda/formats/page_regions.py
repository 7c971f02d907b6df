"""PAGE XML for a page's regions: the TextRegion type of each paragraph by the region it is in
(handwriting is marginalia written by hand, furniture is page-number, header or footer), and
marks as GraphicRegion (stamp, signature) or ImageRegion (figure)."""

from __future__ import annotations

from lxml import etree

from corrigenda.model import BBox, Line, Page, RegionType

PAGE2019 = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
TEXT_TYPES = {
    RegionType.PRINTED: "paragraph",
    RegionType.HANDWRITTEN: "marginalia",
    RegionType.PAGE_NUMBER: "page-number",
    RegionType.RUNNING_HEAD: "header",
    RegionType.RUNNING_FOOT: "footer",
}


def text_region_attrs(page: Page, line: Line) -> dict[str, str]:
    """The TextRegion's type (and how it was produced, for handwriting) of a paragraph."""
    kind = page.region_type(line)
    attrs = {"type": TEXT_TYPES.get(kind, "paragraph")}
    if kind == RegionType.HANDWRITTEN:
        attrs["production"] = "handwritten-cursive"
    return attrs


def mark_regions(element: etree._Element, page: Page) -> None:
    """Stamps and signatures as GraphicRegion, figures as ImageRegion, with their box."""
    for region in page.regions:
        if not region.type.is_mark:
            continue
        box = region.bbox or BBox(0, 0, page.width, page.height)
        n = page.number
        if region.type == RegionType.FIGURE:
            mark = etree.SubElement(element, f"{{{PAGE2019}}}ImageRegion", id=f"g_{n}_{region.id}")
        else:
            mark = etree.SubElement(
                element,
                f"{{{PAGE2019}}}GraphicRegion",
                id=f"g_{n}_{region.id}",
                type=region.type.value,
            )
        if region.description:
            mark.set("custom", f"description {{text:{_escape(region.description)};}}")
        points = f"{box.x0},{box.y0} {box.x1},{box.y0} {box.x1},{box.y1} {box.x0},{box.y1}"
        etree.SubElement(mark, f"{{{PAGE2019}}}Coords", points=points)


def _escape(text: str) -> str:
    # PAGE's custom attribute is "name {key:value;}": braces and semicolons would end it.
    return text.replace("\\", "\\\\").replace(";", "\\u003b").replace("}", "\\u007d")
