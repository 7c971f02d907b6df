"""Bringing other tools' OCR and transcripts into a project, instead of running OCR.

OCR files (hOCR, ALTO, PAGE, Tesseract TSV, and ZIPs of them such as a multi-page PAGE
export; told apart by content) become each page's OCR baseline through `Project.set_ocr`; a
page is found by the file's own image reference, else by name, else by order. Plain-text
transcripts are then aligned onto the pages' OCR words and recorded as edits (`transcript`).
Boxes in other units (ALTO's inch1200, mm10) are scaled onto the image when the file gives the
page's size.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PureWindowsPath

from corrigenda.align import align, tokenize
from corrigenda.errors import InputError
from corrigenda.formats.detect import detect
from corrigenda.formats.notes import body_only, place_with_notes
from corrigenda.formats.registry import IMPORTERS, ImportedFile, ImportedPage
from corrigenda.formats.transcript import split_handwriting, transcript_edits
from corrigenda.formats.xmlsafe import MAX_XML_BYTES, read_bounded
from corrigenda.model import BBox, Line, OcrRun, Page, Word
from corrigenda.ocr.inputs import expand, is_page_file, natural_key
from corrigenda.store import PageInfo, Project, Source

ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_MEMBERS = 5000
MAX_ZIP_TOTAL = 512 * 1024 * 1024


@dataclass
class ImportReport:
    """What an import did, for the user."""

    pages: list[tuple[int, str, str]] = field(default_factory=list)  # page, file, how matched
    transcripts: list[tuple[str, int]] = field(default_factory=list)  # file, lines edited
    # file, its handwritten passages placed on a proposed region, and left with no box yet
    notes: list[tuple[str, int, int]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    words: int = 0
    boxed: int = 0
    estimated: int = 0  # boxes this import estimated from a region's outline

    def summary(self) -> list[str]:
        lines = [f"page {n}: OCR from {name} ({how})" for n, name, how in self.pages]
        lines += [f"transcript {name}: {count} lines edited" for name, count in self.transcripts]
        lines += [_notes_line(*item) for item in self.notes]
        lines += [f"not placed (no page matches): {item}" for item in self.unmatched]
        share = f" ({self.boxed / self.words:.1%})" if self.words else ""
        guessed = (
            f", {self.estimated} of them estimated from their region's outline"
            if self.estimated
            else ""
        )
        lines.append(f"{self.boxed} of {self.words} words have boxes{share}{guessed}")
        return lines


def _notes_line(name: str, placed: int, unplaced: int) -> str:
    def passages(n: int) -> str:
        return f"{n} handwritten passage{'s' if n != 1 else ''}"

    said = f"transcript {name}: {passages(placed)} placed on a proposed region"
    if not unplaced:
        return said
    return (
        f"{said}, {passages(unplaced)} not placed (no box yet: `corrigenda regions PROJECT` "
        "lists them; give each its box with `corrigenda regions PROJECT --page N --move ID "
        "--box X0,Y0,X1,Y1`)"
    )


def read_file(path: Path) -> ImportedFile | str:
    """An OCR file read by its importer, or a transcript's text."""
    return read_data(path, read_bounded(path))


def read_data(path: Path, data: bytes) -> ImportedFile | str:
    """`data` (the content of `path`) read by its importer, or a transcript's text."""
    detected = detect(path, data)
    if detected.format == "text":
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path} is not UTF-8 text: save it as UTF-8 and retry") from exc
    reader = IMPORTERS.get(detected.format)
    if reader is None:
        raise InputError(
            f"{path} holds {detected.format} {detected.version}, which Corrigenda cannot import "
            f"(it imports {', '.join(sorted(IMPORTERS))} and plain-text transcripts)"
        )
    return reader.read(path, data)


def read_items(path: Path) -> list[tuple[Path, ImportedFile | str]]:
    """What one file holds: itself, or each member of a ZIP (such as a multi-page PAGE
    export), each named `ARCHIVE/MEMBER` in messages."""
    data = read_bounded(path)
    if not data.startswith(ZIP_MAGIC):
        return [(path, read_data(path, data))]
    items: list[tuple[Path, ImportedFile | str]] = []
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) > MAX_ZIP_MEMBERS:
                raise InputError(f"{path} holds {len(members)} files, more than {MAX_ZIP_MEMBERS}")
            for member in sorted(members, key=lambda m: natural_key(Path(m.filename))):
                name = path / member.filename
                with archive.open(member) as handle:
                    content = handle.read(MAX_XML_BYTES + 1)  # never trust the declared size
                total += len(content)
                if len(content) > MAX_XML_BYTES or total > MAX_ZIP_TOTAL:
                    raise InputError(f"{name} unpacks to more than Corrigenda reads: refused")
                items.append((name, read_data(name, content)))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
        raise InputError(f"{path} is a damaged or unsupported ZIP file ({exc})") from exc
    return items


@dataclass
class ReadImports:
    """Every OCR file and transcript under the paths, parsed; nothing written yet."""

    ocr: list[ImportedFile] = field(default_factory=list)
    texts: list[tuple[Path, str]] = field(default_factory=list)


def import_files(project: Project, paths: Iterable[str | Path]) -> ImportReport:
    """Import every OCR file and transcript under `paths` into `project`."""
    return apply_imports(project, read_imports(paths))


def read_imports(paths: Iterable[str | Path]) -> ReadImports:
    """Read and parse (the slow part, free of the project: a worker's job)."""
    found = ReadImports()
    files = expand(paths, keep=lambda p: not is_page_file(p), what="OCR files or transcripts")
    for path in files:
        for name, item in read_items(path):
            if isinstance(item, str):
                found.texts.append((name, item))
            else:
                found.ocr.append(item)
    return found


