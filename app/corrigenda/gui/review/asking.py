"""Review mode's questions: the dialogs that ask for a reason, a note or a sign-off (each
returns the answer, None: cancelled), and `Questions`, which asks them and then decides with
the answer (review.decide)."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from corrigenda.gui.review.decide import Decisions
from corrigenda.gui.review.dialogs import ReasonDialog, SignOffDialog
from corrigenda.gui.review.model import EditsModel
from corrigenda.gui.review.selection import EditSelection
from corrigenda.gui.session import ProjectSession
from corrigenda.review.edits import PENDING


def rejection_reason(parent: QWidget, count: int) -> str | None:
    edits = "1 edit" if count == 1 else f"{count} edits"
    dialog = ReasonDialog(
        parent,
        "Reject edits",
        f"Reject {edits}? Each is reverted by a new event. Why (the transcriber will read this)?",
        required=True,
    )
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


def sign_off_comment(parent: QWidget, reviewer: str, what: str, warnings: str = "") -> str | None:
    """The sign-off's optional comment ("" for none); None: not signed."""
    dialog = SignOffDialog(parent, reviewer, what, warnings)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


def return_note(parent: QWidget, number: int) -> str | None:
    dialog = ReasonDialog(
        parent,
        "Return the page",
        f"Return page {number} to its transcriber with a note:",
        required=True,
    )
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


class Questions:
    """The questions before a decision: what to ask, then the decision with the answer."""

    def __init__(
        self,
        decide: Decisions,
        selection: EditSelection,
        model: EditsModel,
        open_flags: Callable[[set[int]], list[str]],
        say: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        self._decide, self._selection, self._model = decide, selection, model
        self._open_flags = open_flags  # page numbers -> the flags still open on them
        self.say, self._parent = say, parent
        self.session: ProjectSession | None = None

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session

    def ask_reject(self) -> None:
        count = len(self._selection.selected_ids())
        if not count:
            self.say("select the edits to reject")
            return
        reason = rejection_reason(self._parent, count)
        if reason:
            self._decide.reject_selected(reason)

    def ask_sign_off_page(self) -> None:
        number = self._decide.current_page_number()
        if number is None or self.session is None:
            return
        comment = sign_off_comment(
            self._parent,
            self.session.project.actor,
            f"page {number} (its pending edits too)",
            self.sign_off_warnings({number}),
        )
        if comment is not None:
            self._decide.sign_off_pages([number], comment or None)

    def ask_sign_off_document(self) -> None:
        if self.session is None:
            return
        numbers = [i.number for i in self.session.project.pages()]
        what = f"the whole document ({len(numbers)} page{'' if len(numbers) == 1 else 's'})"
        warnings = self.sign_off_warnings(set(numbers))
        comment = sign_off_comment(self._parent, self.session.project.actor, what, warnings)
        if comment is not None:
            self._decide.sign_off_pages(numbers, comment or None)

    def sign_off_warnings(self, numbers: set[int]) -> str:
        """What a sign-off of these pages would approve unseen: open flags, pending edits."""
        flags = self._open_flags(numbers)
        edits = self._model.edits()
        pending = [e for e in edits if e.page_number in numbers and e.state == PENDING]
        parts = []
        if flags:
            listed = ", ".join(html.escape(f) for f in flags[:8])
            more = f" and {len(flags) - 8} more" if len(flags) > 8 else ""
            count = "1 flag is" if len(flags) == 1 else f"{len(flags)} flags are"
            parts.append(f"<b>{count} still open:</b> {listed}{more}.")
        if pending:
            count = "1 edit" if len(pending) == 1 else f"{len(pending)} edits"
            parts.append(f"<b>{count} not reviewed yet</b>: signing approves them as they are.")
        if not parts:
            return ""
        return f'<p style="color:#9a3a00">{"<br>".join(parts)}</p>'

    def ask_return_page(self) -> None:
        number = self._decide.current_page_number()
        if number is None:
            return
        note = return_note(self._parent, number)
        if note:
            self._decide.return_page(number, note)
