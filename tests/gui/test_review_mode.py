"""Review mode: models through the model tester, approve/reject with the revert on disk,
return a page, QC sampling, sign-off with the reviewer's key made on first use, and verify."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from corrigenda.gui.review.dialogs import SignOffDialog, sign_off_prompt
from corrigenda.gui.review.model import EditRole, EditsModel, EditsProxy, RowHtmlRole
from corrigenda.model import PageStatus
from corrigenda.review import signing
from corrigenda.review.edits import EditFilter, EditView, list_edits
from corrigenda.store import LineEdit, Source
from tests.gui.conftest import on_disk


def edit_two_lines(window) -> tuple[int, list[tuple[int, str, str]]]:
    """Two keyboard edits on the first page's first two lines; returns (page id, changes)."""
    page = window.session.page(window.current_page_id)
    changes = []
    for line in page.lines[:2]:
        after = line.text + " [checked]"
        changes.append((line.id, line.text, after))
        window.session.edit([LineEdit(page.id, line.id, line.text, after)], Source("keyboard"), "t")
    return page.id, changes


def show_review(qtbot, window) -> None:
    review = window.review
    with qtbot.waitSignal(review.lister.done, timeout=10_000):
        window.review.dock.show()
    qtbot.waitUntil(lambda: review.model.rowCount() > 0 and not review.lister.running)


def listed_ids(review) -> list[int]:
    return [
        review.proxy.index(r, 0).data(EditRole).event_id for r in range(review.proxy.rowCount())
    ]


def test_review_models_pass_the_model_tester_and_filter(qtbot, qtmodeltester, window) -> None:
    edit_two_lines(window)
    window.session.project.actor = "bob"
    page = window.session.page(window.current_page_id)
    line = page.lines[3]
    window.session.edit(
        [LineEdit(page.id, line.id, line.text, line.text + "!")],
        Source("suggestion", {"check": "lexicon"}),
        "accept",
    )
    show_review(qtbot, window)
    review = window.review
    qtmodeltester.check(review.model)
    qtmodeltester.check(review.proxy)
    qtmodeltester.check(review.qc_model)
    assert review.proxy.rowCount() == 3
    panel = review.panel
    panel.user_box.setCurrentIndex(panel.user_box.findText("bob"))
    assert [
        review.proxy.index(r, 0).data(EditRole).actor for r in range(review.proxy.rowCount())
    ] == ["bob"]
    panel.user_box.setCurrentIndex(0)
    panel.check_box.setCurrentIndex(panel.check_box.findText("lexicon"))
    assert review.proxy.rowCount() == 1
    panel.check_box.setCurrentIndex(0)
    panel.source_box.setCurrentIndex(panel.source_box.findText("keyboard"))
    assert review.proxy.rowCount() == 2
    panel.page_spin.setValue(2)  # the edits are all on page 1
    assert review.proxy.rowCount() == 0
    panel.page_spin.setValue(0)
    panel.until_edit.setText("2000-01-01")
    review.apply_filters()
    assert review.proxy.rowCount() == 0
    panel.until_edit.setText("")
    panel.since_edit.setText("2000-01-01")
    review.apply_filters()
    assert review.proxy.rowCount() == 2
    assert "2 of 3 edits shown" in panel.count_label.text()
    qtmodeltester.check(review.proxy)


