"""Find and replace across the document: plain or regular expressions, a preview of every
line that would change, and replace-all as one undoable step.

The document is read and searched on a worker (a 1,000-page document takes about a second to
read); the preview follows the typing a moment after it pauses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from corrigenda.gui.background import read_only
from corrigenda.gui.commands import EditCommand
from corrigenda.gui.session import LineChange
from corrigenda.gui.widgets.table_models import RowsModel
from corrigenda.model import Page
from corrigenda.store import Source

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow

ChangeRole = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 200


@dataclass(frozen=True)
class LineMatch:
    """A line that the replacement changes, and how many matches it holds."""

    page_number: int
    change: LineChange
    count: int


def compile_pattern(text: str, *, regex: bool, case: bool) -> re.Pattern[str]:
    """Raises re.error for a bad regular expression."""
    return re.compile(text if regex else re.escape(text), 0 if case else re.IGNORECASE)


def find_matches(
    pages: Iterable[Page], pattern: re.Pattern[str], replacement: str, *, regex: bool
) -> list[LineMatch]:
    """Every line where `pattern` matches, with its text after replacing (within lines)."""
    matches = []
    for page in pages:
        for line in page.lines:
            text = line.text
            if regex:
                after, count = pattern.subn(replacement, text)
            else:
                after, count = pattern.subn(lambda _m: replacement, text)
            if count:
                matches.append(
                    LineMatch(page.number, LineChange(page.id, line.id, text, after), count)
                )
    return matches


class MatchesModel(RowsModel):
    """The preview: page, line text before, and after."""

    HEADERS = ("Page", "Now", "After replacing")

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)

    def set_matches(self, matches: list[LineMatch]) -> None:
        self.set_rows(matches)

    def matches(self) -> list[LineMatch]:
        return list(self._rows)

    def cell(self, match: LineMatch, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(match.page_number), match.change.before, match.change.after)[column]
        if role == ChangeRole:
            return match
        return None


class FindReplaceDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Find and replace")
        self._window = window
        self.find_edit = QLineEdit()
        self.find_edit.setAccessibleName("Find")
        self.replace_edit = QLineEdit()
        self.replace_edit.setAccessibleName("Replace with")
        self.regex = QCheckBox("Regular e&xpression")
        self.case = QCheckBox("Match &case")
        self.case.setChecked(True)
        form = QFormLayout()
        form.addRow("&Find:", self.find_edit)
        form.addRow("Replace &with:", self.replace_edit)
        options = QHBoxLayout()
        options.addWidget(self.regex)
        options.addWidget(self.case)
        options.addStretch()
        self.model = MatchesModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Lines that would change")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.doubleClicked.connect(self._go_to)
        self.summary = QLabel()
        self.replace_button = QPushButton("Replace &all")
        self.replace_button.setAccessibleName("Replace all")
        self.replace_button.setEnabled(False)
        self.replace_button.clicked.connect(self.replace_all)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.replace_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(options)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._ticket = 0
        self._pages: tuple[Page, ...] | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._search)
        for edit in (self.find_edit, self.replace_edit):
            edit.textChanged.connect(self.preview)
        for box in (self.regex, self.case):
            box.toggled.connect(self.preview)
        self.resize(760, 480)

    def preview(self) -> None:
        """Recompute the preview on a worker, a moment after the last keystroke."""
        self._ticket += 1  # answers to earlier keystrokes are stale
        self.replace_button.setEnabled(False)
        self._debounce.start()

    def _search(self) -> None:
        session = self._window.session
        text = self.find_edit.text()
        if session is None or not text:
            self._show([], "")
            return
        try:
            pattern = compile_pattern(
                text, regex=self.regex.isChecked(), case=self.case.isChecked()
            )
        except re.error as exc:
            self._show([], f"Not a usable expression: {exc}")
            return
        self.summary.setText("Searching…")
        ticket, replacement, regex = self._ticket, self.replace_edit.text(), self.regex.isChecked()
        path, pages = session.path, self._pages

        def work() -> tuple[tuple[Page, ...], list[LineMatch]]:
            # The document is read once per dialog (a second on 1,000 pages), on the worker.
            document = (
                pages
                if pages is not None
                else read_only(path, lambda project: project.document().pages)()
            )
            return document, find_matches(document, pattern, replacement, regex=regex)

        def done(result: tuple[tuple[Page, ...], list[LineMatch]]) -> None:
            self._pages = result[0]
            if ticket == self._ticket:
                self._show(result[1], None)

        def failed(exc: BaseException) -> None:
            if ticket == self._ticket:
                self._show([], f"Not a usable expression: {exc}")

        self._window.background.run(work, done, failed)

    def _show(self, matches: list[LineMatch], message: str | None) -> None:
        self.model.set_matches(matches)
        count = sum(m.count for m in matches)
        self.summary.setText(
            message if message is not None else f"{count} matches in {len(matches)} lines"
        )
        self.replace_button.setEnabled(bool(matches))

    def searching(self) -> bool:
        return self._debounce.isActive() or self.summary.text() == "Searching…"

    def replace_all(self) -> None:
        session = self._window.session
        matches = self.model.matches()
        if session is None or not matches:
            return
        changes = [m.change for m in matches if m.change.before != m.change.after]
        source = Source(
            "replace-all",
            {
                "pattern": self.find_edit.text(),
                "replacement": self.replace_edit.text(),
                "regex": self.regex.isChecked(),
            },
        )
        count = sum(m.count for m in matches)
        label = f"Replace {self.find_edit.text()!r} with {self.replace_edit.text()!r} ({count}×)"
        session.undo_stack.push(EditCommand(session, changes, source, label))
        self._window.show_message(f"Replaced {count} matches in {len(changes)} lines")
        self._pages = None  # read again: the document changed
        self.preview()

    def _go_to(self, index: QModelIndex) -> None:
        match = index.data(ChangeRole)
        window = self._window
        if match is None or window.pages_model is None:
            return
        window.select_row(window.pages_model.row_of(match.change.page_id))
        window.editor.move_to_offset(match.change.line_id, 0)
