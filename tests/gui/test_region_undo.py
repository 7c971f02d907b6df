"""Region changes are undone and redone in the window like edits (Ctrl+Z, Ctrl+Shift+Z): each
step an event through the write path (`region-undo`, `region-redo`), the history never
erased, and typing done before the region change still undoable after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from corrigenda.gui.project import prompts
from corrigenda.review.verify import verify
from tests.gui.conftest import on_disk
from tests.gui.test_unread_ink_flags import _ink

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _state(path: Path) -> tuple[list[str], int]:
    with on_disk(path) as project:
        page = project.page(project.pages()[0].id)
    return [line.text for line in page.lines], len(page.regions)


def _kinds(path: Path) -> list[str]:
    with on_disk(path) as project:
        return [e.kind for e in project.events()]


def test_a_region_made_is_undone_and_redone_with_the_keys_and_typing_before_it_too(
    qtbot, inked, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, path = inked
    editor = window.editor
    qtbot.waitUntil(lambda: bool(_ink(window)), timeout=30_000)
    original = _state(path)
    # Typing on line 1 first: an undo step before the region change.
    editor.move_to_offset(1, 0)
    editor.setFocus()
    qtbot.keyClicks(editor, "So ")
    qtbot.waitUntil(lambda: not editor.has_pending(), timeout=2000)
    typed = _state(path)
    assert typed[0][0].startswith("So the quick")
    # The unread note made a region with its first line (Enter on its flag).
    (flag,) = _ink(window)
    window.flags.go_to(flag)
    monkeypatch.setattr(prompts, "ask_line", lambda _w, _t, _l: "seen 12/3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    made = _state(path)
    assert made[1] == 1 and "seen 12/3" in made[0]
    # Ctrl+Z: the region goes, the page as before it; again: the typing goes too.
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert _state(path) == typed
    stack = window.session.undo_stack
    assert stack.index() == 1 and stack.command(1).text() == "Handwritten region made"
    assert "seen 12/3" not in editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert _state(path) == original
    # Ctrl+Shift+Z twice: the typing, then the region, back.
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _state(path) == typed
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _state(path) == made
    assert "seen 12/3" in editor.toPlainText()
    kinds = _kinds(path)
    assert kinds.count("region-undo") == 1 and kinds.count("region-redo") == 1
    assert kinds.index("region-add") < kinds.index("region-undo") < kinds.index("region-redo")
    window.close_project()
    report = verify(path)
    assert report.ok, report.first_problem
