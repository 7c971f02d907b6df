"""The concordance before "fix all like this": every occurrence, ticked, and a count."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from corrigenda.checks import Occurrence

Index = QModelIndex | QPersistentModelIndex


class OccurrencesModel(QAbstractTableModel):
    """Occurrences with a tick each (all ticked at first)."""

    HEADERS = ("Page", "Line", "In context")

    def __init__(self, hits: list[Occurrence], parent: Any = None) -> None:
        super().__init__(parent)
        self._hits = list(hits)
        self._ticked = [True] * len(hits)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(hit.page), str(hit.line), hit.context)[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return (Qt.CheckState.Checked if self._ticked[index.row()]
                    else Qt.CheckState.Unchecked)
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

    def ticked(self) -> list[Occurrence]:
        return [hit for hit, on in zip(self._hits, self._ticked) if on]


class ConcordanceDialog(QDialog):
    def __init__(self, parent: QWidget, text: str, replacement: str,
                 hits: list[Occurrence]) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Fix all: {text}")
        self.model = OccurrencesModel(hits, self)
        self.replace_edit = QLineEdit(replacement)
        self.replace_edit.setAccessibleName("Replace with")
        form = QFormLayout()
        form.addRow("Replace", QLabel(f"<b>{text}</b>"))
        form.addRow("&with:", self.replace_edit)
        self.table = QTableView()
        self.table.setAccessibleName("Occurrences")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.count.setAccessibleName("Ticked occurrences")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.model.dataChanged.connect(self._count)
        self.replace_edit.textChanged.connect(self._count)
        self._count()
        self.resize(720, 420)

    def _count(self) -> None:
        ticked, total = len(self.model.ticked()), self.model.rowCount()
        self.count.setText(f"{ticked} of {total} occurrences will become "
                           f"{self.replace_edit.text()!r}")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(f"Replace {ticked}")
        ok.setEnabled(ticked > 0)

    def ticked(self) -> list[Occurrence]:
        return self.model.ticked()

    def replacement(self) -> str:
        return self.replace_edit.text()
