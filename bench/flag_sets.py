"""The evaluation sets of bench/flag_quality.py, each page tagged with its document and side.

Every set is split BY DOCUMENT: all pages of one book (or one document) are on one side.
Development pages are the only ones tuned against; report-only pages are only reported.

| set | pages | documents | development | report-only |
|---|---|---|---|---|
| sample | the bundled memorandum, OCRed here | 1 | the memorandum | - |
| oldbooks-tess2017 | 77 book pages, Tesseract-2017 text | 7 books a c d e f g j | a c e j | d f g |
| oldbooks-ocropus | the same pages, OCRopus-0.4 hOCR | 7 books | a c e j | d f g |
| oldbooks-ours | the same page images, OCRed here (Tesseract 5) | 7 books | a c e j | d f g |
| uw3 | 53 UW-III text lines, OCRed here (psm 7) | 1 | - | all |
| degraded | bench/degraded_pages.py's typed pages, OCRed here | 3 | memorandum | the 2 others |
| LABEL=DIR[:DOCS] | images + NAME.gt.txt (--set), degraded pages | see below | DOCS | others |

For a --set, a document is the name's letters before its first digit, '-' or '_'; the
documents listed after the colon are development (without a list, the first half sorted), the
others report-only. For bench/degraded_pages.py's set: `--set degraded=DIR:memorandum`.

OCR done here is cached (--cache), so a second run only flags.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corrigenda.model import Document, Line, Page, Word

ROOT = Path(__file__).resolve().parents[1]
DEVELOPMENT_BOOKS = {"a", "c", "e", "j"}  # oldbooks: the other books (d f g) are report-only


@dataclass
class BenchDocument:
    """One document of a set: its pages, their ground truths, and its side of the split."""

    set: str
    key: str
    side: str  # "development" or "report-only"
    document: Document
    truths: list[str]
    names: list[Path]


def text_page(number: int, name: str, text: str) -> Page:
    lines, paragraph = [], 0
    for raw in text.splitlines():
        if not raw.strip():
            paragraph += 1
            continue
        words = tuple(Word(i + 1, t) for i, t in enumerate(raw.split()))
        lines.append(Line(len(lines) + 1, words, None, 0, paragraph))
    return Page(number, number, name, 1000, 1000, None, tuple(lines))


def _ocr_project(
    cache: Path, label: str, images: list[Path], psm: int, ocr_from: list[Path]
) -> Document:
    """A project of `images` (OCRed here, or imported from `ocr_from`), made once and cached."""
    from corrigenda.cli import main
    from corrigenda.errors import ExitCode
    from corrigenda.store import Project

    # Keyed by the inputs' names and sizes: a changed sample is OCRed again, not read stale.
    stamp = hashlib.sha256(
        "".join(f"{f.name}:{f.stat().st_size};" for f in [*images, *ocr_from]).encode()
    ).hexdigest()[:10]
    path = cache / f"{label}-{stamp}.corrigenda"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        print(f"{label}: making {path} (once)", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            for image in images:
                shutil.copy(image, Path(tmp) / image.name)
            partial = path.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            imported = [arg for f in ocr_from for arg in ("--ocr-from", str(f))]
            made = main(["new", str(partial), tmp, "--psm", str(psm), *imported])
            if made not in (ExitCode.OK, ExitCode.SOME_SKIPPED):
                sys.exit(f"cannot create {partial}")
            if not ocr_from and main(["ocr", str(partial)]) != ExitCode.OK:
                sys.exit(f"cannot OCR {partial}")
            partial.rename(path)
    with Project.open(path, readonly=True) as project:
        return project.document()


def _stem(name: str) -> str:
    return Path(name).name.split(".")[0]


def _by_document(
    label: str,
    document: Document,
    gt_dir: Path,
    key: Callable[[str], str],
    side: Callable[[str], str],
    names: list[Path],
) -> list[BenchDocument]:
    groups: dict[str, list[tuple[Page, str]]] = {}
    for page in document.pages:
        gt = gt_dir / (_stem(page.name) + ".gt.txt")
        if gt.exists():
            groups.setdefault(key(_stem(page.name)), []).append((page, gt.read_text("utf-8")))
    return [
        BenchDocument(
            label,
            doc,
            side(doc),
            Document(f"{label}/{doc}", tuple(p for p, _ in pages)),
            [t for _, t in pages],
            names,
        )
        for doc, pages in sorted(groups.items())
    ]


def _book(stem: str) -> str:
    return stem[:1]


def _book_side(book: str) -> str:
    return "development" if book in DEVELOPMENT_BOOKS else "report-only"


def sample_set(cache: Path) -> list[BenchDocument]:
    folder = ROOT / "samples" / "memorandum"
    document = _ocr_project(cache, "sample", sorted(folder.glob("*.png")), 3, [])
    names = [ROOT / "samples" / "names.txt"]
    return _by_document(
        "sample", document, folder, lambda s: "memorandum", lambda d: "development", names
    )


def oldbooks_sets(data: Path, cache: Path, which: set[str]) -> list[BenchDocument]:
    base = data / "oldbooks-pages"
    gt = base / "gt"
    if not base.is_dir():
        print(f"oldbooks: {base} is absent, skipped", file=sys.stderr)
        return []
    out: list[BenchDocument] = []
    images = sorted((base / "images").glob("*.png"))
    if "oldbooks-tess2017" in which:
        pages = [
            text_page(i + 1, f.name, f.read_text("utf-8"))
            for i, f in enumerate(sorted((base / "ocr-tesseract-2017-txt").glob("*.txt")))
        ]
        out += _by_document(
            "oldbooks-tess2017", Document("t", tuple(pages)), gt, _book, _book_side, []
        )
    if "oldbooks-ocropus" in which:
        hocr = sorted((base / "ocr-ocropus-hocr").glob("*.html"))
        document = _ocr_project(cache, "oldbooks-ocropus", images, 3, hocr)
        out += _by_document("oldbooks-ocropus", document, gt, _book, _book_side, [])
    if "oldbooks-ours" in which:
        document = _ocr_project(cache, "oldbooks-ours", images, 3, [])
        out += _by_document("oldbooks-ours", document, gt, _book, _book_side, [])
    return out


def uw3_set(data: Path, cache: Path) -> list[BenchDocument]:
    folder = data / "uw3-lines" / "lines"
    if not folder.is_dir():
        print(f"uw3: {folder} is absent, skipped", file=sys.stderr)
        return []
    document = _ocr_project(cache, "uw3", sorted(folder.glob("*.png")), 7, [])
    return _by_document("uw3", document, folder, lambda s: "uw3", lambda d: "report-only", [])


def image_set(
    label: str, folder: Path, cache: Path, development_docs: list[str] | None = None
) -> list[BenchDocument]:
    """Images with NAME.gt.txt beside them (a degraded set, say), split by document: the
    documents named development, or else the first half in sorted order."""
    images = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".png", ".tif", ".jpg"))
    document = _ocr_project(cache, label, images, 3, [])
    keys = sorted({_doc_key(_stem(i.name)) for i in images})
    development = set(development_docs or keys[: (len(keys) + 1) // 2])

    def side(doc: str) -> str:
        return "development" if doc in development else "report-only"

    return _by_document(label, document, folder, _doc_key, side, [])


def degraded_set(cache: Path) -> list[BenchDocument]:
    """bench/degraded_pages.py's typewritten pages (its own split by document), when present."""
    try:
        import degraded_pages  # type: ignore[import-not-found]  # bench/, from the scan work
    except ImportError:
        print("degraded: bench/degraded_pages.py is absent, skipped", file=sys.stderr)
        return []
    folder = cache / "degraded-pages"
    if not folder.is_dir():
        degraded_pages.make_set(folder)
    return image_set("degraded", folder, cache, list(degraded_pages.DEVELOPMENT))


def _doc_key(stem: str) -> str:
    match = re.match(r"[^\W\d_]+", stem)
    return match.group() if match else stem
