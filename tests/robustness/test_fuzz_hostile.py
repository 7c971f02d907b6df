"""Hand-made hostile files: deep nesting, images and PDFs that claim to be huge, a 10,000-frame
TIFF, a 50 MB name-list line, empty files, and entity tricks the byte scan cannot see.

The big cases run together in one subprocess under an address-space limit and a timeout, so
a hang or a runaway allocation fails the test instead of the machine. (XXE and billion laughs
through the XML path are in tests/formats/test_xmlsafe.py.)
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest

from corrigenda.checks.names import decode_name_list, parse_name_list
from corrigenda.errors import InputError
from corrigenda.formats.ocrimport import read_file
from corrigenda.ocr.inputs import Skipped, load_pages
from tests.robustness.fuzzing import run_limited

DEPTH = 100_000
ALTO_NS = b"http://www.loc.gov/standards/alto/ns-v4#"
PAGE_NS = b"http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"


def _nested(open_tag: bytes, close_tag: bytes, inner: bytes = b"") -> bytes:
    return open_tag * DEPTH + inner + close_tag * DEPTH


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = chunk(b"IDAT", zlib.compress(b"\0" * 64))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + body + chunk(b"IEND", b"")


def _tiff(width: int, height: int, frames: int = 1) -> bytes:
    """An 8-bit grey TIFF of `frames` frames claiming width x height pixels each, all sharing
    one strip of 64 bytes. (Pillow's own multi-frame writer is quadratic in the frames.)"""
    tags = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1)]
    tags += [(273, 4, 8), (277, 3, 1), (278, 4, height), (279, 4, 64)]
    entries = struct.pack("<H", len(tags)) + b"".join(
        struct.pack("<HHII", tag, kind, 1, value) for tag, kind, value in tags
    )
    size = len(entries) + 4
    start = 8 + 64
    data = bytearray(b"II*\x00" + struct.pack("<I", start) + b"\xff" * 64)
    for index in range(frames):
        following = start + (index + 1) * size if index < frames - 1 else 0
        data += entries + struct.pack("<I", following)
    return bytes(data)


PDF_100000 = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 100000 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def _write_cases(folder: Path) -> dict[str, tuple[str, Path]]:
    """name -> (reader, file): the reader is 'import', 'load' or 'names'."""
    alto = b'<alto xmlns="%s"><Layout><Page>' % ALTO_NS
    page = b'<PcGts xmlns="%s"><Page>' % PAGE_NS
    hocr = b"<html><body><div class='ocr_page' title='bbox 0 0 10 10'>"
    line = b"<span class='ocr_line' title='bbox 0 0 9 9'>deep</span>"
    cases = {
        "deep-alto": ("import", "deep.alto.xml", alto + _nested(b"<TextBlock>", b"</TextBlock>")),
        "deep-page": ("import", "deep.page.xml", page + _nested(b"<TextRegion>", b"</TextRegion>")),
        "deep-hocr-html": ("import", "deep.hocr", hocr + _nested(b"<div>", b"</div>", line)),
        "png-2gb": ("load", "huge.png", _png_header(46341, 46341)),
        "png-2g-wide": ("load", "wide.png", _png_header(2**31 - 1, 1)),
        "tiff-2gb": ("load", "huge.tif", _tiff(46341, 46341)),
        "tiff-10000-frames": ("load", "frames.tif", _tiff(8, 8, 10_000)),
        "pdf-100000-pages": ("load", "many.pdf", PDF_100000),
        "names-50mb-line": (
            "names",
            "names.txt",
            b"Moscow\n" + b" | ".join(b"N%d" % i for i in range(5_500_000)) + b"\nGromyko\n",
        ),
    }
    written = {}
    for name, (reader, filename, data) in cases.items():
        path = folder / filename
        path.write_bytes(data)
        written[name] = (reader, path)
    return written


