"""Telling a file's format and version from its content: root element and namespace for XML,
the header row for Tesseract's TSV; never from the file's extension."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from corrigenda.errors import InputError
from corrigenda.formats.xmlsafe import local, namespace, parse_markup

ALTO_NAMESPACES = {
    "http://www.loc.gov/standards/alto/ns-v4#": "4",
    "http://www.loc.gov/standards/alto/ns-v3#": "3",
    "http://www.loc.gov/standards/alto/ns-v2#": "2",
    "http://schema.ccs-gmbh.com/ALTO": "1",
    "http://www.loc.gov/standards/alto/": "1",
}
PAGE_NAMESPACE = re.compile(r"^https?://schema\.primaresearch\.org/PAGE/gts/pagecontent/([\d-]+)$")
TEI_NAMESPACE = "http://www.tei-c.org/ns/1.0"
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num"


@dataclass(frozen=True)
class Detected:
    format: str  # hocr, alto, page, tei, tesseract-tsv, text, or the root element's name
    version: str
    root: etree._Element | None = None  # the parsed tree, so the importer parses once


def detect(path: Path, data: bytes) -> Detected:
    """What `data` (the bytes of `path`) holds."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return detect_markup(parse_markup(data, path))
    try:
        first = data[:1024].decode("utf-8").splitlines()[0] if data else ""
    except UnicodeDecodeError:
        first = ""
    if first.startswith(TSV_HEADER):
        return Detected("tesseract-tsv", "4+")
    if b"\0" in data[:4096]:
        raise InputError(f"{path} is a binary file, not OCR output or a transcript")
    return Detected("text", "")


def detect_markup(root: etree._Element) -> Detected:
    name, ns = local(root.tag), namespace(root)
    if name == "alto":
        version = root.get("SchemaVersion") or ALTO_NAMESPACES.get(ns, "")
        return Detected("alto", version or "unknown", root)
    match = PAGE_NAMESPACE.match(ns)
    if name == "PcGts" and match:
        return Detected("page", match.group(1), root)
    if name == "TEI" and ns == TEI_NAMESPACE:
        return Detected("tei", "P5", root)
    if name == "html":
        classes = root.xpath(
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' ocr_page ')]"
        )
        if classes:
            return Detected("hocr", _hocr_version(root), root)
    return Detected(name or "unknown", ns, root)


def _hocr_version(root: etree._Element) -> str:
    for meta in root.iter("{*}meta", "meta"):
        if (meta.get("name") or "").lower() == "ocr-system":
            return meta.get("content") or "1.x"
    return "1.x"
