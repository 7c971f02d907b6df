"""The open project's list of pages as the window uses it: which page is current, choosing
another, and the model behind the pages panel."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Signal

from corrigenda.gui.pages.model import PageIdRole, PagesModel
from corrigenda.gui.pages.panel import PagesView
from corrigenda.gui.scan.images import ImageService
from corrigenda.store import PageInfo, Project


class PageList(QObject):
    """The pages panel's model and selection; `chosen(page_id)` when the current page changes."""

    chosen = Signal(int)

    def __init__(self, view: PagesView, images: ImageService, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self._images = images
        self.model: PagesModel | None = None
        self.current_page_id: int | None = None

    def set_project(self, project: Project | None) -> None:
        if project is None:
            self.view.setModel(None)
            self.model = None
            self.current_page_id = None
            return
        self.model = PagesModel(project, self._images, self)
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.chosen.emit(int(current.data(PageIdRole)))

    def infos(self) -> list[PageInfo]:
        return self.model.infos() if self.model is not None else []

    def count(self) -> int:
        return self.model.rowCount() if self.model is not None else 0

    def row_of(self, page_id: int) -> int:
        return self.model.row_of(page_id) if self.model is not None else -1

    def page_id(self, row: int) -> int:
        assert self.model is not None
        return self.model.page_id(row)

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def select_row(self, row: int) -> None:
        if self.model is None or not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)

    def go_to(self, page_id: int) -> None:
        """Make `page_id` the current page (if it is not already)."""
        if page_id != self.current_page_id:
            self.select_row(self.row_of(page_id))

    def current_number(self) -> int | None:
        """The current page's number (1-based), None without one."""
        row = self.row_of(self.current_page_id) if self.current_page_id is not None else -1
        return row + 1 if row >= 0 else None

    def refresh(self) -> None:
        """Pages were added, moved or removed: list them again, keep the current page."""
        if self.model is None:
            return
        row = self.current_row()
        self.model.refresh()
        target = self.row_of(self.current_page_id if self.current_page_id is not None else -1)
        if target < 0:
            target = min(max(row, 0), self.model.rowCount() - 1)
        if target != self.current_row() or not self.view.currentIndex().isValid():
            self.select_row(target)
