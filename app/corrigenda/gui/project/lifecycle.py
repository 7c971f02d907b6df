"""Opening a project file for the window: the writer lock (read-only when another writer has
it), and the list of recent projects in the user's settings."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget

from corrigenda.errors import ProjectLockedError
from corrigenda.gui.project import prompts
from corrigenda.settings import Settings
from corrigenda.store import Project

MAX_RECENT = 8


def open_file(
    parent: QWidget, path: Path, actor: str | None, *, unattended: bool
) -> Project | None:
    """The project at `path`, opened for writing, or read-only when another program writes
    it and the user agrees; None: the user chose not to open it. Raises CorrigendaError."""
    try:
        return Project.open(path, actor=actor)
    except ProjectLockedError as exc:
        # Never two writers: reading alongside the other one is the only other way.
        if unattended:
            # Screenshot mode: nobody can answer the question, and a screenshot writes
            # nothing, so read-only is the answer.
            print(f"corrigenda: {exc.message}; opened read-only", file=sys.stderr)
        elif not prompts.open_read_only(parent, exc.message):
            return None
        return Project.open(path, readonly=True, actor=actor)


def remember_recent(settings: Settings, path: Path) -> str | None:
    """Put `path` first in the recent projects; a message if the settings cannot be saved."""
    text = str(path.resolve())
    recent = [text] + [p for p in settings.recent_projects if p != text]
    settings.recent_projects = recent[:MAX_RECENT]
    try:
        settings.save()
    except OSError as exc:
        return f"cannot save settings: {exc}"
    return None
