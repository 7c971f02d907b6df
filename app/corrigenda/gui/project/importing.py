"""File > Import OCR or transcript: hOCR, ALTO, PAGE, Tesseract TSV and plain-text
transcripts, through the core's importer (`formats.ocrimport`), on a worker.

The files are read and parsed on the worker (`read_imports`, which needs no project); what
they hold is then written on the GUI thread through the session, the GUI's one write path,
as one transaction (`apply_imports`): an import that fails on a later page changes nothing.
Corrections already made are carried by `set_ocr` as always.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from corrigenda.errors import CorrigendaError
from corrigenda.formats.ocrimport import ReadImports, apply_imports, read_imports
from corrigenda.gui.background import Background, failure_text
from corrigenda.gui.session import ProjectSession

FILTER = "OCR files and transcripts (*.hocr *.html *.xml *.alto *.page *.tsv *.txt);;All files (*)"


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
    """Import `paths`: parsed on a worker, written on the GUI thread; `finished(summary)` once
    imported, or failed (then nothing was changed)."""
    if session.readonly:
        finished("Importing needs a project open for changes")
        return
    session.commit_typing()

    def work() -> ReadImports:
        return read_imports(paths)

    def done(found: ReadImports) -> None:
        try:
            report = session.record(lambda project: apply_imports(project, found))
        except CorrigendaError as exc:
            failed(exc)
            return
        finished("Imported: " + "; ".join(report.summary()[:3]))

    def failed(exc: BaseException) -> None:
        finished(f"Import failed: {failure_text(exc)}")
        QMessageBox.warning(parent, "Import failed", failure_text(exc))

    files = "1 file" if len(paths) == 1 else f"{len(paths)} files"
    finished(f"Importing {files}…")
    background.run(work, done, failed)
