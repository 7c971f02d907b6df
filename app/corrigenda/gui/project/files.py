"""File work behind the File menu: new projects, the sample, export, and copies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_dir
from PySide6.QtWidgets import QFileDialog, QMessageBox

from corrigenda.errors import CorrigendaError, InputError
from corrigenda.evaluation import read_text
from corrigenda.fileio import atomic_write
from corrigenda.formats import EXPORTERS
from corrigenda.gui.background import read_only
from corrigenda.gui.project.welcome import SAMPLE_DIR
from corrigenda.model import PageImage
from corrigenda.ocr.inputs import Skipped, load_pages
from corrigenda.store import Project

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow

SAMPLE_NAMES = SAMPLE_DIR.parent / "names.txt"


def create(
    inputs: list[Path], target: Path, names: list[Path], languages: str, actor: str | None
) -> list[Skipped]:
    """Make a project from scans and PDFs, pages streamed in (runs on a worker)."""
    project_settings: dict[str, Any] = {"languages": languages, "psm": 3}
    if names:
        project_settings["name_lists"] = [{"file": p.name, "text": read_text(p)} for p in names]
    skipped: list[Skipped] = []
    count = 0

    def pages() -> Iterator[PageImage]:
        nonlocal count
        for image in load_pages(inputs, skipped=skipped):
            count += 1
            yield image

    Project.create(target, pages(), settings=project_settings, actor=actor).close()
    if not count:
        target.unlink(missing_ok=True)
        reason = f" ({skipped[0].reason})" if skipped else ""
        raise InputError(
            f"no page could be read from the chosen files{reason}: no project was created"
        )
    return skipped


def create_then_open(
    window: MainWindow, inputs: list[Path], target: Path, names: list[Path]
) -> None:
    """Create the project on a worker (reading scans and rendering PDFs takes seconds), then
    open it; OCR then runs in the background."""
    languages, actor = window.settings.languages, window.settings.user_name or None

    def done(skipped: list[Skipped]) -> None:
        window.open_project(target)
        if skipped:
            window.show_message(f"skipped {len(skipped)} file(s): {skipped[0].reason}")

    def failed(exc: BaseException) -> None:
        message = exc.message if isinstance(exc, CorrigendaError) else repr(exc)
        window.open_failure("Cannot create the project", message)

    window.show_message(f"Reading {len(inputs)} file(s) into {target.name}…")
    window.background.run(lambda: create(inputs, target, names, languages, actor), done, failed)


def sample_path() -> Path:
    return Path(user_data_dir("corrigenda", appauthor=False)) / "sample.corrigenda"


def open_sample(window: MainWindow) -> None:
    """Open the bundled sample, made in the user's data folder on first use."""
    target = sample_path()
    if target.exists():
        window.open_project(target)
        return
    if not SAMPLE_DIR.is_dir():
        raise CorrigendaError(f"the sample is not installed (looked in {SAMPLE_DIR})")
    target.parent.mkdir(parents=True, exist_ok=True)
    names = [SAMPLE_NAMES] if SAMPLE_NAMES.is_file() else []
    create_then_open(window, [SAMPLE_DIR], target, names)


def export(window: MainWindow) -> None:
    session = window.session
    if session is None:
        return
    window.editor.flush()
    formats = sorted(EXPORTERS.values(), key=lambda e: e.name)
    filters = [f"{e.description} (*{e.suffix})" for e in formats]
    stem = session.path.with_suffix("")
    path, chosen = QFileDialog.getSaveFileName(
        window, "Export the transcript", str(stem) + formats[0].suffix, ";;".join(filters)
    )
    if not path:
        return
    exporter = formats[filters.index(chosen)] if chosen in filters else formats[0]
    export_to(window, exporter.name, Path(path))


def export_to(window: MainWindow, name: str, path: Path) -> None:
    """Export on a worker, from a read-only connection (a searchable PDF takes minutes)."""
    session = window.session
    if session is None:
        return
    exporter = EXPORTERS[name]

    def write(project: Project) -> None:
        with atomic_write(path) as out:
            exporter.write(project, project.document().pages, out, {})

    def failed(exc: BaseException) -> None:
        message = exc.message if isinstance(exc, CorrigendaError) else repr(exc)
        QMessageBox.warning(window, "Export failed", message)

    window.show_message(f"Exporting {name} to {path}…")
    window.background.run(
        read_only(session.path, write),
        lambda _none: window.show_message(f"Exported {name} to {path}"),
        failed,
    )


def save_copy(window: MainWindow, target: Path | None = None) -> bool:
    """Save a copy of the project; typing not saved yet (disk full) goes into the copy."""
    session = window.session
    if session is None:
        return False
    window.editor.flush()
    if target is None:
        path, _ = QFileDialog.getSaveFileName(
            window,
            "Save a copy as",
            str(session.path.with_name(session.path.stem + " copy.corrigenda")),
            "Corrigenda projects (*.corrigenda)",
        )
        if not path:
            return False
        target = Path(path)
    try:
        session.project.save_copy(target)
        session.write_unsaved_to(target)
    except CorrigendaError as exc:
        QMessageBox.warning(window, "Cannot save a copy", exc.message)
        return False
    kept = f" (with {len(session.unsaved)} unsaved lines)" if session.unsaved else ""
    window.show_message(f"Saved a copy as {target}{kept}")
    return True
