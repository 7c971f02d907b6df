"""The concordance before "fix all like this": every occurrence, ticked, and a count."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
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
from corrigenda.gui.widgets.buttons import ok_cancel
from corrigenda.gui.widgets.table_models import TickedRowsModel


class OccurrencesModel(TickedRowsModel):
    """Occurrences with a tick each (all ticked at first)."""

    HEADERS = ("Page", "Line", "In context")

    def __init__(self, hits: list[Occurrence], parent: Any = None) -> None:
        super().__init__(hits, [True] * len(hits), parent)

    def cell(self, hit: Occurrence, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(hit.page), str(hit.line), hit.marked())[column]
        return None

    def ticked(self) -> list[Occurrence]:
        return super().ticked()


class ConcordanceDialog(QDialog):
    def __init__(
        self, parent: QWidget, text: str, replacement: str, hits: list[Occurrence]
    ) -> None:
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
        self.buttons = ok_cancel(self)
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
        self.count.setText(
            f"{ticked} of {total} occurrences will become {self.replace_edit.text()!r}"
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(f"Replace {ticked}")
        ok.setEnabled(ticked > 0)

    def ticked(self) -> list[Occurrence]:
        return self.model.ticked()

    def replacement(self) -> str:
        return self.replace_edit.text()
