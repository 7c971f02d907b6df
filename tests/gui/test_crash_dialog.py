"""A bug in the window: logged with its traceback, one line on stderr, a dialog naming the log."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from corrigenda import logs
from corrigenda.gui import crash_dialog


@pytest.fixture
def dialogs(qtbot, monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    shown: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        shown.append(box)  # a real exec() would wait for a click
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    logs.setup_logging()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    crash_dialog.install(app)
    return shown


def test_a_bug_in_a_slot_shows_the_log_path(
    qtbot, dialogs: list[QMessageBox], private_config: Path, capsys
) -> None:
    try:
        raise KeyError("no such line")
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=5_000)
    log = private_config / "log" / logs.LOG_NAME
    assert str(log) in dialogs[0].informativeText()
    assert "KeyError" in dialogs[0].detailedText()
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert capsys.readouterr().err.count("\n") == 1


def test_a_bug_on_a_worker_thread_reaches_the_window(
    qtbot, dialogs: list[QMessageBox], private_config: Path
) -> None:
    def work() -> None:
        raise ValueError("broken page")

    worker = threading.Thread(target=work, name="ocr-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=5_000)
    assert "ValueError: broken page" in dialogs[0].detailedText()
    assert "thread ocr-worker" in (private_config / "log" / logs.LOG_NAME).read_text("utf-8")


def test_a_bug_in_background_work_is_logged_and_named_not_shown_as_a_repr(
    qtbot, private_config: Path
) -> None:
    from corrigenda.errors import InputError
    from corrigenda.gui.background import failure_text

    logs.setup_logging()
    assert failure_text(InputError("scan.png is truncated")) == "scan.png is truncated"
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as exc:
        text = failure_text(exc)
    log = logs.current_log_file()
    assert log is not None and str(log) in text and "bug in Corrigenda" in text
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")  # with its traceback
    logs.stop_logging()
