"""Adding, moving and removing pages from the window; each change is an event in the project.

Adding reads and decodes the dropped files on a worker (a PDF's pages are rendered there) and
hands each page to the session on the GUI thread, one transaction per page. Moving and
removing are undo commands: undo moves the page back or restores it (the core keeps a removed
page in the file for the audit trail), each step itself a recorded event.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from corrigenda.errors import CorrigendaError
from corrigenda.gui.background import Background, GuiInvoker, failure_text
from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.session import ProjectSession
from corrigenda.model import PageImage
from corrigenda.ocr.batch import CancelToken
from corrigenda.ocr.inputs import Skipped, load_pages
from corrigenda.store import Project, Source

Say = Callable[[str], None]


class PageOperations(QObject):
    """Page-list changes for the window; `changed` once the list is different."""

    changed = Signal()
    added = Signal(int)  # how many pages were added (their OCR is the window's to start)

    def __init__(
        self, pages: PageList, background: Background, say: Say, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pages, self._background, self._say = pages, background, say
        self.session: ProjectSession | None = None

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session

    def _writable(self) -> ProjectSession | None:
        session = self.session
        return session if session is not None and not session.readonly else None

    def change(self, change: Callable[[Project], object]) -> bool:
        """Record a page change through the session; True when it was written."""
        if self.session is None:
            return False
        try:
            self.session.record(change)
        except CorrigendaError as exc:
            self._say(exc.message)
            return False
        self.changed.emit()
        return True

    def move(self, page_id: int, number: int) -> None:
        session = self._writable()
        before = self._pages.row_of(page_id) + 1
        if session is None or before <= 0 or number == before:
            return
        command = MovePageCommand(self, page_id, before, number)
        if self.change(command.move_to(number)):
            session.push(command)

    def remove(self, page_id: int) -> None:
        """Remove the page at once (no question: Ctrl+Z puts it back)."""
        session = self._writable()
        number = self._pages.row_of(page_id) + 1
        if session is None or number <= 0:
            return
        command = RemovePageCommand(self, page_id, number)
        if self.change(command.removed(True)):
            session.push(command)
            self._say(f"Removed page {number}: Ctrl+Z puts it back")

    def add_files(self, paths: list[Path]) -> None:
        """Add the scans, folders and PDFs in `paths` as pages at the end."""
        session = self._writable()
        if session is None:
            self._say("Pages can be added only to a project open for changes")
            return
        invoker = GuiInvoker(self)
        token = CancelToken()

        def work() -> tuple[int, list[Skipped]]:
            skipped: list[Skipped] = []
            added = 0
            for image in load_pages(paths, skipped=skipped):
                source = Source("pages", {"added": image.name})

                def add(
                    project: Project, image: PageImage = image, source: Source = source
                ) -> list[int]:
                    return project.add_pages([image], source)

                invoker.run(partial(session.record, add, quiet=True), token)
                added += 1
            return added, skipped

        def done(result: tuple[int, list[Skipped]]) -> None:
            added, skipped = result
            invoker.deleteLater()
            self.changed.emit()
            note = f"; skipped {len(skipped)} ({skipped[0].reason})" if skipped else ""
            self._say(f"Added {added} page{'' if added == 1 else 's'}{note}")
            if added:
                self.added.emit(added)

        def failed(exc: BaseException) -> None:
            invoker.deleteLater()
            self.changed.emit()  # the pages added before the failure stay
            self._say(f"Adding pages failed: {failure_text(exc)}")

        self._say(f"Adding pages from {len(paths)} file{'' if len(paths) == 1 else 's'}…")
        self._background.run(work, done, failed)


class MovePageCommand(QUndoCommand):
    """Page `page_id` from number `before` to number `after` (pushed once moved)."""

    def __init__(self, pages: PageOperations, page_id: int, before: int, after: int) -> None:
        super().__init__(f"Move page {before} to {after}")
        self._pages = pages
        self._page_id = page_id
        self._before = before
        self._after = after
        self._pushed = False

    def page_ids(self) -> set[int]:
        return {self._page_id}

    def move_to(self, number: int) -> Callable[[Project], object]:
        source = Source("pages", {"via": "drag"})
        return lambda project: project.move_page(self._page_id, number, source)

    def redo(self) -> None:
        if self._pushed:
            self._pages.change(self.move_to(self._after))
        self._pushed = True  # the first redo is the move already written

    def undo(self) -> None:
        self._pages.change(self.move_to(self._before))


class RemovePageCommand(QUndoCommand):
    """Page `page_id` (number `number`) out of the document; undo restores it."""

    def __init__(self, pages: PageOperations, page_id: int, number: int) -> None:
        super().__init__(f"Remove page {number}")
        self._pages = pages
        self._page_id = page_id
        self._removed = True  # pushed after the removal succeeded: the first redo is done

    def page_ids(self) -> set[int]:
        return set() if self._removed else {self._page_id}  # a removed page is not shown

    def removed(self, remove: bool) -> Callable[[Project], object]:
        source = Source("pages", {"via": "gui"})
        if remove:
            return lambda project: project.remove_page(self._page_id, source)
        return lambda project: project.restore_page(self._page_id, source)

    def redo(self) -> None:
        if not self._removed and self._pages.change(self.removed(True)):
            self._removed = True

    def undo(self) -> None:
        if self._pages.change(self.removed(False)):
            self._removed = False
