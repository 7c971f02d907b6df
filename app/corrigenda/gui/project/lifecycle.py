"""A project's life in the window: open (with the lock), close, recent projects, and the place
kept on disk so a restart (or a crash) comes back where the user was."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from corrigenda.errors import CorrigendaError, ProjectLockedError
from corrigenda.gui import actions
from corrigenda.gui.pages.model import PageIdRole, PagesModel
from corrigenda.gui.project import history_bar, prompts
from corrigenda.gui.session import ProjectSession
from corrigenda.settings import config_dir
from corrigenda.store import Project

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow

MAX_RECENT = 8


def window_settings() -> QSettings:
    """Geometry and the last page per project; kept beside the user's settings."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def open_project(window: MainWindow, path: Path, *, line_id: int | None = None) -> bool:
    if window.session is not None and window.session.path.resolve() == path.resolve():
        return True  # already open here (our own lock would say "open elsewhere")
    actor = window.settings.user_name or None
    try:
        try:
            project = Project.open(path, actor=actor)
        except ProjectLockedError as exc:
            # Never two writers: reading alongside the other one is the only other way.
            if window.unattended:
                # Screenshot mode: nobody can answer the question, and a screenshot writes
                # nothing, so read-only is the answer.
                print(f"corrigenda: {exc.message}; opened read-only", file=sys.stderr)
            elif not prompts.open_read_only(window, exc.message):
                return False
            project = Project.open(path, readonly=True, actor=actor)
    except CorrigendaError as exc:
        window.open_failure("Cannot open the project", exc.message)
        return False
    if not window.close_project():
        project.close()
        return False
    window.session = ProjectSession(project, window)
    window.follow_session(window.session)
    window.images.set_project(path)
    window.undo_view.setStack(window.session.undo_stack)
    window.editor.set_session(window.session)
    window.pages_model = PagesModel(project, window.images, window)
    window.pages_view.setModel(window.pages_model)
    window.pages_view.selectionModel().currentChanged.connect(
        lambda current, _previous: (
            window.show_page(current.data(PageIdRole)) if current.isValid() else None
        )
    )
    readonly = " (read-only)" if project.readonly else ""
    window.setWindowTitle(f"{path.name}{readonly} — Corrigenda")
    window.stack.setCurrentWidget(window.splitter)
    _remember_recent(window, path)
    actions.project_opened(window)
    window.state.setValue("open_project", str(path.resolve()))
    window.state.sync()
    infos = window.pages_model.infos()
    if infos:
        last = window.state.value(f"last_page/{path.resolve()}", 0)
        row = max(0, window.pages_model.row_of(int(last or 0)))
        window.select_row(row)
        if line_id is not None:
            window.editor.move_to_word(line_id, -1)
    if any(not info.has_ocr for info in infos):
        window.start_ocr()
    else:
        # After the first page is on screen: reading the whole document takes a while.
        window.refresh_flags_after_first_page()
    history_bar.check(window)
    window.project_opened.emit()
    return True


def close_project(window: MainWindow, *, forget: bool = True) -> bool:
    """Close the open project; `forget` False (quitting) reopens it at the next start.

    False: typing could not be saved and the user chose to keep the project open.
    """
    session = window.session
    if session is None:
        return True
    window.editor.flush()
    if session.unsaved and not session.retry_unsaved() and not prompts.close_with_unsaved(window):
        return False
    if forget:
        window.state.remove("open_project")
        window.state.sync()
    window.background.cancel()
    window.ocr.cancel()
    window.wait_for_workers()
    window.flags.project_closed()
    window.editor.set_session(None)
    window.editor.set_page(None)
    window.undo_view.setStack(None)
    window.pages_view.setModel(None)
    session.close()
    session.deleteLater()
    window.session = None
    window.current_page_id = None
    window.images.set_project(None)
    window.save_bar.hide()
    window.history_bar.hide()
    actions.project_closed(window)
    show_welcome(window)
    return True


def _remember_recent(window: MainWindow, path: Path) -> None:
    text = str(path.resolve())
    recent = [text] + [p for p in window.settings.recent_projects if p != text]
    window.settings.recent_projects = recent[:MAX_RECENT]
    try:
        window.settings.save()
    except OSError as exc:
        window.show_message(f"cannot save settings: {exc}")


def show_welcome(window: MainWindow) -> None:
    window.welcome.set_recent(window.settings.recent_projects)
    window.stack.setCurrentWidget(window.welcome)
    window.setWindowTitle("Corrigenda")


def remember_position(window: MainWindow, page_id: int, line_id: int | None) -> None:
    """Kept on disk at every page and line change, so a crash loses no place."""
    if window.session is None:
        return
    where = str(window.session.path.resolve())
    window.state.setValue(f"last_page/{where}", page_id)
    if line_id is not None:
        window.state.setValue(f"last_line/{where}", line_id)
    window.state.sync()


def restore_last_session(window: MainWindow) -> bool:
    """Reopen the project that was open when the program last stopped, where it was."""
    path = window.state.value("open_project")
    if not path or not Path(str(path)).is_file():
        return False
    line = window.state.value(f"last_line/{path}")
    return window.open_project(Path(str(path)), line_id=int(line) if line else None)
