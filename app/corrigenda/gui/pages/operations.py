"""Adding, moving and removing pages from the window; each change is an event in the project.

Adding reads and decodes the dropped files on a worker (a PDF's pages are rendered there) and
hands each page to the project on the GUI thread, one transaction per page. Moving and
removing are undo commands: undo moves the page back or restores it (the core keeps a removed
page in the file for the audit trail), each step itself a recorded event.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from corrigenda.errors import CorrigendaError
from corrigenda.gui.ocr.service import GuiInvoker
from corrigenda.ocr.batch import CancelToken
from corrigenda.ocr.inputs import Skipped, load_pages
from corrigenda.store import Source

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow


class MovePageCommand(QUndoCommand):
    """Page `page_id` from number `before` to number `after`."""

    def __init__(self, window: MainWindow, page_id: int, before: int, after: int) -> None:
        super().__init__(f"Move page {before} to {after}")
        self._window = window
        self._page_id = page_id
        self._before = before
        self._after = after

    def page_ids(self) -> set[int]:
        return {self._page_id}

    def redo(self) -> None:
        self._move(self._after)

    def undo(self) -> None:
        self._move(self._before)

    def _move(self, number: int) -> None:
        session = self._window.session
        if session is None:
            return
        try:
            session.project.move_page(self._page_id, number, Source("pages", {"via": "drag"}))
        except CorrigendaError as exc:
            self._window.show_message(exc.message)
            return
        self._window.page_list_changed()


def move_page(window: MainWindow, page_id: int, number: int) -> None:
    session, model = window.session, window.pages_model
    if session is None or model is None or session.readonly:
        return
    before = model.row_of(page_id) + 1
    if before <= 0 or number == before:
        return
    window.editor.flush()
    session.undo_stack.push(MovePageCommand(window, page_id, before, number))


class RemovePageCommand(QUndoCommand):
    """Page `page_id` (number `number`) out of the document; undo restores it."""

    def __init__(self, window: MainWindow, page_id: int, number: int) -> None:
        super().__init__(f"Remove page {number}")
        self._window = window
        self._page_id = page_id
        self._removed = True  # pushed after the removal succeeded: the first redo is done

    def page_ids(self) -> set[int]:
        return set() if self._removed else {self._page_id}  # a removed page is not shown

    def redo(self) -> None:
        if not self._removed:
            self._change(remove=True)

    def undo(self) -> None:
        self._change(remove=False)

    def _change(self, *, remove: bool) -> None:
        session = self._window.session
        if session is None:
            return
        project, source = session.project, Source("pages", {"via": "gui"})
        try:
            if remove:
                project.remove_page(self._page_id, source)
            else:
                project.restore_page(self._page_id, source)
        except CorrigendaError as exc:
            self._window.show_message(exc.message)
            return
        self._removed = remove
        session.forget(self._page_id)
        self._window.page_list_changed()


def remove_page(window: MainWindow, page_id: int) -> None:
    """Remove the page at once (no question: Ctrl+Z puts it back)."""
    session, model = window.session, window.pages_model
    if session is None or model is None or session.readonly:
        return
    number = model.row_of(page_id) + 1
    if number <= 0:
        return
    window.editor.flush()
    try:
        session.project.remove_page(page_id, Source("pages", {"via": "gui"}))
    except CorrigendaError as exc:
        window.show_message(exc.message)
        return
    session.forget(page_id)
    session.undo_stack.push(RemovePageCommand(window, page_id, number))
    window.page_list_changed()
    window.show_message(f"Removed page {number}: Ctrl+Z puts it back")


def add_files(window: MainWindow, paths: list[Path]) -> None:
    """Add the scans, folders and PDFs in `paths` as pages at the end, then OCR them."""
    session = window.session
    if session is None or session.readonly:
        window.show_message("Pages can be added only to a project open for changes")
        return
    project = session.project
    invoker = GuiInvoker(window)
    token = CancelToken()

    def work() -> tuple[int, list[Skipped]]:
        skipped: list[Skipped] = []
        added = 0
        for image in load_pages(paths, skipped=skipped):
            source = Source("pages", {"added": image.name})
            invoker.run(
                lambda image=image, source=source: project.add_pages([image], source), token
            )
            added += 1
        return added, skipped

    def done(result: tuple[int, list[Skipped]]) -> None:
        added, skipped = result
        invoker.deleteLater()
        window.page_list_changed()
        note = f"; skipped {len(skipped)} ({skipped[0].reason})" if skipped else ""
        window.show_message(f"Added {added} pages{note}")
        if added:
            window.start_ocr()

    def failed(exc: BaseException) -> None:
        invoker.deleteLater()
        message = exc.message if isinstance(exc, CorrigendaError) else repr(exc)
        window.page_list_changed()
        window.show_message(f"Adding pages failed: {message}")

    window.show_message(f"Adding pages from {len(paths)} file(s)…")
    window.background.run(work, done, failed)
