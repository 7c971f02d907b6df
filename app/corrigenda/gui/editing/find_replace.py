"""Find and replace across the document: plain or regular expressions, a preview of every
line that would change, and replace-all as one undoable step.

The search is the concordance's (corrigenda.checks.concordance), the one search engine; the
document is read and searched on a worker (a 1,000-page document takes about a second to
read); the preview follows the typing a moment after it pauses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    QWidget,
)

from corrigenda.checks.concordance import (
    LineReplacement,
    line_replacements,
    literal_query,
    literal_replacement,
)
from corrigenda.errors import CorrigendaError
from corrigenda.gui.background import Background, failure_text, read_only
from corrigenda.gui.session import ProjectSession
from corrigenda.gui.widgets.table_models import RowsModel
from corrigenda.model import Document, Page
from corrigenda.store import Source

ChangeRole = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 200


def query_for(text: str, *, regex: bool) -> str:
    """The concordance query for the dialog's text: a regular expression, or the text as it
    is written (anywhere, inside words too)."""
    return f"/{text}/" if regex else literal_query(text)


class MatchesModel(RowsModel):
    """The preview: page, line text before, and after."""

    HEADERS = ("Page", "Now", "After replacing")

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)

    def set_matches(self, matches: list[LineReplacement]) -> None:
        self.set_rows(matches)

    def matches(self) -> list[LineReplacement]:
        return list(self._rows)

    def cell(self, match: LineReplacement, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(match.page_number), match.edit.before, match.edit.after)[column]
        if role == ChangeRole:
            return match
        return None


class FindReplaceDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        session: ProjectSession,
        background: Background,
        go_to: Callable[[int, int], None],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find and replace")
        self._session, self._background, self._go_to, self._say = session, background, go_to, say
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
        self.table.doubleClicked.connect(self._go_to_match)
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
        text = self.find_edit.text()
        if not text:
            self._show([], "")
            return
        self.summary.setText("Searching…")
        ticket, replacement = self._ticket, self.replace_edit.text()
        query = query_for(text, regex=self.regex.isChecked())
        ignore_case = not self.case.isChecked()
        if not self.regex.isChecked():
            replacement = literal_replacement(replacement)  # plain text: no group references
        path, pages = self._session.path, self._pages

        def work() -> tuple[tuple[Page, ...], list[LineReplacement]]:
            # The document is read once per dialog (a second on 1,000 pages), on the worker.
            document = (
                pages
                if pages is not None
                else read_only(path, lambda project: project.document().pages)()
            )
            found = line_replacements(
                Document("", document), query, replacement, ignore_case=ignore_case
            )
            return document, found

        def done(result: tuple[tuple[Page, ...], list[LineReplacement]]) -> None:
            self._pages = result[0]
            if ticket == self._ticket:
                self._show(result[1], None)

        def failed(exc: BaseException) -> None:
            if ticket == self._ticket:
                self._show([], f"Not a usable expression: {failure_text(exc)}")

        self._background.run(work, done, failed)

    def _show(self, matches: list[LineReplacement], message: str | None) -> None:
        self.model.set_matches(matches)
        count = sum(m.count for m in matches)
        self.summary.setText(
            message
            if message is not None
            else f"{plural(count, 'match', 'matches')} in {plural(len(matches), 'line')}"
        )
        self.replace_button.setEnabled(bool(matches))

    def searching(self) -> bool:
        return self._debounce.isActive() or self.summary.text() == "Searching…"

    def replace_all(self) -> None:
        matches = self.model.matches()
        if not matches:
            return
        edits = [m.edit for m in matches if m.edit.before != m.edit.after]
        find, replace = self.find_edit.text(), self.replace_edit.text()
        source = Source(
            "replace-all",
            {"pattern": find, "replacement": replace, "regex": self.regex.isChecked()},
        )
        count = sum(m.count for m in matches)
        label = f"Replace {find!r} with {replace!r} ({count}×)"
        try:
            self._session.edit(edits, source, label)
        except CorrigendaError as exc:
            self._say(exc.message)
            return
        matched, lines = plural(count, "match", "matches"), plural(len(edits), "line")
        self._say(f"Replaced {matched} in {lines}")
        self._pages = None  # read again: the document changed
        self.preview()

    def _go_to_match(self, index: QModelIndex) -> None:
        match = index.data(ChangeRole)
        if isinstance(match, LineReplacement):
            self._go_to(match.edit.page_id, match.edit.line_id)


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 line", "2 lines" """
    return f"{count} {one if count == 1 else (many or one + 's')}"
