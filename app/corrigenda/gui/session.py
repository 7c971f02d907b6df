"""The open project as the GUI sees it, and the GUI's one write path into it.

Every change the window makes goes through a method here: `edit` (line edits, pushed as one
undo step), `undo_events`/`redo_events` (what undo commands ask for), and `record` (any other
recorded change: decisions, settings, pages). Each first commits the typing not yet written, so
a change never overtakes it; each tells the views what changed. A failed write raises
CorrigendaError to its caller; a failed undo or redo step (Qt calls those, they cannot raise)
is announced by `step_error`.

The page the GUI holds is patched with the lines the store returns (their words realigned by
the store) and their page's new status: a 5,000-word page takes tens of milliseconds to read,
one line a fraction of one.

Typing the project could not save (disk full, file made read-only) is kept here as `unsaved`
and retried; nothing the user typed is dropped because a write failed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from corrigenda.errors import CorrigendaError
from corrigenda.gui.commands import EditCommand
from corrigenda.model import OcrRun, Page
from corrigenda.store import Event, LineEdit, LineWritten, Project, Source, journal

RETRY_MS = 3000
T = TypeVar("T")


class ProjectSession(QObject):
    """Holds the project and its undo stack; writes; announces what changed."""

    lines_changed = Signal(int, list)  # page id, line ids
    pages_changed = Signal()  # the page list or the pages' statuses: read them again
    page_status_changed = Signal(int, str)  # page id, its status after an edit (as stored)
    step_error = Signal(str)  # an undo or redo step could not be written
    unsaved_changed = Signal(int, str)  # lines not saved yet, why

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self._page_cache: dict[int, Page] = {}
        self._commit_typing: Callable[[], None] = lambda: None
        self.unsaved: dict[tuple[int, int], LineEdit] = {}
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry_unsaved)
        self._typist: journal.Typist | None = None

    @property
    def typist(self) -> journal.Typist:
        """Who types here, with this computer's secret that seals their journal rows; if the
        config folder cannot be written, a secret for this run only (its rows are then
        shown, not recovered, after a stop)."""
        if self._typist is None:
            try:
                self._typist = journal.Typist.local(self.project.actor)
            except OSError:
                self._typist = journal.Typist(self.project.actor, secrets.token_bytes(32))
        return self._typist

    @property
    def path(self) -> Path:
        return self.project.path

    @property
    def readonly(self) -> bool:
        return self.project.readonly

    def page(self, page_id: int) -> Page:
        """The page's current transcript (kept up to date from the lines the store wrote)."""
        page = self._page_cache.get(page_id)
        if page is None:
            page = self.project.page(page_id)
            self._page_cache = {page_id: page}  # one page is enough; pages can be large
        return page

    def forget(self, page_id: int | None = None) -> None:
        """Read the page (None: every page) again when next asked for."""
        if page_id is None or page_id in self._page_cache:
            self._page_cache.clear()

    # -- writing ---------------------------------------------------------------------------

    def typing_committed_by(self, commit: Callable[[], None]) -> None:
        """`commit` writes the editor's pending typing; it runs before every other write."""
        self._commit_typing = commit

    def commit_typing(self) -> None:
        self._commit_typing()

    def edit(
        self, edits: list[LineEdit], source: Source, label: str, *, typing: bool = False
    ) -> list[LineWritten]:
        """Write `edits` as one transaction and one undo step; raises CorrigendaError."""
        if not typing:
            self.commit_typing()
        written = self.project.write_lines(edits, source)
        if typing:
            for edit in edits:
                self._forget_typing(edit.page_id, edit.line_id)
        self._announce(written)
        self.undo_stack.push(EditCommand(self, written, edits, label, typing=typing))
        return written

    def undo_events(self, event_ids: list[int]) -> list[LineWritten]:
        """Append the inverses of `event_ids` (the core's undo; history is never deleted)."""
        return self._announce(self.project.undo_lines(event_ids))

    def redo_events(self, event_ids: list[int]) -> list[LineWritten]:
        return self._announce(self.project.redo_lines(event_ids))

    def step_failed(self, message: str) -> None:
        self.step_error.emit(message)

    def record(self, change: Callable[[Project], T], *, quiet: bool = False) -> T:
        """Any other recorded change (a decision, a setting, a page): `change(project)`.

        Pages are read again afterwards (a rejection reverts lines, a sign-off changes
        statuses); edits it made are announced by line, then `pages_changed` (unless
        `quiet`: the caller says when a burst of changes is over). Raises CorrigendaError.
        """
        self.commit_typing()
        result = change(self.project)
        if quiet:
            self.forget()
            return result
        events = result if isinstance(result, list) else [result]
        edited: dict[int, list[int]] = {}
        for event in events:
            if isinstance(event, Event) and event.kind == "edit" and event.page is not None:
                edited.setdefault(event.page, []).append(int(event.location["line"]))
        if edited:
            # The undo stack's commands name edits that are now reverted; undoing them would
            # fail, so the history of undo starts again from here.
            self.undo_stack.clear()
        self.forget()
        for page_id, line_ids in edited.items():
            self.lines_changed.emit(page_id, line_ids)
        self.pages_changed.emit()
        return result

    def set_ocr(self, page_id: int, run: OcrRun, source: Source) -> None:
        """A page's new OCR (corrections carried over by the store). Not announced: the OCR
        run reports its pages, and reads their statuses on a worker."""
        self.project.set_ocr(page_id, run, source)
        self.forget(page_id)

    def push(self, command: QUndoCommand) -> None:
        """An undo step whose change `record` has written (moving, removing a page)."""
        self.undo_stack.push(command)

    def _announce(self, written: list[LineWritten]) -> list[LineWritten]:
        by_page: dict[int, list[LineWritten]] = {}
        for item in written:
            if item.event.page is not None:
                by_page.setdefault(item.event.page, []).append(item)
        for page_id, items in by_page.items():
            page = self._page_cache.get(page_id)
            if page is not None:
                lines = {line.id: line for line in page.lines}
                lines.update({w.line.id: w.line for w in items})
                self._page_cache[page_id] = dataclasses.replace(
                    page,
                    lines=tuple(lines[line.id] for line in page.lines),
                    status=items[-1].page_status,
                )
        for page_id, items in by_page.items():
            self.lines_changed.emit(page_id, [w.line.id for w in items])
            self.page_status_changed.emit(page_id, items[-1].page_status.value)
        return written

    # -- the typing journal: every keystroke on disk at once -------------------------------

    def journal_typing(self, edit: LineEdit) -> None:
        """Keep the line's text as typed so far (store/journal.py) until its edit is written:
        a killed program loses no character that was on screen."""
        if self.readonly:
            return
        # A failure here is reported by the edit's own write (which keeps the typing).
        with contextlib.suppress(CorrigendaError):
            journal.record(self.project, edit, self.typist)

    def _forget_typing(self, page_id: int, line_id: int) -> None:
        # A row left behind is dropped when the project opens again.
        with contextlib.suppress(CorrigendaError):
            journal.forget(self.project, page_id, line_id)

    def recover_typing(self) -> tuple[int, list[journal.Foreign]]:
        """Write the typing a stopped program left in the journal; how many lines, and the
        rows not recorded because this user did not type them here (dropped from the
        journal: the window shows their text)."""
        if self.readonly:
            return 0, []
        recovered = 0
        found = journal.pending(self.project, self.typist)
        for foreign in found.foreign:
            self._forget_typing(foreign.edit.page_id, foreign.edit.line_id)
        for edit in found.mine:
            try:
                now = self.project.page(edit.page_id).line(edit.line_id).text
            except (CorrigendaError, KeyError):
                now = None
            if now is not None and now == edit.before and edit.after != edit.before:
                source = Source("keyboard", {"recovered": "typing journal"})
                self.edit([edit], source, "Typing recovered after a stop", typing=True)
                recovered += 1
            else:  # written already, or the line changed since: nothing to recover
                self._forget_typing(edit.page_id, edit.line_id)
        return recovered, found.foreign

    # -- typing that could not be saved ----------------------------------------------------

    def keep_unsaved(self, edit: LineEdit, why: str) -> None:
        key = (edit.page_id, edit.line_id)
        first = self.unsaved.get(key)
        # Keep the text the project still holds as `before`, the latest typing as `after`.
        self.unsaved[key] = LineEdit(
            edit.page_id, edit.line_id, first.before if first else edit.before, edit.after
        )
        self._retry.start()
        self.unsaved_changed.emit(len(self.unsaved), why)

    def saved(self, page_id: int, line_id: int) -> None:
        if self.unsaved.pop((page_id, line_id), None) is not None:
            if not self.unsaved:
                self._retry.stop()
            self.unsaved_changed.emit(len(self.unsaved), "")

    def unsaved_text(self, page_id: int, line_id: int) -> str | None:
        edit = self.unsaved.get((page_id, line_id))
        return edit.after if edit else None

    def retry_unsaved(self) -> bool:
        """Try to save the kept typing again (each line its own undo step); True if all went."""
        for key, edit in list(self.unsaved.items()):
            if edit.before != edit.after:
                try:
                    self.edit([edit], Source("keyboard"), "Type (saved on retry)")
                except CorrigendaError as exc:
                    self.unsaved_changed.emit(len(self.unsaved), exc.message)
                    return False
            self.saved(*key)
        return True

    def write_unsaved_to(self, copy: Path) -> None:
        """Apply the kept typing to a saved copy of the project (Save a copy as)."""
        if not self.unsaved:
            return
        with Project.open(copy, actor=self.project.actor) as target:
            target.edit_lines(list(self.unsaved.values()), Source("keyboard", {"saved": "copy"}))

    def close(self) -> None:
        self._retry.stop()
        self.undo_stack.clear()
        self.project.close()
