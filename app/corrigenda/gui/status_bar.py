"""The window's status bar: the latest message, OCR progress with its Cancel button, the
legend of the box colours and the zoom (those two only while a page is on screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QWidget,
)

from corrigenda.gui.scan.page_view import legend_html


class MessageLabel(QLabel):
    """A one-line message that never widens the window: a long one (a flag's explanation)
    ends in "…" and is whole in its tooltip. A QLabel asks for its text's width, and the
    window grew past the screen's edge to give it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_message(self, text: str) -> None:
        self._full = text
        self._fit()

    def message(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(0, self.width())
        )
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class StatusBar(QStatusBar):
    """Says what happened; shows OCR's progress; describes the page on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message_label = MessageLabel()
        self.zoom_label = QLabel()
        self.legend_label = QLabel(legend_html())
        self.legend_label.setAccessibleName("Box colours")
        self.legend_label.setToolTip(
            "What the colours of the word boxes on the scan mean; View ▸ Show word boxes hides them"
        )
        self.progress = QProgressBar()
        self.progress.setAccessibleName("OCR progress")
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel OCR")
        self.cancel_button.setAccessibleName("Cancel OCR")
        self.show_progress(False)
        self.addWidget(self.message_label, 1)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.legend_label)
        self.addPermanentWidget(self.zoom_label)

    def say(self, text: str) -> None:
        self.message_label.set_message(text)

    def text(self) -> str:
        return self.message_label.message()

    def show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def show_progress(self, shown: bool) -> None:
        self.progress.setVisible(shown)
        self.cancel_button.setVisible(shown)
        if shown:
            self.progress.setRange(0, 0)

    def set_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(label)

    def describe_page(self, page_shown: bool, boxes_shown: bool) -> None:
        """The zoom and the legend describe a page on screen: the welcome page has none, and
        the legend never explains boxes that are hidden."""
        self.zoom_label.setVisible(page_shown)
        self.legend_label.setVisible(page_shown and boxes_shown)
