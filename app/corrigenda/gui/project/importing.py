"""File > Import OCR or transcript: hOCR, ALTO, PAGE, Tesseract TSV and plain-text
transcripts, through the core's importer (`formats.ocrimport.import_files`), on a worker.

The importer reads and parses on the worker through a read-only connection of its own; the
project's writes (`set_ocr`, `edit_lines`) are handed to the GUI thread, where the session (the
GUI's one write path) records them, one call at a time. Corrections already made are carried
by `set_ocr` as always.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from corrigenda.formats.ocrimport import ImportReport, import_files
from corrigenda.gui.background import Background, GuiInvoker, failure_text
from corrigenda.gui.session import ProjectSession
from corrigenda.ocr.batch import CancelToken
from corrigenda.store import Project

WRITES = {"set_ocr", "edit_lines", "set_setting", "add_pages"}
FILTER = "OCR files and transcripts (*.hocr *.html *.xml *.alto *.page *.tsv *.txt);;All files (*)"


class SplitProject:
    """Reads from a read-only connection on this thread; writes run on the GUI thread,
    through the session (the GUI's one write path)."""

    def __init__(
        self, reader: Project, writer: ProjectSession, invoker: GuiInvoker, token: CancelToken
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._invoker = invoker
        self._token = token

    def __getattr__(self, name: str) -> Any:
        if name in WRITES:

            def write(*args: Any, **kwargs: Any) -> Any:
                def change(project: Project) -> Any:
                    return getattr(project, name)(*args, **kwargs)

                return self._invoker.run(
                    lambda: self._writer.record(change, quiet=True), self._token
                )

            return write
        return getattr(self._reader, name)


def choose_files(parent: QWidget) -> list[Path]:
    files, _ = QFileDialog.getOpenFileNames(parent, "Import OCR or a transcript", "", FILTER)
    return [Path(f) for f in files]


def import_paths(
    parent: QWidget,
    session: ProjectSession,
    background: Background,
    paths: list[Path],
    finished: Callable[[str], None],
) -> None:
    """Import `paths` on a worker; `finished(summary)` on the GUI thread once imported (or
    failed: what was imported before the failure stays)."""
    if session.readonly:
        finished("Importing needs a project open for changes")
        return
    session.commit_typing()
    invoker = GuiInvoker(parent)
    token = CancelToken()
    path = session.path

    def work() -> ImportReport:
        with Project.open(path, readonly=True) as reader:
            proxy = SplitProject(reader, session, invoker, token)
            return import_files(proxy, paths)  # type: ignore[arg-type]  # duck-typed

    def done(report: ImportReport) -> None:
        invoker.deleteLater()
        finished("Imported: " + "; ".join(report.summary()[:3]))

    def failed(exc: BaseException) -> None:
        invoker.deleteLater()
        finished(f"Import failed: {failure_text(exc)}")
        QMessageBox.warning(parent, "Import failed", failure_text(exc))

    files = "1 file" if len(paths) == 1 else f"{len(paths)} files"
    finished(f"Importing {files}…")
    background.run(work, done, failed)
