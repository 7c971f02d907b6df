"""The project file: one SQLite file per project, and the one write path into it."""

from __future__ import annotations

from corrigenda.store.events import Event, Source
from corrigenda.store.project import LineEdit, LineWritten, PageInfo, Project

__all__ = ["Event", "LineEdit", "LineWritten", "PageInfo", "Project", "Source"]
