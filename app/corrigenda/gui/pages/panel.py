"""The pages panel's list: thumbnails, and drag and drop.

Scans, folders and PDFs dropped from outside are added as pages (`files_dropped`); a page
dragged within the list is moved (`page_moved`); Delete removes the selected page
(`remove_requested`; undoable). The window decides what each means for the project.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from corrigenda.gui.pages.model import PAGE_MIME, PageIdRole


class PagesView(QListView):
    """A list of pages that takes dropped files and reorders by dragging."""

    files_dropped = Signal(list)  # [Path]
    page_moved = Signal(int, int)  # page id, its new 1-based number
    remove_requested = Signal(int)  # page id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Pages")
        self.setIconSize(QSize(72, 94))
        self.setSpacing(2)
        self.setUniformItemSizes(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.remove_action = QAction("&Remove page…", self)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self._remove_current)
        self.addAction(self.remove_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _remove_current(self) -> None:
        index = self.currentIndex()
        if index.isValid():
            self.remove_requested.emit(int(index.data(PageIdRole)))

    # -- drops -----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasFormat(PAGE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasFormat(PAGE_MIME):
            super().dragMoveEvent(event)  # draws the drop indicator
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        if data.hasFormat(PAGE_MIME):
            page_id = int(bytes(data.data(PAGE_MIME).data()).decode())
            self.page_moved.emit(
                page_id, self.drop_number(self.indexAt(event.position().toPoint()))
            )
            event.acceptProposedAction()
            return
        paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
        if paths:
            self.files_dropped.emit(paths)
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop_number(self, index: QModelIndex) -> int:
        """The page number a page dropped on `index` takes (past the end: the last)."""
        model = self.model()
        if not index.isValid():
            return model.rowCount() if model is not None else 1
        return index.row() + 1
