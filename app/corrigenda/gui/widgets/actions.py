"""A menu action made the one way: its shortcut, and a slot called without Qt's bool."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    keys: str | QKeySequence | QKeySequence.StandardKey | None = None,
    *,
    needs_project: bool = False,
) -> QAction:
    """An action that calls `slot()` when triggered. With `needs_project` it starts disabled
    and the window turns it on while a project is open (the `needs_project` property)."""
    action = QAction(text, parent)
    if keys:
        action.setShortcut(QKeySequence(keys))
    # Never the slot itself: triggered(bool) would arrive as its first argument.
    action.triggered.connect(lambda _checked=False: slot())
    action.setProperty("needs_project", needs_project)
    if needs_project:
        action.setEnabled(False)
    return action
