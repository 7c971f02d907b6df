"""The region re-OCR's offer: each line's text now and as the OCR read it, with a tick.

Lines a person corrected are unticked and say so: ticking one is the user's confirmation that
the OCR may overwrite the correction. The ticked lines become one undoable step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from corrigenda.gui.commands import EditCommand
from corrigenda.gui.region_ocr import PSM_MODES, Proposal
from corrigenda.gui.session import LineChange
from corrigenda.model import BBox, Page
from corrigenda.store import Source

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex


class ProposalsModel(QAbstractTableModel):
    HEADERS = ("Line", "Now", "OCR reads")

    def __init__(self, found: list[Proposal], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = list(found)
        self._ticked = [not p.corrected for p in found]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        found = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            line = f"{found.number}" + (" (corrected)" if found.corrected else "")
            return (line, found.now, found.ocr)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and found.corrected:
            return "A person corrected this line: tick it only to replace the correction"
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if self._ticked[index.row()] else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not index.isValid():
            return False
        self._ticked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def ticked(self) -> list[Proposal]:
        return [p for p, on in zip(self._rows, self._ticked) if on]


class RegionOcrDialog(QDialog):
    def __init__(self, parent: QWidget, found: list[Proposal], psm: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Re-OCR of a region")
        self.model = ProposalsModel(found, self)
        corrected = sum(p.corrected for p in found)
        note = (f"<br>{corrected} corrected line(s) are not ticked: tick them to replace the "
                "correction." if corrected else "")
        label = QLabel(f"Tesseract read the region as {PSM_MODES.get(psm, f'psm {psm}')}. "
                       f"Lines it reads differently: {len(found)}.{note}")
        label.setWordWrap(True)
        self.table = QTableView()
        self.table.setAccessibleName("Lines the re-OCR would change")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use the ticked lines")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 380)


def offer(window: MainWindow, page: Page, found: list[Proposal], psm: int, region: BBox) -> None:
    if not found:
        window.show_message("The re-OCR reads the region as it is now: nothing to change")
        return
    dialog = RegionOcrDialog(window, found, psm)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    apply(window, page, dialog.model.ticked(), psm, region)


def apply(window: MainWindow, page: Page, chosen: list[Proposal], psm: int,
          region: BBox) -> None:
    session = window.session
    if session is None or not chosen:
        return
    changes = [LineChange(page.id, p.line_id, p.now, p.ocr) for p in chosen]
    source = Source("re-ocr", {"region": region.as_list(), "psm": psm,
                               "overwrote": [p.line_id for p in chosen if p.corrected]})
    label = f"Re-OCR {len(changes)} line(s) of page {page.number}"
    session.undo_stack.push(EditCommand(session, changes, source, label))
    window.show_message(label)
