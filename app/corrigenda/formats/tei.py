"""TEI P5 export for scholarly editions: a teiHeader naming the correctors, facsimile surfaces
and zones for the boxes, pb and lb, and every correction as choice/sic/corr with resp pointing
at the person who made it, so an edition shows what the OCR said and who changed it.
Handwritten notes, page furniture and marks are encoded as tei_regions.py says."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO

from lxml import etree

import corrigenda
from corrigenda.align import align
from corrigenda.formats.common import (
    integrity_note,
    mend_paragraphs,
    now_iso,
    ocr_lines,
    paragraphs,
)
from corrigenda.formats.history import History, history
from corrigenda.formats.registry import exporter
from corrigenda.formats.tei_regions import (
    carry_furniture,
    container,
    declare_hands,
    marks,
    without_moved,
)
from corrigenda.formats.text import runs_on
from corrigenda.model import BBox, Line, Page, Word
from corrigenda.store import Project

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def user_id(actor: str) -> str:
    """An xml:id for a person (an NCName)."""
    return "user-" + re.sub(r"[^\w.-]", "_", actor)


def _zone_attrs(box: BBox) -> dict[str, str]:
    return {"ulx": str(box.x0), "uly": str(box.y0), "lrx": str(box.x1), "lry": str(box.y1)}


@exporter(
    "tei",
    ".tei.xml",
    "TEI P5 with facsimile zones and the corrections as choice/sic/corr",
    unboxed="have no facsimile zone in the TEI file",
)
def write_tei(
    project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
) -> None:
    past = history(project, pages)
    root = etree.Element(f"{{{TEI}}}TEI", nsmap={None: TEI})
    _header(root, project, pages, past, integrity_note(options))
    declare_hands(root, pages)
    facsimile = _sub(root, "facsimile")
    div = _sub(_sub(_sub(root, "text"), "body"), "div")
    last_p: etree._Element | None = None  # the last paragraph of printed text
    for before, page in zip([None, *pages], pages):
        _surface(facsimile, page)
        pb = {"n": str(page.number), "facs": f"#surface-{page.number}"}
        flows = (
            bool(options.get("join_pages"))
            and before is not None
            and last_p is not None
            and runs_on(before, page, skip_furniture=True)
        )
        if flows and last_p is not None:
            carry_furniture(last_p)
            _sub(last_p, "pb", **pb)  # the paragraph runs on over the page break
        else:
            _sub(div, "pb", **pb)
        baseline = without_moved(ocr_lines(project, page), page)
        # Joined, the paragraphs read on: the breaks OCR guessed inside a page are mended.
        shown = mend_paragraphs(page) if options.get("join_pages") else page
        for group in paragraphs(shown.lines):
            if flows and last_p is not None and page.region_type(group[0]).value == "printed":
                p, flows = last_p, False
            else:
                p = container(div, page, group[0])
            if p.tag == f"{{{TEI}}}p":
                last_p = p
            for line in group:
                editor = past.line_editor.get((page.id, line.id), project.actor)
                _line(p, page.number, line, baseline.get(line.id), editor)
        marks(div, page)
    out.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _header(
    root: etree._Element,
    project: Project,
    pages: Sequence[Page],
    past: History,
    caveat: str | None,
) -> None:
    file_desc = _sub(_sub(root, "teiHeader"), "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", project.path.stem)
    for actor in past.users:
        resp = _sub(title_stmt, "respStmt", **{XML_ID: user_id(actor)})
        _sub(resp, "resp", "correction of the OCR transcription")
        _sub(resp, "name", actor)
    for step in past.ocr:
        resp = _sub(title_stmt, "respStmt")
        _sub(resp, "resp", f"OCR ({step.settings})" if step.settings else "OCR")
        _sub(resp, "name", f"{step.engine} {step.version}".strip())
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "p", f"Exported by Corrigenda {corrigenda.__version__} on {now_iso()}.")
    if caveat:
        _sub(_sub(file_desc, "notesStmt"), "note", caveat, type="integrity")
    source = _sub(file_desc, "sourceDesc")
    names = ", ".join(page.name for page in pages)
    _sub(source, "p", f"Transcribed from the scans {names}.")


def _surface(facsimile: etree._Element, page: Page) -> None:
    n = page.number
    surface = _sub(
        facsimile,
        "surface",
        **{XML_ID: f"surface-{n}"},
        **_zone_attrs(BBox(0, 0, page.width, page.height)),
    )
    _sub(surface, "graphic", url=page.name, width=f"{page.width}px", height=f"{page.height}px")
    for line in page.lines:
        if line.bbox:
            _sub(surface, "zone", **{XML_ID: f"zone-{n}-l{line.id}"}, **_zone_attrs(line.bbox))
        for word in line.words:
            if word.bbox:
                _sub(surface, "zone", **{XML_ID: f"zone-{n}-w{word.id}"}, **_zone_attrs(word.bbox))


def _line(p: etree._Element, n: int, line: Line, ocr: Line | None, editor: str) -> None:
    lb = _sub(p, "lb")
    if line.bbox:
        lb.set("facs", f"#zone-{n}-l{line.id}")
    lb.tail = "\n"
    olds = list(ocr.words) if ocr else list(line.words)
    news = list(line.words)
    for block in align([w.text for w in olds], [w.text for w in news]):
        if block.tag == "equal":
            for word in news[block.b0 : block.b1]:
                _word(p, n, word)
            continue
        choice = _sub(p, "choice")
        choice.tail = " "
        _sub(choice, "sic", " ".join(w.text for w in olds[block.a0 : block.a1]))
        corr = _sub(choice, "corr", resp=f"#{user_id(editor)}")
        for word in news[block.b0 : block.b1]:
            _word(corr, n, word)
        if len(corr):
            corr[-1].tail = None


def _word(parent: etree._Element, n: int, word: Word) -> None:
    w = _sub(parent, "w", word.text)
    if word.bbox:
        w.set("facs", f"#zone-{n}-w{word.id}")
    w.tail = " "
