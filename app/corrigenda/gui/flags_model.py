"""Flags as Qt sees them: a list model over the checks' flags, a proxy that filters by kind
and page and sorts by position or score, and the worker that flags in the background."""

from __future__ import annotations

import re
import threading
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from corrigenda.checks import Flag, Flagger, build_context
from corrigenda.gui.jobs import Job, Jobs
from corrigenda.model import Document
from corrigenda.settings import Settings

FlagRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
ScoreRole = Qt.ItemDataRole.UserRole + 3
PositionRole = Qt.ItemDataRole.UserRole + 4
PageIdRole = Qt.ItemDataRole.UserRole + 5
FilterKeyRole = Qt.ItemDataRole.UserRole + 6

KIND_COLOURS = {
    "name": "#8e24aa", "spelling": "#d32f2f", "real-word": "#c2185b", "confidence": "#ef6c00",
    "garbage": "#6d4c41", "punctuation": "#5d4037", "case": "#00838f", "collation": "#1565c0",
    "hyphenation": "#2e7d32", "page-number": "#455a64", "rule": "#f9a825",
}

Index = QModelIndex | QPersistentModelIndex


def kind_colour(kind: str) -> QColor:
    return QColor(KIND_COLOURS.get(kind, "#757575"))


class FlagsModel(QAbstractListModel):
    """All flags of the document, in reading order; lines are replaced as they change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flags: list[Flag] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._flags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._flags):
            return None
        flag = self._flags[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            best = f" → {flag.suggestions[0]}" if flag.suggestions else ""
            return f"p{flag.page} l{flag.line}  {flag.text}{best}"
        if role == Qt.ItemDataRole.ToolTipRole:
            more = ", ".join(flag.suggestions[:9])
            return f"{flag.kind}: {flag.explanation}" + (f"\nsuggestions: {more}" if more else "")
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_colour(flag.kind)
        if role == FlagRole:
            return flag
        if role == KindRole:
            return flag.kind
        if role == ScoreRole:
            return flag.score
        if role == PositionRole:
            return flag.page * 10_000_000 + flag.start
        if role == PageIdRole:
            return flag.page_id
        if role == FilterKeyRole:
            return f"{flag.kind}|{flag.page_id}"
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update({FlagRole: b"flag", KindRole: b"kind", ScoreRole: b"score",
                      PositionRole: b"position", PageIdRole: b"pageId"})
        return names

    def all_flags(self) -> list[Flag]:
        return list(self._flags)

    def set_flags(self, flags: list[Flag]) -> None:
        self.beginResetModel()
        self._flags = sorted(flags, key=lambda f: (f.page, f.start))
        self.endResetModel()

    def replace_line(self, page_id: int, line_id: int, flags: list[Flag]) -> None:
        """The line's flags are now `flags` (after an edit): remove the old rows, insert these."""
        key = (page_id, line_id)
        rows = [r for r, f in enumerate(self._flags) if (f.page_id, f.line_id) == key]
        for row in reversed(rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._flags[row]
            self.endRemoveRows()
        for flag in sorted(flags, key=lambda f: f.start):
            row = next((r for r, f in enumerate(self._flags)
                        if (f.page, f.start) > (flag.page, flag.start)), len(self._flags))
            self.beginInsertRows(QModelIndex(), row, row)
            self._flags.insert(row, flag)
            self.endInsertRows()

    def remove(self, predicate: Any) -> None:
        for row in reversed([r for r, f in enumerate(self._flags) if predicate(f)]):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._flags[row]
            self.endRemoveRows()

    def counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for flag in self._flags:
            counts[flag.page_id] = counts.get(flag.page_id, 0) + 1
        return counts

    def page_flags(self, page_id: int) -> list[Flag]:
        return [f for f in self._flags if f.page_id == page_id]


class FlagsProxy(QSortFilterProxyModel):
    """Filters by kind (empty: all) and, optionally, by page; sorts by position or score."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind = ""
        self._page_id: int | None = None
        self.setSortRole(PositionRole)
        self.setFilterRole(FilterKeyRole)
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def set_kind(self, kind: str) -> None:
        self._kind = kind
        self._refilter()

    def set_page(self, page_id: int | None) -> None:
        self._page_id = page_id
        self._refilter()

    def sort_by_score(self, by_score: bool) -> None:
        self.setSortRole(ScoreRole if by_score else PositionRole)
        self.sort(0, Qt.SortOrder.DescendingOrder if by_score else Qt.SortOrder.AscendingOrder)

    def _refilter(self) -> None:
        # A pattern over "kind|page id" (FilterKeyRole) rather than filterAcceptsRow: setting
        # a pattern re-filters without the deprecated invalidateFilter.
        kind = re.escape(self._kind) if self._kind else "[^|]*"
        page = str(self._page_id) if self._page_id is not None else "[0-9]+"
        self.setFilterRegularExpression(f"^{kind}\\|{page}$")


class _FlagJob(Job):
    def __init__(self, service: FlagService, document: Document, settings: dict[str, Any],
                 user: Settings, generation: int) -> None:
        super().__init__()
        self._service = service
        self._document = document
        self._settings = settings
        self._user = user
        self._generation = generation

    def work(self) -> None:
        try:
            context, problems = build_context(self._document, self._settings, (), self._user)
            flagger = Flagger(self._document, context)
            flags = flagger.flag_document()
        except Exception as exc:  # shown to the user; flagging is advice, not a must
            self._service.failed.emit(f"flagging failed: {exc}")
            return
        self._service.deliver(self._generation, (flagger, flags, problems))


class FlagService(QObject):
    """Flags the whole document on a worker; only the latest request's answer counts."""

    done = Signal(int)  # generation; the result is `take(generation)`
    failed = Signal(str)
    _arrived = Signal(int)

    def __init__(self, pool: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self.generation = 0
        self.running = False
        # Python objects cross threads through this dict, not through a queued signal's
        # arguments (PySide6 mis-counts references of those; it crashed at exit).
        self._results: dict[int, tuple[Flagger, list[Flag], list[str]]] = {}
        self._lock = threading.Lock()
        self._arrived.connect(self._hand_over)
        self.failed.connect(lambda *_: setattr(self, "running", False))

    def deliver(self, generation: int, result: tuple[Flagger, list[Flag], list[str]]) -> None:
        with self._lock:
            self._results[generation] = result
        self._arrived.emit(generation)

    def _hand_over(self, generation: int) -> None:
        self.running = False
        self.done.emit(generation)

    def take(self, generation: int) -> tuple[Flagger, list[Flag], list[str]] | None:
        with self._lock:
            return self._results.pop(generation, None)

    def start(self, document: Document, settings: dict[str, Any], user: Settings) -> int:
        self.generation += 1
        self.running = True
        self._pool.start(_FlagJob(self, document, settings, user, self.generation))
        return self.generation
