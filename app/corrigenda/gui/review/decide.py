"""Review mode's decisions: approve, reject, sign off, return and submit, each made by the core
(corrigenda.review.decisions) and recorded through the session, the GUI's one write path.
Each takes its reason as an argument (review.asking asks for it); an approval that includes
the reviewer's own edits asks first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from corrigenda.errors import CorrigendaError
from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.review.selection import EditSelection
from corrigenda.gui.session import ProjectSession
from corrigenda.review import decisions
from corrigenda.store import Event, Project


class Decisions:
    """Decides on the selected edits or the current page; lists the edits again after."""

    def __init__(
        self,
        selection: EditSelection,
        pages: PageList,
        relist: Callable[[], object],
        say: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        self._selection, self._pages = selection, pages
        self._relist, self.say, self._parent = relist, say, parent
        self.session: ProjectSession | None = None

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session

    def current_page_number(self) -> int | None:
        return self._pages.current_number() if self.session is not None else None

    def decide(self, what: str, act: Callable[[Project], list[Event]]) -> list[Event] | None:
        """Record a decision through the session; say what happened; list the edits again."""
        if self.session is None:
            return None
        try:
            events = self.session.record(act)
        except decisions.OwnEditsError:
            raise  # an approval of one's own edits: _decide_own asks the user
        except CorrigendaError as exc:
            self.say(f"{what}: {exc.message}")
            return None
        self.say(f"{what}: {len(events)} event{'' if len(events) == 1 else 's'} recorded")
        self._relist()
        return events

    def approve_selected(self, reason: str | None = None) -> list[Event] | None:
        ids = self._selection.selected_ids()
        if not ids:
            self.say("select the edits to approve")
            return None
        return self._decide_own(
            "approve",
            lambda p, own: decisions.approve(p, ids, reason, allow_own_edits=own),
        )

    def reject_selected(self, reason: str) -> list[Event] | None:
        ids = self._selection.selected_ids()
        if not ids:
            self.say("select the edits to reject")
            return None
        return self.decide("reject", lambda p: decisions.reject(p, ids, reason))

    def sign_off_pages(self, numbers: list[int], reason: str | None = None) -> list[Event] | None:
        return self._decide_own(
            "sign-off",
            lambda p, own: decisions.approve_pages(p, numbers, reason, allow_own_edits=own),
        )

    def _decide_own(
        self, what: str, act: Callable[[Project, bool], list[Event]]
    ) -> list[Event] | None:
        """Approve; if that includes the reviewer's own edits, ask before approving them
        (separation of duties: the record then marks them as self-approved)."""
        if self.session is None:
            return None
        try:
            return self.decide(what, lambda p: act(p, False))
        except decisions.OwnEditsError as exc:
            count = len(exc.event_ids)
            answer = QMessageBox.question(
                self._parent,
                "Approve your own edits?",
                f"{count} of these edits {'was' if count == 1 else 'were'} made by you "
                f"({self.session.project.actor}). Archives usually have another reviewer "
                "approve them.\n\nApprove them yourself? The record will show it.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.say(f"{what}: not approved (your own edits)")
                return None
            return self.decide(what, lambda p: act(p, True))

    def return_page(self, number: int, note: str) -> list[Event] | None:
        return self.decide("return", lambda p: [decisions.return_page(p, number, note)])

    def submit_current_page(self) -> list[Event] | None:
        number = self.current_page_number()
        if number is None:
            return None
        return self.decide("submit", lambda p: [decisions.submit_page(p, number)])
