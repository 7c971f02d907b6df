"""The searchable PDF: PDF/A-2b by default, pdftotext returns the corrected text in any script,
and the scans are not degraded."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

import corrigenda
from corrigenda.cli import main
from corrigenda.model import PageImage
from corrigenda.store import LineEdit, Project, Source
from tests.formats.conftest import SMALL_TEXTS, Export, small_project
from tests.formats.pdfa_rules import pdfa2b_problems
from tests.synthetic import ocr_run


@pytest.mark.slow
def test_pdftotext_returns_the_corrected_words(
    ocred_sample: Path, tmp_path: Path, export: Export
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with Project.open(ocred_sample) as project:
        page = project.document().pages[0]
        # The correction joins a line's last word and takes its box: a word, not a stray
        # mark OCR read at the edge ("HARRIMAN |"), whose box is too narrow to read back.
        line = next(ln for ln in page.lines if sum(ch.isalpha() for ch in ln.words[-1].text) > 3)
        project.edit_lines(
            [LineEdit(page.id, line.id, line.text, line.text + "ZZCORRECTED")],
            Source("keyboard"),
        )
        document = project.document()
    path = tmp_path / "out.pdf"
    path.write_bytes(export(ocred_sample, "pdf"))
    for page in document.pages:
        # -raw keeps the content stream's order, which is the transcript's reading order
        found = subprocess.run(
            ["pdftotext", "-raw", "-f", str(page.number), "-l", str(page.number), path, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        boxed = [w.text for w in page.words() if w.bbox is not None]
        # Where OCR read a handwritten note as words whose boxes touch ("-", "76", "J."),
        # pdftotext reads them as one: compare the characters, in order.
        assert "".join(found.split()) == "".join(boxed)
    assert (
        "ZZCORRECTED"
        in subprocess.run(
            ["pdftotext", path, "-"], capture_output=True, text=True, check=True
        ).stdout
    )


@pytest.mark.slow
def test_scan_is_embedded_without_loss(
    ocred_sample: Path, sample_dir: Path, export: Export, tmp_path: Path
) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(export(ocred_sample, "pdf", [1]))
    pdf = pdfium.PdfDocument(path)
    try:
        images = [o for o in pdf[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        assert len(images) == 1
        embedded = images[0].get_bitmap(render=False).to_pil()
    finally:
        pdf.close()
    with Image.open(sample_dir / "page-001.png") as source:
        assert embedded.size == source.size
        difference = ImageChops.difference(embedded.convert("L"), source.convert("L"))
        assert difference.getbbox() is None


def test_pdf_is_pdfa_2b_by_default(tmp_path: Path, export: Export) -> None:
    project = small_project(tmp_path)
    path = tmp_path / "out.pdf"
    path.write_bytes(export(project, "pdf"))
    assert pdfa2b_problems(path) == []
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == "1.7"
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "small"
        assert meta["pdf:Producer"].startswith(f"Corrigenda {corrigenda.__version__}")
        assert meta["xmp:CreatorTool"] == f"Corrigenda {corrigenda.__version__}"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and intent.OutputConditionIdentifier == "sRGB"
        assert intent.DestOutputProfile.read_bytes()[16:20] == b"RGB "


def test_plain_pdf_on_request_is_not_pdfa(tmp_path: Path, export: Export) -> None:
    project = small_project(tmp_path)
    path = tmp_path / "plain.pdf"
    path.write_bytes(export(project, "pdf", pdf_plain=True))
    problems = pdfa2b_problems(path)
    assert any(p.startswith("6.6.2.1") for p in problems)  # no XMP metadata
    assert any(p.startswith("6.2.3") for p in problems)  # no output intent
    with pikepdf.open(path) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert str(pdf.docinfo["/Creator"]) == f"Corrigenda {corrigenda.__version__}"


def test_text_layer_holds_every_script_with_spaces(tmp_path: Path, export: Export) -> None:
    project = small_project(tmp_path)
    data = export(project, "pdf")
    pdf = pdfium.PdfDocument(data)
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    for text, lines in zip(pages, SMALL_TEXTS):
        # pdfium unfolds ligatures as it extracts: "ﬁne" comes back as "fine"
        assert text.split() == unicodedata.normalize("NFKC", " ".join(lines)).split()


def test_jpeg_scan_is_embedded_byte_for_byte(tmp_path: Path, export: Export) -> None:
    project = small_project(tmp_path, "JPEG")
    path = tmp_path / "out.pdf"
    path.write_bytes(export(project, "pdf", [1]))
    with Project.open(project, readonly=True) as opened:
        original = opened.image(opened.pages()[0].id).data
    with pikepdf.open(path) as pdf:
        (image,) = pdf.pages[0].Resources.XObject.values()
        assert image.Filter == "/DCTDecode"
        assert image.read_raw_bytes() == original
    assert pdfa2b_problems(path) == []


@pytest.mark.shared
def test_region_level_page_text_is_searchable_in_the_pdf(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = shared_data / "ocr-outputs" / "page" / "prima-example"
    project = tmp_path / "simple.corrigenda"
    new = ["new", str(project), str(folder / "SimplePage.png")]
    assert main([*new, "--ocr-from", str(folder / "SimplePage.xml")]) == 0
    out = tmp_path / "simple.pdf"
    assert main(["export", str(project), "--format", "pdf", "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    pdf = pdfium.PdfDocument(out)
    try:
        text = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert text.split()[:5] == ["The", "PAGE", "Format", "There", "is"]
    assert pdfa2b_problems(out) == []


def _one_scan_project(
    folder: Path, image: Image.Image, fmt: str, dpi: int = 300, **save: object
) -> Path:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    data = buffer.getvalue()
    scan = PageImage(
        f"scan.{fmt.lower()}", data, fmt, *image.size, dpi, hashlib.sha256(data).hexdigest()
    )
    path = folder / "one.corrigenda"
    with Project.create(path, [scan]) as project:
        project.set_ocr(project.pages()[0].id, ocr_run(["a scan"]), Source("ocr", {"engine": "t"}))
    return path


@pytest.mark.parametrize(
    ("mode", "fmt", "save"),
    [
        ("RGBA", "PNG", {}),
        ("LA", "PNG", {}),
        ("P", "PNG", {}),
        ("I;16", "PNG", {}),
        ("1", "PNG", {}),
        ("L", "JPEG", {}),
        ("RGB", "TIFF", {}),
        ("1", "TIFF", {"compression": "group4"}),
    ],
)
def test_every_kind_of_scan_makes_pdfa(
    tmp_path: Path, export: Export, mode: str, fmt: str, save: dict[str, object]
) -> None:
    project = _one_scan_project(tmp_path, Image.new(mode, (300, 100), 1), fmt, **save)
    path = tmp_path / "out.pdf"
    path.write_bytes(export(project, "pdf"))
    assert pdfa2b_problems(path) == []


def test_a_cmyk_scan_is_refused_for_pdfa_and_written_as_plain_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _one_scan_project(tmp_path, Image.new("CMYK", (300, 100), (0, 0, 0, 30)), "JPEG")
    out = tmp_path / "out.pdf"
    assert main(["export", str(project), "--format", "pdf", "-o", str(out)]) == 2
    assert "page 1 (scan.jpeg) is a CMYK scan" in capsys.readouterr().err
    assert not out.exists()
    assert main(["export", str(project), "--format", "pdf", "--pdf-plain", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("size", "dpi", "sides"),
    [
        ((800, 1), 300, (2400.0, 3.0)),  # 192 x 0.24 points at its resolution
        ((2, 2), 300, (3.0, 3.0)),
        ((30000, 100), 72, (14400.0, 48.0)),  # 30,000 points wide at its resolution
        ((100, 30000), 1, (48.0, 14400.0)),
    ],
)
def test_tiny_and_huge_pages_are_scaled_within_pdfa_limits(
    tmp_path: Path, export: Export, size: tuple[int, int], dpi: int, sides: tuple[float, float]
) -> None:
    project = _one_scan_project(tmp_path, Image.new("1", size, 1), "PNG", dpi=dpi)
    path = tmp_path / "out.pdf"
    path.write_bytes(export(project, "pdf"))
    assert pdfa2b_problems(path) == []
    with pikepdf.open(path) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
        image = next(iter(pdf.pages[0].get_images().values()))
        assert (image.Width, image.Height) == size  # the scan's pixels, not resampled
    assert (box[2] - box[0], box[3] - box[1]) == pytest.approx(sides, abs=0.01)


def test_a_page_too_elongated_for_pdfa_is_refused_and_written_as_plain_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _one_scan_project(tmp_path, Image.new("1", (5000, 1), 1), "PNG")
    out = tmp_path / "out.pdf"
    assert main(["export", str(project), "--format", "pdf", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "page 1 (scan.png) is 5000 x 1 pixels" in err
    assert "--pdf-plain" in err
    assert not out.exists()
    assert main(["export", str(project), "--format", "pdf", "--pdf-plain", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