def apply_imports(project: Project, found: ReadImports) -> ImportReport:
    """Write what `read_imports` found, all or nothing: a failure on a later page undoes the
    earlier ones."""
    report = ImportReport()
    with project.atomic():
        _import_ocr(project, found.ocr, report)
        for path, text in found.texts:
            apply_transcript(project, path, text, report)
    for info in project.pages():
        for word in project.page(info.id).words():
            report.words += 1
            report.boxed += word.bbox is not None
    return report


def _import_ocr(project: Project, files: Sequence[ImportedFile], report: ImportReport) -> None:
    pages = project.pages()
    free = {info.id: info for info in pages}
    pending: list[tuple[ImportedFile, ImportedPage]] = []
    for imported in files:
        for page in imported.pages:
            info = _match(page, imported.path, list(free.values()))
            if info is None:
                pending.append((imported, page))
                continue
            _set(project, info, imported, page, "by name", report)
            del free[info.id]
    for (imported, page), info in zip(pending, list(free.values())):
        _set(project, info, imported, page, "by order", report)
    for imported, page in pending[len(free) :]:
        report.unmatched.append(f"{imported.path.name} ({page.image or 'no image named'})")


def _keys(name: str) -> set[str]:
    base = PureWindowsPath(name).name if "\\" in name else PurePath(name).name
    stem = base.split(".")[0]
    return {base.lower(), stem.lower()} - {""}


def _match(page: ImportedPage, path: Path, infos: list[PageInfo]) -> PageInfo | None:
    wanted = _keys(page.image) if page.image else set()
    for keys in (wanted, _keys(path.name)):
        for info in infos:
            if keys & _keys(info.name):
                return info
    return None


def _set(
    project: Project,
    info: PageInfo,
    imported: ImportedFile,
    page: ImportedPage,
    how: str,
    report: ImportReport,
) -> None:
    run = OcrRun(
        engine=f"import:{imported.format}",
        engine_version=imported.version,
        languages="",
        params={
            "file": imported.path.name,
            "producer": imported.producer,
            "image": page.image or "",
        },
        raw=imported.raw,
        lines=_scaled(page, info.width, info.height),
    )
    project.set_ocr(
        info.id, run, Source("import", {"file": imported.path.name, "format": imported.format})
    )
    report.pages.append((info.number, imported.path.name, how))
    report.estimated += page.estimated


def _scaled(page: ImportedPage, width: int, height: int) -> tuple[Line, ...]:
    """The page's lines with boxes in the image's pixels."""
    if not page.width or page.width == width:
        return page.lines
    sx = width / page.width
    sy = height / page.height if page.height else sx

    def scale(box: BBox | None) -> BBox | None:
        if box is None:
            return None
        return BBox(round(box.x0 * sx), round(box.y0 * sy), round(box.x1 * sx), round(box.y1 * sy))

    return tuple(
        Line(
            line.id,
            tuple(Word(w.id, w.text, scale(w.bbox), w.conf) for w in line.words),
            scale(line.bbox),
            line.block,
            line.paragraph,
        )
        for line in page.lines
    )


MIN_TRANSCRIPT_MATCH = 0.5  # a real transcript shares most words with the OCR of its pages


def _check_is_a_transcript_of(path: Path, pages: Sequence[Page], text: str) -> None:
    """Refuse a text that is not a transcript of these pages (a stray file, another page's or
    a longer document's text): aligned onto them, it would replace words that it does not
    match, or crowd words of other pages onto them."""
    ocr = [word.text for page in pages for word in page.words()]
    words = tokenize(text)
    matched = sum(b.a1 - b.a0 for b in align(ocr, words) if b.tag == "equal")
    where = f"page {pages[0].number}" if len(pages) == 1 else f"these {len(pages)} pages"
    if ocr and matched < MIN_TRANSCRIPT_MATCH * len(ocr):
        reason = f"shares only {matched} of the {len(ocr)} OCR words of {where}"
    elif words and matched < MIN_TRANSCRIPT_MATCH * len(words):
        reason = f"has {len(words)} words, of which only {matched} match the OCR of {where}"
    else:
        return
    raise InputError(
        f"{path} {reason}: it does not look like their transcript, so nothing was changed "
        "(name a page's transcript after its image, e.g. page-001.txt, to place it on that "
        "page alone)"
    )


def apply_transcript(project: Project, path: Path, text: str, report: ImportReport) -> None:
    """Align a transcript onto the OCR words of the page it names, or of every OCRed page."""
    infos = [info for info in project.pages() if info.has_ocr]
    named = [info for info in infos if _keys(path.name) & _keys(info.name)]
    targets = named or infos
    if not targets:
        raise InputError(
            f"{path} is a transcript, and it needs OCR words to be placed on: import an hOCR, "
            "ALTO, PAGE or TSV file with it, or run `corrigenda ocr` first"
        )
    pages = [body_only(project.page(info.id)) for info in targets]
    printed, passages = split_handwriting(text, str(path))
    _check_is_a_transcript_of(path, pages, printed)
    if passages:  # handwritten notes marked *like this*
        done = place_with_notes(project, path, [p.id for p in pages], printed, passages)
        report.transcripts.append((path.name, done.changed))
        report.notes.append((path.name, done.placed, done.unplaced))
        return
    edits = transcript_edits(pages, text)
    if edits:
        project.edit_lines(
            edits,
            Source("import", {"file": path.name, "format": "text"}),
            f"transcript {path.name} aligned onto the OCR words",
        )
    report.transcripts.append((path.name, len(edits)))
