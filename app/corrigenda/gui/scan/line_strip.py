"""The line strip: the current line's slice of the scan, at a readable size, above the editor."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from corrigenda.model import BBox

MARGIN = 6  # pixels of the scan kept around the line, so ascenders and descenders show


class LineStrip(QLabel):
    """Shows `image` cropped to a line's box, scaled to fit the strip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Current line image")
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumHeight(56)
        # As tall as the user drags it (the handle below it): a larger strip, a larger line.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setStyleSheet("background: white; border-bottom: 1px solid #aaa;")
        self._image: QImage | None = None
        self._box: BBox | None = None
        self._word: BBox | None = None  # kept in view when the line is wider than the strip

    def sizeHint(self) -> QSize:
        return QSize(400, 72)

    def set_image(self, image: QImage | None) -> None:
        self._image = image
        self._render()

    def show_line(self, box: BBox | None, word: BBox | None = None) -> None:
        if (box, word) != (self._box, self._word):
            self._box, self._word = box, word
            self._render()

    def shown_box(self) -> BBox | None:
        return self._box if self._image is not None else None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        if self._image is None or self._image.isNull() or self._box is None:
            self.clear()
            return
        box = self._box
        rect = QRect(
            box.x0 - MARGIN, box.y0 - MARGIN, box.width + 2 * MARGIN, box.height + 2 * MARGIN
        ).intersected(self._image.rect())
        crop = self._image.copy(rect)
        ratio = self.devicePixelRatioF()
        width, height = int((self.width() - 8) * ratio), int((self.height() - 8) * ratio)
        # The line fills the strip's height (dragged taller, drawn larger); a line then wider
        # than the strip shows the stretch around the current word.
        scaled = crop.scaledToHeight(max(1, height), Qt.TransformationMode.SmoothTransformation)
        if scaled.width() > width:
            scale = scaled.width() / max(1, crop.width())
            centre = (self._word.x0 + self._word.x1) / 2 if self._word else rect.left()
            left = int((centre - rect.left()) * scale - width / 2)
            left = min(max(0, left), scaled.width() - width)
            scaled = scaled.copy(QRect(left, 0, width, scaled.height()))
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)
