"""Parsing XML (and hOCR's HTML) from other tools, which Corrigenda treats as untrusted.

Entities are never expanded, DTDs never loaded, the network never reached, and trees stay
within libxml2's normal limits (no huge_tree). A file that declares entities is refused
outright: legitimate hOCR, ALTO and PAGE files have no need of them, while XXE and
"billion laughs" files depend on them. Errors name the file and, where known, the line.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

from corrigenda.errors import InputError

MAX_XML_BYTES = 64 * 1024 * 1024  # a dense newspaper page in ALTO is a few MB


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _html_parser() -> html.HTMLParser:
    return html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)


def read_bounded(path: Path, limit: int = MAX_XML_BYTES) -> bytes:
    """The file's bytes, refusing files larger than `limit` before reading them."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                f"{path} is {size / 1e6:.0f} MB, more than the {limit / 1e6:.0f} MB Corrigenda "
                "reads from one file: split it first"
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc


def parse_xml(data: bytes, name: str | Path) -> etree._Element:
    """The root element of an XML document, or an InputError naming the file and line."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"{name} is larger than {MAX_XML_BYTES / 1e6:.0f} MB: split it first")
    if b"<!DOCTYPE" in data[:65536] and b"<!ENTITY" in data:
        raise InputError(f"{name} line {_line_of(data, b'<!ENTITY')}: {ENTITIES_REFUSED}")
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        line = f" line {exc.lineno}" if exc.lineno else ""
        raise InputError(
            f"{name}{line}: not well-formed XML ({exc.msg}); fix or re-export the file"
        ) from exc
    if root is None:
        raise InputError(f"{name} holds no XML element")
    _refuse_entities(root.getroottree(), name)
    return root


def parse_html(data: bytes, name: str | Path) -> etree._Element:
    """The root of an HTML document (older hOCR is HTML, not XHTML)."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"{name} is larger than {MAX_XML_BYTES / 1e6:.0f} MB: split it first")
    if b"<!ENTITY" in data.upper():
        raise InputError(
            f"{name} declares XML entities, which Corrigenda refuses in files from "
            "other tools (they can read local files or exhaust memory)"
        )
    try:
        root = etree.fromstring(data, _html_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name} line {exc.lineno}: unreadable HTML ({exc.msg})") from exc
    if root is None:
        raise InputError(f"{name} holds no HTML element")
    return root


def parse_markup(data: bytes, name: str | Path) -> etree._Element:
    """XML if the file is well-formed XML, else HTML when it looks like HTML (hOCR)."""
    try:
        return parse_xml(data, name)
    except InputError:
        head = data[:2048].lower()
        if b"<html" in head and b"<!entity" not in data.lower():
            return parse_html(data, name)
        raise


ENTITIES_REFUSED = (
    "declares XML entities, which Corrigenda refuses in files from other tools (they can read "
    "local files or exhaust memory); remove the DOCTYPE's entity declarations"
)


def _line_of(data: bytes, needle: bytes) -> int:
    return data.count(b"\n", 0, max(0, data.find(needle))) + 1


def _refuse_entities(tree: etree._ElementTree, name: str | Path) -> None:
    """A second guard after parsing, for declarations the byte scan could not see."""
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(f"{name}: {ENTITIES_REFUSED}")


def local(tag: object) -> str:
    """An element's name without its namespace ('' for comments and the like)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def namespace(element: etree._Element) -> str:
    return etree.QName(element).namespace or ""
