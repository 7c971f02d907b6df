"""The open project as the GUI sees it: one Project, its undo stack, and change signals.

Every edit the GUI makes goes through `apply`, which calls `Project.edit_lines` and then tells
the views which lines changed, so they refresh only those. The page the GUI holds is patched
from the events the core returns (each names its line, its new text and its words' ids), not
read again: a 5,000-word page takes tens of milliseconds to read, one line a fraction of one.

Typing the project could not save (disk full, file made read-only) is kept here as `unsaved`
and retried; nothing the user typed is dropped because a write failed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from corrigenda.align import realign_line
from corrigenda.model import Line, Page, PageStatus, Word
from corrigenda.store import Project, Source
from corrigenda.store.events import Event
from corrigenda.store.project import LineEdit

RETRY_MS = 3000
AFTER_EDIT = {PageStatus.APPROVED: PageStatus.IN_REVIEW, PageStatus.IN_REVIEW: PageStatus.IN_REVIEW}


@dataclass(frozen=True)
class LineChange:
    """A line's text from `before` to `after` (the project's texts, as it stores them)."""

    page_id: int
    line_id: int
    before: str
    after: str


def status_after_edit(status: PageStatus) -> PageStatus:
    """What the core makes a page's status when one of its lines is edited."""
    return AFTER_EDIT.get(status, PageStatus.TRANSCRIBED)


def patched_line(line: Line, event: Event) -> Line | None:
    """`line` as the core left it after the edit `event`; None if that cannot be told here."""
    ids = event.location.get("words")
    if event.before != line.text or event.after is None or not isinstance(ids, list):
        return None
    # The core aligned the same text onto the same words; only new words' ids differ.
    new, _next = realign_line(line, event.after, 1)
    if len(ids) != len(new.words) or new.text != event.after:
        return None
    words = tuple(Word(int(i), w.text, w.bbox, w.conf) for i, w in zip(ids, new.words))
    return dataclasses.replace(new, words=words)


class ProjectSession(QObject):
    """Holds the project and its undo stack; announces what changed."""

    lines_changed = Signal(int, list)  # page id, line ids
    pages_edited = Signal(list)  # page ids whose lines were edited (their status follows)
    pages_changed = Signal()  # the page list itself (added, moved, removed, OCRed)
    error = Signal(str)
    unsaved_changed = Signal(int, str)  # lines not saved yet, why

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self._page_cache: dict[int, Page] = {}
        self.last_error: str | None = None
        self.unsaved: dict[tuple[int, int], LineChange] = {}
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry_unsaved)

    @property
    def path(self) -> Path:
        return self.project.path

    @property
    def readonly(self) -> bool:
        return self.project.readonly

    def page(self, page_id: int) -> Page:
        """The page's current transcript (kept up to date from the events of edits)."""
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
            if event.page is not None and event.kind == "edit":
                by_page.setdefault(event.page, []).append(int(event.location["line"]))
        for page_id in by_page:
            page = self._page_cache.get(page_id)
            if page is not None:
                self._patch(page, [e for e in events if e.page == page_id])
        for page_id, line_ids in by_page.items():
            self.lines_changed.emit(page_id, line_ids)
        if by_page:
            self.pages_edited.emit(list(by_page))
        return events

    def _patch(self, page: Page, events: list[Event]) -> None:
        lines = {line.id: line for line in page.lines}
        for event in events:
            line = lines.get(int(event.location["line"]))
            new = patched_line(line, event) if line is not None else None
            if new is None:
                self.forget(page.id)  # read again when next asked for
                return
            lines[new.id] = new
        patched = dataclasses.replace(
            page,
            lines=tuple(lines[line.id] for line in page.lines),
            status=status_after_edit(page.status),
        )
        self._page_cache = {page.id: patched}

    # -- typing that could not be saved ----------------------------------------------------

    def keep_unsaved(self, change: LineChange, why: str) -> None:
        key = (change.page_id, change.line_id)
        first = self.unsaved.get(key)
        # Keep the text the project still holds as `before`, the latest typing as `after`.
        self.unsaved[key] = LineChange(
            change.page_id, change.line_id, first.before if first else change.before, change.after
        )
        self._retry.start()
        self.unsaved_changed.emit(len(self.unsaved), why)

    def saved(self, page_id: int, line_id: int) -> None:
        if self.unsaved.pop((page_id, line_id), None) is not None:
            if not self.unsaved:
                self._retry.stop()
            self.unsaved_changed.emit(len(self.unsaved), "")

    def unsaved_text(self, page_id: int, line_id: int) -> str | None:
        change = self.unsaved.get((page_id, line_id))
        return change.after if change else None

    def retry_unsaved(self) -> bool:
        """Try to save the kept typing again (each line its own undo step); True if all went."""
        from corrigenda.gui.commands import EditCommand  # commands import this module

        for key, change in list(self.unsaved.items()):
            if change.before == change.after:
                self.saved(*key)
                continue
            self.last_error = None
            self.undo_stack.push(
                EditCommand(self, [change], Source("keyboard"), "Type (saved on retry)")
            )
            if self.last_error is not None:
                self.unsaved_changed.emit(len(self.unsaved), self.last_error)
                return False
            self.saved(*key)
        return True

    def write_unsaved_to(self, copy: Path) -> None:
        """Apply the kept typing to a saved copy of the project (Save a copy as)."""
        if not self.unsaved:
            return
        with Project.open(copy, actor=self.project.actor) as target:
            edits = [
                LineEdit(c.page_id, c.line_id, c.before, c.after) for c in self.unsaved.values()
            ]
            target.edit_lines(edits, Source("keyboard", {"saved": "copy"}))

    def close(self) -> None:
        self._retry.stop()
        self.undo_stack.clear()
        self.project.close()
