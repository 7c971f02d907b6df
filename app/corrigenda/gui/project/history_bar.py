"""The bar that says an opened project's history does not verify.

A tampered or damaged file otherwise opens looking fine (a page still says "approved"), so
every project is verified on a worker right after it opens (corrigenda.review.verify opens its
own read-only connection; seconds on a large project) and, when the chain or a page does not
hold, this bar stays above the page until the project is closed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from corrigenda.errors import CorrigendaError
from corrigenda.gui.project.save_bar import amber
from corrigenda.review.verify import VerifyReport, verify

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow


class HistoryBar(QFrame):
    """Shown while the open project's history does not verify; `details` asks for the report."""

    details = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        amber(self, "history_bar")
        self.setAccessibleName("History does not verify warning")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QPushButton("&Details…")
        self.details_button.clicked.connect(self.details.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.details_button)
        self.hide()

    def show_problem(self, problem: str) -> None:
        self.label.setText(
            f"<b>This project's history does not verify:</b> {_escape(problem)}"
            " — Review ▸ Verify shows the details."
        )
        self.show()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def check(window: MainWindow) -> None:
    """Verify the project just opened on a worker; show the bar if it does not verify."""
    window.history_bar.hide()
    if window.session is None:
        return
    path = window.session.path

    def done(report: VerifyReport) -> None:
        if _still_open(window, path) and not report.ok:
            window.history_bar.show_problem(report.first_problem or "a check failed")

    def failed(exc: BaseException) -> None:
        if _still_open(window, path):
            reason = exc.message if isinstance(exc, CorrigendaError) else repr(exc)
            window.history_bar.show_problem(f"it could not be read ({reason})")

    window.background.run(lambda: verify(path), done, failed)


def _still_open(window: MainWindow, path: Path) -> bool:
    return window.session is not None and window.session.path == path
