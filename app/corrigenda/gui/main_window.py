"""The main window: it builds its children, hands each the parts it works on, and wires them.

Like napari's QtViewer, the window is the one place that knows every piece: the widgets
(pages panel, page view, line strip, transcript editor, docks, status bar) and the
controllers, each given only the session and the widgets it needs (flags: flags/; review:
review/; OCR: ocr/; pages: pages/; files: project/). Nothing attaches attributes to the window
from outside. It owns the thread pool, so closing the window waits for its workers.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QUndoView

from corrigenda.errors import CorrigendaError
from corrigenda.gui import layout, menus
from corrigenda.gui.background import Background
from corrigenda.gui.editing.editor import TranscriptEditor
from corrigenda.gui.flags.controller import FlagsController
from corrigenda.gui.flags.model import FlagsModel, FlagsProxy
from corrigenda.gui.flags.panel import FlagsPanel
from corrigenda.gui.jobs import Jobs
from corrigenda.gui.ocr.feedback import OcrFeedback
from corrigenda.gui.ocr.readings import ReadingsController
from corrigenda.gui.ocr.service import OcrService
from corrigenda.gui.pages.model import PagesModel
from corrigenda.gui.pages.operations import PageOperations
from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.pages.panel import PagesView
from corrigenda.gui.project import history_bar, lifecycle, prompts
from corrigenda.gui.project.files import ProjectFiles
from corrigenda.gui.project.history_bar import HistoryBar
from corrigenda.gui.project.save_bar import SaveBar
from corrigenda.gui.project.state import WindowState
from corrigenda.gui.project.welcome import WelcomePage
from corrigenda.gui.regions.controller import RegionsController
from corrigenda.gui.review.controller import ReviewController
from corrigenda.gui.review.panel import ReviewPanel
from corrigenda.gui.scan.images import ImageService
from corrigenda.gui.scan.line_strip import LineStrip
from corrigenda.gui.scan.page_view import PageView
from corrigenda.gui.session import ProjectSession
from corrigenda.gui.status_bar import StatusBar
from corrigenda.model import PageStatus, RegionType
from corrigenda.settings import Settings
from corrigenda.store import journal


class MainWindow(QMainWindow):
    """One window, at most one open project."""

    page_shown = Signal(int)  # page id, once its text, boxes and image are all on screen
    project_opened = Signal()
    open_failed = Signal(str)  # why a project could not be made or opened (names the file)

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Corrigenda")
        self.setAccessibleName("Corrigenda")
        self.settings = Settings.load()
        self.state = WindowState()
        self.session: ProjectSession | None = None
        # Screenshot mode: nobody is there to close a dialog; failures go to `open_failed`.
        self.unattended = False
        # OCR and flagging each hold a thread for long; short reads still find one free.
        self.jobs = Jobs(max(4, os.cpu_count() or 1))
        self.background = Background(self.jobs, self)
        self.images = ImageService(self)
        self.ocr = OcrService(self.jobs, self)

        # The widgets.
        self.view = PageView()
        self.view.set_thresholds(self.settings.confidence_low, self.settings.confidence_doubtful)
        self.strip = LineStrip()
        self.editor = TranscriptEditor()
        self.text_splitter = layout.strip_above(self.strip, self.editor)
        self.splitter = layout.side_by_side(self.view, self.text_splitter)
        self.welcome = WelcomePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.splitter)
        self.save_bar = SaveBar()
        self.history_bar = HistoryBar()
        self.setCentralWidget(
            layout.column(self.save_bar, self.history_bar, self.stack, stretch_last=True)
        )
        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.pages_view = PagesView()
        self.pages_dock = layout.dock(self, "Pages", self.pages_view, layout.LEFT)
        self.undo_view = QUndoView()
        self.undo_view.setAccessibleName("History")
        self.undo_view.setEmptyLabel("Opened")
        self.history_dock = layout.dock(self, "History", self.undo_view, layout.RIGHT)
        self.history_dock.hide()
        flags_model, flags_proxy = FlagsModel(self), FlagsProxy(self)
        flags_proxy.setSourceModel(flags_model)
        self.flags_panel = FlagsPanel(flags_proxy)
        self.flags_dock = layout.dock(self, "Flags", self.flags_panel, layout.RIGHT)
        self.review_panel = ReviewPanel()
        self.review_dock = layout.dock(self, "Review", self.review_panel, layout.BOTTOM)
        self.review_dock.hide()

        # The controllers, each with what it works on.
        say = self.show_message
        self.pages = PageList(self.pages_view, self.images, self)
        self.flags = FlagsController(
            self.flags_panel,
            flags_model,
            flags_proxy,
            self.editor,
            self.view,
            self.pages,
            self.background,
            self.settings,
            say,
            self,
        )
        self.review = ReviewController(
            self.review_panel,
            self.review_dock,
            self.pages,
            self.background,
            say,
            self,
            self.flags.open_flags,
        )
        self.ocr_feedback = OcrFeedback(
            self.ocr, self.status, self.pages, self.background, say, self
        )
        self.readings = ReadingsController(
            self.pages, self.view, self.images, self.background, say, self
        )
        # The clean-up the next region drawn on the scan is read with (Page ▸ Read a region
        # again ▸ …); "As scanned" (Ctrl+Shift+G) reads the scan as it is.
        self.region_cleanup = "none"
        self.regions = RegionsController(
            self.view, self.editor, self.pages, say, self._region_changed, self
        )
        self.flags.make_regions_by(self.regions.accept_flag)
        self.page_ops = PageOperations(self.pages, self.background, say, self)
        self.files = ProjectFiles(
            self, self.background, self.settings, say, self.open_project, self.open_failure
        )
        self.menus = menus.build(self)
        self._flags_pending = False
        self._last_line: int | None = None
        self._cancel_history_check = lambda: None
        self._connect()
        layout.restore(self, self.splitter, self.pages_dock, self.flags_dock, self.state)
        self.view.use_zoom(*self.state.zoom())  # the user's zoom is kept across starts
        self.show_welcome()
        self._describe_page()

    def _connect(self) -> None:
        self.page_shown.connect(self._first_page_shown)
        self.pages.chosen.connect(self.show_page)
        self.view.word_clicked.connect(self._word_clicked)
        self.view.zoom_changed.connect(self.status.show_zoom)
        self.view.region_drawn.connect(lambda rect: menus.reocr_region(self, rect))
        self.view.drawing_cancelled.connect(self._drawing_cancelled)
        self.view.boxes_shown.connect(lambda _shown: self._describe_page())
        self.stack.currentChanged.connect(lambda _index: self._describe_page())
        self.editor.current_word_changed.connect(self._current_word_changed)
        self.editor.return_pressed.connect(self._return_pressed)
        self.images.image_ready.connect(self._image_ready)
        self.ocr_feedback.page_ocred.connect(self._page_ocred)
        self.ocr_feedback.run_finished.connect(self.flags.refresh)
        self.ocr_feedback.run_finished.connect(self.readings.refresh)
        self.page_shown.connect(self.readings.page_shown)
        self.page_ops.changed.connect(self.page_list_changed)
        self.page_ops.added.connect(lambda _n: self.start_ocr())
        self.welcome.open_sample.connect(self.open_sample)
        self.welcome.open_project.connect(lambda: menus.open_dialog(self))
        self.welcome.new_project.connect(lambda: menus.new_dialog(self))
        self.welcome.open_recent.connect(lambda path: self.open_project(Path(path)))
        self.pages_view.files_dropped.connect(self.page_ops.add_files)
        self.pages_view.page_moved.connect(self.page_ops.move)
        self.pages_view.remove_requested.connect(self.page_ops.remove)
        self.save_bar.retry.connect(self._retry_saving)
        self.save_bar.save_copy.connect(lambda: self.files.save_copy())
        self.history_bar.details.connect(self.review.start_verify)

    # -- projects --------------------------------------------------------------------------

    def open_project(self, path: Path, *, line_id: int | None = None) -> bool:
        if self.session is not None and self.session.path.resolve() == path.resolve():
            return True  # already open here (our own lock would say "open elsewhere")
        try:
            project = lifecycle.open_file(
                self, path, self.settings.user_name or None, unattended=self.unattended
            )
        except CorrigendaError as exc:
            self.open_failure("Cannot open the project", exc.message)
            return False
        if project is None:
            return False
        if not self.close_project():
            project.close()
            return False
        session = ProjectSession(project, self)
        self._use_session(session)
        # Review mode belongs to this window and this project: off until the user turns it
        # on (it does not carry over into another project, nor across a crash).
        self.review_dock.hide()
        self._show_panels(True)
        readonly = " (read-only)" if project.readonly else ""
        self.setWindowTitle(f"{path.name}{readonly} — Corrigenda")
        self.stack.setCurrentWidget(self.splitter)
        note = lifecycle.remember_recent(self.settings, path)
        if note:
            self.show_message(note)
        self.state.set_open_project(path)
        infos = self.pages.infos()
        if infos:
            self.pages.select_row(max(0, self.pages.row_of(self.state.last_page(path))))
            if line_id is not None:
                self.editor.move_to_word(line_id, -1)
        if any(not info.has_ocr for info in infos):
            self.start_ocr()
        else:
            # After the first page is on screen: reading the whole document takes a while.
            self._flags_pending = True
            self.flags.panel.show_state("Flagging…")
        self._cancel_history_check = history_bar.check(self.history_bar, session, self.background)
        self._recover_typing(session)
        self.project_opened.emit()
        return True

    def _recover_typing(self, session: ProjectSession) -> None:
        """Typing a stopped program left in the journal is written now, and said; typing
        this user did not leave here is shown and not recorded in their name."""
        try:
            count, foreign = session.recover_typing()
        except CorrigendaError as exc:
            self.show_message(f"Typing left from the last session could not be saved: {exc}")
            return
        if foreign:
            numbers = {info.id: info.number for info in session.project.pages()}
            text = journal.describe_foreign(foreign, numbers)
            prompts.refused(self, "Typing not recovered", text)
        if count:
            if self.current_page_id is not None:
                self.show_page(self.current_page_id)
            lines = "1 line" if count == 1 else f"{count} lines"
            self.show_message(f"Recovered typing in {lines} not saved when Corrigenda stopped")

    def _use_session(self, session: ProjectSession | None) -> None:
        """Hand the open project (None: none) to every piece that works on it."""
        self.session = session
        self.editor.set_session(session)
        self.images.set_project(session.path if session else None)
        self.pages.set_project(session.project if session else None)
        self.undo_view.setStack(session.undo_stack if session else None)  # type: ignore[arg-type]
        for part in (
            self.flags,
            self.review,
            self.ocr_feedback,
            self.page_ops,
            self.files,
            self.readings,
            self.regions,
        ):
            part.set_session(session)
        self.menus.enable(session is not None)
        if session is not None:
            session.lines_changed.connect(self._lines_changed)
            session.pages_changed.connect(self._pages_changed)
            session.page_status_changed.connect(self._page_status_changed)
            session.step_error.connect(self.show_message)
            session.unsaved_changed.connect(self.save_bar.show_unsaved)

    def close_project(self, *, forget: bool = True) -> bool:
        """Close the open project; `forget` False (quitting) reopens it at the next start.

        False: typing could not be saved and the user chose to keep the project open.
        """
        session = self.session
        if session is None:
            return True
        self.editor.flush()
        if (
            session.unsaved
            and not session.retry_unsaved()
            and not prompts.close_with_unsaved(self, len(session.unsaved), self.files.save_copy)
        ):
            return False
        if forget:
            self.state.set_open_project(None)
        self._cancel_history_check()
        self.background.cancel()
        self.ocr.cancel()
        self.flags.service.stop()  # a worker waiting on the flagging processes ends now
        self.wait_for_workers()
        self.editor.set_page(None)
        self._use_session(None)
        session.close()
        session.deleteLater()
        self.view.clear_page()
        self.strip.set_image(None)
        self.save_bar.hide()
        self.history_bar.hide()
        self.show_welcome()
        return True

    def _show_panels(self, shown: bool) -> None:
        """The pages and flags panels while a project is open; none on the welcome page."""
        for dock in (self.pages_dock, self.flags_dock):
            dock.setVisible(shown)
        if not shown:
            self.history_dock.hide()
            self.review_dock.hide()

    def show_welcome(self) -> None:
        self._show_panels(False)
        self.welcome.set_recent(self.settings.recent_projects)
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle("Corrigenda")
        self.show_message("")

    def restore_last_session(self) -> bool:
        """Reopen the project that was open when the program last stopped, where it was."""
        path = self.state.open_project()
        if path is None or not path.is_file():
            return False
        return self.open_project(path, line_id=self.state.last_line(path))

    def open_sample(self) -> None:
        try:
            self.files.open_sample()
        except CorrigendaError as exc:
            QMessageBox.warning(self, "Cannot open the sample", exc.message)

    def start_ocr(
        self, page_numbers: list[int] | None = None, force: bool = False, cleanup: str | None = None
    ) -> None:
        self.ocr_feedback.start(page_numbers, force, cleanup)

    # -- pages -----------------------------------------------------------------------------

    @property
    def current_page_id(self) -> int | None:
        return self.pages.current_page_id

    @property
    def pages_model(self) -> PagesModel | None:
        return self.pages.model

    def select_row(self, row: int) -> None:
        self.pages.select_row(row)

    def current_row(self) -> int:
        return self.pages.current_row()

    def go_to_line(self, page_id: int, line_id: int) -> None:
        self.pages.go_to(page_id)
        self.editor.move_to_offset(line_id, 0)

    def show_page(self, page_id: int) -> None:
        if self.session is None:
            return
        self.editor.flush()
        self.pages.current_page_id = page_id
        page = self.session.page(page_id)
        image = self.images.cached(page_id)
        if image is None:
            self.images.request(page_id)
        self._prefetch_neighbours(page_id)
        self.view.set_page(page, image)
        self.strip.set_image(image)
        self.editor.set_page(page)
        self.editor.setReadOnly(self.session.readonly or not page.lines)
        if page.status == PageStatus.APPROVED:
            number = page.number
            self.editor.confirm_first_edit(lambda: prompts.edit_signed_page(self, number))
        self.state.remember(self.session.path, page_id, None)
        status = "not OCRed yet" if page.status == PageStatus.NEW else f"{len(page.lines)} lines"
        self.show_message(f"Page {page.number} ({page.name}): {status}")
        self.flags.page_shown()
        if image is not None:
            self.page_shown.emit(page_id)

    def _prefetch_neighbours(self, page_id: int) -> None:
        row = self.pages.row_of(page_id)
        rows = [r for r in (row + 1, row - 1) if 0 <= r < self.pages.count()]
        self.images.prefetch([self.pages.page_id(r) for r in rows])

    def page_list_changed(self) -> None:
        """Pages were added, moved or removed: show the list again, keep the page shown."""
        self.pages.refresh()
        self.flags.refresh()  # flags name pages by number

    def _page_ocred(self, page_id: int) -> None:
        if page_id == self.current_page_id and self.session is not None:
            self.session.forget(page_id)
            self.show_page(page_id)

    def _image_ready(self, page_id: int, image: QImage) -> None:
        if page_id != self.current_page_id:
            return
        self.view.set_image(image)
        self.strip.set_image(image)
        self.page_shown.emit(page_id)

    def _lines_changed(self, page_id: int, line_ids: list[int]) -> None:
        if self.session is not None and page_id == self.current_page_id:
            page = self.session.page(page_id)
            self.view.update_lines(page, line_ids)
            self.editor.update_lines(page, line_ids)
        self.flags.lines_changed(page_id, line_ids)

    def _region_changed(self, page_id: int) -> None:
        """A region was made or deleted: its page's lines were rebuilt; show and flag it."""
        self.pages.go_to(page_id)
        self.show_page(page_id)
        self._pages_changed()
        self.flags.refresh()

    def _pages_changed(self) -> None:
        if self.pages.model is not None:
            self.pages.model.refresh()
        self._guard_signed_page()

    def _guard_signed_page(self) -> None:
        """A page signed off while on screen (a sign-off from this window) asks before its
        first edit too, as one opened signed does: under X, typing on it just after the
        sign-off sent it back to review without a word."""
        if self.session is None or self.current_page_id is None:
            return
        info = next((i for i in self.session.project.pages() if i.id == self.current_page_id), None)
        if info is not None and info.status == PageStatus.APPROVED:
            number = info.number
            self.editor.confirm_first_edit(lambda: prompts.edit_signed_page(self, number))

    def _page_status_changed(self, page_id: int, status: str) -> None:
        if self.pages.model is not None:
            self.pages.model.set_status(page_id, PageStatus(status))

    def _first_page_shown(self) -> None:
        if self._flags_pending:
            self._flags_pending = False
            QTimer.singleShot(0, self.flags.refresh)

    # -- word and line following -----------------------------------------------------------

    def _word_clicked(self, line_id: int, word_id: int) -> None:
        self.editor.move_to_word(line_id, word_id)
        self.editor.setFocus()

    def _current_word_changed(self, line_id: int, word_id: int) -> None:
        page = self.editor.page()
        if page is None or self.session is None:
            return
        self.view.highlight(line_id, word_id if word_id >= 0 else None)
        line = page.line(line_id)
        word = next((w.bbox for w in line.words if w.id == word_id), None)
        region = page.region(line.region)
        # A handwritten line shows its whole note: read from the ink, typed by a person.
        note = region.bbox if region and region.type == RegionType.HANDWRITTEN else None
        self.strip.show_line(note or line.bbox, word)
        if line_id != self._last_line:
            self._last_line = line_id
            self.state.remember(self.session.path, page.id, line_id)

    def _return_pressed(self) -> None:
        """Enter: accept the first suggestion of the flag under the cursor, else go down."""
        if self.flags.current_flag() is not None and self.flags.accept(0):
            return
        cursor = self.editor.textCursor()
        if cursor.movePosition(cursor.MoveOperation.NextBlock):
            self.editor.setTextCursor(cursor)

    def _retry_saving(self) -> None:
        if self.session is not None and self.session.retry_unsaved():
            self.show_message("Everything is saved")

    # -- workers, settings, messages -------------------------------------------------------

    def wait_for_workers(self) -> None:
        """Wait for worker threads, serving their calls to the GUI thread meanwhile."""
        while not (self.jobs.wait(0.02) and self.images.wait(0.02)):
            QCoreApplication.processEvents()

    def ready_for_screenshot(self) -> bool:
        """The page, its boxes (and flags, once computed) are on screen; no OCR running."""
        page = self.editor.page()
        if self.session is None or page is None or self.ocr.running:
            return False
        boxes_done = self.view.box_count() > 0 or not page.lines
        return self.view.has_image() and boxes_done and self.flags_ready()

    def flags_ready(self) -> bool:
        return self.flags.ready()

    def settings_changed(self) -> None:
        self.view.set_thresholds(self.settings.confidence_low, self.settings.confidence_doubtful)
        if self.current_page_id is not None:
            self.show_page(self.current_page_id)

    def open_failure(self, title: str, message: str) -> None:
        """A project could not be made or opened: say why (a dialog unless unattended)."""
        self.open_failed.emit(message)
        if not self.unattended:
            QMessageBox.warning(self, title, message)

    def _drawing_cancelled(self) -> None:
        self.region_cleanup = "none"  # a region drawn next is read as scanned
        self.show_message("Drawing the region cancelled")

    def show_message(self, text: str) -> None:
        self.status.say(text)

    def _describe_page(self) -> None:
        page_shown = self.stack.currentWidget() is self.splitter
        self.status.describe_page(page_shown, self.view.boxes_visible())

    def default_layout(self, width: int = 1500, height: int = 950) -> None:
        """Sizes for a first start (and for screenshots): page and text side by side."""
        layout.default(self, self.pages_dock, self.flags_dock, self.splitter, width, height)

    def changeEvent(self, event: QEvent) -> None:
        # The system switched between light and dark: underline colours follow the palette.
        if event.type() == QEvent.Type.PaletteChange and self.session is not None:
            self.flags.page_shown()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        layout.save(self, self.splitter, self.state)
        self.state.save_zoom(self.view.fit(), self.view.zoom())
        if not self.close_project(forget=False):
            event.ignore()
            return
        self.wait_for_workers()
        super().closeEvent(event)
