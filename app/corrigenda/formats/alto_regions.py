"""ALTO for a page's regions, in ALTO's own terms: a LayoutTag for each region type in use
(handwritten, page-number, running-head, running-foot) that the TextBlocks of those regions
point to with TAGREFS, and marks as Illustration (TYPE stamp, signature or figure)."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from corrigenda.model import Line, Page, RegionType

ALTO4 = "http://www.loc.gov/standards/alto/ns-v4#"
LABELS = {
    RegionType.HANDWRITTEN: "handwritten text, transcribed by a person",
    RegionType.PAGE_NUMBER: "page number",
    RegionType.RUNNING_HEAD: "running head",
    RegionType.RUNNING_FOOT: "running foot",
    RegionType.STAMP: "stamp",
    RegionType.SIGNATURE: "signature",
    RegionType.FIGURE: "figure",
}


def _tag_id(kind: RegionType) -> str:
    return f"tag_{kind.value}"


def region_tags(root: etree._Element, pages: Sequence[Page]) -> None:
    """The Tags element (between Description and Layout) for the region types in use."""
    used = sorted(
        {r.type for page in pages for r in page.regions if r.type in LABELS},
        key=lambda t: t.value,
    )
    if not used:
        return
    tags = etree.SubElement(root, f"{{{ALTO4}}}Tags")
    for kind in used:
        etree.SubElement(
            tags,
            f"{{{ALTO4}}}LayoutTag",
            ID=_tag_id(kind),
            TYPE="region",
            LABEL=kind.value,
            DESCRIPTION=LABELS[kind],
        )


def tag_block(block: etree._Element, page: Page, line: Line) -> None:
    kind = page.region_type(line)
    if kind in LABELS:
        block.set("TAGREFS", _tag_id(kind))


def mark_blocks(space: etree._Element, page: Page) -> None:
    """Stamps, signatures and figures as Illustrations with their box and type."""
    for region in page.regions:
        if not region.type.is_mark or region.bbox is None:
            continue
        box = region.bbox
        etree.SubElement(
            space,
            f"{{{ALTO4}}}Illustration",
            ID=f"mark_{page.number}_{region.id}",
            TYPE=region.type.value,
            TAGREFS=_tag_id(region.type),
            HPOS=str(box.x0),
            VPOS=str(box.y0),
            WIDTH=str(box.width),
            HEIGHT=str(box.height),
        )
