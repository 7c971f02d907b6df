"""Untrusted XML: entity tricks and broken files are refused with a message naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.errors import InputError
from corrigenda.formats.ocrimport import read_file
from corrigenda.formats.xmlsafe import parse_markup, parse_xml

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE alto [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout>&xxe;</Layout></alto>
"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">&lol9;</PcGts>
"""


@pytest.mark.parametrize("data", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_entity_tricks_are_refused_by_name(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "evil.xml"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"evil\.xml.*declares XML entities"):
        read_file(path)


def test_xxe_never_reads_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = XXE.replace(b"file:///etc/passwd", secret.as_uri().encode())
    with pytest.raises(InputError) as caught:
        parse_xml(data, "evil.xml")
    assert "TOP-SECRET" not in caught.value.message


def test_broken_xml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(b'<?xml version="1.0"?>\n<alto>\n<Layout>\n</alto>\n')
    with pytest.raises(InputError, match=r"broken\.xml line 4: not well-formed"):
        read_file(path)


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corrigenda.formats import xmlsafe

    monkeypatch.setattr(xmlsafe, "MAX_XML_BYTES", 100)
    path = tmp_path / "big.xml"
    path.write_bytes(b"<alto>" + b" " * 200 + b"</alto>")
    with pytest.raises(InputError, match=r"big\.xml is .* split it first"):
        read_file(path)


def test_old_hocr_that_is_html_not_xml_is_read() -> None:
    data = b"""<html><head><meta name='ocr-system' content='x'></head><body>
    <div class='ocr_page' title='bbox 0 0 100 50'><span class='ocr_line' title='bbox 0 0 90 20'>
    a&nbsp;b</span></div></body></html>"""
    root = parse_markup(data, "old.html")
    assert root.tag == "html"
