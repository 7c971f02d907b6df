"""The main window: pages panel, page view, line strip, transcript editor and history.

The window wires the pieces together; each piece is its own module. It owns the thread pool,
so closing the window waits for its workers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QRectF,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QImage
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from corrigenda.errors import CorrigendaError, ProjectLockedError
from corrigenda.gui import actions, page_ops, project_files, prompts, region_ocr
from corrigenda.gui.background import Background, read_only
from corrigenda.gui.editor import TranscriptEditor
from corrigenda.gui.flags_panel import FlagsController
from corrigenda.gui.images import ImageService
from corrigenda.gui.jobs import Jobs
from corrigenda.gui.line_strip import LineStrip
from corrigenda.gui.page_view import PageView
from corrigenda.gui.pages_model import PageIdRole, PagesModel
from corrigenda.gui.pages_panel import PagesView
from corrigenda.gui.review_controller import ReviewController
from corrigenda.gui.save_bar import SaveBar
from corrigenda.gui.session import ProjectSession
from corrigenda.gui.welcome import WelcomePage
from corrigenda.gui.workers import OcrService
from corrigenda.model import BBox, PageStatus
from corrigenda.settings import Settings, config_dir
from corrigenda.store import PageInfo, Project

MAX_RECENT = 8


def window_settings() -> QSettings:
    """Geometry and the last page per project; kept beside the user's settings."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """One window, at most one open project."""

    page_shown = Signal(int)  # page id, once its text, boxes and image are all on screen
    project_opened = Signal()

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
        self.state = window_settings()
        self.session: ProjectSession | None = None
        self.pages_model: PagesModel | None = None
        self.current_page_id: int | None = None
        self._flags_pending = False
        self._last_line: int | None = None
        self._statuses_reading = self._statuses_stale = False
        self._build_widgets()
        self.actions = actions.build(self)
        self.flags = FlagsController(self)
        self.review = ReviewController(self)  # Review menu and dock (issue 5)
        self._connect()
        self._restore_state()
        self._show_welcome()

    # -- layout ----------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.view = PageView()
        self.view.set_thresholds(self.settings.confidence_low, self.settings.confidence_doubtful)
        self.strip = LineStrip()
        self.editor = TranscriptEditor()
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.strip)
        layout.addWidget(self.editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.welcome = WelcomePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.splitter)
        self.save_bar = SaveBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.save_bar)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.pages_view = PagesView()
        self.pages_dock = self._dock("Pages", self.pages_view, Qt.DockWidgetArea.LeftDockWidgetArea)

        self.undo_view = QUndoView()
        self.undo_view.setAccessibleName("History")
        self.undo_view.setEmptyLabel("Opened")
        self.history_dock = self._dock("History", self.undo_view,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock.hide()

        self.status_label = QLabel()
        self.zoom_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("OCR progress")
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel OCR")
        self.cancel_button.setAccessibleName("Cancel OCR")
        for widget in (self.progress, self.cancel_button):
            widget.hide()
        bar = self.statusBar()
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.zoom_label)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title.lower().replace(" ", "_"))
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _first_page_shown(self) -> None:
        if self._flags_pending:
            self._flags_pending = False
            QTimer.singleShot(0, self.flags.refresh)

    def _connect(self) -> None:
        self.page_shown.connect(self._first_page_shown)
        self.view.word_clicked.connect(self._word_clicked)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f}%"))
        self.editor.current_word_changed.connect(self._current_word_changed)
        self.editor.return_pressed.connect(self._return_pressed)
        self.images.image_ready.connect(self._image_ready)
        self.ocr.progress.connect(self._ocr_progress)
        self.ocr.page_done.connect(self._ocr_page_done)
        self.ocr.finished.connect(self._ocr_finished)
        self.cancel_button.clicked.connect(self.ocr.cancel)
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

    # -- projects --------------------------------------------------------------------------

    def open_project(self, path: Path, *, line_id: int | None = None) -> bool:
        if self.session is not None and self.session.path.resolve() == path.resolve():
            return True  # already open here (our own lock would say "open elsewhere")
        actor = self.settings.user_name or None
        try:
            try:
                project = Project.open(path, actor=actor)
            except ProjectLockedError as exc:
                # Never two writers: reading alongside the other one is the only other way.
                if not prompts.open_read_only(self, exc.message):
                    return False
                project = Project.open(path, readonly=True, actor=actor)
        except CorrigendaError as exc:
            QMessageBox.warning(self, "Cannot open the project", exc.message)
            return False
        if not self.close_project():
            project.close()
            return False
        self.session = ProjectSession(project, self)
        self.session.lines_changed.connect(self._lines_changed)
        self.session.pages_changed.connect(self._pages_changed)
        self.session.pages_edited.connect(self._pages_edited)
        self.session.error.connect(self.show_message)
        self.session.unsaved_changed.connect(self.save_bar.show_unsaved)
        self.images.set_project(path)
        self.undo_view.setStack(self.session.undo_stack)
        self.editor.set_session(self.session)
        self.pages_model = PagesModel(project, self.images, self)
        self.pages_view.setModel(self.pages_model)
        self.pages_view.selectionModel().currentChanged.connect(
            lambda current, _previous: self.show_page(current.data(PageIdRole))
            if current.isValid() else None
        )
        readonly = " (read-only)" if project.readonly else ""
        self.setWindowTitle(f"{path.name}{readonly} — Corrigenda")
        self.stack.setCurrentWidget(self.splitter)
        self._remember_recent(path)
        actions.project_opened(self)
        self.state.setValue("open_project", str(path.resolve()))
        self.state.sync()
        infos = self.pages_model.infos()
        if infos:
            last = self.state.value(f"last_page/{path.resolve()}", 0)
            row = max(0, self.pages_model.row_of(int(last or 0)))
            self.select_row(row)
            if line_id is not None:
                self.editor.move_to_word(line_id, -1)
        if any(not info.has_ocr for info in infos):
            self.start_ocr()
        else:
            # After the first page is on screen: reading the whole document takes a while.
            self._flags_pending = True
        self.project_opened.emit()
        return True

    def close_project(self, *, forget: bool = True) -> bool:
        """Close the open project; `forget` False (quitting) reopens it at the next start.

        False: typing could not be saved and the user chose to keep the project open.
        """
        if self.session is None:
            return True
        self.editor.flush()
        if self.session.unsaved and not self.session.retry_unsaved() \
                and not prompts.close_with_unsaved(self):
            return False
        if forget:
            self.state.remove("open_project")
            self.state.sync()
        self.background.cancel()
        self.ocr.cancel()
        self.wait_for_workers()
        self.flags.project_closed()
        self.editor.set_session(None)
        self.editor.set_page(None)
        self.undo_view.setStack(None)
        self.pages_view.setModel(None)
        self.session.close()
        self.session.deleteLater()
        self.session = None
        self.current_page_id = None
        self.images.set_project(None)
        self.save_bar.hide()
        actions.project_closed(self)
        self._show_welcome()
        return True

    def _remember_recent(self, path: Path) -> None:
        text = str(path.resolve())
        recent = [text] + [p for p in self.settings.recent_projects if p != text]
        self.settings.recent_projects = recent[:MAX_RECENT]
        try:
            self.settings.save()
        except OSError as exc:
            self.show_message(f"cannot save settings: {exc}")

    def _show_welcome(self) -> None:
        self.welcome.set_recent(self.settings.recent_projects)
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle("Corrigenda")

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
        """Kept on disk at every page and line change, so a crash loses no place."""
        if self.session is None:
            return
        where = str(self.session.path.resolve())
        self.state.setValue(f"last_page/{where}", page_id)
        if line_id is not None:
            self.state.setValue(f"last_line/{where}", line_id)
        self.state.sync()

    def restore_last_session(self) -> bool:
        """Reopen the project that was open when the program last stopped, where it was."""
        path = self.state.value("open_project")
        if not path or not Path(str(path)).is_file():
            return False
        line = self.state.value(f"last_line/{path}")
        return self.open_project(Path(str(path)), line_id=int(line) if line else None)

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

    # -- OCR -------------------------------------------------------------------------------

    def start_ocr(self, page_numbers: list[int] | None = None, force: bool = False) -> None:
        if self.session is None:
            return
        self.editor.flush()
        project = self.session.project
        if self.ocr.start(project, page_numbers, force):
            todo = [i.id for i in project.pages() if force or not i.has_ocr]
            if page_numbers:
                todo = [i.id for i in project.pages() if i.number in page_numbers]
            if self.pages_model is not None:
                self.pages_model.set_running(set(todo))
            self.progress.setRange(0, 0)
            self.progress.show()
            self.cancel_button.show()
            self.show_message("OCR running in the background…")

    def _ocr_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat("OCR %v/%m")

    def _ocr_page_done(self) -> None:
        """A page is OCRed: read the page list on a worker (a second for 1,000 pages), one
        read at a time however fast pages finish."""
        if self.session is None or self._statuses_reading:
            self._statuses_stale = self.session is not None
            return
        self._statuses_reading, self._statuses_stale = True, False
        session = self.session
        self.background.run(read_only(session.path, lambda project: project.pages()),
                            lambda pages: self._ocr_statuses(session, pages),
                            lambda _exc: setattr(self, "_statuses_reading", False))

    def _ocr_statuses(self, session: ProjectSession, pages: list[PageInfo]) -> None:
        self._statuses_reading = False
        if self._statuses_stale:
            QTimer.singleShot(0, self._ocr_page_done)
        if session is not self.session or self.pages_model is None:
            return
        before = {i.id: i.has_ocr for i in self.pages_model.infos()}
        self.pages_model.refresh(pages)
        after = {i.id: i for i in self.pages_model.infos()}
        newly = {pid for pid, info in after.items() if info.has_ocr and not before.get(pid)}
        self.pages_model.set_running(
            self.pages_model.running_ids() - newly
        )
        if self.current_page_id in newly:
            self.session.forget(self.current_page_id)
            self.show_page(self.current_page_id)
        actions.ocr_page_done(self, newly)

    def _ocr_finished(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        if self.pages_model is not None:
            self.pages_model.set_running(set())
            self._ocr_page_done()  # the last statuses, read on a worker
        self.show_message(message)
        self.flags.refresh()

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

    def show_message(self, text: str) -> None:
        self.status_label.setText(text)

    def _restore_state(self) -> None:
        state = window_settings()
        geometry = state.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.default_layout()
        dock_state = state.value("state")
        if isinstance(dock_state, QByteArray):
            self.restoreState(dock_state)

    def default_layout(self, width: int = 1500, height: int = 950) -> None:
        """Sizes for a first start (and for screenshots): page and text side by side."""
        self.resize(width, height)
        self.resizeDocks([self.pages_dock, self.flags.dock], [200, 330],
                         Qt.Orientation.Horizontal)
        side = (width - 200 - 330) // 2
        self.splitter.setSizes([side, side])

    def changeEvent(self, event: QEvent) -> None:
        # The system switched between light and dark: underline colours follow the palette.
        if event.type() == QEvent.Type.PaletteChange and self.session is not None:
            self.flags.page_shown()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        state = self.state
        state.setValue("geometry", self.saveGeometry())
        state.setValue("state", self.saveState())
        if not self.close_project(forget=False):
            event.ignore()
            return
        self.wait_for_workers()
        super().closeEvent(event)
