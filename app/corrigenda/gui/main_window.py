"""The main window: pages panel, page view, line strip, transcript editor and history.

The window wires the pieces together; each piece is its own module (where the widgets sit:
window_layout; opening and closing projects: project_lifecycle; OCR progress: ocr_feedback).
It owns the thread pool, so closing the window waits for its workers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QRectF,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QImage
from PySide6.QtWidgets import QMainWindow, QMessageBox

from corrigenda.gui import actions, window_layout
from corrigenda.gui.background import Background
from corrigenda.gui.flags.controller import FlagsController
from corrigenda.gui.jobs import Jobs
from corrigenda.gui.ocr import region as region_ocr
from corrigenda.gui.ocr.feedback import OcrFeedback
from corrigenda.gui.ocr.service import OcrService
from corrigenda.gui.pages import operations as page_ops
from corrigenda.gui.pages.model import PagesModel
from corrigenda.gui.project import files as project_files
from corrigenda.gui.project import lifecycle as project_lifecycle
from corrigenda.gui.project import prompts
from corrigenda.gui.review.controller import ReviewController
from corrigenda.gui.scan.images import ImageService
from corrigenda.gui.session import ProjectSession
from corrigenda.model import BBox, PageStatus
from corrigenda.settings import Settings


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
        self.pool = QThreadPool(self)
        # OCR and flagging each hold a thread for long; short reads still find one free.
        self.pool.setMaxThreadCount(max(4, QThreadPool.globalInstance().maxThreadCount()))
        self.jobs = Jobs(self.pool)
        self.background = Background(self.jobs, self)
        self.images = ImageService(self)
        self.ocr = OcrService(self.jobs, self)
        self.state = project_lifecycle.window_settings()
        self.session: ProjectSession | None = None
        self.pages_model: PagesModel | None = None
        self.current_page_id: int | None = None
        # Screenshot mode: nobody is there to close a dialog; failures go to `open_failed`.
        self.unattended = False
        self._flags_pending = False
        self._last_line: int | None = None
        window_layout.build(self)
        self.actions = actions.build(self)
        self.flags = FlagsController(self)
        self.review = ReviewController(self)  # Review menu and dock (issue 5)
        self._connect()
        window_layout.restore(self)
        project_lifecycle.show_welcome(self)

    def _first_page_shown(self) -> None:
        if self._flags_pending:
            self._flags_pending = False
            QTimer.singleShot(0, self.flags.refresh)

    def refresh_flags_after_first_page(self) -> None:
        """Flag the document once the first page is on screen (reading it takes a while)."""
        self._flags_pending = True

    def _connect(self) -> None:
        self.page_shown.connect(self._first_page_shown)
        self.view.word_clicked.connect(self._word_clicked)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f}%"))
        self.editor.current_word_changed.connect(self._current_word_changed)
        self.editor.return_pressed.connect(self._return_pressed)
        self.images.image_ready.connect(self._image_ready)
        self.ocr_feedback = OcrFeedback(self)
        self.welcome.open_sample.connect(lambda: actions.open_sample(self))
        self.welcome.open_project.connect(lambda: actions.open_dialog(self))
        self.welcome.new_project.connect(lambda: actions.new_dialog(self))
        self.welcome.open_recent.connect(lambda path: self.open_project(Path(path)))
        self.pages_view.files_dropped.connect(lambda paths: page_ops.add_files(self, paths))
        self.pages_view.page_moved.connect(lambda pid, n: page_ops.move_page(self, pid, n))
        self.pages_view.remove_requested.connect(lambda pid: page_ops.remove_page(self, pid))
        self.view.region_drawn.connect(self._region_drawn)
        self.save_bar.retry.connect(self._retry_saving)
        self.save_bar.save_copy.connect(lambda: project_files.save_copy(self))
        self.history_bar.details.connect(self.review.start_verify)

    def follow_session(self, session: ProjectSession) -> None:
        """Show what a newly opened project's session reports."""
        session.lines_changed.connect(self._lines_changed)
        session.pages_changed.connect(self._pages_changed)
        session.pages_edited.connect(self._pages_edited)
        session.error.connect(self.show_message)
        session.unsaved_changed.connect(self.save_bar.show_unsaved)

    # -- projects (project_lifecycle) ------------------------------------------------------

    def open_project(self, path: Path, *, line_id: int | None = None) -> bool:
        return project_lifecycle.open_project(self, path, line_id=line_id)

    def close_project(self, *, forget: bool = True) -> bool:
        """Close the open project; `forget` False (quitting) reopens it at the next start.

        False: typing could not be saved and the user chose to keep the project open.
        """
        return project_lifecycle.close_project(self, forget=forget)

    def restore_last_session(self) -> bool:
        """Reopen the project that was open when the program last stopped, where it was."""
        return project_lifecycle.restore_last_session(self)

    def start_ocr(self, page_numbers: list[int] | None = None, force: bool = False) -> None:
        self.ocr_feedback.start(page_numbers, force)

    # -- pages -----------------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        if self.pages_model is None or not 0 <= row < self.pages_model.rowCount():
            return
        index = self.pages_model.index(row)
        self.pages_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.pages_view.scrollTo(index)

    def current_row(self) -> int:
        return self.pages_view.currentIndex().row()

    def show_page(self, page_id: int | None) -> None:
        if self.session is None or page_id is None:
            return
        self.editor.flush()
        self.current_page_id = page_id
        page = self.session.page(page_id)
        image = self.images.cached(page_id)
        if image is None:
            self.images.request(page_id)
        self._prefetch_neighbours(page_id)
        self.view.set_page(page, image)
        self.strip.set_image(image)
        self.editor.set_page(page)
        self.editor.setReadOnly(self.session.readonly or not page.lines)
        self._remember_position(page_id, None)
        status = "not OCRed yet" if page.status == PageStatus.NEW else f"{len(page.lines)} lines"
        self.show_message(f"Page {page.number} ({page.name}): {status}")
        actions.page_changed(self)
        self.flags.page_shown()
        if image is not None:
            self.page_shown.emit(page_id)

    def _prefetch_neighbours(self, page_id: int) -> None:
        if self.pages_model is None:
            return
        row = self.pages_model.row_of(page_id)
        rows = [r for r in (row + 1, row - 1) if 0 <= r < self.pages_model.rowCount()]
        self.images.prefetch([self.pages_model.page_id(r) for r in rows])

    def _remember_position(self, page_id: int, line_id: int | None) -> None:
        project_lifecycle.remember_position(self, page_id, line_id)

    def _region_drawn(self, rect: QRectF) -> None:
        psm = prompts.choose_psm(self)
        if psm is not None:
            box = BBox(int(rect.left()), int(rect.top()), int(rect.right()), int(rect.bottom()))
            region_ocr.start(self, box, psm)

    def _retry_saving(self) -> None:
        if self.session is not None and self.session.retry_unsaved():
            self.show_message("Everything is saved")

    def _image_ready(self, page_id: int, image: QImage) -> None:
        if page_id != self.current_page_id:
            return
        self.view.set_image(image)
        self.strip.set_image(image)
        self.page_shown.emit(page_id)

    def _lines_changed(self, page_id: int, line_ids: list[int]) -> None:
        if self.session is None:
            return
        if page_id != self.current_page_id:
            self.flags.lines_changed(page_id, line_ids)
            return
        page = self.session.page(page_id)
        self.view.update_lines(page, line_ids)
        self.editor.update_lines(page, line_ids)
        self.flags.lines_changed(page_id, line_ids)

    def _pages_changed(self) -> None:
        if self.pages_model is not None:
            self.pages_model.refresh()

    def page_list_changed(self) -> None:
        """Pages were added, moved or removed: show the list again, keep the page shown."""
        if self.pages_model is None:
            return
        row = self.current_row()
        self.pages_model.refresh()
        target = self.pages_model.row_of(self.current_page_id or -1)
        if target < 0:
            target = min(max(row, 0), self.pages_model.rowCount() - 1)
        if target != self.current_row() or not self.pages_view.currentIndex().isValid():
            self.select_row(target)
        self.flags.refresh()  # flags name pages by number

    def _pages_edited(self, page_ids: list[int]) -> None:
        if self.pages_model is not None:
            self.pages_model.mark_edited(page_ids)

    # -- word and line following -----------------------------------------------------------

    def _word_clicked(self, line_id: int, word_id: int) -> None:
        self.editor.move_to_word(line_id, word_id)
        self.editor.setFocus()

    def _current_word_changed(self, line_id: int, word_id: int) -> None:
        page = self.editor.page()
        if page is None:
            return
        self.view.highlight(line_id, word_id if word_id >= 0 else None)
        line = page.line(line_id)
        self.strip.show_line(line.bbox)
        if line_id != self._last_line:
            self._last_line = line_id
            self._remember_position(page.id, line_id)

    def _return_pressed(self) -> None:
        actions.return_pressed(self)

    # -- workers, flags, settings ----------------------------------------------------------

    def wait_for_workers(self) -> None:
        """Wait for worker threads, serving their calls to the GUI thread meanwhile."""
        while not (self.pool.waitForDone(20) and self.images.pool.waitForDone(20)):
            QCoreApplication.processEvents()
        self.jobs.wait_and_clear()
        self.images.wait()

    def ready_for_screenshot(self) -> bool:
        """The page, its boxes (and flags, once computed) are on screen; no OCR running."""
        page = self.editor.page()
        if self.session is None or page is None or self.ocr.running:
            return False
        boxes_done = self.view.box_count() > 0 or not page.lines
        return self.view.has_image() and boxes_done and self.flags_ready()

    def flags_ready(self) -> bool:
        return self.flags.ready()

    def accept_first_suggestion(self) -> bool:
        """Enter on a flagged word takes its first suggestion."""
        return self.flags.current_flag() is not None and self.flags.accept(0)

    def settings_changed(self) -> None:
        self.view.set_thresholds(self.settings.confidence_low, self.settings.confidence_doubtful)
        if self.current_page_id is not None:
            self.show_page(self.current_page_id)

    # -- misc ------------------------------------------------------------------------------

    def open_failure(self, title: str, message: str) -> None:
        """A project could not be made or opened: say why (a dialog unless unattended)."""
        self.open_failed.emit(message)
        if not self.unattended:
            QMessageBox.warning(self, title, message)

    def show_message(self, text: str) -> None:
        self.status_label.setText(text)

    def default_layout(self, width: int = 1500, height: int = 950) -> None:
        """Sizes for a first start (and for screenshots): page and text side by side."""
        window_layout.default(self, width, height)

    def changeEvent(self, event: QEvent) -> None:
        # The system switched between light and dark: underline colours follow the palette.
        if event.type() == QEvent.Type.PaletteChange and self.session is not None:
            self.flags.page_shown()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        window_layout.save(self)
        if not self.close_project(forget=False):
            event.ignore()
            return
        self.wait_for_workers()
        super().closeEvent(event)
