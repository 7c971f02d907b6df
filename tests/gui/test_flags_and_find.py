"""Flags, fix-all through the concordance, find/replace and the screenshot command."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from corrigenda.gui.editing.find_replace import FindReplaceDialog
from corrigenda.gui.flags.concordance_dialog import ConcordanceDialog, OccurrencesModel
from tests.gui.conftest import on_disk


def brezhnev_flag(qtbot, window):
    from corrigenda import checks

    # The session's sample was made without its name list: add the one name we need.
    checks.add_name(window.session.project, "L.I. Brezhnev")
    window.flags.refresh()
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    return next(
        f
        for f in window.flags.model.all_flags()
        if f.text.endswith(".I. Brezhnev") and "L.I. Brezhnev" in f.suggestions
    )


def test_flags_model_and_proxy_pass_the_model_tester(qtbot, qtmodeltester, window) -> None:
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    qtmodeltester.check(window.flags.model)
    qtmodeltester.check(window.flags.proxy)
    window.flags.panel.page_only.setChecked(False)
    kind = window.flags.model.all_flags()[0].kind
    window.flags.panel.kind_box.setCurrentIndex(window.flags.panel.kind_box.findText(kind))
    kinds = {
        window.flags.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2)
        for r in range(window.flags.proxy.rowCount())
    }
    assert kinds == {kind}
    # The row's tooltip has what the row has no room for; the kind list shows its colours.
    flag = window.flags.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    tip = window.flags.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"score {flag.score:.2f}" in tip and flag.explanation in tip
    assert not flag.suggestions or "Alt+1: " in tip
    assert not window.flags.panel.kind_box.itemIcon(1).isNull()


def test_accept_the_brezhnev_suggestion_by_keyboard_then_undo(
    qtbot, window, ocred_sample: Path
) -> None:
    flag = brezhnev_flag(qtbot, window)
    window.flags.go_to(flag)
    assert window.editor.page().id == flag.page_id
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)  # Enter takes the first suggestion
    with on_disk(ocred_sample) as project:
        text = project.page(flag.page_id).line(flag.line_id).text
        assert "L.I. Brezhnev" in text and flag.text not in text
        assert list(project.events())[-1].source["type"] == "suggestion"
    window.menus.actions["undo"].trigger()
    with on_disk(ocred_sample) as project:
        assert flag.text in project.page(flag.page_id).line(flag.line_id).text
    window.menus.actions["redo"].trigger()
    with on_disk(ocred_sample) as project:
        assert "L.I. Brezhnev" in project.page(flag.page_id).line(flag.line_id).text


def test_concordance_model_ticks_and_counts(qtmodeltester, window) -> None:
    from corrigenda import checks

    hits = checks.concordance(window.session.project.document(), "the", "THE")
    dialog = ConcordanceDialog(window, "the", "THE", hits)
    qtmodeltester.check(dialog.model)
    assert len(dialog.ticked()) == len(hits) > 3
    dialog.model.setData(
        dialog.model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert len(dialog.ticked()) == len(hits) - 1
    assert f"{len(hits) - 1} of {len(hits)}" in dialog.count.text()
    assert isinstance(dialog.model, OccurrencesModel)


def test_find_replace_all_is_one_undoable_step(
    qtbot, qtmodeltester, window, ocred_sample: Path
) -> None:
    dialog = FindReplaceDialog(
        window, window.session, window.background, window.go_to_line, window.show_message
    )
    qtbot.addWidget(dialog)
    dialog.regex.setChecked(True)
    dialog.find_edit.setText(r"\bCarter\b")
    dialog.replace_edit.setText("CARTER")
    # The document is searched on a worker; the preview follows.
    qtbot.waitUntil(lambda: not dialog.searching(), timeout=10_000)
    qtmodeltester.check(dialog.model)
    lines = dialog.model.rowCount()
    assert lines > 3 and "matches in" in dialog.summary.text()
    dialog.replace_all()
    with on_disk(ocred_sample) as project:
        text = project.document().text()
        assert "CARTER" in text and " Carter " not in text
        last = [e for e in project.events() if e.kind == "edit"][-lines:]
        assert {e.source["type"] for e in last} == {"replace-all"}
    assert window.session.undo_stack.count() == 1
    window.menus.actions["undo"].trigger()
    with on_disk(ocred_sample) as project:
        assert "CARTER" not in project.document().text()


def test_screenshot_command_saves_a_png(ocred_sample: Path, tmp_path: Path) -> None:
    from corrigenda.cli import main

    target = tmp_path / "shot.png"
    assert main(["gui", str(ocred_sample), "--screenshot", str(target)]) == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_flags_follow_an_edit_of_an_earlier_line(qtbot, window) -> None:
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    page = window.editor.page()
    first = page.lines[0]
    later = next(
        f for f in reversed(window.flags.model.page_flags(page.id)) if f.line_id != first.id
    )
    marks = {(u.start, u.end) for u in window.editor._underlines if u.line_id == later.line_id}
    window.editor.move_to_word(first.id, first.words[0].id)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "Qq ")
    window.editor.flush()  # re-flagged in the flagging process; later flags move along
    moved = [
        f
        for f in window.flags.model.page_flags(page.id)
        if f.line_id == later.line_id and f.text == later.text
    ]
    assert [f.start for f in moved] == [later.start + 3]
    assert marks == {
        (u.start, u.end) for u in window.editor._underlines if u.line_id == later.line_id
    }
