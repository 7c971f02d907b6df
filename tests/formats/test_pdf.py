"""The searchable PDF: pdftotext returns the corrected text, and the scans are not degraded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from corrigenda.store import LineEdit, Project, Source
from tests.formats.conftest import Export


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
