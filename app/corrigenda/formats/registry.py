"""The registries of export and import formats, shared by the CLI and the GUI."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, BinaryIO

from corrigenda.errors import CorrigendaError, ProjectError, UsageError
from corrigenda.formats.common import placed_handwriting, unboxed_words
from corrigenda.model import Line, Page, RegionType
from corrigenda.store import Project

WriteFn = Callable[[Project, Sequence[Page], BinaryIO, Mapping[str, Any]], None]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str
    description: str
    write: WriteFn
    # What the format does with a word that has no box ("" when it carries no boxes): the
    # CLI warns, naming the pages, when an export holds such words.
    unboxed: str = ""
    # The suffix the output must have when it holds several pages, when that is not `suffix`
    # (PAGE holds one page per file: several make a ZIP).
    several_suffix: str = ""


EXPORTERS: dict[str, Exporter] = {}


def exporter(
    name: str, suffix: str, description: str, *, unboxed: str = "", several_suffix: str = ""
) -> Callable[[WriteFn], WriteFn]:
    def register(write: WriteFn) -> WriteFn:
        placing = _placing(write) if unboxed else write
        EXPORTERS[name] = Exporter(name, suffix, description, placing, unboxed, several_suffix)
        return write

    return register


def _placing(write: WriteFn) -> WriteFn:
    """A format that places words on the scan gets the lines typed into a handwritten
    region with boxes estimated from the region's (formats.common.placed_handwriting)."""

    def placed(
        project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
    ) -> None:
        write(project, [placed_handwriting(page) for page in pages], out, options)

    return placed


def export_pages(
    fmt: Exporter,
    project: Project,
    pages: Sequence[Page],
    out: BinaryIO,
    options: Mapping[str, Any],
) -> None:
    """Write `pages` in `fmt`; a transcript XML cannot carry is a ProjectError."""
    try:
        fmt.write(project, pages, out, options)
    except ValueError as exc:
        if "XML compatible" not in str(exc):
            raise
        # lxml refuses control characters, which no transcript should hold: a damaged or
        # hand-edited project is where they come from.
        raise ProjectError(
            f"cannot export {project.path} as {fmt.name}: a transcript holds control characters "
            "XML cannot carry; run 'corrigenda verify' on it. Nothing was written"
        ) from exc


def get_exporter(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise CorrigendaError(
            f"unknown format {name!r}: choose one of {', '.join(sorted(EXPORTERS))}"
        ) from None


def check_output(fmt: Exporter, count: int, output: str) -> None:
    """Refuse an output name that hides what is written: several pages of a one-page-per-file
    format (PAGE) make a ZIP, which must not be named like one of its files."""
    if count < 2 or not fmt.several_suffix or output == "-":
        return
    if output.lower().endswith(fmt.several_suffix):
        return
    stem = PurePath(output).name.split(".")[0] or "pages"
    raise UsageError(
        f"{count} pages of {fmt.name} make a ZIP of one file per page, not one {output}: "
        f"name the output {stem}{fmt.several_suffix}, give a folder (ending in /) for one "
        "file per page, or choose one page with --pages"
    )


MAX_PAGES_NAMED = 10  # a warning names this many pages, then counts the rest


def unboxed_warning(fmt: Exporter, pages: Sequence[Page]) -> str | None:
    """What to tell the user when words without boxes (region-level text, inserted words) go
    into a format that places words on the scan, naming the pages; None when nothing to say.
    A PDF must never have a silently empty text layer."""
    if not fmt.unboxed:
        return None
    found = unboxed_words(placed_handwriting(page) for page in pages)
    if not found:
        return None
    total = sum(count for _, count in found)
    named = ", ".join(
        f"{page.number} ({page.name}: {count})" for page, count in found[:MAX_PAGES_NAMED]
    )
    if len(found) > MAX_PAGES_NAMED:
        named += f" and {len(found) - MAX_PAGES_NAMED} more"
    words = "1 word" if total == 1 else f"{total} words"
    # Re-OCR never touches handwriting: a note's lines get boxes once its region has one.
    notes = sum(
        1
        for page, _ in found
        for line in page.lines
        if line.region is not None and page.region_type(line) == RegionType.HANDWRITTEN
        for word in line.words
        if word.bbox is None
    )
    advice = "draw their boxes in the window or OCR the pages again"
    if notes == total:
        advice = "they are handwritten notes not placed yet: draw each note's region on the scan"
    elif notes:
        advice = (
            f"{notes} of them in handwritten notes not placed yet (draw each note's region on "
            f"the scan); for the others {advice}"
        )
    return (
        f"{words} without a box {fmt.unboxed}; {'page' if len(found) == 1 else 'pages'} "
        f"{named}: {advice}"
    )


# -- importers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedPage:
    """A page as another tool's file describes it: its image reference, size and lines."""

    image: str | None  # the file's own reference to its image (a file name or URL)
    width: int | None  # in the file's units; scaled onto the image when they differ
    height: int | None
    lines: tuple[Line, ...]
    estimated: int = 0  # words whose boxes were estimated from a region's outline


@dataclass(frozen=True)
class ImportedFile:
    """What an importer read from one file."""

    path: Path
    format: str  # the importer's name: hocr, alto, page, tesseract-tsv
    version: str  # as the file declares it (namespace or schema version)
    producer: str  # the software the file names, "" when it names none
    raw: str  # the file's text, kept as the OCR run's provenance
    pages: tuple[ImportedPage, ...]


ReadFn = Callable[[Path, bytes], ImportedFile]


@dataclass(frozen=True)
class Importer:
    name: str
    description: str
    read: ReadFn


IMPORTERS: dict[str, Importer] = {}


def importer(name: str, description: str) -> Callable[[ReadFn], ReadFn]:
    def register(read: ReadFn) -> ReadFn:
        IMPORTERS[name] = Importer(name, description, read)
        return read

    return register


def get_importer(name: str) -> Importer:
    try:
        return IMPORTERS[name]
    except KeyError:
        raise CorrigendaError(
            f"cannot import {name!r} files: Corrigenda imports {', '.join(sorted(IMPORTERS))}"
        ) from None
