"""The region re-OCR's offer: each line's text now and as the OCR read it, with a tick.

Lines a person corrected are unticked and say so: ticking one is the user's confirmation that
the OCR may overwrite the correction. The ticked lines become one undoable step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from corrigenda.gui.session import ProjectSession
from corrigenda.gui.widgets.buttons import ok_cancel
from corrigenda.gui.widgets.table_models import TickedRowsModel
from corrigenda.model import BBox, Page
from corrigenda.ocr.region import PSM_MODES, Proposal, RegionReading, region_edits


class ProposalsModel(TickedRowsModel):
    HEADERS = ("Line", "Now", "OCR reads")

    def __init__(self, found: list[Proposal], parent: Any = None) -> None:
        super().__init__(found, [not p.corrected for p in found], parent)

    def cell(self, found: Proposal, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            line = f"{found.number}" + (" (corrected)" if found.corrected else "")
            return (line, found.now, found.ocr)[column]
        if role == Qt.ItemDataRole.ToolTipRole and found.corrected:
            return "A person corrected this line: tick it only to replace the correction"
        return None

    def ticked(self) -> list[Proposal]:
        return super().ticked()


class RegionOcrDialog(QDialog):
    def __init__(
        self, parent: QWidget, found: list[Proposal], psm: int, variant: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Read a region again")
        self.model = ProposalsModel(found, self)
        corrected = sum(p.corrected for p in found)
        note = (
            f"<br>{corrected} corrected line{' is' if corrected == 1 else 's are'} not "
            "ticked: tick them to replace the correction."
            if corrected
            else ""
        )
        label = QLabel(
            f"Tesseract read the region as {PSM_MODES.get(psm, f'psm {psm}')}"
            f"{f', cleaned with {variant}' if variant else ''}. "
            f"Lines it reads differently: {len(found)}.{note}"
        )
        label.setWordWrap(True)
        self.table = QTableView()
        self.table.setAccessibleName("Lines the re-OCR would change")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = ok_cancel(self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use the ticked lines")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 380)


def offer(
    parent: QWidget,
    session: ProjectSession,
    page: Page,
    found: list[Proposal],
    psm: int,
    region: BBox,
    reading: RegionReading,
) -> str:
    """Ask which lines to take; returns what happened, for the status bar."""
    if not found:
        return "The re-OCR reads the region as it is now: nothing to change"
    dialog = RegionOcrDialog(parent, found, psm, reading.variant)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return "Reading the region again: nothing taken"
    return apply(session, page, dialog.model.ticked(), psm, region, reading)


def apply(
    session: ProjectSession,
    page: Page,
    chosen: list[Proposal],
    psm: int,
    region: BBox,
    reading: RegionReading,
) -> str:
    """Write the chosen lines as one undo step; raises CorrigendaError."""
    if not chosen:
        return "Reading the region again: no line ticked"
    edits, source = region_edits(page.id, chosen, psm, region, reading)
    lines = "1 line" if len(edits) == 1 else f"{len(edits)} lines"
    label = f"Read {lines} of page {page.number} again"
    session.edit(edits, source, label)
    return label
