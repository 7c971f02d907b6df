"""Formats are told by content (root element and namespace), not by the file's extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.formats.detect import detect

CASES = [
    (b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"/>', "alto", "4"),
    (b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"/>', "alto", "2"),
    (
        b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#" SchemaVersion="4.3"/>',
        "alto",
        "4.3",
    ),
    (
        b'<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15"/>',
        "page",
        "2013-07-15",
    ),
    (
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><div class="ocr_page"/></body></html>',
        "hocr",
        "1.x",
    ),
    (
        b"level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
        b"\tconf\ttext\n",
        "tesseract-tsv",
        "4+",
    ),
    (b"Just a transcript.\n", "text", ""),
]


@pytest.mark.parametrize(("data", "fmt", "version"), CASES)
def test_detect_by_content(data: bytes, fmt: str, version: str) -> None:
    found = detect(Path("misleading.txt"), data)
    assert (found.format, found.version) == (fmt, version)


def test_real_files_are_detected(shared_data: Path) -> None:
    folder = shared_data / "ocr-outputs"
    expected = {
        "hocr/hocr-tools/tess.hocr": "hocr",
        "alto/dinglehopper/test.alto2.xml": "alto",
        "alto/kraken/bsb00084914_00007.xml": "alto",
        "page/kraken/170025120000003,0074.transkribus.page2013.xml": "page",
        "abbyy-finereader/calamari/bsb11015645_00020.abbyy.xml": "document",
    }
    for name, fmt in expected.items():
        path = folder / name
        assert detect(path, path.read_bytes()).format == fmt, name
