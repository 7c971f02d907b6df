"""The document's learned vocabulary (checks/vocabulary.py): the forms it repeats, which the
flags take as right, with Unlearn (and Relearn for the forms unlearned before).

Each Unlearn or Relearn is a decision recorded at once through the project's write path, as
`corrigenda flag --unlearn/--relearn` records it; the document is flagged again when the
dialog closes, if anything changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from corrigenda.gui.widgets.table_models import RowsModel

Decide = Callable[[str], bool]  # records unlearning (relearning) a form; False: it failed


class LearnedModel(RowsModel):
    """Learned forms with how often the document prints them."""

    HEADERS = ("Form", "Printed")

    def cell(self, row: tuple[str, int], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row[0] if column == 0 else str(row[1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def forms(self) -> list[str]:
        return [form for form, _ in self._rows]

    def row_form(self, row: int) -> str:
        form: str = self._rows[row][0]
        return form

    def drop(self, form: str) -> None:
        self.set_rows(r for r in self._rows if r[0] != form)


class LearnedWordsDialog(QDialog):
    """Learned forms (Unlearn) and unlearned ones (Relearn)."""

    def __init__(
        self,
        parent: QWidget,
        learned: dict[str, int],
        unlearned: list[str],
        unlearn: Decide,
        relearn: Decide,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Learned words")
        self._unlearn, self._relearn = unlearn, relearn
        self.changed = False
        self.model = LearnedModel(sorted(learned.items(), key=lambda kv: (-kv[1], kv[0])), self)
        intro = QLabel(
            "Forms the document repeats that the lexicon lacks. The flags take them as "
            "right, and suggest them for rarer variants. Unlearn a form that is a repeated "
            "misreading."
        )
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setAccessibleName("Learned words")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.unlearn_button = QPushButton("&Unlearn")
        self.unlearn_button.clicked.connect(self.unlearn_selected)
        self.unlearned = QListWidget()
        self.unlearned.setAccessibleName("Unlearned words")
        self.unlearned.addItems(unlearned)
        self.relearn_button = QPushButton("&Relearn")
        self.relearn_button.clicked.connect(self.relearn_selected)
        self.count = QLabel()
        self.count.setAccessibleName("Learned word count")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.unlearn_button)
        row.addStretch(1)
        row.addWidget(self.relearn_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel("Unlearned (teach nothing):"))
        layout.addWidget(self.unlearned, 1)
        layout.addLayout(row)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.unlearned.itemSelectionChanged.connect(self._enable)
        self._enable()
        self.resize(420, 520)

    def _enable(self) -> None:
        self.unlearn_button.setEnabled(self.table.selectionModel().hasSelection())
        self.relearn_button.setEnabled(bool(self.unlearned.selectedItems()))
        total = self.model.rowCount()
        self.count.setText(
            f"{total} learned form{'s' * (total != 1)}, {self.unlearned.count()} unlearned"
        )

    def unlearned_forms(self) -> list[str]:
        return [self.unlearned.item(i).text() for i in range(self.unlearned.count())]

    def unlearn_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        for form in [self.model.row_form(r) for r in rows]:
            if not self._unlearn(form):
                break
            self.model.drop(form)
            self.unlearned.addItem(form)
            self.changed = True
        self._enable()

    def relearn_selected(self) -> None:
        for item in self.unlearned.selectedItems():
            if not self._relearn(item.text()):
                break
            self.unlearned.takeItem(self.unlearned.row(item))
            # Whether the form is learned again (and how often printed) the next flagging says.
            self.changed = True
        self._enable()
