"""Review mode's questions: the dialogs that ask for a reason, a note or a sign-off, then
call the review controller's deciding methods with the answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from corrigenda.gui.review.dialogs import ReasonDialog, SignOffDialog

if TYPE_CHECKING:
    from corrigenda.gui.review.controller import ReviewController


def ask_reject(review: ReviewController) -> None:
    n = len(review.selected_ids())
    if not n:
        review.say("select the edits to reject")
        return
    dialog = ReasonDialog(
        review.parent_widget,
        "Reject edits",
        f"Reject {n} edit{'' if n == 1 else 's'}? Each is "
        "reverted by a new event. Why (the transcriber will read this)?",
        required=True,
    )
    if dialog.exec() == QDialog.DialogCode.Accepted:
        review.reject_selected(dialog.reason())


def ask_sign_off_page(review: ReviewController) -> None:
    number = review.current_page_number()
    if number is None or review.session is None:
        return
    dialog = SignOffDialog(
        review.parent_widget, review.session.project.actor, f"page {number} (its pending edits too)"
    )
    if dialog.exec() == QDialog.DialogCode.Accepted:
        review.sign_off_pages([number], dialog.reason() or None)


def ask_sign_off_document(review: ReviewController) -> None:
    if review.session is None:
        return
    numbers = [i.number for i in review.session.project.pages()]
    dialog = SignOffDialog(
        review.parent_widget,
        review.session.project.actor,
        f"the whole document ({len(numbers)} pages)",
    )
    if dialog.exec() == QDialog.DialogCode.Accepted:
        review.sign_off_pages(numbers, dialog.reason() or None)


def ask_return_page(review: ReviewController) -> None:
    number = review.current_page_number()
    if number is None:
        return
    dialog = ReasonDialog(
        review.parent_widget,
        "Return the page",
        f"Return page {number} to its transcriber with a note:",
        required=True,
    )
    if dialog.exec() == QDialog.DialogCode.Accepted:
        review.return_page(number, dialog.reason())