def answer(monkeypatch, button) -> list[str]:
    """Answer the 'approve your own edits?' question with `button`; return the questions."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_approving_your_own_edits_asks_and_is_recorded(
    qtbot, window, ocred_sample: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    edit_two_lines(window)  # the same user edits and then reviews
    show_review(qtbot, window)
    review = window.review
    first, _ = listed_ids(review)
    review.select_ids([first])
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    assert review.approve_selected() is None and "made by you" in asked[0]
    with on_disk(ocred_sample) as project:
        assert {e.event_id: e.state for e in list_edits(project)}[first] == "pending"
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert review.approve_selected() is not None
    qtbot.waitUntil(lambda: not review.lister.running)
    with on_disk(ocred_sample) as project:
        edit = {e.event_id: e for e in list_edits(project)}[first]
        assert edit.state == "approved" and edit.self_approved
    shown = [review.proxy.index(row, 0).data(RowHtmlRole) for row in range(review.proxy.rowCount())]
    assert sum("self-approved" in text for text in shown) == 1  # the reviewer sees it


def test_approve_one_reject_another_reverts_on_disk(
    qtbot, window, ocred_sample: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    answer(monkeypatch, QMessageBox.StandardButton.Yes)  # the tester reviews their own edits
    page_id, changes = edit_two_lines(window)
    show_review(qtbot, window)
    review = window.review
    first, second = listed_ids(review)
    review.select_ids([first])
    assert review.approve_selected() is not None
    qtbot.waitUntil(lambda: not review.lister.running)
    review.select_ids([second])
    review.panel.details.toHtml()
    assert review.reject_selected("the scan reads otherwise") is not None
    qtbot.waitUntil(lambda: not review.lister.running)
    with on_disk(ocred_sample) as project:
        lines = {line.id: line.text for line in project.page(page_id).lines}
        assert lines[changes[0][0]] == changes[0][2]  # approved: stays
        assert lines[changes[1][0]] == changes[1][1]  # rejected: reverted to before
        states = {e.event_id: e.state for e in list_edits(project)}
    assert states[first] == "approved" and states[second] == "rejected"
    shown = {
        review.model.index(r, 0).data(EditRole).event_id: review.model.index(r, 0)
        .data(EditRole)
        .state
        for r in range(review.model.rowCount())
    }
    assert shown[first] == "approved" and shown[second] == "rejected"
    assert "revert" in shown.values()
    # The editor shows the reverted text too.
    assert window.session.page(page_id).line(changes[1][0]).text == changes[1][1]


def test_details_show_the_diffs_of_the_current_edit(qtbot, window) -> None:
    edit_two_lines(window)
    show_review(qtbot, window)
    review = window.review
    review.select_ids(listed_ids(review)[:1])
    text = review.panel.details.toPlainText()
    assert "Against the OCR" in text and "[checked]" in text


def test_return_page_and_sample(qtbot, window, ocred_sample: Path) -> None:
    edit_two_lines(window)
    show_review(qtbot, window)
    review = window.review
    assert review.return_page(1, "please check the first lines against the scan")
    with on_disk(ocred_sample) as project:
        assert project.pages()[0].status == PageStatus.RETURNED
    with qtbot.waitSignal(review.sampler.recorded, timeout=10_000):
        review.sample(50, seed=3)
    drawn = review.sampler.last_drawn
    assert len(drawn) == 1
    qtbot.waitUntil(lambda: not review.lister.running and review.qc_model.rowCount() == 1)
    assert review.qc_model.index(0, 2).data() == "1"  # sampled
    review._show_sampled()
    assert listed_ids(review) == [drawn[0].event_id]


def test_sign_off_makes_the_key_on_first_use_and_verifies(
    qtbot, window, ocred_sample: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    answer(monkeypatch, QMessageBox.StandardButton.Yes)  # the tester reviews their own edits
    edit_two_lines(window)
    show_review(qtbot, window)
    review = window.review
    qtbot.waitUntil(lambda: not review.lister.running)
    assert "No sign-off yet" in review.panel.receipt_label.text()
    reviewer = window.session.project.actor
    assert signing.load_key(reviewer, create=False) is None
    dialog = SignOffDialog(window, reviewer, "page 1")
    assert "first sign-off" in dialog.label.text()
    assert review.sign_off_pages([1], "checked against the scan")
    key = signing.load_key(reviewer, create=False)
    assert key is not None
    assert "first sign-off" not in sign_off_prompt(reviewer, "page 1")
    assert key.fingerprint in sign_off_prompt(reviewer, "page 1")
    with on_disk(ocred_sample) as project:
        assert project.pages()[0].status == PageStatus.APPROVED
        assert all(e.state == "approved" for e in list_edits(project, EditFilter(pages=[1])))
    with qtbot.waitSignal(review.verifier.done, timeout=30_000):
        review.start_verify()
    report = review.last_report
    assert report is not None and report.ok, report.first_problem
    assert [s.page_numbers for s in report.signoffs] == [[1]]
    # The window shows the receipt the archive keeps: the sign-off is the chain's head.
    qtbot.waitUntil(lambda: "Latest receipt" in review.panel.receipt_label.text())
    assert report.head[:16] in review.panel.receipt_label.text()
    assert review.report_dialog is not None
    assert "Verified" in review.report_dialog.browser.toPlainText()
    review.report_dialog.close()


def test_a_failing_verify_is_shown(qtbot, window, ocred_sample: Path) -> None:
    import sqlite3

    edit_two_lines(window)
    conn = sqlite3.connect(ocred_sample)
    conn.execute("UPDATE events SET actor = 'mallory' WHERE id = (SELECT MAX(id) FROM events)")
    conn.commit()
    conn.close()
    with qtbot.waitSignal(window.review.verifier.done, timeout=30_000):
        window.review.start_verify()
    report = window.review.last_report
    assert report is not None and not report.ok
    assert "NOT verified" in window.review.report_dialog.browser.toPlainText()
    window.review.report_dialog.close()


def fake_edit(n: int) -> EditView:
    return EditView(
        n,
        "2026-11-28T10:00:00.000Z",
        "anna" if n % 2 else "boris",
        1,
        1 + n % 5,
        "p.png",
        n % 40,
        f"the rnessage {n}",
        f"the message {n}",
        {"type": "keyboard"},
        None,
        f"the rnessage {n}",
        f"the rnessage {n}",
    )


def test_diffs_are_made_only_for_rows_asked_for(qtmodeltester) -> None:
    model = EditsModel()
    model.set_edits([fake_edit(n) for n in range(5000)])
    proxy = EditsProxy()
    proxy.setSourceModel(model)
    proxy.set_filter(EditFilter(actors=["anna"], pages=[2]))
    assert proxy.rowCount() == 500  # odd n with n % 5 == 1
    assert model._html == {}  # filtering and sorting made no diffs
    html = proxy.index(0, 0).data(RowHtmlRole)
    assert "line-through" in html and "message" in html
    assert len(model._html) == 1
    assert proxy.index(0, 0).data(Qt.ItemDataRole.DisplayRole).endswith("[-rnessage-]{+message+} 1")


def test_review_menu_sits_before_help_and_needs_a_project(qtbot) -> None:
    from corrigenda.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    menus = [a.text().replace("&", "") for a in win.menuBar().actions()]
    assert menus.index("Review") == menus.index("Help") - 1
    assert not any(action.isEnabled() for action in win.review.actions.values())
    assert win.review.dock.toggleViewAction().text().replace("&", "") == "Review mode"


def test_reason_dialog_needs_a_reason_when_required(qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from corrigenda.gui.review.dialogs import ReasonDialog

    dialog = ReasonDialog(None, "Reject edits", "Why?", required=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.text.setPlainText("  the scan reads otherwise ")
    assert ok.isEnabled() and dialog.reason() == "the scan reads otherwise"
    optional = ReasonDialog(None, "Sign off", "Comment?", required=False)
    qtbot.addWidget(optional)
    assert optional.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_an_undo_and_its_redo_list_as_the_net_change(qtbot, window) -> None:
    """Undo, redo in the window: the Edits tab, its count and the QC tab show one edit; an
    undone edit shows nothing pending but can still be listed (State: undone)."""
    page_id, changes = edit_two_lines(window)
    stack = window.session.undo_stack
    stack.undo()  # the second line's edit
    show_review(qtbot, window)
    review, panel = window.review, window.review.panel
    first, second = (e for e in review.model.edits() if e.source_type == "keyboard")
    assert listed_ids(review) == [first.event_id]
    assert "1 of 1 edit shown, 1 pending" in panel.count_label.text()
    panel.state_box.setCurrentIndex(panel.state_box.findText("undone"))
    shown = [review.proxy.index(r, 0).data(EditRole) for r in range(review.proxy.rowCount())]
    assert second.event_id in {e.event_id for e in shown} and len(shown) == 2
    assert all(e.state == "undone" for e in shown)
    assert "cancels out with #" in review.proxy.index(0, 0).data(RowHtmlRole)
    panel.state_box.setCurrentIndex(0)
    with qtbot.waitSignal(review.lister.done, timeout=10_000):
        stack.redo()
        review.reload()
    qtbot.waitUntil(lambda: not review.lister.running)
    ids = listed_ids(review)
    assert len(ids) == 2 and ids[0] == first.event_id
    redo = review.proxy.index(1, 0).data(EditRole)
    assert redo.redoes == second.event_id and redo.state == "pending"
    assert "redo of #" in review.proxy.index(1, 0).data(RowHtmlRole)
    assert "2 of 2 edits shown, 2 pending" in panel.count_label.text()
    qc = review.qc_model.index(0, 1).data()
    assert qc == "2"  # the QC tab counts the same two edits
    assert page_id == first.page_id and changes[1][2] == redo.after
