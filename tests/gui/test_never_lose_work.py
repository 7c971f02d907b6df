"""Issue 8 in the window: a second writer, a save that fails, and a restart after a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from corrigenda.errors import ProjectError
from corrigenda.gui.project import prompts
from corrigenda.settings import config_dir
from corrigenda.store import Project
from tests.gui.conftest import on_disk
from tests.gui.test_main_window import first_word_line, type_at_word


def new_window(qtbot):  # type: ignore[no-untyped-def]
    from corrigenda.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    return win


def test_a_locked_project_opens_read_only_when_the_user_says_so(
    qtbot, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "open_read_only", lambda _w, message: bool(asked.append(message)) or True
    )
    with Project.open(ocred_sample):  # another process's writer
        win = new_window(qtbot)
        with qtbot.waitSignal(win.page_shown, timeout=10_000):
            assert win.open_project(ocred_sample)
        assert asked and "open for writing in another Corrigenda" in asked[0]
        assert win.session.readonly and win.editor.isReadOnly()
        assert "read-only" in win.windowTitle()
        win.close()


def test_a_locked_project_is_not_opened_on_cancel(
    qtbot, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "open_read_only", lambda _w, _m: False)
    with Project.open(ocred_sample):
        win = new_window(qtbot)
        assert not win.open_project(ocred_sample)
        assert win.session is None and win.stack.currentWidget() is win.welcome
        win.close()


def test_a_failed_save_keeps_the_typing_retries_and_saves_a_copy(
    qtbot, window, ocred_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.session.project

    def disk_full(*_args: object, **_kwargs: object) -> list[object]:
        raise ProjectError(
            f"cannot save to {project.path}: the disk is full: free some space. "
            "Nothing was changed."
        )

    monkeypatch.setattr(project, "write_lines", disk_full)
    page_id, line = first_word_line(window)
    type_at_word(qtbot, window, line, 0, "Q")
    window.editor.flush()
    typed = "Q" + line.text
    assert window.editor.line_text(line.id) == typed  # still on screen
    assert window.save_bar.isVisible() and "disk is full" in window.save_bar.label.text()
    assert window.session.unsaved_text(page_id, line.id) == typed
    with on_disk(ocred_sample) as saved:
        assert saved.page(page_id).line(line.id).text == line.text  # nothing half-written

    window.select_row(1)  # turning the page does not lose it either
    window.select_row(0)
    assert window.editor.line_text(line.id) == typed

    copy = tmp_path / "copy.corrigenda"

    assert window.files.save_copy(copy)
    with Project.open(copy, readonly=True) as elsewhere:
        assert elsewhere.page(page_id).line(line.id).text == typed

    asked: list[bool] = []
    monkeypatch.setattr(prompts, "close_with_unsaved", lambda *_: asked.append(True) or False)
    assert not window.close_project()  # the user keeps it open: nothing is dropped
    assert asked and window.session is not None and window.session.unsaved

    monkeypatch.undo()  # space again: the retry saves it
    window.save_bar.retry_button.click()
    assert not window.save_bar.isVisible() and not window.session.unsaved
    with on_disk(ocred_sample) as saved:
        assert saved.page(page_id).line(line.id).text == typed
    window.menus.actions["undo"].trigger()  # and it is an ordinary undoable step
    with on_disk(ocred_sample) as saved:
        assert saved.page(page_id).line(line.id).text == line.text


def test_the_next_start_reopens_the_project_at_its_page_and_line(
    qtbot, window, ocred_sample: Path
) -> None:
    window.select_row(2)
    page = window.editor.page()
    line = page.lines[4]
    window.editor.move_to_word(line.id, line.words[0].id)
    # What is on disk now is what a crash would leave.
    state = QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)
    assert Path(str(state.value("open_project"))) == ocred_sample.resolve()
    window.close()  # quitting with a project open also comes back to it

    again = new_window(qtbot)
    with qtbot.waitSignal(again.page_shown, timeout=10_000):
        assert again.restore_last_session()
    assert again.editor.page().id == page.id
    assert again.editor.current_line_id() == line.id
    again.close_project()  # closing it on purpose: the next start shows the welcome screen
    assert not again.restore_last_session()
    again.close()


CHILD = """
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from corrigenda.gui.main_window import MainWindow

app = QApplication([])
window = MainWindow()
window.show()
assert window.open_project(Path(sys.argv[1]))


def type_a_word() -> None:
    line = window.editor.page().lines[0]
    window.editor.move_to_word(line.id, line.words[0].id)
    window.editor.setFocus()
    QTest.keyClicks(window.editor, "Zq")
    print("typed", window.editor.line_text(line.id), flush=True)


QTimer.singleShot(300, type_a_word)
app.exec()
"""


def test_a_kill_50_ms_after_a_keystroke_loses_nothing_on_screen(qtbot, ocred_sample: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from corrigenda.review.verify import verify

    app_dir = Path(__file__).resolve().parents[2] / "app"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(app_dir))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ocred_sample)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        shown = child.stdout.readline().strip().removeprefix("typed ")
        time.sleep(0.05)  # the editor's pause (400 ms) has not ended: no edit event yet
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        if child.stdout is not None:
            child.stdout.close()
    assert shown.startswith("Zq")
    window = new_window(qtbot)
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        assert window.open_project(ocred_sample)
    first = window.session.page(window.current_page_id).lines[0]
    assert first.text == shown  # recovered from the typing journal
    assert "Recovered typing in 1 line" in window.status.text()
    window.close()
    with on_disk(ocred_sample) as project:
        assert project.page(first_page_id(project)).lines[0].text == shown
    assert verify(ocred_sample).ok


def first_page_id(project) -> int:  # type: ignore[no-untyped-def]
    return project.pages()[0].id


def test_typing_planted_in_the_journal_is_shown_not_recorded_as_the_users(
    qtbot, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An insider's row in the journal (outside the hash chain) was recorded, on opening, as
    the typing of whoever opened the project next."""
    import json

    from corrigenda.review.verify import verify

    with Project.open(ocred_sample) as project:
        page = project.pages()[0]
        line = project.page(page.id).lines[0]
        events = len(list(project.events()))
        with project._transaction():
            project._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                (
                    f"typing/{page.id}/{line.id}",
                    json.dumps({"before": line.text, "after": "FORGED", "actor": "mallory"}),
                ),
            )
    shown: list[str] = []
    monkeypatch.setattr(prompts, "refused", lambda _w, _title, text: shown.append(text))
    window = new_window(qtbot)
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        assert window.open_project(ocred_sample)
    assert window.session.page(page.id).lines[0].text == line.text  # not recorded
    assert shown and "page 1, line" in shown[0] and "(typed by mallory): 'FORGED'" in shown[0]
    assert "Recovered typing" not in window.status.text()
    window.close()
    with on_disk(ocred_sample) as project:
        assert len(list(project.events())) == events
        assert (
            project._conn.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'typing/%'").fetchone()[
                0
            ]
            == 0
        )
    assert verify(ocred_sample).ok
