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
    QPointF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPen, QPixmap, QTextCharFormat

from corrigenda.checks import Flag
from corrigenda.checks.flag_process import FlagProcess, RemoteFlagger, find_ink, flag_document
from corrigenda.gui.background import Background, Latest
from corrigenda.settings import Settings

FlagRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
ScoreRole = Qt.ItemDataRole.UserRole + 3
PositionRole = Qt.ItemDataRole.UserRole + 4
PageIdRole = Qt.ItemDataRole.UserRole + 5
FilterKeyRole = Qt.ItemDataRole.UserRole + 6

# Each kind of flag has a colour and an underline pattern of its own, so colour is never the
# only cue: kinds that share a pattern have colours told apart under simulated deuteranopia,
# protanopia and tritanopia, and no two kinds share a colour (tests/gui/test_flag_palette.py
# measures it). "reading" is the second readings' kind.
WAVE, DASH, DOT, SOLID = "wave", "dash", "dot", "solid"
KIND_STYLES: dict[str, tuple[str, str]] = {
    # A word that is wrong: wavy, as a spelling checker marks it.
    "spelling": ("#750000", WAVE),
    "real-word": ("#8c04a5", WAVE),
    "name": ("#74bfff", WAVE),
    "vocabulary": ("#ff9774", WAVE),
    # The reading itself is in doubt: dashed.
    "confidence": ("#ec9c28", DASH),
    "garbage": ("#561f00", DASH),
    "handwriting": ("#b3e1bc", DASH),
    "reading": ("#2b0c66", DASH),
    # Typography, numbers and dates: dotted.
    "punctuation": ("#804785", DOT),
    "case": ("#4585ff", DOT),
    "hyphenation": ("#266b12", DOT),
    "date": ("#ebca8a", DOT),
    # Against another source or a rule: solid.
    "collation": ("#060b88", SOLID),
    "page-number": ("#e3d840", SOLID),
    "rule": ("#3bdcee", SOLID),
}
KIND_COLOURS = {kind: colour for kind, (colour, _) in KIND_STYLES.items()}
UNKNOWN_COLOUR = "#000000"  # a kind without a style of its own (none is registered so)
UNDERLINES = {
    WAVE: QTextCharFormat.UnderlineStyle.WaveUnderline,
    DASH: QTextCharFormat.UnderlineStyle.DashUnderline,
    DOT: QTextCharFormat.UnderlineStyle.DotLine,
    SOLID: QTextCharFormat.UnderlineStyle.SingleUnderline,
}


def kind_pattern(kind: str) -> str:
    """The kind's underline pattern: wave, dash, dot or solid."""
    return KIND_STYLES.get(kind, (UNKNOWN_COLOUR, SOLID))[1]


def kind_underline(kind: str) -> QTextCharFormat.UnderlineStyle:
    return UNDERLINES[kind_pattern(kind)]


def kind_icon(kind: str, size: QSize = QSize(22, 12)) -> QIcon:  # noqa: B008
    """The kind's colour drawn in its pattern, as the editor underlines it: the key to the
    Flags list's rows and the kind filter."""
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(kind_colour(kind), 2)
    pattern = kind_pattern(kind)
    pen.setStyle(
        {DASH: Qt.PenStyle.DashLine, DOT: Qt.PenStyle.DotLine}.get(pattern, Qt.PenStyle.SolidLine)
    )
    painter.setPen(pen)
    w, y = size.width(), size.height() / 2
    if pattern == WAVE:
        points = [QPointF(x, y + (2.5 if (x // 3) % 2 else -2.5)) for x in range(0, w + 1, 3)]
        painter.drawPolyline(points)
    else:
        painter.drawLine(QPointF(0, y), QPointF(w, y))
    painter.end()
    return QIcon(pixmap)


Index = QModelIndex | QPersistentModelIndex


def kind_colour(kind: str, background: QColor | None = None) -> QColor:
    """The kind's colour, made lighter or darker until it stands out on `background` (the
    editor's base colour: dark in a dark theme, where the plain colours would not show)."""
    colour = QColor(KIND_COLOURS.get(kind, UNKNOWN_COLOUR))
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
            if flag.kind == "handwriting":
                best = " → handwritten region"
            # The kind in words too: its colour and pattern are not the only cue.
            text = "(unread ink)" if is_ink(flag) else flag.text
            return f"p{flag.page} l{flag.line}  {text}{best}  · {flag.kind}"
        if role == Qt.ItemDataRole.ToolTipRole:
            # Everything the list row has no room for: how sure, why, and each choice's key.
            keys = "\n".join(
                f"Alt+{n}: {s or '(remove)'}" for n, s in enumerate(flag.suggestions[:9], 1)
            )
            return f"{flag.kind}, score {flag.score:.2f}: {flag.explanation}" + (
                f"\n{keys}" if keys else ""
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(flag.kind)
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


def is_ink(flag: Flag) -> bool:
    """A flag on ink OCR left unread (checks.handwriting.ink_flags): empty, with a box."""
    return flag.kind == "handwriting" and flag.start == flag.end and "box" in flag.extra


def from_scan(flag: Flag) -> bool:
    """A flag of the scan's pass (checks.handwriting.ink_flags): unread ink, or words only
    the scan shows are a hand's; the next pass's flags replace them."""
    return flag.kind == "handwriting" and (bool(flag.extra.get("scan")) or is_ink(flag))


class FlagService(QObject):
    """Flags the whole document in the flagging process, waited for on a worker thread;
    only the latest request's answer counts (`Latest`). The unread ink is looked for after,
    in a process of its own (a second a page), its flags handed to `inked`."""

    def __init__(
        self,
        background: Background,
        done: Callable[[FlagResult], None],
        failed: Callable[[str], None],
        parent: QObject | None = None,
        inked: Callable[[list[Flag]], None] = lambda _flags: None,
    ) -> None:
        super().__init__(parent)
        self.latest: Latest[FlagResult] = Latest(background, done, failed, self)
        self.ink: Latest[list[Flag]] = Latest(background, inked, failed, self)
        self._process: FlagProcess | None = None
        self._ink_process: FlagProcess | None = None

    def find_ink(self, path: Path) -> int:
        if self._ink_process is None:
            self._ink_process = FlagProcess()
        process = self._ink_process
        return self.ink.start(lambda: find_ink(process, path))

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
        self.ink.cancel()
        if self._process is not None:
            self._process.stop()
            self._process = None
        if self._ink_process is not None:
            self._ink_process.stop()
            self._ink_process = None
