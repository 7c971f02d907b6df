"""File work behind the File menu: new projects, the sample, export, and copies."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_dir
from PySide6.QtWidgets import QFileDialog, QMessageBox

from corrigenda.errors import CorrigendaError, InputError
from corrigenda.evaluation import read_text
from corrigenda.fileio import atomic_write
from corrigenda.formats import EXPORTERS
from corrigenda.gui.welcome import SAMPLE_DIR
from corrigenda.ocr.inputs import Skipped, load_pages
from corrigenda.store import Project

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow

SAMPLE_NAMES = SAMPLE_DIR.parent / "names.txt"


def create(window: MainWindow, inputs: list[Path], target: Path, names: list[Path]) -> None:
    """Make a project from scans and PDFs (OCR then runs in the background when opened)."""
    project_settings: dict[str, Any] = {"languages": window.settings.languages, "psm": 3}
    if names:
        project_settings["name_lists"] = [{"file": p.name, "text": read_text(p)} for p in names]
    skipped: list[Skipped] = []
    images = list(load_pages(inputs, skipped=skipped))
    if not images:
        reason = f" ({skipped[0].reason})" if skipped else ""
        raise InputError(f"no page could be read from the chosen files{reason}: "
                         "no project was created")
    for item in skipped:
        window.show_message(f"skipped: {item.reason}")
    Project.create(target, images, settings=project_settings,
                   actor=window.settings.user_name or None).close()


def sample_project(window: MainWindow) -> Path:
    """The bundled sample as a project in the user's data folder, made on first use."""
    target = Path(user_data_dir("corrigenda", appauthor=False)) / "sample.corrigenda"
    if not target.exists():
        if not SAMPLE_DIR.is_dir():
            raise CorrigendaError(f"the sample is not installed (looked in {SAMPLE_DIR})")
        target.parent.mkdir(parents=True, exist_ok=True)
        names = [SAMPLE_NAMES] if SAMPLE_NAMES.is_file() else []
        create(window, [SAMPLE_DIR], target, names)
    return target


def export(window: MainWindow) -> None:
    session = window.session
    if session is None:
        return
    window.editor.flush()
    formats = sorted(EXPORTERS.values(), key=lambda e: e.name)
    filters = [f"{e.description} (*{e.suffix})" for e in formats]
    stem = session.path.with_suffix("")
    path, chosen = QFileDialog.getSaveFileName(
        window, "Export the transcript", str(stem) + formats[0].suffix, ";;".join(filters))
    if not path:
        return
    exporter = formats[filters.index(chosen)] if chosen in filters else formats[0]
    try:
        export_to(window, exporter.name, Path(path))
    except CorrigendaError as exc:
        QMessageBox.warning(window, "Export failed", exc.message)
        return
    window.show_message(f"Exported {exporter.name} to {path}")


def export_to(window: MainWindow, name: str, path: Path) -> None:
    session = window.session
    assert session is not None
    exporter = EXPORTERS[name]
    pages = session.project.document().pages
    with atomic_write(path) as out:
        exporter.write(session.project, pages, out, {})


def save_copy(window: MainWindow, target: Path | None = None) -> bool:
    """Save a copy of the project; typing not saved yet (disk full) goes into the copy."""
    session = window.session
    if session is None:
        return False
    window.editor.flush()
    if target is None:
        path, _ = QFileDialog.getSaveFileName(
            window, "Save a copy as",
            str(session.path.with_name(session.path.stem + " copy.corrigenda")),
            "Corrigenda projects (*.corrigenda)")
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
