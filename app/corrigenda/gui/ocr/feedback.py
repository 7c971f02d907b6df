"""What the window shows of OCR running in the background: it starts the run, and keeps the
progress bar, the Cancel button, the pages marked running and the page on screen up to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from corrigenda.gui import actions
from corrigenda.gui.background import read_only
from corrigenda.gui.session import ProjectSession
from corrigenda.store import PageInfo

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow


class OcrFeedback(QObject):
    """Follows `window.ocr` (the OcrService) for the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._statuses_reading = self._statuses_stale = False
        window.ocr.progress.connect(self._progress)
        window.ocr.page_done.connect(self._page_done)
        window.ocr.finished.connect(self._finished)
        window.cancel_button.clicked.connect(window.ocr.cancel)

    def start(self, page_numbers: list[int] | None = None, force: bool = False) -> None:
        window = self.window
        if window.session is None:
            return
        window.editor.flush()
        project = window.session.project
        if window.ocr.start(project, page_numbers, force):
            todo = [i.id for i in project.pages() if force or not i.has_ocr]
            if page_numbers:
                todo = [i.id for i in project.pages() if i.number in page_numbers]
            if window.pages_model is not None:
                window.pages_model.set_running(set(todo))
            window.progress.setRange(0, 0)
            window.progress.show()
            window.cancel_button.show()
            window.show_message("OCR running in the background…")

    def _progress(self, done: int, total: int, message: str) -> None:
        progress = self.window.progress
        progress.setRange(0, max(1, total))
        progress.setValue(done)
        progress.setFormat("OCR %v/%m")

    def _page_done(self) -> None:
        """A page is OCRed: read the page list on a worker (a second for 1,000 pages), one
        read at a time however fast pages finish."""
        window = self.window
        if window.session is None or self._statuses_reading:
            self._statuses_stale = window.session is not None
            return
        self._statuses_reading, self._statuses_stale = True, False
        session = window.session
        window.background.run(
            read_only(session.path, lambda project: project.pages()),
            lambda pages: self._statuses(session, pages),
            lambda _exc: setattr(self, "_statuses_reading", False),
        )

    def _statuses(self, session: ProjectSession, pages: list[PageInfo]) -> None:
        window = self.window
        self._statuses_reading = False
        if self._statuses_stale:
            QTimer.singleShot(0, self._page_done)
        if session is not window.session or window.pages_model is None:
            return
        model = window.pages_model
        before = {i.id: i.has_ocr for i in model.infos()}
        model.refresh(pages)
        after = {i.id: i for i in model.infos()}
        newly = {pid for pid, info in after.items() if info.has_ocr and not before.get(pid)}
        model.set_running(model.running_ids() - newly)
        if window.current_page_id in newly:
            session.forget(window.current_page_id)
            window.show_page(window.current_page_id)
        actions.ocr_page_done(window, newly)

    def _finished(self, message: str) -> None:
        window = self.window
        window.progress.hide()
        window.cancel_button.hide()
        if window.pages_model is not None:
            window.pages_model.set_running(set())
            self._page_done()  # the last statuses, read on a worker
        window.show_message(message)
        window.flags.refresh()
