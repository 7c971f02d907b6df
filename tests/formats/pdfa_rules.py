"""A PDF/A-2b check that runs here: qpdf's structural check (through pikepdf) and the rules of
ISO 19005-2 that a writer like ours can break, each named by its clause.

veraPDF, the reference validator, is Java and neither Debian nor PyPI carries it; this is the
part of its PDF/A-2b profile that concerns what Corrigenda writes (file structure, metadata,
output intent, colour spaces, images, fonts, actions). It does not check rendering rules that
need the fonts' glyph programs, such as glyph widths against the font dictionary.

    problems = pdfa2b_problems(Path("out.pdf"))   # [] when every rule holds
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from lxml import etree

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
# Namespaces of the XMP schemas ISO 19005-2 predefines (6.6.2.3.1); others need an extension
# schema description, which we never write.
PREDEFINED = {
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/xap/1.0/",
    "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/pdf/1.3/",
    "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/tiff/1.0/",
    "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/xap/1.0/sType/ResourceRef#",
    "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#",
    PDFAID,
    RDF,
    "adobe:ns:meta/",
    "http://www.w3.org/XML/1998/namespace",
}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript"}
FORBIDDEN_ANNOTATIONS = {"/3D", "/Sound", "/Screen", "/Movie"}
MAX_INT = 2**31 - 1


def pdfa2b_problems(path: Path) -> list[str]:
    data = path.read_bytes()
    problems = _header(data)
    with pikepdf.open(path) as pdf:
        problems += [f"qpdf: {p}" for p in pdf.check_pdf_syntax()]
        problems += _trailer(pdf)
        problems += _metadata(pdf)
        problems += _output_intent(pdf)
        problems += _objects(pdf)
        problems += _pages(pdf)
    return problems


def _header(data: bytes) -> list[str]:
    problems = []
    if not re.match(rb"%PDF-1\.[0-7]\r?\n?", data):
        problems.append("6.1.2: the file does not start with %PDF-1.n (n from 0 to 7)")
    second = data.split(b"\n", 2)[1] if data.count(b"\n") >= 2 else b""
    if not (second.startswith(b"%") and sum(b > 127 for b in second[1:5]) == 4):
        problems.append("6.1.2: no comment of four bytes above 127 after the header")
    if not re.search(rb"%%EOF\r?\n?$", data):
        problems.append("6.1.3: data after the last %%EOF")
    return problems


def _trailer(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    if "/ID" not in pdf.trailer:
        problems.append("6.1.3: the trailer has no ID")
    if "/Encrypt" in pdf.trailer:
        problems.append("6.1.3: the file is encrypted")
    return problems


def _metadata(pdf: pikepdf.Pdf) -> list[str]:
    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        return ["6.6.2.1: the catalog has no metadata stream"]
    problems = []
    if "/Filter" in stream:
        problems.append("6.6.2.1: the metadata stream is filtered")
    if stream.get("/Type") != "/Metadata" or stream.get("/Subtype") != "/XML":
        problems.append("6.6.2.1: the metadata stream is not /Type /Metadata /Subtype /XML")
    xml = stream.read_bytes()
    begin = re.search(rb"<\?xpacket begin=[^>]*\?>", xml)
    if begin is None or b"bytes=" in begin.group() or b"encoding=" in begin.group():
        problems.append("6.6.2.2: the XMP packet header is missing or has bytes/encoding")
    try:
        root = etree.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", xml).strip())
    except etree.XMLSyntaxError as exc:
        return [*problems, f"6.6.2.1: the XMP is not well-formed ({exc})"]
    part = _xmp_value(root, PDFAID, "part")
    conformance = _xmp_value(root, PDFAID, "conformance")
    if (part, conformance) != ("2", "B"):
        problems.append(f"6.6.4: pdfaid part/conformance are {part}/{conformance}, not 2/B")
    for element in root.iter():
        names = [element.tag, *element.attrib]
        for name in names:
            if isinstance(name, str) and name.startswith("{"):
                namespace = name[1:].split("}")[0]
                if namespace not in PREDEFINED:
                    problems.append(f"6.6.2.3.1: XMP property in undescribed schema {namespace}")
    problems += _info_matches_xmp(pdf, root)
    return problems


def _xmp_value(root: etree._Element, namespace: str, name: str) -> str | None:
    """A simple XMP property, written as an element or as an attribute of a Description."""
    for description in root.iter(f"{{{RDF}}}Description"):
        if f"{{{namespace}}}{name}" in description.attrib:
            return str(description.get(f"{{{namespace}}}{name}"))
        element = description.find(f"{{{namespace}}}{name}")
        if element is not None:
            items = element.findall(f".//{{{RDF}}}li")
            return (items[0].text if items else element.text) or ""
    return None


def _info_matches_xmp(pdf: pikepdf.Pdf, root: etree._Element) -> list[str]:
    info = pdf.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary):
        return []
    pairs = {
        "/Title": ("http://purl.org/dc/elements/1.1/", "title"),
        "/Author": ("http://purl.org/dc/elements/1.1/", "creator"),
        "/Subject": ("http://purl.org/dc/elements/1.1/", "description"),
        "/Creator": ("http://ns.adobe.com/xap/1.0/", "CreatorTool"),
        "/Producer": ("http://ns.adobe.com/pdf/1.3/", "Producer"),
        "/Keywords": ("http://ns.adobe.com/pdf/1.3/", "Keywords"),
    }
    problems = []
    for key, (namespace, name) in pairs.items():
        if key in info and str(info[key]) != _xmp_value(root, namespace, name):
            problems.append(f"6.6.3: Info {key} differs from XMP {name}")
    return problems


def _output_intent(pdf: pikepdf.Pdf) -> list[str]:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if not intents:
        return ["6.2.3: no GTS_PDFA1 output intent"]
    profiles = {intent.get("/DestOutputProfile").objgen for intent in intents}
    problems = [] if len(profiles) == 1 else ["6.2.3: output intents with different profiles"]
    profile = intents[0].get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        return [*problems, "6.2.3: the output intent has no ICC profile"]
    icc = profile.read_bytes()
    space, device_class, major = icc[16:20], icc[12:16], icc[8]
    if device_class not in (b"mntr", b"prtr"):
        problems.append(f"6.2.3: the ICC profile's class is {device_class!r}")
    if major > 4:
        problems.append(f"6.2.3: the ICC profile's version is {major}")
    channels = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(space)
    if channels != int(profile.get("/N", 0)):
        problems.append(f"6.2.3: /N {profile.get('/N')} does not match the profile's {space!r}")
    return problems


def _walk(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    for obj in pdf.objects:
        yield obj
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield from obj.values()
        elif isinstance(obj, pikepdf.Array):
            yield from obj


def _objects(pdf: pikepdf.Pdf) -> list[str]:
    problems: set[str] = set()
    for obj in _walk(pdf):
        if isinstance(obj, int) and not isinstance(obj, bool) and abs(obj) > MAX_INT:
            problems.add("6.1.13: an integer beyond 2^31 - 1")
        if isinstance(obj, pikepdf.Name) and len(str(obj)) - 1 > 127:
            problems.add("6.1.13: a name longer than 127 bytes")
        if isinstance(obj, pikepdf.String) and len(bytes(obj)) > 32767:
            problems.add("6.1.13: a string longer than 32767 bytes")
        if isinstance(obj, pikepdf.Stream):
            problems.update(_stream(obj))
        if isinstance(obj, pikepdf.Dictionary):
            if obj.get("/S") in FORBIDDEN_ACTIONS:
                problems.add(f"6.5.1: a {obj.get('/S')} action")
            if obj.get("/Subtype") in FORBIDDEN_ANNOTATIONS and obj.get("/Type") == "/Annot":
                problems.add(f"6.3.1: a {obj.get('/Subtype')} annotation")
            if obj.get("/Type") == "/Font":
                problems.update(_font(obj))
            if obj.get("/Type") == "/ExtGState" and _transfer_or_halftone(obj):
                problems.add("6.2.5: a transfer function or halftone in a graphics state")
    if "/AA" in pdf.Root:
        problems.add("6.5.2: the catalog has additional actions")
    if pdf.Root.get("/NeedsRendering") is True:
        problems.add("6.4.2: the catalog says NeedsRendering")
    if "/AcroForm" in pdf.Root and "/XFA" in pdf.Root.AcroForm:
        problems.add("6.4.2: an XFA form")
    names = pdf.Root.get("/Names")
    if names is not None and ("/JavaScript" in names or "/EmbeddedFiles" in names):
        problems.add("6.6.1/6.8: JavaScript or embedded files in the name tree")
    return sorted(problems)


def _transfer_or_halftone(state: pikepdf.Dictionary) -> bool:
    return "/TR" in state or "/HTP" in state or state.get("/TR2", "/Default") != "/Default"


def _stream(stream: pikepdf.Stream) -> set[str]:
    problems = set()
    if any(key in stream for key in ("/F", "/FFilter", "/FDecodeParms")):
        problems.add("6.1.7.1: a stream refers to an external file")
    filters = stream.get("/Filter")
    names = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
    if "/LZWDecode" in names:
        problems.add("6.1.7.2: an LZW-compressed stream")
    if stream.get("/Subtype") == "/Image":
        if "/Alternates" in stream or "/OPI" in stream:
            problems.add("6.2.8: an image with alternates or OPI")
        if stream.get("/Interpolate") is True:
            problems.add("6.2.8: an image with Interpolate true")
        if stream.get("/ColorSpace") == "/DeviceCMYK":
            problems.add("6.2.4.3: DeviceCMYK without a CMYK output intent")
    if stream.get("/Subtype") == "/PS" or "/PS" in stream:
        problems.add("6.2.9: a PostScript XObject")
    return problems


def _font(font: pikepdf.Dictionary) -> set[str]:
    if font.get("/Subtype") == "/Type3":
        return set()
    problems = set()
    fonts = list(font.get("/DescendantFonts", [])) if font.get("/Subtype") == "/Type0" else [font]
    for item in fonts:
        descriptor = item.get("/FontDescriptor")
        if descriptor is None or not any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        ):
            problems.add(f"6.2.11.4.1: font {item.get('/BaseFont')} is not embedded")
        if item.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in item:
            problems.add(f"6.2.11.3.2: CIDFontType2 {item.get('/BaseFont')} has no CIDToGIDMap")
    return problems


def _pages(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        box = [float(v) for v in page.mediabox]
        width, height = box[2] - box[0], box[3] - box[1]
        if not (3 <= width <= 14400 and 3 <= height <= 14400):
            problems.append(f"6.1.13: page {number} is {width} x {height} units")
        if "/AA" in page.obj:
            problems.append(f"6.5.2: page {number} has additional actions")
        problems += [f"page {number}: {p}" for p in _notdef(page)]
    return problems


def _notdef(page: pikepdf.Page) -> list[str]:
    """6.2.11.8: no text may show the .notdef glyph (GID 0), even invisible text. Checked for
    Type 0 fonts with Identity-H encoding and a CIDToGIDMap stream, as fpdf2 writes them."""
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    maps = {}
    for name, font in fonts.items():
        descendant = font.get("/DescendantFonts", [None])[0] if "/DescendantFonts" in font else None
        if font.get("/Encoding") == "/Identity-H" and descendant is not None:
            cid_map = descendant.get("/CIDToGIDMap")
            if isinstance(cid_map, pikepdf.Stream):
                maps[name] = cid_map.read_bytes()
    current = None
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "Tf":
            current = str(operands[0])
        elif str(operator) in ("Tj", "TJ") and current in maps:
            strings = operands[0] if str(operator) == "TJ" else [operands[0]]
            for item in strings:
                if not isinstance(item, pikepdf.String):
                    continue
                raw = bytes(item)
                for i in range(0, len(raw) - 1, 2):
                    cid = int.from_bytes(raw[i : i + 2], "big")
                    gid_bytes = maps[current][2 * cid : 2 * cid + 2]
                    if len(gid_bytes) < 2 or int.from_bytes(gid_bytes, "big") == 0:
                        return [f"6.2.11.8: text shows .notdef (CID {cid}) in font {current}"]
    return []
