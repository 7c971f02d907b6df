"""The margin left of the transcript editor with each scan line's number (Qt's line number
area example): a wrapped line's continuation has no number, so it never looks like the next
scan line. A handwritten line has a bar beside its number (and its text is in italics)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

BAR = 6  # the handwriting bar's width, left of the numbers


class LineNumbers(QWidget):
    """Paints the numbers of the editor's visible blocks, level with their first line."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._marked: set[int] = set()  # block numbers of handwritten lines
        editor.updateRequest.connect(self.follow)

    def width_needed(self) -> int:
        digits = len(str(max(1, self._editor.blockCount())))
        return 10 + BAR + self._editor.fontMetrics().horizontalAdvance("9") * digits

    def set_marked(self, rows: set[int]) -> None:
        self._marked = set(rows)
        self.update()

    def marked(self) -> set[int]:
        return set(self._marked)

    def sizeHint(self) -> QSize:
        return QSize(self.width_needed(), 0)

    def follow(self, rect: QRect, dy: int) -> None:
        """The editor scrolled or repainted: so do the numbers."""
        if dy:
            self.scroll(0, dy)
        else:
            self.update(0, rect.y(), self.width(), rect.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        editor = self._editor
        painter = QPainter(self)
        painter.fillRect(event.rect(), editor.palette().window())
        painter.setPen(editor.palette().placeholderText().color())
        painter.setFont(editor.font())
        block = editor.firstVisibleBlock()
        top = round(editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top())
        height = editor.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(editor.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                if block.blockNumber() in self._marked:
                    painter.fillRect(1, top + 2, BAR - 2, bottom - top - 4, editor.palette().text())
                right = int(Qt.AlignmentFlag.AlignRight)
                painter.drawText(
                    0, top, self.width() - 5, height, right, str(block.blockNumber() + 1)
                )
            block, top = block.next(), bottom
        painter.end()
