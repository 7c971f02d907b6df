"""Starting the application: the QApplication, the window, and the screenshot mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from corrigenda.errors import CorrigendaError
from corrigenda.gui import crash_dialog
from corrigenda.gui.main_window import MainWindow
from corrigenda.gui.project.choice import project_for

SCREENSHOT_TIMEOUT_S = 300  # OCR of a few pages on a slow machine fits well inside


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Corrigenda")
    app.setOrganizationName("Corrigenda")
    app.setDesktopFileName("corrigenda")
    return app


def open_inputs(window: MainWindow, inputs: list[str]) -> bool:
    choice = project_for(inputs)
    if not choice.sources:
        return window.open_project(choice.path)
    if choice.passed_over:
        # Say which file was made, once it is open (opening shows the page's own message).
        others = ", ".join(p.name for p in choice.passed_over)
        note = f"Made a new project, {choice.path}; left untouched (other pages): {others}"
        window.project_opened.connect(
            lambda: window.show_message(note), Qt.ConnectionType.SingleShotConnection
        )
    window.files.create_then_open(choice.sources, choice.path, [])
    return True


def screenshot(window: MainWindow, target: Path, failures: list[str] | None = None) -> int:
    """Wait until the page, its boxes and its flags are shown; save the window as a PNG.

    `failures` fills (from window.open_failed) when the project could not be made or opened,
    e.g. an input is not an image: that reason is printed, not a timeout.
    """
    failures = [] if failures is None else failures
    app = QApplication.instance()
    assert app is not None
    result = {"code": 1}
    waited = {"ticks": 0}

    def poll() -> None:
        waited["ticks"] += 1
        if failures:
            timer.stop()
            print(f"corrigenda: error: {failures[0]}; no screenshot", file=sys.stderr)
            window.close()
        elif window.ready_for_screenshot():
            timer.stop()
            QTimer.singleShot(200, take)  # let the last paint events through
        elif waited["ticks"] * 0.1 > SCREENSHOT_TIMEOUT_S:
            timer.stop()
            print(
                "corrigenda: error: the page was not shown in time; no screenshot", file=sys.stderr
            )
            window.close()

    def take() -> None:
        if window.grab().save(str(target), "PNG"):
            result["code"] = 0
        else:
            print(f"corrigenda: error: cannot write {target}", file=sys.stderr)
        window.close()

    timer = QTimer(window)
    timer.setInterval(100)
    timer.timeout.connect(poll)
    timer.start()
    app.exec()
    return result["code"]


def run(inputs: list[str], screenshot_to: Path | None = None) -> int:
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if screenshot_to is not None and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a screenshot needs no screen
    app = application()
    crash_dialog.install(app, show_dialog=screenshot_to is None)
    window = MainWindow()
    failures: list[str] = []
    window.open_failed.connect(failures.append)
    window.unattended = screenshot_to is not None
    if inputs and not open_inputs(window, inputs) and screenshot_to is not None:
        reason = failures[0] if failures else f"cannot open {' '.join(inputs)}"
        raise CorrigendaError(f"{reason}; no screenshot taken")
    if not inputs and screenshot_to is None:
        # After a crash (or a quit with a project open): back to the project, page and line.
        window.restore_last_session()
    if screenshot_to is not None:
        window.default_layout(1600, 1000)  # the same picture whatever the user's last layout
    window.show()
    if screenshot_to is not None:
        return screenshot(window, screenshot_to, failures)
    return int(app.exec())
