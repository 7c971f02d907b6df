"""The shared table models behind the fix-all, region re-OCR, find and QC tables."""

from __future__ import annotations

from PySide6.QtCore import Qt

from corrigenda.gui.widgets.table_models import RowsModel, TickedRowsModel


class Words(TickedRowsModel):
    HEADERS = ("Word", "Length")

    def cell(self, row: str, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row, str(len(row)))[column]
        return None


def test_rows_show_their_cells_and_headers(qtbot) -> None:
    model = Words(["alpha", "be"], [True, False])
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.index(1, 1).data() == "2"
    assert model.index(5, 0).data() is None
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(0, horizontal) == "Word"
    assert model.headerData(2, horizontal) is None


def test_ticks_follow_the_user(qtbot) -> None:
    model = Words(["alpha", "be"], [True, False])
    assert model.ticked() == ["alpha"]
    first = model.index(0, 0)
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.flags(first) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(
        model.index(1, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert not model.setData(
        model.index(1, 1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert model.ticked() == ["alpha", "be"]


def test_set_rows_replaces_the_rows(qtbot) -> None:
    model = RowsModel()
    model.set_rows([1, 2, 3])
    assert model.rowCount() == 3
    assert model.index(0, 0).data() is None  # no columns without HEADERS
