"""The project's word lists: its name lists and its accepted words.

Both live in the project (settings "name_lists" and "accepted_words"), so every change is an
event of the audit trail, written through `Project.set_setting` when the dialog is accepted.
A name list file is checked (`checks.name_list_setting`) before the project keeps it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from corrigenda import checks
from corrigenda.errors import CorrigendaError
from corrigenda.gui.session import ProjectSession
from corrigenda.gui.widgets.buttons import ok_cancel
from corrigenda.store import Project, Source


class ListsDialog(QDialog):
    """Name lists (add from a file, remove) and accepted words (one a line, editable)."""

    def __init__(self, window: QWidget, settings: dict[str, Any]) -> None:
        super().__init__(window)
        self.setWindowTitle("Name lists and accepted words")
        self.name_lists: list[dict[str, str]] = [
            dict(item) for item in settings.get("name_lists", []) or []
        ]
        self._accepted = [str(w) for w in settings.get("accepted_words", []) or []]
        tabs = QTabWidget()
        tabs.addTab(self._names_tab(), "&Name lists")
        tabs.addTab(self._words_tab(), "&Accepted words")
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def _names_tab(self) -> QWidget:
        tab = QWidget()
        self.lists = QListWidget()
        self.lists.setAccessibleName("Name lists")
        self._show_lists()
        add = QPushButton("Add a list from a &file…")
        add.clicked.connect(self._add_file)
        remove = QPushButton("&Remove the selected list")
        remove.clicked.connect(self._remove_list)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            QLabel(
                "Names of people, places and organisations the checks know, "
                "one a line, variants after ' | '."
            )
        )
        layout.addWidget(self.lists)
        layout.addLayout(row)
        return tab

    def _words_tab(self) -> QWidget:
        tab = QWidget()
        self.words = QPlainTextEdit("\n".join(self._accepted))
        self.words.setAccessibleName("Accepted words")
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel("Words the spelling checks accept, one a line:"))
        layout.addWidget(self.words)
        return tab

    def _show_lists(self) -> None:
        self.lists.clear()
        for item in self.name_lists:
            count = sum(1 for line in item.get("text", "").splitlines() if line.strip())
            self.lists.addItem(f"{item.get('file', 'names')} ({count} names)")

    def add_list(self, path: Path) -> list[str]:
        """Check and add the name list at `path`; returns its warnings (raises InputError)."""
        setting, warnings = checks.name_list_setting(path)
        self.name_lists = [i for i in self.name_lists if i.get("file") != setting["file"]]
        self.name_lists.append(setting)
        self._show_lists()
        return warnings

    def _add_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Add a name list", "", "Name lists (*.txt *.csv);;All files (*)"
        )
        if not path:
            return
        try:
            warnings = self.add_list(Path(path))
        except CorrigendaError as exc:
            QMessageBox.warning(self, "Name list not added", exc.message)
            return
        if warnings:
            QMessageBox.information(self, "Name list added", "\n".join(warnings[:10]))

    def _remove_list(self) -> None:
        row = self.lists.currentRow()
        if 0 <= row < len(self.name_lists):
            del self.name_lists[row]
            self._show_lists()

    def accepted_words(self) -> list[str]:
        return list(
            dict.fromkeys(w.strip() for w in self.words.toPlainText().splitlines() if w.strip())
        )


def edit_lists(parent: QWidget, session: ProjectSession) -> bool:
    """The lists dialog; True when a list changed (the document is then flagged again)."""
    dialog = ListsDialog(parent, session.project.settings())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return save_lists(parent, session, dialog)


def save_lists(parent: QWidget, session: ProjectSession, dialog: ListsDialog) -> bool:
    """Write what changed (each a setting event); True when something was written."""
    project = session.project
    source = Source("keyboard", {"via": "word lists"})
    changes: list[tuple[str, object]] = []
    if dialog.name_lists != (project.setting("name_lists", []) or []):
        changes.append(("name_lists", dialog.name_lists))
    if dialog.accepted_words() != (project.setting("accepted_words", []) or []):
        changes.append(("accepted_words", dialog.accepted_words()))
    try:
        for key, value in changes:

            def write(project: Project, key: str = key, value: object = value) -> None:
                project.set_setting(key, value, source)

            session.record(write)
    except CorrigendaError as exc:
        QMessageBox.warning(parent, "Lists not saved", exc.message)
        return False
    return bool(changes)
