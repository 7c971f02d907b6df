"""Flags as Qt sees them: a list model over the checks' flags, a proxy that filters by kind
and sorts by position or score, and the service that flags the document in the background."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import Path
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
from PySide6.QtGui import QColor, QGuiApplication

from corrigenda.checks import Flag
from corrigenda.checks.flag_process import FlagProcess, RemoteFlagger, flag_document
from corrigenda.gui.background import Background, Latest
from corrigenda.settings import Settings

FlagRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
ScoreRole = Qt.ItemDataRole.UserRole + 3
PositionRole = Qt.ItemDataRole.UserRole + 4
PageIdRole = Qt.ItemDataRole.UserRole + 5
FilterKeyRole = Qt.ItemDataRole.UserRole + 6

KIND_COLOURS = {
    "name": "#8e24aa",
    "spelling": "#d32f2f",
    "real-word": "#c2185b",
    "confidence": "#ef6c00",
    "garbage": "#6d4c41",
    "punctuation": "#5d4037",
    "case": "#00838f",
    "collation": "#1565c0",
    "hyphenation": "#2e7d32",
    "page-number": "#455a64",
    "rule": "#f9a825",
    "reading": "#3949ab",  # a second reading of the scan disagrees
}

Index = QModelIndex | QPersistentModelIndex


def kind_colour(kind: str, background: QColor | None = None) -> QColor:
    """The kind's colour, made lighter or darker until it stands out on `background` (the
    editor's base colour: dark in a dark theme, where the plain colours would not show)."""
    colour = QColor(KIND_COLOURS.get(kind, "#757575"))
    if background is None:
        app = QGuiApplication.instance()
        background = (
            QGuiApplication.palette().base().color() if app is not None else QColor("white")
        )
    dark = background.lightnessF() < 0.5
    for _ in range(8):
        if contrast(colour, background) >= 3.0:
            break
        colour = colour.lighter(125) if dark else colour.darker(120)
    return colour


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21; 3 is the minimum for graphics)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class FlagsModel(QAbstractListModel):
    """The flags of the document (or of one page: `set_page`), in reading order.

    Flags are kept per page; a page's flags are one contiguous block of rows, so an edit
    replaces one block (found by bisection) instead of scanning or resetting every row.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._by_page: dict[int, list[Flag]] = {}
        self._page: int | None = None  # None: the rows are the whole document's flags
        self._rows: list[Flag] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        flag = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            best = f" → {flag.suggestions[0] or '(remove)'}" if flag.suggestions else ""
            return f"p{flag.page} l{flag.line}  {flag.text}{best}"
        if role == Qt.ItemDataRole.ToolTipRole:
            # Everything the list row has no room for: how sure, why, and each choice's key.
            keys = "\n".join(
                f"Alt+{n}: {s or '(remove)'}" for n, s in enumerate(flag.suggestions[:9], 1)
            )
            return f"{flag.kind}, score {flag.score:.2f}: {flag.explanation}" + (
                f"\n{keys}" if keys else ""
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_colour(flag.kind)
        if role == FlagRole:
            return flag
        if role in (KindRole, FilterKeyRole):
            return flag.kind
        if role == ScoreRole:
            return flag.score
        if role == PositionRole:
            return flag.page * 10_000_000 + flag.start
        if role == PageIdRole:
            return flag.page_id
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                FlagRole: QByteArray(b"flag"),
                KindRole: QByteArray(b"kind"),
                ScoreRole: QByteArray(b"score"),
                PositionRole: QByteArray(b"position"),
                PageIdRole: QByteArray(b"pageId"),
            }
        )
        return names

    def all_flags(self) -> list[Flag]:
        return sorted(
            (f for flags in self._by_page.values() for f in flags), key=lambda f: (f.page, f.start)
        )

    def set_flags(self, flags: list[Flag]) -> None:
        self._by_page = {}
        for flag in sorted(flags, key=lambda f: (f.page, f.start)):
            self._by_page.setdefault(flag.page_id, []).append(flag)
        self._reset_rows()

    def set_page(self, page_id: int | None) -> None:
        """Show only `page_id`'s flags (None: the whole document's)."""
        if page_id != self._page:
            self._page = page_id
            self._reset_rows()

    def _reset_rows(self) -> None:
        self.beginResetModel()
        self._rows = (
            list(self._by_page.get(self._page, [])) if self._page is not None else self.all_flags()
        )
        self.endResetModel()

    def set_page_flags(self, page_id: int, flags: list[Flag]) -> None:
        """The page's flags are now `flags`: replace its block of rows."""
        old = self._by_page.pop(page_id, [])
        flags = sorted(flags, key=lambda f: f.start)
        if flags:
            self._by_page[page_id] = flags
        if self._page is not None:
            if page_id != self._page:
                return
            lo, hi = 0, len(self._rows)
        else:
            first = (old or flags)[:1]
            if not first:
                return
            key = (first[0].page,)
            lo = bisect.bisect_left(self._rows, key, key=lambda f: (f.page,))
            hi = bisect.bisect_right(self._rows, key, key=lambda f: (f.page,))
        if hi > lo:
            self.beginRemoveRows(QModelIndex(), lo, hi - 1)
            del self._rows[lo:hi]
            self.endRemoveRows()
        if flags:
            self.beginInsertRows(QModelIndex(), lo, lo + len(flags) - 1)
            self._rows[lo:lo] = flags
            self.endInsertRows()

    def replace_line(self, page_id: int, line_id: int, flags: list[Flag]) -> None:
        """The line's flags are now `flags` (after an edit)."""
        kept = [f for f in self._by_page.get(page_id, []) if f.line_id != line_id]
        self.set_page_flags(page_id, kept + list(flags))

    def remove(self, predicate: Any) -> None:
        for page_id, flags in list(self._by_page.items()):
            kept = [f for f in flags if not predicate(f)]
            if len(kept) != len(flags):
                self.set_page_flags(page_id, kept)

    def counts(self) -> dict[int, int]:
        return {page_id: len(flags) for page_id, flags in self._by_page.items()}

    def page_flags(self, page_id: int) -> list[Flag]:
        return list(self._by_page.get(page_id, []))


