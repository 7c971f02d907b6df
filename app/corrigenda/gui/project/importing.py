"""File > Import OCR or transcript: hOCR, ALTO, PAGE, Tesseract TSV and plain-text
transcripts, through the core's importer (`formats.ocrimport.import_files`), on a worker.

The importer reads and parses on the worker through a read-only connection of its own; the
project's writes (`set_ocr`, `edit_lines`) are handed to the GUI thread, where the project's one
writer lives, one call at a time. Corrections already made are carried by `set_ocr` as always.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from corrigenda.errors import CorrigendaError
from corrigenda.formats.ocrimport import ImportReport, import_files
from corrigenda.gui.ocr.service import GuiInvoker
from corrigenda.ocr.batch import CancelToken
from corrigenda.store import Project

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow

WRITES = {"set_ocr", "edit_lines", "set_setting", "add_pages"}
FILTER = "OCR files and transcripts (*.hocr *.html *.xml *.alto *.page *.tsv *.txt);;All files (*)"


class SplitProject:
    """Reads from a read-only connection on this thread; writes run on the GUI thread."""

    def __init__(
        self, reader: Project, writer: Project, invoker: GuiInvoker, token: CancelToken
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._invoker = invoker
        self._token = token

    def __getattr__(self, name: str) -> Any:
        if name in WRITES:
            method = getattr(self._writer, name)
            return lambda *args, **kwargs: self._invoker.run(
                lambda: method(*args, **kwargs), self._token
            )
        return getattr(self._reader, name)


def choose_and_import(window: MainWindow) -> None:
    files, _ = QFileDialog.getOpenFileNames(window, "Import OCR or a transcript", "", FILTER)
    if files:
        import_paths(window, [Path(f) for f in files])


def import_paths(window: MainWindow, paths: list[Path]) -> None:
    session = window.session
    if session is None or session.readonly:
        window.show_message("Importing needs a project open for changes")
        return
    window.editor.flush()
    writer = session.project
    invoker = GuiInvoker(window)
    token = CancelToken()

    def work() -> ImportReport:
        with Project.open(writer.path, readonly=True) as reader:
            proxy = SplitProject(reader, writer, invoker, token)
            return import_files(proxy, paths)  # type: ignore[arg-type]  # duck-typed

    def done(report: ImportReport) -> None:
        invoker.deleteLater()
        finished(window, report.summary())

    def failed(exc: BaseException) -> None:
        invoker.deleteLater()
        window.page_list_changed()  # what was imported before the failure stays
        message = exc.message if isinstance(exc, CorrigendaError) else repr(exc)
        QMessageBox.warning(window, "Import failed", message)

    window.show_message(f"Importing {len(paths)} file(s)…")
    window.background.run(work, done, failed)


def finished(window: MainWindow, summary: list[str]) -> None:
    session = window.session
    if session is None:
        return
    session.forget()  # pages got new OCR and edits: read them again
    window.page_list_changed()
    if window.current_page_id is not None:
        window.show_page(window.current_page_id)
    window.show_message("Imported: " + "; ".join(summary[:3]))
