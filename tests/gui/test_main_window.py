"""The real main window on the OCRed sample: walk, edit, undo, redo; check the file on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from corrigenda.gui.pages.model import PageIdRole, StatusRole
from tests.gui.conftest import on_disk


def first_word_line(window) -> tuple[int, object]:
    page = window.editor.page()
    line = next(line for line in page.lines if len(line.words) >= 3)
    return page.id, line


def test_pages_model_passes_the_model_tester(qtmodeltester, window) -> None:
    model = window.pages_model
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.index(0).data(StatusRole) == "OCRed"
    model.refresh()
    model.set_running({model.index(1).data(PageIdRole)})
    assert model.index(1).data(StatusRole) == "OCR running"


def test_shows_the_first_page_with_text_boxes_and_image(window) -> None:
    page = window.editor.page()
    assert page.number == 1
    assert window.view.has_image()
    assert window.view.box_count() == sum(len(line.words) for line in page.lines) > 50
    assert window.editor.toPlainText().split("\n")[0] == page.lines[0].text
    assert window.editor.document().blockCount() == len(page.lines)


def test_keyboard_walks_pages_and_lines(qtbot, window) -> None:
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.page().number == 2
    qtbot.keyClick(window.editor, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.page().number == 1
    start = window.editor.current_line_id()
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)  # no flag here: goes down a line
    assert window.editor.current_line_id() == window.editor.page().lines[1].id != start
    assert window.editor.document().blockCount() == len(window.editor.page().lines)


def test_home_and_end_go_to_the_ends_of_a_wrapped_transcript_line(qtbot, window) -> None:
    """In a narrow editor a long line wraps onto rows; End went to the end of the row, in the
    middle of the scan's line, so a transcriber typing there put text mid-line."""
    editor = window.editor
    editor.setFixedWidth(160)
    qtbot.waitUntil(lambda: editor.document().findBlockByNumber(1).layout().lineCount() > 1)
    block = max(
        (editor.document().findBlockByNumber(n) for n in range(editor.document().blockCount())),
        key=lambda b: b.length(),
    )
    assert block.layout().lineCount() > 1  # the line wraps
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + 1)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    assert editor.textCursor().position() == block.position() + block.length() - 1
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    selected = editor.textCursor()
    assert (selected.selectionStart(), selected.selectionEnd()) == (
        block.position(),
        block.position() + block.length() - 1,
    )
    assert selected.selectedText() == block.text()


def test_cursor_highlights_its_word_and_a_click_moves_the_cursor(qtbot, window) -> None:
    _page_id, line = first_word_line(window)
    word = line.words[2]
    window.editor.move_to_word(line.id, word.id)
    rect = window.view.highlighted_rect()
    assert rect is not None and rect.contains(word.bbox.x0 + 1, word.bbox.y0 + 1)
    assert window.strip.shown_box() == line.bbox
    window.editor.move_to_word(
        window.editor.page().lines[0].id, window.editor.page().lines[0].words[0].id
    )
    window.view.word_clicked.emit(line.id, word.id)
    assert window.editor.current_line_id() == line.id
    assert window.editor.current_word_index() == 2


def type_at_word(qtbot, window, line, index: int, text: str) -> None:
    window.editor.move_to_word(line.id, line.words[index].id)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, text)


def test_typing_is_saved_undone_and_redone_on_disk(qtbot, window, ocred_sample: Path) -> None:
    page_id, line = first_word_line(window)
    type_at_word(qtbot, window, line, 1, "X")
    qtbot.keyClicks(window.editor, "Y")
    # Committed within a second without any Save.
    qtbot.waitUntil(lambda: not window.editor.has_pending(), timeout=1000)
    expected = line.text.replace(line.words[1].text, "XY" + line.words[1].text, 1)
    with on_disk(ocred_sample) as project:
        saved = project.page(page_id).line(line.id)
        assert saved.text == expected
        assert saved.words[1].bbox == line.words[1].bbox  # the word kept its box
        edits = [e for e in project.events() if e.kind == "edit"]
        assert {e.source["type"] for e in edits} == {"keyboard"}
    assert window.session.undo_stack.count() == 1  # one step for the typing in one line

    window.menus.actions["undo"].trigger()
    with on_disk(ocred_sample) as project:
        assert project.page(page_id).line(line.id).text == line.text
        last = list(project.events())[-1]
        assert last.source["type"] == "undo" and set(last.source["of"]) == {e.id for e in edits}
    assert window.editor.line_text(line.id) == line.text

    window.menus.actions["redo"].trigger()
    with on_disk(ocred_sample) as project:
        assert project.page(page_id).line(line.id).text == expected
        assert list(project.events())[-1].source["type"] == "redo"
    assert window.editor.line_text(line.id) == expected


def test_undo_goes_back_to_the_page_it_changes(qtbot, window, ocred_sample: Path) -> None:
    _page_id, line = first_word_line(window)
    type_at_word(qtbot, window, line, 0, "Q")
    window.editor.flush()
    window.select_row(2)
    assert window.editor.page().number == 3
    window.menus.actions["undo"].trigger()
    assert window.editor.page().number == 1
    assert window.editor.line_text(line.id) == line.text


def test_lines_cannot_be_split_or_joined(qtbot, window) -> None:
    lines = window.editor.page().lines
    window.editor.move_to_word(lines[1].id, lines[1].words[0].id)
    qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)  # at a line's start: moves up
    assert window.editor.document().blockCount() == len(lines)
    assert window.editor.current_line_id() == lines[0].id
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "z")
    assert window.editor.document().blockCount() == len(lines)
    assert not window.editor.has_pending()


def test_history_view_shows_the_steps(qtbot, qtmodeltester, window) -> None:
    _page_id, line = first_word_line(window)
    type_at_word(qtbot, window, line, 0, "Q")
    window.editor.flush()
    qtmodeltester.check(window.undo_view.model())
    assert window.undo_view.model().rowCount() == 2  # "Opened" and the typing


def test_no_two_actions_share_a_shortcut(window) -> None:
    """A clash makes Qt ignore both keys ("ambiguous shortcut"), silently."""
    from collections import Counter

    from PySide6.QtGui import QAction

    keys = Counter(
        shortcut.toString()
        for action in window.findChildren(QAction)
        for shortcut in action.shortcuts()
        if not shortcut.isEmpty()
    )
    assert [key for key, count in keys.items() if count > 1] == []


def test_a_long_message_never_widens_the_window(window) -> None:
    # Under X, a flag's long explanation in the status bar pushed the window past the
    # screen's right edge (the Flags dock was cut off): the message is elided instead.
    before = window.minimumSizeHint().width()
    long = "name: reads like the name 'W. Averell Harriman' with OCR confusions " * 6
    window.show_message(long)
    assert window.minimumSizeHint().width() <= before
    label = window.status.message_label
    assert window.status.text() == long and label.text().endswith("…")
    assert label.toolTip() == long
    window.show_message("short")
    assert label.text() == "short" and label.toolTip() == ""
