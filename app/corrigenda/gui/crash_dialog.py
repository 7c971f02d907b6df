"""The window's answer to a bug: log it with its traceback, and tell the user where the log is.

`install` replaces sys.excepthook and threading.excepthook. Qt calls sys.excepthook for an
exception raised in a slot or an event handler and carries on; without this hook the user would
see nothing and the traceback would go to a terminal they do not have.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from corrigenda.logs import current_log_file, describe_bug, log_bug


class _CrashReporter(QObject):
    """Emitting its signal from any thread shows the dialog on the GUI thread."""

    crashed = Signal(str)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.showing = False
        self.crashed.connect(self.show_dialog, Qt.ConnectionType.QueuedConnection)

    def show_dialog(self, line: str) -> None:
        if self.showing:  # one dialog at a time: a bug in a paint event repeats at every paint
            return
        self.showing = True
        where = current_log_file()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Corrigenda: unexpected error",
            "Corrigenda met an unexpected error. This is a bug; please report it with the log.",
            QMessageBox.StandardButton.Ok,
            QApplication.activeWindow(),
        )
        box.setInformativeText(f"The log file: {where}" if where else "No log file is kept.")
        box.setDetailedText(line)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()
        self.showing = False


def install(app: QApplication, *, show_dialog: bool = True) -> None:
    """Log every uncaught exception, print one line on stderr, and (unless the window runs
    unattended, as for a screenshot) show a dialog naming the log file."""
    reporter = _CrashReporter(app)

    def report(
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        where: str,
    ) -> None:
        log_bug(exc_type, exc, tb, where)
        line = describe_bug(exc)
        print(f"corrigenda: error: {line}", file=sys.stderr)
        if show_dialog:
            reporter.crashed.emit(line)

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            app.quit()
            return
        report(exc_type, exc, tb, "the window")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    sys.excepthook = hook
    threading.excepthook = thread_hook
