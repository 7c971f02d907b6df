"""Undo commands over the project's recorded line edits.

A command is pushed once its change is written (the session writes first, so a failure is an
exception for the caller, never a half-made command): its first redo does nothing. Undo asks
for the core's undo, which appends the inverse edits as new events naming the events undone;
a later redo asks for the core's redo of those. Nothing is ever deleted from the history.
Consecutive typing in one line merges into one command (`mergeWith`).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from corrigenda.errors import CorrigendaError
from corrigenda.store import LineEdit, LineWritten

TYPING_ID = 1


class Steps(Protocol):
    """What an undo command asks of the session (the GUI's one write path)."""

    def undo_events(self, event_ids: list[int]) -> list[LineWritten]: ...

    def redo_events(self, event_ids: list[int]) -> list[LineWritten]: ...

    def step_failed(self, message: str) -> None: ...


class EditCommand(QUndoCommand):
    """One undoable step: line edits written together."""

    def __init__(
        self,
        steps: Steps,
        written: list[LineWritten],
        edits: list[LineEdit],
        label: str,
        *,
        typing: bool = False,
    ) -> None:
        super().__init__(label)
        self._steps = steps
        # The project may normalise the text (spaces, Unicode): keep what it stored.
        self._edits = [
            LineEdit(e.page_id, e.line_id, e.before, w.line.text) for e, w in zip(edits, written)
        ]
        self._typing = typing
        self._done_ids = [w.event.id for w in written]  # the events that made the change
        self._undo_ids: list[int] = []  # the events of the latest undo
        self._written = True  # the change is in the project: the first redo is done

    @property
    def edits(self) -> list[LineEdit]:
        return list(self._edits)

    def page_ids(self) -> set[int]:
        return {e.page_id for e in self._edits}

    def id(self) -> int:  # Qt's name
        return TYPING_ID if self._typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or not (self._typing and other._typing):
            return False
        mine, theirs = self._edits[0], other._edits[0]
        if (mine.page_id, mine.line_id) != (theirs.page_id, theirs.line_id):
            return False
        self._edits = [LineEdit(mine.page_id, mine.line_id, mine.before, theirs.after)]
        self._done_ids += other._done_ids
        return True

    def redo(self) -> None:
        if self._written:
            self._written = False
            return
        try:
            written = self._steps.redo_events(self._undo_ids)
        except CorrigendaError as exc:  # Qt calls this: it cannot raise to anyone
            self._steps.step_failed(exc.message)
            return
        self._done_ids = [w.event.id for w in written]

    def undo(self) -> None:
        try:
            written = self._steps.undo_events(self._done_ids)
        except CorrigendaError as exc:
            self._steps.step_failed(exc.message)
            return
        self._undo_ids = [w.event.id for w in written]
