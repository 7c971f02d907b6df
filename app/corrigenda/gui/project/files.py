"""File work behind the File menu: new projects, the sample, export, and copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from corrigenda.errors import CorrigendaError, InputError
from corrigenda.evaluation import read_text
from corrigenda.formats import EXPORTERS
from corrigenda.gui.background import Background, failure_text, read_only
from corrigenda.gui.project import export
from corrigenda.gui.project.welcome import SAMPLE_DIR
from corrigenda.gui.session import ProjectSession
from corrigenda.ocr.inputs import Skipped, load_pages
from corrigenda.review.before_export import NotVerifiedError
from corrigenda.settings import Settings
from corrigenda.store import Project

SAMPLE_NAMES = SAMPLE_DIR.parent / "names.txt"


def create(
    inputs: list[Path], target: Path, names: list[Path], languages: str, actor: str | None
) -> list[Skipped]:
    """Make a project from scans and PDFs, pages streamed in (runs on a worker)."""
    project_settings: dict[str, Any] = {"languages": languages, "psm": 3}
    if names:
        project_settings["name_lists"] = [{"file": p.name, "text": read_text(p)} for p in names]
    skipped: list[Skipped] = []
    pages = load_pages(inputs, skipped=skipped)
    count = Project.build(target, pages, settings=project_settings, actor=actor)
    if not count:
        target.unlink(missing_ok=True)
        reason = f" ({skipped[0].reason})" if skipped else ""
        raise InputError(
            f"no page could be read from the chosen files{reason}: no project was created"
        )
    return skipped


def sample_path() -> Path:
    return Path(user_data_dir("corrigenda", appauthor=False)) / "sample.corrigenda"


class ProjectFiles(QObject):
    """File work behind the File menu, for the window `parent`."""

    def __init__(
        self,
        parent: QWidget,
        background: Background,
        settings: Settings,
        say: Callable[[str], None],
        open_project: Callable[[Path], bool],
        open_failure: Callable[[str, str], None],
    ) -> None:
        super().__init__(parent)
        self._parent, self._background, self._settings = parent, background, settings
        self._say, self._open_project, self._open_failure = say, open_project, open_failure
        self.session: ProjectSession | None = None

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session

    def create_then_open(self, inputs: list[Path], target: Path, names: list[Path]) -> None:
        """Create the project on a worker (reading scans and rendering PDFs takes seconds),
        then open it; OCR then runs in the background."""
        languages, actor = self._settings.languages, self._settings.user_name or None

        def done(skipped: list[Skipped]) -> None:
            self._open_project(target)
            if skipped:
                files = "1 file" if len(skipped) == 1 else f"{len(skipped)} files"
                self._say(f"skipped {files}: {skipped[0].reason}")

        def failed(exc: BaseException) -> None:
            self._open_failure("Cannot create the project", failure_text(exc))

        files = "1 file" if len(inputs) == 1 else f"{len(inputs)} files"
        self._say(f"Reading {files} into {target.name}…")
        self._background.run(lambda: create(inputs, target, names, languages, actor), done, failed)

    def open_sample(self) -> None:
        """Open the bundled sample, made in the user's data folder on first use."""
        target = sample_path()
        if target.exists():
            self._open_project(target)
            return
        if not SAMPLE_DIR.is_dir():
            raise CorrigendaError(f"the sample is not installed (looked in {SAMPLE_DIR})")
        target.parent.mkdir(parents=True, exist_ok=True)
        names = [SAMPLE_NAMES] if SAMPLE_NAMES.is_file() else []
        self.create_then_open([SAMPLE_DIR], target, names)

    def export(self) -> None:
        session = self.session
        if session is None:
            return
        session.commit_typing()
        count = len(session.project.pages())
        offered = export.choices(sorted(EXPORTERS.values(), key=lambda e: e.name), count)
        filters = [c.filter for c in offered]
        stem = session.path.with_suffix("")
        path, chosen = QFileDialog.getSaveFileName(
            self._parent,
            "Export the transcript",
            str(stem) + offered[0].suffix,
            ";;".join(filters),
        )
        if not path:
            return
        exporter = (offered[filters.index(chosen)] if chosen in filters else offered[0]).exporter
        target = export.output_for(
            exporter, count, Path(path), lambda msg, to: export.ask_zip(self._parent, msg, to)
        )
        if target is None:
            self._say("Nothing exported")
            return
        self.export_to(exporter.name, target)

    def export_to(self, name: str, path: Path, force: bool = False) -> None:
        """Export on a worker, from a read-only connection (a searchable PDF takes minutes).
        A project that does not verify is exported only if the user says so (`force`)."""
        session = self.session
        if session is None:
            return
        session.commit_typing()
        exporter = EXPORTERS[name]

        def done(warning: str | None) -> None:
            forced = " (the project does not verify)" if force else ""
            self._say(f"Exported {name} to {path}{forced}" + (f"; {warning}" if warning else ""))
            if warning:
                export.warn_unboxed(self._parent, warning)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotVerifiedError):
                if export.ask_export_unverified(self._parent, exc):
                    self.export_to(name, path, force=True)
                else:
                    self._say("Nothing exported: the project does not verify")
                return
            QMessageBox.warning(self._parent, "Export failed", failure_text(exc))

        self._say(f"Exporting {name} to {path}…")
        self._background.run(
            read_only(session.path, lambda project: export.write(project, exporter, path, force)),
            done,
            failed,
        )

    def save_copy(self, target: Path | None = None) -> bool:
        """Save a copy of the project; typing not saved yet (disk full) goes into the copy."""
        session = self.session
        if session is None:
            return False
        session.commit_typing()
        if target is None:
            path, _ = QFileDialog.getSaveFileName(
                self._parent,
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
            QMessageBox.warning(self._parent, "Cannot save a copy", exc.message)
            return False
        count = len(session.unsaved)
        kept = f" (with {count} unsaved line{'' if count == 1 else 's'})" if count else ""
        self._say(f"Saved a copy as {target}{kept}")
        return True
