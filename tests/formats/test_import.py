"""Importing other tools' OCR and plain transcripts, from real files where they are available."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.errors import InputError
from corrigenda.formats.ocrimport import import_files, read_file
from corrigenda.formats.registry import ImportedFile
from corrigenda.formats.transcript import transcript_edits
from corrigenda.model import BBox, Line, Page, Word
from corrigenda.store import Project


def _words(imported: ImportedFile) -> list[Word]:
    return [w for page in imported.pages for line in page.lines for w in line.words]


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "fmt", "at_least"),
    [
        ("hocr/hocr-tools/tess.hocr", "hocr", 500),
        ("alto/dinglehopper/test.alto2.xml", "alto", 240),
        ("alto/chronam-ndnp/ndnp-page.alto.xml", "alto", 5000),
        ("alto/kraken/bsb00084914_00007.xml", "alto", 390),
        (
            "page/dinglehopper/actevedef_718448162_OCR-D-OCR-TESS_OCR-D-OCR-TESS_0001.xml",
            "page",
            700,
        ),
        ("page/kraken/170025120000003,0074.transkribus.page2013.xml", "page", 340),
    ],
)
def test_real_files_give_words_with_boxes(
    shared_data: Path, name: str, fmt: str, at_least: int
) -> None:
    imported = read_file(shared_data / "ocr-outputs" / name)
    assert isinstance(imported, ImportedFile) and imported.format == fmt
    boxed = [w for w in _words(imported) if w.bbox is not None]
    assert len(boxed) >= at_least


@pytest.mark.shared
def test_new_with_ocr_from_hocr_links_the_image_by_name(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "ocr-outputs" / "hocr" / "hocr-tools"
    project = tmp_path / "alice.corrigenda"
    assert (
        main(
            [
                "new",
                str(project),
                str(folder / "alice_1.png"),
                "--ocr-from",
                str(folder / "tess.hocr"),
            ]
        )
        == 0
    )
    with Project.open(project, readonly=True) as opened:
        info = opened.pages()[0]
        run = opened.ocr_run(info.id)
        assert run is not None and run.engine == "import:hocr"
        assert run.raw.startswith("<?xml")
        page = opened.page(info.id)
        assert page.text().startswith("1 Down the Rabbit-Hole")
        events = [e for e in opened.events() if e.kind == "ocr"]
        assert events[-1].source["type"] == "import"


@pytest.mark.slow
def test_tesseract_tsv_import(ocred_sample: Path, sample_dir: Path, tmp_path: Path) -> None:
    with Project.open(ocred_sample, readonly=True) as project:
        info = project.pages()[0]
        run = project.ocr_run(info.id)
        assert run is not None
        (tmp_path / "page-001.tsv").write_text(run.raw)
        expected = project.page(info.id).text()
    again = tmp_path / "again.corrigenda"
    assert (
        main(
            [
                "new",
                str(again),
                str(sample_dir / "page-001.png"),
                "--ocr-from",
                str(tmp_path / "page-001.tsv"),
            ]
        )
        == 0
    )
    with Project.open(again, readonly=True) as project:
        assert project.page(project.pages()[0].id).text() == expected


def test_transcript_words_take_the_boxes_of_the_ocr_words() -> None:
    box = BBox(0, 0, 10, 10)
    lines = (
        Line(1, (Word(1, "I.I.", box), Word(2, "Brezhnev", box)), box),
        Line(2, (Word(3, "sends", box), Word(4, "greetlngs", box)), box),
    )
    page = Page(7, 1, "p.png", 100, 100, lines=lines)
    edits = transcript_edits([page], "*note* L.I. Brezhnev sends his greetings")
    assert [(e.line_id, e.after) for e in edits] == [
        (1, "*note* L.I. Brezhnev"),
        (2, "sends his greetings"),
    ]


def test_transcript_without_ocr_is_refused(
    sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("some words")
    project = tmp_path / "p.corrigenda"
    code = main(
        ["new", str(project), str(sample_dir / "page-001.png"), "--ocr-from", str(transcript)]
    )
    assert code == InputError.exit_code
    assert "needs OCR words" in capsys.readouterr().err
    assert not project.exists()


@pytest.mark.slow
def test_seed_transcript_onto_the_sample(ocred_sample: Path, shared_seed: Path) -> None:
    seeds = sorted(shared_seed.glob("*.txt"))
    assert seeds, f"no transcript in {shared_seed}"
    with Project.open(ocred_sample) as project:
        report = import_files(project, seeds[:1])
        events = [e for e in project.events() if e.kind == "edit"]
    assert report.transcripts and report.transcripts[0][1] > 0
    assert all(e.source["type"] == "import" for e in events)
    assert report.boxed / report.words > 0.9
    assert report.boxed < report.words  # the handwritten notes have no OCR words to sit on


def test_zip_members_are_bounded_and_a_broken_zip_is_named(tmp_path: Path) -> None:
    import io
    import zipfile

    from corrigenda.errors import InputError
    from corrigenda.formats.ocrimport import read_items
    from corrigenda.formats.xmlsafe import MAX_XML_BYTES

    bomb = tmp_path / "bomb.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("page.xml", b"<a>" + b" " * MAX_XML_BYTES + b"</a>")
    bomb.write_bytes(buffer.getvalue())
    assert bomb.stat().st_size < 1_000_000  # small on disk, huge unpacked
    with pytest.raises(InputError, match=r"bomb\.zip/page\.xml unpacks to more"):
        read_items(bomb)

    broken = tmp_path / "broken.zip"
    broken.write_bytes(buffer.getvalue()[:200])
    with pytest.raises(InputError, match=r"broken\.zip"):
        read_items(broken)


def test_a_text_that_is_not_a_transcript_of_the_pages_changes_nothing(
    ocred_sample: Path, tmp_path: Path
) -> None:
    from corrigenda.errors import InputError
    from corrigenda.formats.ocrimport import import_files
    from corrigenda.store import Project

    stray = tmp_path / "fake.png"  # a text file, whatever its name says
    stray.write_text("hello\n", encoding="utf-8")
    with Project.open(ocred_sample) as project:
        before = project.document().text()
        count = len(list(project.events()))
        with pytest.raises(InputError, match=r"fake\.png shares only 0 of the"):
            import_files(project, [stray])
        assert project.document().text() == before
        assert len(list(project.events())) == count
