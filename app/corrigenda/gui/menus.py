"""The window's menus and keyboard shortcuts, and what each action does.

Every action is listed in a menu with its shortcut, so Help > Keyboard shortcuts can list them
all from here. Like main_window, this module composes the window: it wires each action to the
window's controllers; nothing else takes the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from corrigenda.gui import dialogs
from corrigenda.gui.editing.find_replace import FindReplaceDialog
from corrigenda.gui.ocr import readings, region
from corrigenda.gui.project import importing, lists_dialog, prompts
from corrigenda.gui.widgets.actions import make_action
from corrigenda.model import BBox

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow

Shortcut = str | QKeySequence.StandardKey | None
SCANS = "Scans and PDFs (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"
PROJECTS = "Corrigenda projects (*.corrigenda)"


@dataclass
class Menus:
    """The menus' actions by name, and the menus filled as they open."""

    actions: dict[str, QAction]
    recent: QMenu
    flags: QMenu

    def enable(self, on: bool) -> None:
        """Actions that need a project follow whether one is open."""
        for action in self.actions.values():
            if action.property("needs_project"):
                action.setEnabled(on)


def build(window: MainWindow) -> Menus:
    bar = window.menuBar()
    acts: dict[str, QAction] = {}

    def add(
        menu: QMenu,
        name: str,
        text: str,
        slot: Callable[[], object],
        keys: Shortcut = None,
        *,
        project: bool = False,
    ) -> QAction:
        action = make_action(window, text, slot, keys)
        action.setProperty("needs_project", project)  # enabled by the window, not here
        menu.addAction(action)
        acts[name] = action
        return action

    keys = QKeySequence.StandardKey
    file = bar.addMenu("&File")
    add(file, "new", "&New from images or PDF…", lambda: new_dialog(window), keys.New)
    add(file, "open", "&Open…", lambda: open_dialog(window), keys.Open)
    recent = file.addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    add(file, "sample", "Open the &sample", window.open_sample)
    file.addSeparator()
    add(file, "export", "&Export…", window.files.export, "Ctrl+E", project=True)
    add(
        file,
        "import",
        "&Import OCR or transcript…",
        lambda: import_files(window, importing.choose_files(window)),
        "Ctrl+I",
        project=True,
    )
    add(file, "save_copy", "Save a &copy as…", window.files.save_copy, keys.SaveAs, project=True)
    file.addSeparator()
    add(file, "close", "&Close project", window.close_project, keys.Close, project=True)
    add(file, "quit", "&Quit", window.close, keys.Quit)

    edit = bar.addMenu("&Edit")
    add(edit, "undo", "&Undo", lambda: step(window, back=True), keys.Undo, project=True)
    add(edit, "redo", "&Redo", lambda: step(window, back=False), "Ctrl+Shift+Z", project=True)
    edit.addSeparator()
    find = lambda: find_and_replace(window)  # noqa: E731
    add(edit, "find", "&Find and replace…", find, keys.Find, project=True)
    edit.addSeparator()
    add(edit, "settings", "&Settings…", lambda: _settings(window), "Ctrl+,")
    add(
        edit,
        "word_lists",
        "Name lists and accepted &words…",
        lambda: edit_word_lists(window),
        project=True,
    )

    view = bar.addMenu("&View")
    page_view = window.view
    add(view, "zoom_in", "Zoom &in", lambda: page_view.zoom_by(1.25), keys.ZoomIn, project=True)
    add(view, "zoom_out", "Zoom &out", lambda: page_view.zoom_by(0.8), keys.ZoomOut, project=True)
    add(view, "fit_width", "Fit &width", page_view.fit_width, "Ctrl+9", project=True)
    add(view, "fit_page", "Fit &page", page_view.fit_page, "Ctrl+0", project=True)
    add(view, "fit_text", "Fit the &text block", page_view.fit_text, "Ctrl+8", project=True)
    boxes = add(
        view,
        "boxes",
        "Show word &boxes",
        lambda: page_view.set_boxes_visible(acts["boxes"].isChecked()),
        "Ctrl+B",
        project=True,
    )
    boxes.setCheckable(True)
    boxes.setChecked(True)
    as_read = add(
        view,
        "as_read",
        "Show the page as &read (cleaned)",
        lambda: window.readings.set_as_read(acts["as_read"].isChecked()),
        "Ctrl+Shift+O",
        project=True,
    )
    as_read.setCheckable(True)
    rotate_right, rotate_left = lambda: page_view.rotate_by(90), lambda: page_view.rotate_by(-90)
    add(view, "rotate_right", "Rotate &right", rotate_right, "Ctrl+R", project=True)
    add(view, "rotate_left", "Rotate &left", rotate_left, "Ctrl+Shift+L", project=True)
    view.addSeparator()
    for dock in (window.pages_dock, window.history_dock):
        view.addAction(dock.toggleViewAction())
    window.history_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+H"))

    page = bar.addMenu("&Page")
    pages = window.pages

    def next_page() -> None:
        pages.select_row(pages.current_row() + 1)

    def previous_page() -> None:
        pages.select_row(pages.current_row() - 1)

    add(page, "next_page", "&Next page", next_page, "Ctrl+PgDown", project=True)
    add(page, "previous_page", "&Previous page", previous_page, "Ctrl+PgUp", project=True)
    page.addSeparator()
    add_pages = lambda: _add_pages(window)  # noqa: E731
    add(page, "add_pages", "&Add pages from images or PDF…", add_pages, project=True)
    add(
        page,
        "remove_page",
        "Re&move this page",
        lambda: window.page_ops.remove(window.current_page_id or -1),
        project=True,
    )
    page.addSeparator()
    add(page, "ocr", "Run &OCR on pages not done", window.start_ocr, project=True)
    # One vocabulary: a page or a region is "read again", as scanned, automatically or with a
    # clean-up variant; "Draw a region" makes a typed region (handwriting, furniture, a mark).
    reread = page.addMenu("Read this page &again (keeps corrections)")
    reread.setProperty("needs_project", True)
    page_choices = readings.fill_reread_menu(reread, lambda name: _reocr(window, name))
    for action in page_choices:
        action.setCheckable(True)  # the way the page on screen was read is ticked
    reread.aboutToShow.connect(lambda: _tick_reading(window, page_choices))
    reread_region = page.addMenu("Read a re&gion again (draw it on the scan)")
    reread_region.setProperty("needs_project", True)
    region_choices = readings.fill_reread_menu(reread_region, lambda n: draw_region(window, n))
    as_scanned = next(a for a in region_choices if a.data() == "none")
    as_scanned.setShortcut(QKeySequence("Ctrl+Shift+G"))
    acts["reocr_region"] = as_scanned
    add(page, "cancel_ocr", "&Cancel OCR", window.ocr.cancel, project=True)

    page.addSeparator()
    for name, action in window.regions.actions.items():
        page.addAction(action)
        acts[f"region_{name}"] = action
    page.aboutToShow.connect(lambda: _page_menu_states(window, acts))

    flags = bar.addMenu("F&lags")
    _flags_menu(flags, window, acts)
    bar.addMenu(window.review.menu)

    help_menu = bar.addMenu("&Help")
    add(
        help_menu,
        "shortcuts",
        "&Keyboard shortcuts",
        lambda: dialogs.shortcuts(window, bar),
        keys.HelpContents,
    )
    add(help_menu, "about", "&About Corrigenda", lambda: dialogs.about(window))
    menus = Menus(acts, recent, flags)
    menus.enable(False)
    return menus


