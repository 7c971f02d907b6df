"""Review mode's selection: which listed edits are selected (what a decision acts on), the
current edit's diffs in the details pane, and a double-click going to the edit's page."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex

from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.review.model import EditRole
from corrigenda.gui.review.panel import ReviewPanel, edit_details
from corrigenda.review.edits import EditView


class EditSelection:
    """The edits selected in the panel's list (those the filters show)."""

    def __init__(self, panel: ReviewPanel, pages: PageList) -> None:
        self.panel, self.proxy, self._pages = panel, panel.proxy, pages
        panel.list.selectionModel().currentChanged.connect(self._current_changed)
        panel.list.doubleClicked.connect(self._go_to_edit)

    def selected(self) -> list[EditView]:
        rows = self.panel.list.selectionModel().selectedRows()
        return sorted((r.data(EditRole) for r in rows), key=lambda e: e.event_id)

    def selected_ids(self) -> list[int]:
        return [e.event_id for e in self.selected()]

    def select_ids(self, ids: list[int] | set[int]) -> None:
        """Select the listed edits with these event ids (those the filters show)."""
        wanted = set(ids)
        selection = self.panel.list.selectionModel()
        selection.clearSelection()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(EditRole).event_id in wanted:
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        edit = current.data(EditRole) if current.isValid() else None
        self.panel.details.setHtml(edit_details(edit) if edit else "")

    def _go_to_edit(self, index: QModelIndex) -> None:
        edit = index.data(EditRole)
        if edit is not None:
            self._pages.select_row(edit.page_number - 1)
