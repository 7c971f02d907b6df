"""Which project `corrigenda gui SCANS...` opens: the one beside the scans if it holds exactly
those scans, else a new one under a free name. An existing project is never changed."""

from __future__ import annotations

import hashlib
import itertools
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from corrigenda.errors import CorrigendaError, InputError
from corrigenda.ocr.inputs import expand
from corrigenda.store import Project

SUFFIX = ".corrigenda"
_FRAME = re.compile(r"#\d+$")  # a PDF page or TIFF frame: "scan.pdf#3"


@dataclass(frozen=True)
class ProjectChoice:
    """The project to open; `sources` to make it from (empty: it exists already); the
    projects beside the scans that hold other pages and were left alone."""

    path: Path
    sources: list[Path]
    passed_over: list[Path] = field(default_factory=list)


def project_for(inputs: list[str]) -> ProjectChoice:
    """A .corrigenda file itself, or the project beside the scans `inputs` name."""
    paths = [Path(p) for p in inputs]
    if len(paths) == 1 and paths[0].suffix == SUFFIX:
        if not paths[0].is_file():
            raise InputError(f"{paths[0]} does not exist")
        return ProjectChoice(paths[0], [])
    first = paths[0]
    if first.is_dir():  # "scans/" -> "scans.corrigenda" beside the folder
        folder, stem = first.parent, first.with_suffix("").name
    else:  # "scans/a.png b.png" -> "scans/scans.corrigenda"
        folder, stem = first.parent, first.parent.resolve().name
    passed_over: list[Path] = []
    for n in itertools.count(1):
        target = folder / (f"{stem}{SUFFIX}" if n == 1 else f"{stem} {n}{SUFFIX}")
        if not target.exists():
            return ProjectChoice(target, paths, passed_over)
        if holds_exactly(target, paths):
            return ProjectChoice(target, [], passed_over)
        passed_over.append(target)
    raise AssertionError("unreachable")  # itertools.count never ends


def holds_exactly(project_path: Path, inputs: list[Path]) -> bool:
    """The project's pages are the input files (in any order): the same file names, and for
    scans kept as they came (PNG, JPEG, one-frame TIFF) the same bytes (SHA-256). PDF pages
    and TIFF frames are compared by file name only: rendering them again takes seconds."""
    try:
        files = expand(inputs)
        with Project.open(project_path, readonly=True) as project:
            infos = project.pages()
            kept = {i.name: i.id for i in infos if not _FRAME.search(i.name)}
            framed = {_FRAME.sub("", i.name) for i in infos if _FRAME.search(i.name)}
            if len(kept) + len(framed) != len(files):
                return False
            if {f.name for f in files} != kept.keys() | framed:
                return False
            return all(
                f.name not in kept or project.image(kept[f.name]).sha256 == _sha256(f)
                for f in files
            )
    except (CorrigendaError, OSError, sqlite3.Error):
        return False  # unreadable or foreign: certainly not the project to reuse


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
