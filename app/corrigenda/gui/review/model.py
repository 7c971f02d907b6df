"""Review mode's models: the edits under review, their filter proxy, and the QC summary.

The edits model holds the core's EditViews (corrigenda.review.decisions) and computes each
row's word diffs only when a view asks for that row, so a document with thousands of edits
costs only the rows on screen. The proxy filters with the core's own EditFilter.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from corrigenda.gui.widgets.table_models import RowsModel
from corrigenda.review.diff import Segment, marked
from corrigenda.review.edits import UNDONE, EditFilter, EditView
from corrigenda.review.sampling import TranscriberQc

EditRole = Qt.ItemDataRole.UserRole + 1
EventIdRole = Qt.ItemDataRole.UserRole + 2
ActorRole = Qt.ItemDataRole.UserRole + 3
TimeRole = Qt.ItemDataRole.UserRole + 4
PageNumberRole = Qt.ItemDataRole.UserRole + 5
SourceRole = Qt.ItemDataRole.UserRole + 6
CheckRole = Qt.ItemDataRole.UserRole + 7
StateRole = Qt.ItemDataRole.UserRole + 8
RowHtmlRole = Qt.ItemDataRole.UserRole + 9  # the two-line rich text the delegate draws

Index = QModelIndex | QPersistentModelIndex

STATE_COLOURS = {
    "pending": "#8d6e00",
    "approved": "#2e7d32",
    "rejected": "#c62828",
    "revert": "#616161",
    "undone": "#616161",
}


def diff_html(segments: list[Segment]) -> str:
    """Deleted words struck through in red, inserted words in green, the rest plain."""
    parts = []
    for seg in segments:
        if seg.tag == "equal":
            parts.append(html.escape(seg.old))
            continue
        if seg.old:
            parts.append(
                '<span style="color:#b71c1c;background:#fde0e0;'
                f'text-decoration:line-through">{html.escape(seg.old)}</span>'
            )
        if seg.new:
            parts.append(
                f'<span style="color:#1b5e20;background:#dcf5dc">{html.escape(seg.new)}</span>'
            )
    return " ".join(parts) or '<span style="color:#757575">(empty line)</span>'


def source_text(edit: EditView) -> str:
    return edit.source_type + (f"/{edit.check}" if edit.check else "")


def net_marks(edit: EditView, sep: str) -> str:
    """How an edit stands in the net change: cancelled by an undo, or a redo of an edit."""
    text = f"{sep}cancels out with #{edit.cancels}" if edit.cancels is not None else ""
    return text + (f"{sep}redo of #{edit.redoes}" if edit.redoes is not None else "")


def row_html(edit: EditView) -> str:
    state = (
        f'<span style="color:{STATE_COLOURS.get(edit.state, "#000")}"><b>{edit.state}</b></span>'
    )
    marks = " · after approval" if edit.after_approval else ""
    marks += " · sampled" if edit.sampled else ""
    # Separation of duties, visible where the reviewer looks: the author approved or signed.
    marks += ' · <span style="color:#b71c1c">self-approved</span>' if edit.self_approved else ""
    marks += ' · <span style="color:#b71c1c">self-signed</span>' if edit.self_signed else ""
    marks += net_marks(edit, " · ")
    head = (
        f"<b>#{edit.event_id}</b> &nbsp;p{edit.page_number} {html.escape(edit.where)} &nbsp;"
        f"{html.escape(edit.actor)} &nbsp;{edit.time[:16].replace('T', ' ')} &nbsp;"
        f"{html.escape(source_text(edit))} &nbsp;{state}{marks}"
    )
    return f"{head}<br>{diff_html(edit.diff_ocr())}"


class EditsModel(QAbstractListModel):
    """Every edit of the document, oldest first; diffs are made per row on demand.

    Undone edits (an edit and the undo that took it back) are held too; the proxy's default
    filter leaves them out, so the list shows the net change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._edits: list[EditView] = []
        self._html: dict[int, str] = {}  # event id -> row HTML, made when first shown

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._edits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._edits):
            return None
        edit = self._edits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            own = " self-approved" if edit.self_approved else ""
            own += " self-signed" if edit.self_signed else ""
            own += net_marks(edit, ", ")
            return (
                f"#{edit.event_id} p{edit.page_number} {edit.where} {edit.actor} "
                f"{source_text(edit)} {edit.state}{own}: {marked(edit.diff_ocr())}"
            )
        if role == RowHtmlRole:
            text = self._html.get(edit.event_id)
            if text is None:
                text = self._html[edit.event_id] = row_html(edit)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return edit.reason and f"{edit.state} by {edit.decided_by}: {edit.reason}"
        return self._field(edit, role)

    @staticmethod
    def _field(edit: EditView, role: int) -> Any:
        fields = {
            EditRole: edit,
            EventIdRole: edit.event_id,
            ActorRole: edit.actor,
            TimeRole: edit.time,
            PageNumberRole: edit.page_number,
            SourceRole: edit.source_type,
            CheckRole: edit.check or "",
            StateRole: edit.state,
        }
        return fields.get(role)

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                EditRole: QByteArray(b"edit"),
                EventIdRole: QByteArray(b"eventId"),
                ActorRole: QByteArray(b"actor"),
                TimeRole: QByteArray(b"time"),
                PageNumberRole: QByteArray(b"page"),
                SourceRole: QByteArray(b"source"),
                CheckRole: QByteArray(b"check"),
                StateRole: QByteArray(b"state"),
                RowHtmlRole: QByteArray(b"rowHtml"),
            }
        )
        return names

    def set_edits(self, edits: list[EditView]) -> None:
        self.beginResetModel()
        self._edits = list(edits)
        self._html.clear()
        self.endResetModel()

    def edits(self) -> list[EditView]:
        return list(self._edits)

    def net(self) -> list[EditView]:
        """The edits that make the net change: all but undone ones."""
        return [e for e in self._edits if e.state != UNDONE]

    def values(self, role: int) -> list[str]:
        """The distinct values of a role, sorted, for the filter boxes."""
        return sorted({str(self._field(e, role)) for e in self._edits} - {""})


class EditsProxy(QSortFilterProxyModel):
    """Filters edits with an EditFilter (pages included); sorted by event id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = EditFilter()
        self.setSortRole(EventIdRole)
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def edit_filter(self) -> EditFilter:
        return self._filter

    def set_filter(self, edit_filter: EditFilter) -> None:
        self.beginFilterChange()
        self._filter = edit_filter
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if model is None:
            return False
        edit = model.index(source_row, 0, source_parent).data(EditRole)
        if edit is None:
            return False
        pages = self._filter.pages
        return (pages is None or edit.page_number in pages) and self._filter.accepts(edit)


# The first counts are over all of a transcriber's edits, as the Edits tab counts them (one
# count everywhere); the sample's own counts follow, named as such.
QC_COLUMNS = [
    "Transcriber",
    "Edits",
    "Sampled",
    "Pending",
    "Approved",
    "Rejected",
    "Sample: approved",
    "Sample: rejected",
    "Sample: changed",
    "Sample: pending",
    "Error rate",
]


class QcModel(RowsModel):
    """The quality-control summary: one row per transcriber."""

    HEADERS = QC_COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)

    def cell(self, row: TranscriberQc, column: int, role: int) -> Any:
        values: list[Any] = [
            row.actor,
            row.edits,
            row.sampled,
            row.all_pending,
            row.all_approved,
            row.all_rejected,
            row.approved,
            row.rejected,
            row.changed,
            row.pending,
            "-" if row.error_rate is None else f"{row.error_rate:.0%}",
        ]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(values[column])
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == EditRole:
            return row
        return None
