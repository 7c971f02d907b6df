"""The bar that says an opened project's history does not verify.

A tampered or damaged file otherwise opens looking fine (a page still says "approved"), so
every project is verified on a worker right after it opens (corrigenda.review.verify opens its
own read-only connection; seconds on a large project) and, when the chain or a page does not
hold, this bar stays above the page until the project is closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from corrigenda.gui.background import Background, failure_text
from corrigenda.gui.project.save_bar import amber
from corrigenda.gui.session import ProjectSession
from corrigenda.review.verify import VerifyReport, verify


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


def check(bar: HistoryBar, session: ProjectSession, background: Background) -> Callable[[], None]:
    """Verify the project just opened on a worker; show the bar if it does not verify.
    Returns what cancels the check (the project was closed before it finished)."""
    bar.hide()
    path = session.path

    def done(report: VerifyReport) -> None:
        if not report.ok:
            bar.show_problem(report.first_problem or "a check failed")

    def failed(exc: BaseException) -> None:
        bar.show_problem(f"it could not be read ({failure_text(exc)})")

    ticket = background.run(lambda: verify(path), done, failed)
    return lambda: background.cancel(ticket)
