"""The first screen when no project is open: the sample, new, open, and recent projects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

import corrigenda

SAMPLE_DIR = Path(corrigenda.__file__).resolve().parents[2] / "samples" / "memorandum"


class WelcomePage(QWidget):
    """Big buttons for the first minute; the recent list for every day after."""

    open_sample = Signal()
    new_project = Signal()
    open_project = Signal()
    open_recent = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("<h1>Corrigenda</h1><p>Correct OCR transcriptions of scanned documents.</p>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.sample_button = self._button(
            "Open the sample document (a 1976 memorandum)", self.open_sample, layout
        )
        self.sample_button.setEnabled(SAMPLE_DIR.is_dir())
        self._button("New project from images or PDF…", self.new_project, layout)
        self._button("Open a project…", self.open_project, layout)
        layout.addWidget(QLabel("Recent projects:"))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent projects")
        self.recent.setMaximumWidth(600)
        self.recent.itemActivated.connect(lambda item: self.open_recent.emit(item.text()))
        layout.addWidget(self.recent)

    def _button(self, text: str, signal: SignalInstance, layout: QVBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setMinimumWidth(420)
        button.clicked.connect(signal.emit)
        layout.addWidget(button)
        return button

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        self.recent.addItems([p for p in paths if Path(p).exists()])