def _flags_menu(menu: QMenu, window: MainWindow, acts: dict[str, QAction]) -> None:
    for name, action in window.flags.actions.items():
        if name in ("accept_1", "ignore"):
            menu.addSeparator()
        menu.addAction(action)
        acts[f"flag_{name}"] = action
    menu.addSeparator()
    menu.addAction(window.flags_dock.toggleViewAction())


def _fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    for path in window.settings.recent_projects:
        if Path(path).exists():
            action = menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: window.open_project(Path(p)))
    if menu.isEmpty():
        menu.addAction("(none)").setEnabled(False)


def step(window: MainWindow, *, back: bool) -> None:
    """Undo or redo, first committing typing; then show the page the step changed."""
    session = window.session
    if session is None:
        return
    session.commit_typing()
    stack = session.undo_stack
    index = stack.index() - 1 if back else stack.index()
    if not 0 <= index < stack.count():
        window.show_message("Nothing to undo" if back else "Nothing to redo")
        return
    command = stack.command(index)
    (stack.undo if back else stack.redo)()
    pages: set[int] = getattr(command, "page_ids", set)()
    if len(pages) == 1 and window.current_page_id not in pages:
        window.pages.go_to(next(iter(pages)))
    window.show_message(f"{'Undone' if back else 'Redone'}: {command.text()}")


