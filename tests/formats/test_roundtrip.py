"""export -> import -> export keeps the text and the boxes (hOCR, ALTO, PAGE), and every
exporter's output on the OCRed sample conforms to its format."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from corrigenda.cli import main
from corrigenda.model import Document
from corrigenda.store import Project
from tests.formats.conftest import Export


def _document(path: Path) -> Document:
    with Project.open(path, readonly=True) as project:
        return project.document()


def _boxes(document: Document) -> list[tuple[str, object]]:
    return [(w.text, w.bbox) for page in document.pages for w in page.words()]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["hocr", "alto", "page"])
def test_export_import_export_keeps_text_and_boxes(
    ocred_sample: Path, sample_dir: Path, tmp_path: Path, export: Export, fmt: str
) -> None:
    original = _document(ocred_sample)
    source = tmp_path / "exported"
    source.mkdir()
    exported = export(ocred_sample, fmt)
    if fmt == "page":  # PAGE holds one page per file: several pages come as a ZIP of them
        assert zipfile.is_zipfile(BytesIO(exported))
    (source / f"sample.{fmt}").write_bytes(exported)
    again = tmp_path / "again.corrigenda"
    assert main(["new", str(again), str(sample_dir), "--ocr-from", str(source)]) == 0
    imported = _document(again)
    assert imported.text() == original.text()
    assert _boxes(imported) == _boxes(original)
    first, second = export(ocred_sample, fmt, [2]), export(again, fmt, [2])
    assert _text_nodes(first, fmt) == _text_nodes(second, fmt)


def _text_nodes(data: bytes, fmt: str) -> list[str]:
    """The words and coordinates of an export, without dates and titles."""
    root = etree.fromstring(data)
    if fmt == "alto":
        return [
            f"{s.get('CONTENT')} {s.get('HPOS')} {s.get('VPOS')} {s.get('WIDTH')}"
            for s in root.iter("{*}String")
        ]
    if fmt == "page":
        return [etree.tostring(w).decode() for w in root.iter("{*}Word")]
    return [
        f"{w.text} {w.get('title')}" for w in root.iter("{*}span") if w.get("class") == "ocrx_word"
    ]


@pytest.mark.slow
@pytest.mark.shared
def test_alto_and_page_exports_are_schema_valid(
    ocred_sample: Path,
    export: Export,
    alto_schema: etree.XMLSchema,
    page_schema: etree.XMLSchema,
) -> None:
    alto = etree.fromstring(export(ocred_sample, "alto"))
    assert alto_schema.validate(alto), alto_schema.error_log
    assert "Corrigenda" in etree.tostring(alto).decode()
    with zipfile.ZipFile(BytesIO(export(ocred_sample, "page"))) as archive:
        names = archive.namelist()
        assert len(names) == 5
        for name in names:
            page = etree.fromstring(archive.read(name))
            assert page_schema.validate(page), (name, page_schema.error_log)


@pytest.mark.slow
def test_page_keeps_the_ocr_text_beside_the_correction(ocred_sample: Path, export: Export) -> None:
    from corrigenda.store import LineEdit, Source

    with Project.open(ocred_sample) as project:
        page = project.document().pages[0]
        line = page.lines[0]
        changed = line.text.replace(line.words[0].text, "CORRECTED", 1)
        project.edit_lines([LineEdit(page.id, line.id, line.text, changed)], Source("keyboard"))
    root = etree.fromstring(export(ocred_sample, "page", [1]))
    word = root.find(".//{*}Word")
    equivs = {e.get("index"): e.findtext("{*}Unicode") for e in word.findall("{*}TextEquiv")}
    assert equivs == {"1": "CORRECTED", "2": line.words[0].text}


@pytest.mark.slow
def test_hocr_ids_are_unique_and_words_carry_bbox_and_confidence(
    ocred_sample: Path, export: Export
) -> None:
    root = etree.fromstring(export(ocred_sample, "hocr"))
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    words = [e for e in root.iter() if e.get("class") == "ocrx_word"]
    assert words and all("bbox" in w.get("title") and "x_wconf" in w.get("title") for w in words)
    pages = [e for e in root.iter() if e.get("class") == "ocr_page"]
    assert 'image "page-001.png"' in pages[0].get("title")


@pytest.mark.slow
@pytest.mark.shared
def test_tei_marks_corrections_and_validates(
    ocred_sample: Path, export: Export, tei_lite: etree.RelaxNG
) -> None:
    from corrigenda.store import LineEdit, Source

    with Project.open(ocred_sample, actor="archivist-ann") as project:
        page = project.document().pages[0]
        line = page.lines[0]
        changed = line.text.replace(line.words[1].text, "FIXED", 1)
        project.edit_lines([LineEdit(page.id, line.id, line.text, changed)], Source("keyboard"))
    tei = etree.fromstring(export(ocred_sample, "tei"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    choice = tei.find(".//t:choice", ns)
    assert choice.findtext("t:sic", namespaces=ns) == line.words[1].text
    assert choice.find("t:corr", ns).get("resp") == "#user-archivist-ann"
    assert (
        tei.find(
            ".//t:respStmt[@{http://www.w3.org/XML/1998/namespace}id='user-archivist-ann']", ns
        )
        is not None
    )
    assert len(tei.findall(".//t:pb", ns)) == 5
    # TEI Lite has no facsimile module: the rest of the document must be valid TEI Lite.
    facsimile = tei.find("t:facsimile", ns)
    assert len(facsimile.findall(".//t:zone", ns)) > 1000
    tei.remove(facsimile)
    assert tei_lite.validate(tei), tei_lite.error_log


@pytest.mark.slow
def test_json_is_the_versioned_document_model(ocred_sample: Path, export: Export) -> None:
    data = json.loads(export(ocred_sample, "json"))
    assert (data["format"], data["version"]) == ("corrigenda-document", 1)
    assert len(data["pages"]) == 5
    page = data["pages"][0]
    assert page["ocr"]["engine"] == "tesseract" and page["lines"] == page["ocr"]["lines"]
    assert "\f".join(p["text"] for p in data["pages"]) == _document(ocred_sample).text()
