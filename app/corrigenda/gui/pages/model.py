"""The pages panel's model: one row per page, with its thumbnail, number, status and flags."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QImage, QPixmap

from corrigenda.gui.scan.images import THUMBNAIL_WIDTH, ImageService
from corrigenda.model import PageStatus
from corrigenda.ocr.readings import ReadingSummary
from corrigenda.store.project import PageInfo, Project

PageIdRole = Qt.ItemDataRole.UserRole + 1
NumberRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3
FlagCountRole = Qt.ItemDataRole.UserRole + 4
ReadingRole = Qt.ItemDataRole.UserRole + 5  # the ReadingSummary, None without a record

# The CLI (`info`, `pages`) prints PageStatus values: the same words here, only spelt for
# reading ("OCRed", "in review"), so a page is never "corrected" here and "transcribed" there.
STATUS_TEXT = {
    PageStatus.NEW: "new",
    PageStatus.OCRED: "OCRed",
    PageStatus.TRANSCRIBED: "transcribed",
    PageStatus.IN_REVIEW: "in review",
    PageStatus.APPROVED: "approved",
    PageStatus.RETURNED: "returned",
}
OCR_RUNNING = "OCR running"
PAGE_MIME = "application/x-corrigenda-page-id"

Index = QModelIndex | QPersistentModelIndex


class PagesModel(QAbstractListModel):
    """Adapts `Project.pages()`; thumbnails arrive from the image service when decoded."""

    def __init__(self, project: Project, images: ImageService, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._images = images
        self._pages: list[PageInfo] = project.pages()
        self._thumbnails: dict[int, QPixmap] = {}
        self._flag_counts: dict[int, int] = {}
        self._running: set[int] = set()
        self._readings: dict[int, ReadingSummary] = {}
        self._placeholder = QPixmap(THUMBNAIL_WIDTH, int(THUMBNAIL_WIDTH * 1.3))
        self._placeholder.fill(QColor("#d8d8d8"))
        images.thumbnail_ready.connect(self._thumbnail_ready)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._pages):
            return None
        info = self._pages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            flags = self._flag_counts.get(info.id)
            flag_text = f"\n{flags} flags" if flags else ""
            reading = self._readings.get(info.id)
            # A small marker for a page read cleaned: which clean-up, the rest in the tooltip.
            read_text = f"\n✦ {reading.variant}" if reading and reading.variant else ""
            return f"{info.number}\n{self.status_text(info)}{flag_text}{read_text}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(info.id)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            reading = self._readings.get(info.id)
            read_text = f", read {reading.text()}" if reading else ""
            return f"page {info.number}, {info.name}, {self.status_text(info)}{read_text}"
        if role == PageIdRole:
            return info.id
        if role == NumberRole:
            return info.number
        if role == StatusRole:
            return self.status_text(info)
        if role == FlagCountRole:
            return self._flag_counts.get(info.id, 0)
        if role == ReadingRole:
            return self._readings.get(info.id)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def mimeTypes(self) -> list[str]:
        return [PAGE_MIME, "text/uri-list"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        if indexes and indexes[0].isValid():
            data.setData(PAGE_MIME, QByteArray(str(self.page_id(indexes[0].row())).encode()))
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                PageIdRole: QByteArray(b"pageId"),
                NumberRole: QByteArray(b"number"),
                StatusRole: QByteArray(b"status"),
                FlagCountRole: QByteArray(b"flagCount"),
                ReadingRole: QByteArray(b"reading"),
            }
        )
        return names

    def status_text(self, info: PageInfo) -> str:
        return OCR_RUNNING if info.id in self._running else STATUS_TEXT[info.status]

    def page_id(self, row: int) -> int:
        return self._pages[row].id

    def row_of(self, page_id: int) -> int:
        for row, info in enumerate(self._pages):
            if info.id == page_id:
                return row
        return -1

    def infos(self) -> list[PageInfo]:
        return list(self._pages)

    def refresh(self, pages: list[PageInfo] | None = None) -> None:
        """Re-read statuses (or take `pages`, read on a worker); rows that changed report it,
        and the page list if it changed."""
        if pages is None:
            pages = self._project.pages()
        if [p.id for p in pages] != [p.id for p in self._pages]:
            self.beginResetModel()
            self._pages = pages
            self.endResetModel()
            return
        old, self._pages = self._pages, pages
        for row, (before, after) in enumerate(zip(old, pages)):
            if before != after:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, StatusRole])

    def set_status(self, page_id: int, status: PageStatus) -> None:
        """The page's status as the store set it (after an edit)."""
        row = self.row_of(page_id)
        if row >= 0 and self._pages[row].status != status:
            self._pages[row] = dataclasses.replace(self._pages[row], status=status)
            self._rows_changed({page_id}, [Qt.ItemDataRole.DisplayRole, StatusRole])

    def running_ids(self) -> set[int]:
        return set(self._running)

    def set_running(self, page_ids: set[int]) -> None:
        changed = self._running ^ page_ids
        self._running = set(page_ids)
        self._rows_changed(changed, [Qt.ItemDataRole.DisplayRole, StatusRole])

    def set_flag_counts(self, counts: dict[int, int]) -> None:
        changed = {
            pid
            for pid in set(counts) | set(self._flag_counts)
            if counts.get(pid) != self._flag_counts.get(pid)
        }
        self._flag_counts = dict(counts)
        self._rows_changed(changed, [Qt.ItemDataRole.DisplayRole, FlagCountRole])

    def reading(self, page_id: int) -> ReadingSummary | None:
        return self._readings.get(page_id)

    def set_readings(self, readings: dict[int, ReadingSummary]) -> None:
        """How each page was read (read on a worker: corrigenda.ocr.readings.page_readings)."""
        changed = {
            pid
            for pid in set(readings) | set(self._readings)
            if readings.get(pid) != self._readings.get(pid)
        }
        self._readings = dict(readings)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ReadingRole]
        self._rows_changed(changed, roles)

    def _rows_changed(self, page_ids: set[int], roles: list[int]) -> None:
        for page_id in page_ids:
            row = self.row_of(page_id)
            if row >= 0:
                index = self.index(row)
                self.dataChanged.emit(index, index, roles)

    def _thumbnail(self, page_id: int) -> QPixmap:
        pixmap = self._thumbnails.get(page_id)
        if pixmap is not None:
            return pixmap
        # Read and decoded lazily on a worker: only rows the view shows ask, so 1,000 pages
        # cost nothing upfront.
        self._images.request(page_id, thumbnail=True)
        return self._placeholder

    def _thumbnail_ready(self, page_id: int, image: QImage) -> None:
        if image.isNull() or self.row_of(page_id) < 0:
            return
        self._thumbnails[page_id] = QPixmap.fromImage(image)
        self._rows_changed({page_id}, [Qt.ItemDataRole.DecorationRole])