def _settings(window: MainWindow) -> None:
    if dialogs.edit_settings(window, window.settings):
        window.settings_changed()


def _add_pages(window: MainWindow) -> None:
    files, _ = QFileDialog.getOpenFileNames(window, "Add pages: choose scans or PDFs", "", SCANS)
    if files:
        window.page_ops.add_files([Path(f) for f in files])


def _tick_reading(window: MainWindow, choices: list[QAction]) -> None:
    """Tick how the current page was read: as scanned, or the clean-up variant used (nothing
    for a page not OCRed here, or imported)."""
    page_id = window.current_page_id
    reading = window.readings.reading(page_id) if page_id is not None else None
    read = None if reading is None else (reading.variant or "none")
    for action in choices:
        action.setChecked(action.data() == read)


def _page_menu_states(window: MainWindow, acts: dict[str, QAction]) -> None:
    """What the Page menu offers depends on the moment: cancelling needs an OCR run, deleting
    a region needs the cursor's line to be in one."""
    if window.session is None:
        return
    acts["cancel_ocr"].setEnabled(window.ocr.running)
    page, line_id = window.editor.page(), window.editor.current_line_id()
    in_region = (
        page is not None
        and line_id is not None
        and page.region(page.line(line_id).region) is not None
    )
    acts["region_delete"].setEnabled(in_region)
    acts["region_place"].setEnabled(window.regions.unplaced_note() is not None)


def _reocr(window: MainWindow, cleanup: str | None = None) -> None:
    """Read the current page again (corrections kept), with a clean-up chosen or the user's
    own."""
    number = window.pages.current_number()
    if number is not None:
        window.start_ocr([number], force=True, cleanup=cleanup)


def open_dialog(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Open a project", "", PROJECTS)
    if path:
        window.open_project(Path(path))


def new_dialog(window: MainWindow) -> None:
    files, _ = QFileDialog.getOpenFileNames(window, "New project: choose scans or PDFs", "", SCANS)
    if not files:
        return
    target, _ = QFileDialog.getSaveFileName(
        window, "Save the new project as", str(Path(files[0]).with_suffix(".corrigenda")), PROJECTS
    )
    if target:
        window.files.create_then_open([Path(f) for f in files], Path(target), [])


def import_files(window: MainWindow, paths: list[Path]) -> None:
    """Import OCR files or transcripts on a worker; then show what they changed."""

    def finished(summary: str) -> None:
        session = window.session
        if session is not None and not summary.startswith("Importing"):
            session.forget()  # pages got new OCR and edits: read them again
            window.page_list_changed()
            if window.current_page_id is not None:
                window.show_page(window.current_page_id)
        window.show_message(summary)

    if window.session is not None and paths:
        importing.import_paths(window, window.session, window.background, paths, finished)


def edit_word_lists(window: MainWindow) -> None:
    if window.session is not None and lists_dialog.edit_lists(window, window.session):
        window.show_message("Word lists saved; flagging again…")
        window.flags.refresh()


def find_and_replace(window: MainWindow) -> None:
    session = window.session
    if session is None:
        return
    session.commit_typing()
    FindReplaceDialog(
        window, session, window.background, window.go_to_line, window.show_message
    ).exec()


def draw_region(window: MainWindow, cleanup: str) -> None:
    """The next drag on the scan draws a region, to be read with `cleanup`."""
    window.region_cleanup = cleanup
    window.view.draw_region()
    how = {"none": "as scanned", "auto": "automatically"}.get(cleanup, f"with {cleanup}")
    window.show_message(f"Drag over the scan: the region is read again {how} (Escape stops)")


def reocr_region(window: MainWindow, rect: QRectF) -> None:
    """A region was drawn on the scan: ask how to read it, then re-OCR it."""
    session, page_id = window.session, window.current_page_id
    cleanup, window.region_cleanup = window.region_cleanup, "none"
    psm = prompts.choose_psm(window) if session is not None else None
    if session is None or page_id is None or psm is None:
        return
    box = BBox(int(rect.left()), int(rect.top()), int(rect.right()), int(rect.bottom()))
    region.start(
        window,
        session,
        page_id,
        box,
        psm,
        window.settings,
        window.background,
        window.show_message,
        lambda: window.session is session and window.current_page_id == page_id,
        cleanup,
    )
