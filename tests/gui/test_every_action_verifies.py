"""Every edit, review and sign-off action of the window, driven as a user would (keys, menus,
buttons, the dialogs answered), and then `verify` on the project: every event the window
writes must verify. Approve once passed Qt's clicked(bool) on as the reason ("Reason 0"),
writing an event that verify rejected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPlainTextEdit

from corrigenda.review.edits import list_edits
from corrigenda.review.verify import verify
from tests.gui.conftest import on_disk


def answer_dialogs(qtbot, answers: list[str]) -> Callable[[], None]:
    """Answer each modal dialog that opens: a reason is typed, a question gets Yes, a
    dialog is accepted. `answers` records what was answered; call the result to stop."""
    timer = QTimer()

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        if isinstance(dialog, QMessageBox):
            answers.append(f"question: {dialog.text()}")
            dialog.button(QMessageBox.StandardButton.Yes).click()
            return
        if isinstance(dialog, QDialog) and dialog.windowTitle() != "Find and replace":
            for text in dialog.findChildren(QPlainTextEdit):
                if text.accessibleName() == "Reason":
                    text.setPlainText("checked against the scan")
            answers.append(f"dialog: {dialog.windowTitle()}")
            dialog.accept()

    timer.timeout.connect(poll)
    timer.start(50)
    return timer.stop


def key(qtbot, window, keys: str) -> None:
    """Press a shortcut of the window's menus, with the editor focused."""
    from PySide6.QtGui import QKeySequence

    window.activateWindow()  # a closed dialog leaves no window active under offscreen
    qtbot.waitUntil(window.isActiveWindow)
    sequence = QKeySequence(keys)
    combo = sequence[0]
    qtbot.keyClick(window.editor, combo.key(), combo.keyboardModifiers())


def test_every_action_in_the_window_writes_events_that_verify(
    qtbot, window, ocred_sample: Path
) -> None:
    answers: list[str] = []
    stop = answer_dialogs(qtbot, answers)
    try:
        _drive(qtbot, window, answers)
    finally:
        stop()
    window.close_project()
    report = verify(ocred_sample)
    assert report.ok, report.first_problem
    with on_disk(ocred_sample) as project:
        kinds = {e.kind for e in project.events()}
        states = {e.state for e in list_edits(project)}
    assert {"edit", "review", "status", "sign-off", "page-move", "page-remove"} <= kinds
    assert {"approved", "rejected"} <= states
    # No decision carries a made-up reason (Qt's `checked` argument was one).
    with on_disk(ocred_sample) as project:
        reasons = {e.comment for e in project.events() if e.kind == "review"}
    assert "0" not in reasons and "False" not in reasons


def _drive(qtbot, window, answers: list[str]) -> None:
    from corrigenda import checks

    checks.add_name(window.session.project, "L.I. Brezhnev")
    window.flags.refresh()
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    editor = window.editor
    editor.setFocus()

    # Typing, then leaving the line: one keyboard edit.
    editor.move_to_offset(editor.page().lines[0].id, 0)
    qtbot.keyClicks(editor, "Typed ")
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    editor.flush()
    # Undo and redo by key.
    key(qtbot, window, "Ctrl+Z")
    key(qtbot, window, "Ctrl+Shift+Z")

    # Flags: next flag and accept (F8, Enter), the other flag keys.
    for keys in ("F8", "Return", "F8", "Ctrl+Shift+I", "F8", "Ctrl+Shift+A", "F8", "Ctrl+Shift+N"):
        key(qtbot, window, keys)
    # Fix all like this: the concordance is read on a worker, then answered.
    flag = next(f for f in window.flags.model.all_flags() if f.suggestions)
    window.flags.go_to(flag)
    before = len(answers)
    key(qtbot, window, "Ctrl+Shift+F")
    qtbot.waitUntil(lambda: len(answers) > before, timeout=20_000)

    # Find and replace, from the Edit menu.
    def replace_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.find_edit.setText("the")
        dialog.replace_edit.setText("the")  # the same: nothing to change...
        dialog.replace_edit.setText("thee")
        qtbot.waitUntil(lambda: dialog.replace_button.isEnabled(), timeout=20_000)
        dialog.replace_button.click()
        dialog.accept()

    QTimer.singleShot(0, replace_in_dialog)
    window.menus.actions["find"].trigger()

    # Pages: move one by dragging (the view's signal), remove one (Delete), undo both.
    page_ids = [window.pages_model.page_id(r) for r in range(window.pages_model.rowCount())]
    window.pages_view.page_moved.emit(page_ids[-1], 1)
    window.select_row(1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.pages_view.setFocus()
    qtbot.keyClick(window.pages_view, Qt.Key.Key_Delete)
    window.menus.actions["undo"].trigger()
    window.menus.actions["undo"].trigger()
    window.select_row(0)

    # Review mode: the panel's buttons and the Review menu.
    review = window.review
    with qtbot.waitSignal(review.lister.done, timeout=10_000):
        key(qtbot, window, "Ctrl+Shift+R")
    qtbot.waitUntil(lambda: review.model.rowCount() >= 4 and not review.lister.running)
    ids = [e.event_id for e in review.model.edits() if e.state == "pending"]

    def decided(event_id: int) -> Callable[[], bool]:
        return lambda: any(
            e.event_id == event_id and e.state != "pending" for e in review.model.edits()
        )

    review.select_ids([ids[0]])
    review.panel.approve_button.click()  # the button that wrote "Reason 0"
    qtbot.waitUntil(decided(ids[0]), timeout=10_000)
    review.select_ids([ids[1]])
    review.actions["approve"].trigger()
    qtbot.waitUntil(decided(ids[1]), timeout=10_000)
    review.select_ids([ids[-1]])  # the latest edit: no later change stands on its line
    review.panel.reject_button.click()
    qtbot.waitUntil(decided(ids[-1]), timeout=10_000)
    window.select_row(1)
    review.actions["submit"].trigger()
    review.panel.return_button.click()
    window.select_row(0)
    review.panel.sign_page_button.click()
    review.panel.sample_button.click()
    qtbot.waitUntil(lambda: not review.sampler.running, timeout=10_000)
    review.actions["sign_document"].trigger()
    qtbot.waitUntil(lambda: not review.lister.running, timeout=10_000)
    assert sum("Sign off" in a for a in answers) == 2, answers
