"""Review mode's questions: the dialogs that ask for a reason, a note or a sign-off. Each
returns the answer (None: cancelled); the review controller then decides with it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from corrigenda.gui.review.dialogs import ReasonDialog, SignOffDialog


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
