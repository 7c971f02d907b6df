"""The open project as the GUI sees it: one Project, its undo stack, and change signals.

Every edit the GUI makes goes through `apply`, which calls `Project.edit_lines` and then tells
the views which lines changed, so they refresh only those.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from corrigenda.model import Page
from corrigenda.store import Project, Source
from corrigenda.store.events import Event
from corrigenda.store.project import LineEdit


@dataclass(frozen=True)
class LineChange:
    """A line's text from `before` to `after` (the project's texts, as it stores them)."""

    page_id: int
    line_id: int
    before: str
    after: str


class ProjectSession(QObject):
    """Holds the project and its undo stack; announces what changed."""

    lines_changed = Signal(int, list)  # page id, line ids
    pages_changed = Signal()  # statuses, OCR, page list
    error = Signal(str)

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self._page_cache: dict[int, Page] = {}

    @property
    def path(self) -> Path:
        return self.project.path

    def page(self, page_id: int) -> Page:
        """The page's current transcript (cached until one of its lines changes)."""
        page = self._page_cache.get(page_id)
        if page is None:
            page = self.project.page(page_id)
            self._page_cache = {page_id: page}  # one page is enough; pages can be large
        return page

    def forget(self, page_id: int | None = None) -> None:
        if page_id is None or page_id in self._page_cache:
            self._page_cache.clear()

    def apply(self, changes: list[LineChange], source: Source) -> list[Event]:
        """Write `changes` as one transaction; returns the events (one per line)."""
        edits = [LineEdit(c.page_id, c.line_id, c.before, c.after) for c in changes]
        return self._announce(self.project.edit_lines(edits, source))

    def undo(self, event_ids: list[int]) -> list[Event]:
        """Append the inverses of `event_ids` (the core's undo; history is never deleted)."""
        return self._announce(self.project.undo(event_ids))

    def redo(self, undo_ids: list[int]) -> list[Event]:
        return self._announce(self.project.redo(undo_ids))

    def _announce(self, events: list[Event]) -> list[Event]:
        by_page: dict[int, list[int]] = {}
        for event in events:
            if event.page is not None:
                by_page.setdefault(event.page, []).append(int(event.location["line"]))
        for page_id, line_ids in by_page.items():
            self.forget(page_id)
            self.lines_changed.emit(page_id, line_ids)
        self.pages_changed.emit()
        return events

    def close(self) -> None:
        self.undo_stack.clear()
        self.project.close()
