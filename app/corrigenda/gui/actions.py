"""The window's menus and keyboard shortcuts, and what each action does.

Every action is listed in a menu with its shortcut, so Help > Keyboard shortcuts can list them
all from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from corrigenda.errors import CorrigendaError
from corrigenda.gui import dialogs
from corrigenda.gui.pages import operations as page_ops
from corrigenda.gui.project import files as project_files
from corrigenda.gui.project import importing, lists_dialog

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow

Shortcut = str | QKeySequence.StandardKey | None


def _action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut = None,
    *,
    project: bool = False,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    action.setProperty("needs_project", project)
    menu.addAction(action)
    return action


def build(window: MainWindow) -> dict[str, QAction]:
    bar = window.menuBar()
    acts: dict[str, QAction] = {}
    file = bar.addMenu("&File")
    acts["new"] = _action(
        window,
        file,
        "&New from images or PDF…",
        lambda: new_dialog(window),
        QKeySequence.StandardKey.New,
    )
    acts["open"] = _action(
        window, file, "&Open…", lambda: open_dialog(window), QKeySequence.StandardKey.Open
    )
    window.recent_menu = file.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(lambda: _fill_recent(window))
    acts["sample"] = _action(window, file, "Open the &sample", lambda: open_sample(window))
    file.addSeparator()
    acts["export"] = _action(
        window, file, "&Export…", lambda: project_files.export(window), "Ctrl+E", project=True
    )
    acts["import"] = _action(
        window,
        file,
        "&Import OCR or transcript…",
        lambda: importing.choose_and_import(window),
        "Ctrl+I",
        project=True,
    )
    acts["save_copy"] = _action(
        window,
        file,
        "Save a &copy as…",
        lambda: project_files.save_copy(window),
        QKeySequence.StandardKey.SaveAs,
        project=True,
    )
    file.addSeparator()
    acts["close"] = _action(
        window,
        file,
        "&Close project",
        window.close_project,
        QKeySequence.StandardKey.Close,
        project=True,
    )
    acts["quit"] = _action(window, file, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    acts["undo"] = _action(
        window, edit, "&Undo", lambda: undo(window), QKeySequence.StandardKey.Undo, project=True
    )
    acts["redo"] = _action(
        window, edit, "&Redo", lambda: redo(window), "Ctrl+Shift+Z", project=True
    )
    edit.addSeparator()
    acts["find"] = _action(
        window,
        edit,
        "&Find and replace…",
        lambda: dialogs.find_replace(window),
        QKeySequence.StandardKey.Find,
        project=True,
    )
    edit.addSeparator()
    acts["settings"] = _action(
        window, edit, "&Settings…", lambda: dialogs.settings(window), "Ctrl+,"
    )
    acts["word_lists"] = _action(
        window,
        edit,
        "Name lists and accepted &words…",
        lambda: lists_dialog.edit_lists(window),
        project=True,
    )

    view = bar.addMenu("&View")
    acts["zoom_in"] = _action(
        window,
        view,
        "Zoom &in",
        lambda: window.view.zoom_by(1.25),
        QKeySequence.StandardKey.ZoomIn,
        project=True,
    )
    acts["zoom_out"] = _action(
        window,
        view,
        "Zoom &out",
        lambda: window.view.zoom_by(0.8),
        QKeySequence.StandardKey.ZoomOut,
        project=True,
    )
    acts["fit_width"] = _action(
        window, view, "Fit &width", window.view.fit_width, "Ctrl+9", project=True
    )
    acts["fit_page"] = _action(
        window, view, "Fit &page", window.view.fit_page, "Ctrl+0", project=True
    )
    acts["boxes"] = _action(
        window,
        view,
        "Show word &boxes",
        lambda: window.view.set_boxes_visible(acts["boxes"].isChecked()),
        "Ctrl+B",
        project=True,
    )
    acts["boxes"].setCheckable(True)
    acts["boxes"].setChecked(True)
    acts["rotate_right"] = _action(
        window, view, "Rotate &right", lambda: window.view.rotate_by(90), "Ctrl+R", project=True
    )
    acts["rotate_left"] = _action(
        window,
        view,
        "Rotate &left",
        lambda: window.view.rotate_by(-90),
        "Ctrl+Shift+L",
        project=True,
    )
    view.addSeparator()
    for dock in (window.pages_dock, window.history_dock):
        view.addAction(dock.toggleViewAction())
    window.history_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+H"))

    page = bar.addMenu("&Page")
    acts["next_page"] = _action(
        window,
        page,
        "&Next page",
        lambda: window.select_row(window.current_row() + 1),
        "Ctrl+PgDown",
        project=True,
    )
    acts["previous_page"] = _action(
        window,
        page,
        "&Previous page",
        lambda: window.select_row(window.current_row() - 1),
        "Ctrl+PgUp",
        project=True,
    )
    page.addSeparator()
    acts["add_pages"] = _action(
        window,
        page,
        "&Add pages from images or PDF…",
        lambda: _add_pages_dialog(window),
        project=True,
    )
    acts["remove_page"] = _action(
        window,
        page,
        "Re&move this page",
        lambda: page_ops.remove_page(window, window.current_page_id or -1),
        project=True,
    )
    page.addSeparator()
    acts["ocr"] = _action(
        window, page, "Run &OCR on pages not done", window.start_ocr, project=True
    )
    acts["reocr"] = _action(
        window, page, "&Re-OCR this page (keeps corrections)", lambda: _reocr(window), project=True
    )
    acts["cancel_ocr"] = _action(window, page, "&Cancel OCR", window.ocr.cancel, project=True)
    acts["reocr_region"] = _action(
        window,
        page,
        "Re-OCR a re&gion… (draw it on the scan)",
        window.view.draw_region,
        "Ctrl+Shift+G",
        project=True,
    )

    window.flags_menu = bar.addMenu("F&lags")

    help_menu = bar.addMenu("&Help")
    acts["shortcuts"] = _action(
        window,
        help_menu,
        "&Keyboard shortcuts",
        lambda: dialogs.shortcuts(window),
        QKeySequence.StandardKey.HelpContents,
    )
    acts["about"] = _action(window, help_menu, "&About Corrigenda", lambda: dialogs.about(window))
    _enable(acts, False)
    return acts


def _enable(acts: dict[str, QAction], on: bool) -> None:
    for action in acts.values():
        if action.property("needs_project"):
            action.setEnabled(on)


def project_opened(window: MainWindow) -> None:
    _enable(window.actions, True)


def project_closed(window: MainWindow) -> None:
    _enable(window.actions, False)


def page_changed(window: MainWindow) -> None:
    pass


def ocr_page_done(window: MainWindow, page_ids: set[int]) -> None:
    pass


def return_pressed(window: MainWindow) -> None:
    """Enter: accept the first suggestion of the flag under the cursor, else go down a line."""
    handler = getattr(window, "accept_first_suggestion", None)
    if handler is not None and handler():
        return
    editor = window.editor
    cursor = editor.textCursor()
    if cursor.movePosition(cursor.MoveOperation.NextBlock):
        editor.setTextCursor(cursor)


def _fill_recent(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    for path in window.settings.recent_projects:
        if Path(path).exists():
            action = menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: window.open_project(Path(p)))
    if menu.isEmpty():
        menu.addAction("(none)").setEnabled(False)


def undo(window: MainWindow) -> None:
    _step(window, back=True)


def redo(window: MainWindow) -> None:
    _step(window, back=False)


def _step(window: MainWindow, *, back: bool) -> None:
    """Undo or redo, first committing typing; then show the page the step changed."""
    session = window.session
    if session is None:
        return
    window.editor.flush()
    stack = session.undo_stack
    index = stack.index() - 1 if back else stack.index()
    if not 0 <= index < stack.count():
        window.show_message("Nothing to undo" if back else "Nothing to redo")
        return
    command = stack.command(index)
    (stack.undo if back else stack.redo)()
    pages = getattr(command, "page_ids", lambda: set())()
    if len(pages) == 1 and window.current_page_id not in pages and window.pages_model:
        window.select_row(window.pages_model.row_of(next(iter(pages))))
    window.show_message(f"{'Undone' if back else 'Redone'}: {command.text()}")


def _add_pages_dialog(window: MainWindow) -> None:
    files, _ = QFileDialog.getOpenFileNames(
        window,
        "Add pages: choose scans or PDFs",
        "",
        "Scans and PDFs (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)",
    )
    if files:
        page_ops.add_files(window, [Path(f) for f in files])


def _reocr(window: MainWindow) -> None:
    if window.session is None or window.current_page_id is None:
        return
    number = window.session.page(window.current_page_id).number
    window.start_ocr([number], force=True)


def open_dialog(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window, "Open a project", "", "Corrigenda projects (*.corrigenda)"
    )
    if path:
        window.open_project(Path(path))


def new_dialog(window: MainWindow) -> None:
    files, _ = QFileDialog.getOpenFileNames(
        window,
        "New project: choose scans or PDFs",
        "",
        "Scans and PDFs (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)",
    )
    if not files:
        return
    target, _ = QFileDialog.getSaveFileName(
        window,
        "Save the new project as",
        str(Path(files[0]).with_suffix(".corrigenda")),
        "Corrigenda projects (*.corrigenda)",
    )
    if target:
        new_project(window, [Path(f) for f in files], Path(target))


def new_project(
    window: MainWindow, inputs: list[Path], target: Path, names: list[Path] | None = None
) -> bool:
    """Make the project on a worker, then open it; True: started."""
    project_files.create_then_open(window, inputs, target, names or [])
    return True


def open_sample(window: MainWindow) -> None:
    try:
        project_files.open_sample(window)
    except CorrigendaError as exc:
        QMessageBox.warning(window, "Cannot open the sample", exc.message)
