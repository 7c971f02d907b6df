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
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("background: white; border-bottom: 1px solid #aaa;")
        self._image: QImage | None = None
        self._box: BBox | None = None

    def sizeHint(self) -> QSize:
        return QSize(400, 72)

    def set_image(self, image: QImage | None) -> None:
        self._image = image
        self._render()

    def show_line(self, box: BBox | None) -> None:
        if box != self._box:
            self._box = box
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
        target = QSize(int((self.width() - 8) * ratio), int((self.height() - 8) * ratio))
        scaled = crop.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)