class FlagsProxy(QSortFilterProxyModel):
    """Filters by kind (empty: all); sorts by position or score. The page filter is the
    model's own (`FlagsModel.set_page`): turning a page must not re-filter every flag."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind = ""
        self.setSortRole(PositionRole)
        self.setFilterRole(FilterKeyRole)
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def kind(self) -> str:
        """The kind shown ("" for all)."""
        return self._kind

    def set_kind(self, kind: str) -> None:
        self._kind = kind
        # A pattern rather than filterAcceptsRow: setting one re-filters without the
        # deprecated invalidateFilter.
        self.setFilterRegularExpression(f"^{re.escape(kind)}$" if kind else "")

    def sort_by_score(self, by_score: bool) -> None:
        self.setSortRole(ScoreRole if by_score else PositionRole)
        self.sort(0, Qt.SortOrder.DescendingOrder if by_score else Qt.SortOrder.AscendingOrder)


FlagResult = tuple[RemoteFlagger, list[Flag], list[str]]


class FlagService(QObject):
    """Flags the whole document in the flagging process, waited for on a worker thread;
    only the latest request's answer counts (`Latest`)."""

    def __init__(
        self,
        background: Background,
        done: Callable[[FlagResult], None],
        failed: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.latest: Latest[FlagResult] = Latest(background, done, failed, self)
        self._process: FlagProcess | None = None

    @property
    def running(self) -> bool:
        return self.latest.running

    def start(self, path: Path, user: Settings) -> int:
        if self._process is None:
            self._process = FlagProcess()
        process = self._process
        # The document is read and flagged in the child process; the worker only waits.
        return self.latest.start(lambda: flag_document(process, path, user))

    def stop(self) -> None:
        """End the flagging process (closing the project): a run in progress is abandoned."""
        self.latest.cancel()
        if self._process is not None:
            self._process.stop()
            self._process = None
