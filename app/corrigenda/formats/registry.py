"""The registries of export and import formats, shared by the CLI and the GUI."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from corrigenda.errors import CorrigendaError
from corrigenda.model import Line, Page
from corrigenda.store import Project

WriteFn = Callable[[Project, Sequence[Page], BinaryIO, Mapping[str, Any]], None]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str
    description: str
    write: WriteFn


EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, suffix: str, description: str) -> Callable[[WriteFn], WriteFn]:
    def register(write: WriteFn) -> WriteFn:
        EXPORTERS[name] = Exporter(name, suffix, description, write)
        return write

    return register


def get_exporter(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise CorrigendaError(
            f"unknown format {name!r}: choose one of {', '.join(sorted(EXPORTERS))}"
        ) from None


# -- importers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedPage:
    """A page as another tool's file describes it: its image reference, size and lines."""

    image: str | None  # the file's own reference to its image (a file name or URL)
    width: int | None  # in the file's units; scaled onto the image when they differ
    height: int | None
    lines: tuple[Line, ...]


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
