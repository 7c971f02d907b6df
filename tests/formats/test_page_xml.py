"""PAGE XML: text only at region level is kept and gets estimated boxes; exports of words
without boxes say so; several pages are never written as a ZIP named like one XML file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.formats.ocrimport import read_data, read_file
from corrigenda.formats.registry import ImportedFile
from corrigenda.store import Project
from tests.formats.conftest import small_project

NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"


def _page(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<PcGts xmlns="{NS}"><Metadata>'
        "<Creator>test</Creator><Created>2024-01-01T00:00:00</Created>"
        "<LastChange>2024-01-01T00:00:00</LastChange></Metadata>"
        f'<Page imageFilename="scan-1.png" imageWidth="600" imageHeight="200">{body}</Page>'
        "</PcGts>"
    ).encode()


HEADING = (
    '<TextRegion id="r0"><Coords points="20,10 300,10 300,40 20,40"/>'
    '<TextLine id="l0"><Coords points="25,12 290,12 290,38 25,38"/>'
    "<TextEquiv><Unicode></Unicode></TextEquiv></TextLine>"
    "<TextEquiv><Unicode>The PAGE Format</Unicode></TextEquiv></TextRegion>"
)
PARAGRAPH = (
    '<TextRegion id="r1"><Coords points="20,50 420,50 420,150 20,150"/>'
    "<TextEquiv><Unicode>There is a plethora of established\nformats but none\n"
    "that can</Unicode></TextEquiv></TextRegion>"
)


def _read(data: bytes) -> ImportedFile:
    imported = read_data(Path("test.page.xml"), data)
    assert isinstance(imported, ImportedFile)
    return imported


def test_an_empty_line_falls_back_to_the_regions_text_and_keeps_the_lines_box() -> None:
    (page,) = _read(_page(HEADING)).pages
    (line,) = page.lines
    assert [w.text for w in line.words] == ["The", "PAGE", "Format"]
    assert line.bbox is not None and (line.bbox.x0, line.bbox.y0) == (25, 12)
    assert page.estimated == 0  # the TextLine's own Coords, not an estimate


def test_region_text_gets_boxes_estimated_from_the_regions_outline() -> None:
    (page,) = _read(_page(PARAGRAPH)).pages
    assert [line.text for line in page.lines] == [
        "There is a plethora of established",
        "formats but none",
        "that can",
    ]
    assert page.estimated == 11
    words = [w for line in page.lines for w in line.words]
    assert all(w.bbox is not None for w in words)
    first, second, last = (line.bbox for line in page.lines)
    assert first is not None and second is not None and last is not None
    # one strip per line, top to bottom; the last line is as long as its text
    assert (first.y0, second.y0, last.y0, last.y1) == (50, 83, 117, 150)
    assert first.x1 == second.x1 == 420 and last.x1 < 200
    # words divide their line left to right
    xs = [w.bbox.x0 for w in page.lines[0].words if w.bbox is not None]
    assert xs == sorted(xs) and xs[0] == 20


def test_region_text_without_coords_has_no_boxes() -> None:
    body = (
        '<TextRegion id="r1"><TextEquiv><Unicode>no outline here</Unicode></TextEquiv></TextRegion>'
    )
    (page,) = _read(_page(body)).pages
    assert [w.bbox for line in page.lines for w in line.words] == [None, None, None]


@pytest.mark.shared
def test_simple_page_keeps_its_heading_and_every_word_has_a_box(shared_data: Path) -> None:
    imported = read_file(shared_data / "ocr-outputs" / "page" / "prima-example" / "SimplePage.xml")
    assert isinstance(imported, ImportedFile)
    (page,) = imported.pages
    assert page.lines[0].text == "The PAGE Format"
    words = [w for line in page.lines for w in line.words]
    assert len(words) == 138 and all(w.bbox is not None for w in words)
    assert page.estimated == 135


def _project_with_unboxed_words(tmp_path: Path) -> Path:
    source = tmp_path / "scan-1.page.xml"
    body = (
        '<TextRegion id="r1"><TextEquiv><Unicode>no outline here</Unicode></TextEquiv></TextRegion>'
    )
    source.write_bytes(_page(body))
    project = small_project(tmp_path)
    assert main(["import", str(project), str(source)]) == 0
    return project


@pytest.mark.parametrize("fmt", ["pdf", "page", "alto", "hocr", "tei"])
def test_an_export_with_words_without_boxes_says_so_naming_the_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    project = _project_with_unboxed_words(tmp_path)
    capsys.readouterr()
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(project), "--format", fmt, "--pages", "1", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning: 3 words without a box" in err
    assert "page 1 (scan-1.png: 3)" in err
    assert main(["export", str(project), "--format", fmt, "--pages", "2", "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err


def test_text_export_does_not_warn_about_boxes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project_with_unboxed_words(tmp_path)
    capsys.readouterr()
    assert main(["export", str(project), "-o", str(tmp_path / "out.txt")]) == 0
    assert "warning" not in capsys.readouterr().err


def test_several_pages_of_page_xml_are_not_written_under_an_xml_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project(tmp_path)
    wrong = tmp_path / "all.page.xml"
    assert main(["export", str(project), "--format", "page", "-o", str(wrong)]) == 2
    err = capsys.readouterr().err
    assert "2 pages of page make a ZIP" in err and "all.zip" in err
    assert not wrong.exists()
    # one page is one XML file
    assert main(["export", str(project), "--format", "page", "--pages", "2", "-o", str(wrong)]) == 0
    assert wrong.read_bytes().startswith(b"<?xml")


def test_several_pages_of_page_xml_go_in_a_zip_or_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project(tmp_path)
    archive = tmp_path / "all.zip"
    assert main(["export", str(project), "--format", "page", "-o", str(archive)]) == 0
    assert "a ZIP of 2 page files" in capsys.readouterr().err
    with zipfile.ZipFile(archive) as opened:
        assert opened.namelist() == ["scan-1.xml", "scan-2.xml"]
    folder = tmp_path / "pages"
    folder.mkdir()
    assert main(["export", str(project), "--format", "page", "-o", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["scan-1.xml", "scan-2.xml"]
    assert "one file per page" in capsys.readouterr().err
    # the folder's files import back onto the pages they came from
    again = tmp_path / "again"
    again.mkdir()
    copy = small_project(again)
    assert main(["import", str(copy), str(folder)]) == 0
    with Project.open(copy, readonly=True) as a, Project.open(project, readonly=True) as b:
        assert a.document().text() == b.document().text()


def test_a_folder_that_does_not_exist_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project(tmp_path)
    target = f"{tmp_path / 'missing'}/"
    assert main(["export", str(project), "--format", "page", "-o", target]) == 2
    assert "create it first" in capsys.readouterr().err
