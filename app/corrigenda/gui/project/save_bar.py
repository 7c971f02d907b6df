"""The bar that says typing could not be saved, without stopping the user's work.

It is not a dialog: the transcriber goes on typing while the project retries; the bar offers a
retry now and a copy saved elsewhere (with the kept typing in it), and goes away by itself once
everything is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


def amber(frame: QFrame, name: str) -> None:
    """The warning bars' look: amber with dark text reads the same in light and dark themes."""
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet(
        f"#{name} {{ background: #ffe8a3; border: 1px solid #c79a00; }}"
        f"#{name} QLabel {{ color: #3a2c00; }}"
    )


class SaveBar(QFrame):
    """Shown while lines are unsaved: `retry` and `save_copy` are the user's ways out."""

    retry = Signal()
    save_copy = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        amber(self, "save_bar")
        self.setAccessibleName("Unsaved changes warning")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.retry_button = QPushButton("&Retry now")
        self.copy_button = QPushButton("Save a &copy as…")
        self.retry_button.clicked.connect(self.retry.emit)
        self.copy_button.clicked.connect(self.save_copy.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.copy_button)
        self.hide()

    def show_unsaved(self, count: int, why: str) -> None:
        if count == 0:
            self.hide()
            return
        lines = "1 line" if count == 1 else f"{count} lines"
        reason = f" ({why.rstrip('.')})" if why else ""
        self.label.setText(
            f"<b>Not saved yet: {lines}.</b> Your typing is kept here and "
            f"saving is retried every few seconds{reason}."
        )
        self.show()
