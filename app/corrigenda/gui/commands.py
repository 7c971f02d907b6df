"""Undo commands over the core's line edits.

A command's first redo writes its changes through the project's one write path; undo calls the
core's `Project.undo`, which appends the inverse edits as new events naming the events undone,
and a later redo calls `Project.redo` on those. Nothing is ever deleted from the history.
Consecutive typing in one line merges into one command (`mergeWith`).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from corrigenda.errors import CorrigendaError
from corrigenda.gui.session import LineChange, ProjectSession
from corrigenda.store import Source

TYPING_ID = 1


class EditCommand(QUndoCommand):
    """One undoable step: one or more line changes applied together."""

    def __init__(
        self,
        session: ProjectSession,
        changes: list[LineChange],
        source: Source,
        label: str,
        *,
        typing: bool = False,
    ) -> None:
        super().__init__(label)
        self._session = session
        self._changes = list(changes)
        self._source = source
        self._typing = typing
        self._done_ids: list[int] = []  # the events that made the change (first or a redo)
        self._undo_ids: list[int] = []  # the events of the latest undo
        self._first = True

    @property
    def changes(self) -> list[LineChange]:
        return list(self._changes)

    def page_ids(self) -> set[int]:
        return {c.page_id for c in self._changes}

    def id(self) -> int:  # Qt's name
        return TYPING_ID if self._typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or not (self._typing and other._typing):
            return False
        if other._first:  # its write failed: nothing of it is in the project
            return False
        mine, theirs = self._changes[0], other._changes[0]
        if (mine.page_id, mine.line_id) != (theirs.page_id, theirs.line_id):
            return False
        self._changes = [LineChange(mine.page_id, mine.line_id, mine.before, theirs.after)]
        self._done_ids += other._done_ids
        return True

    def redo(self) -> None:
        try:
            if self._first:
                events = self._session.apply(self._changes, self._source)
            else:
                events = self._session.redo(self._undo_ids)
        except CorrigendaError as exc:
            self._session.last_error = exc.message
            self._session.error.emit(exc.message)
            if self._first:
                self.setObsolete(True)  # never applied: the stack drops it
            return
        if self._first:
            # The project may normalise the text (spaces, Unicode): keep what it stored.
            self._changes = [
                LineChange(c.page_id, c.line_id, c.before, e.after or "")
                for c, e in zip(self._changes, events)
            ]
        self._first = False
        self._done_ids = [e.id for e in events]

    def undo(self) -> None:
        try:
            events = self._session.undo(self._done_ids)
        except CorrigendaError as exc:
            self._session.last_error = exc.message
            self._session.error.emit(exc.message)
            return
        self._undo_ids = [e.id for e in events]
