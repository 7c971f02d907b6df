"""Region changes on the window's undo stack. A command is pushed once its change is written
(its first redo does nothing). Undo asks the core to restore the page's lines and regions as
they were before the change's events (`region-undo`), redo as they were after them
(`region-redo`): events appended like any other, nothing erased from the history, and verify
checks what each restores. Typing before the region change stays undoable after it: undone in
order, the page's lines are those the earlier steps name."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from corrigenda.errors import CorrigendaError
from corrigenda.gui.session import ProjectSession
from corrigenda.store import Project, Source


class RegionCommand(QUndoCommand):
    """One region change (its events `event_ids` on page `page_id`)."""

    def __init__(
        self,
        session: ProjectSession,
        page_id: int,
        event_ids: list[int],
        states: tuple[str, str],
        label: str,
        shown: Callable[[int], None],
    ) -> None:
        super().__init__(label)
        self._session, self._page_id, self._ids = session, page_id, list(event_ids)
        self._before, self._after = states
        self._shown = shown  # show and flag the page again
        self._written = True  # the change is in the project: the first redo is done

    def page_ids(self) -> set[int]:
        return {self._page_id}

    def redo(self) -> None:
        if self._written:
            self._written = False
            return
        self._restore(self._before, self._after, undo=False)

    def undo(self) -> None:
        self._restore(self._after, self._before, undo=True)

    def _restore(self, source: str, target: str, *, undo: bool) -> None:
        page_id, ids = self._page_id, self._ids
        origin = Source("undo" if undo else "redo", {"of": ids})

        def change(project: Project) -> object:
            return project.restore_region_state(page_id, ids, source, target, origin, undo=undo)

        try:  # Qt calls this: it cannot raise to anyone
            self._session.record(change, quiet=True)
        except CorrigendaError as exc:
            self._session.step_failed(exc.message)
            return
        self._shown(page_id)