RUNNER = """
import json, sys
from pathlib import Path
import pypdfium2
from corrigenda.checks.names import decode_name_list, parse_name_list
from corrigenda.errors import CorrigendaError
from corrigenda.formats.ocrimport import read_file
from corrigenda.ocr.inputs import load_pages

rendered = []
original_render = pypdfium2.PdfPage.render
def render(self, *args, **kwargs):
    rendered.append(1)
    return original_render(self, *args, **kwargs)
pypdfium2.PdfPage.render = render

cases = json.loads(sys.argv[1])

results = {}
for name, (reader, path) in cases.items():
    path = Path(path)
    try:
        if reader == "import":
            item = read_file(path)
            lines = sum(len(p.lines) for p in item.pages)
            result = {"outcome": "ok", "lines": lines}
        elif reader == "load":
            skipped = []
            pages = list(load_pages([path], skipped=skipped))
            result = {"outcome": "ok", "pages": len(pages), "skipped": [s.reason for s in skipped]}
        else:
            text, problems = decode_name_list(path.read_bytes(), path.name)
            names = parse_name_list(text, path.name)
            entries = [e.preferred for e in names.entries]
            result = {"outcome": "ok", "entries": entries, "problems": problems + names.problems}
    except CorrigendaError as exc:
        result = {"outcome": "refused", "message": exc.message}
    except BaseException as exc:
        result = {"outcome": "bug", "message": f"{type(exc).__name__}: {exc}"[:300]}
    result["rendered"] = len(rendered)
    results[name] = result
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    folder = tmp_path_factory.mktemp("hostile")
    cases = {name: [reader, str(path)] for name, (reader, path) in _write_cases(folder).items()}
    code = f"import sys; sys.argv[1:] = {[json.dumps(cases)]!r}\n" + RUNNER
    done = run_limited(code, seconds=240, memory_mb=1500)
    assert not done.timed_out, "a hostile file made a reader hang"
    assert done.returncode == 0, done.stderr[-2000:]
    results: dict[str, dict[str, object]] = json.loads(done.stdout.splitlines()[-1])
    for path in folder.iterdir():
        path.unlink()
    return results


@pytest.mark.parametrize("name", ["deep-alto", "deep-page"])
def test_deeply_nested_xml_is_refused_by_name(
    outcomes: dict[str, dict[str, object]], name: str
) -> None:
    result = outcomes[name]
    assert result["outcome"] == "refused"
    assert "not well-formed XML" in str(result["message"])


def test_deeply_nested_html_hocr_is_read_or_refused(outcomes: dict[str, dict[str, object]]) -> None:
    assert outcomes["deep-hocr-html"]["outcome"] in {"ok", "refused"}


@pytest.mark.parametrize("name", ["png-2gb", "png-2g-wide", "tiff-2gb"])
def test_images_claiming_gigapixels_are_skipped_undecoded(
    outcomes: dict[str, dict[str, object]], name: str
) -> None:
    result = outcomes[name]
    assert result["outcome"] == "ok" and result["pages"] == 0
    assert "claims more pixels than a page scan can have" in str(result["skipped"])


def test_pdf_claiming_100000_pages_is_refused_before_rendering(
    outcomes: dict[str, dict[str, object]],
) -> None:
    result = outcomes["pdf-100000-pages"]
    assert result["pages"] == 0 and result["rendered"] == 0
    assert "many.pdf has 100000 pages, more than 5000" in str(result["skipped"])


def test_tiff_of_10000_frames_is_refused(outcomes: dict[str, dict[str, object]]) -> None:
    result = outcomes["tiff-10000-frames"]
    assert result["pages"] == 0
    assert "frames.tif has more than 5000 frames" in str(result["skipped"])


def test_name_list_with_a_50_mb_line_keeps_the_other_names(
    outcomes: dict[str, dict[str, object]],
) -> None:
    result = outcomes["names-50mb-line"]
    assert result["entries"] == ["Moscow", "Gromyko"]
    assert "names.txt line 2:" in str(result["problems"])


@pytest.mark.parametrize("name", ["empty.xml", "empty.hocr", "empty.txt", "empty.tsv"])
def test_empty_file_imports_as_an_empty_transcript_or_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    try:
        assert read_file(path) == ""
    except InputError as exc:
        assert name in exc.message


@pytest.mark.parametrize("name", ["empty.png", "empty.tif", "empty.pdf"])
def test_empty_image_or_pdf_is_skipped_by_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    skipped: list[Skipped] = []
    assert list(load_pages([path], skipped=skipped)) == []
    assert [s.path.name for s in skipped] == [name]


def test_empty_name_list_has_no_entries() -> None:
    text, problems = decode_name_list(b"", "names.txt")
    assert parse_name_list(text, "names.txt").entries == [] and problems == []


@pytest.mark.parametrize(
    "document",
    [
        # hOCR that is HTML, not XML: the HTML path must refuse entities too.
        b"<!DOCTYPE html [<!ENTITY x SYSTEM '{uri}'>]><html><body>"
        b"<div class='ocr_page'><span class='ocr_line'>&x;</span></div></body></html>",
        # A parameter entity pulling in the file.
        b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY % p SYSTEM '{uri}'> %p;]>"
        b"<alto xmlns='http://www.loc.gov/standards/alto/ns-v4#'/>",
        # The declaration past the first 64 KB the byte scan looks at.
        b" " * 70_000 + b"<!DOCTYPE a [<!ENTITY x SYSTEM '{uri}'>]>"
        b"<alto xmlns='http://www.loc.gov/standards/alto/ns-v4#'>&x;</alto>",
        # An external DTD named without any entity declaration.
        b"<?xml version='1.0'?><!DOCTYPE alto SYSTEM '{uri}'>"
        b"<alto xmlns='http://www.loc.gov/standards/alto/ns-v4#'/>",
        # UTF-16, which a byte scan for '<!ENTITY' cannot see.
        "<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE a [<!ENTITY x SYSTEM '{uri}'>]>"
        "<alto xmlns='http://www.loc.gov/standards/alto/ns-v4#'>&x;</alto>".encode("utf-16"),
    ],
    ids=["html-entity", "parameter-entity", "late-doctype", "external-dtd", "utf-16"],
)
def test_entity_tricks_never_read_the_file(tmp_path: Path, document: bytes) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    uri = secret.as_uri()
    data = document.replace(b"{uri}", uri.encode())
    data = data.replace("{uri}".encode("utf-16-le"), uri.encode("utf-16-le"))
    path = tmp_path / "evil.xml"
    path.write_bytes(data)
    try:
        item = read_file(path)
    except InputError as exc:
        assert "TOP-SECRET" not in exc.message and "evil.xml" in exc.message
        return
    assert "TOP-SECRET" not in repr(item)
