"""What the window shows of OCR running in the background: it starts the run, and keeps the
progress bar, the Cancel button and the pages marked running up to date."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from corrigenda.gui.background import Background, read_only
from corrigenda.gui.ocr.service import OcrService
from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.session import ProjectSession
from corrigenda.gui.status_bar import StatusBar
from corrigenda.store import PageInfo


class OcrFeedback(QObject):
    """Follows an OcrService run for the window."""

    page_ocred = Signal(int)  # a page OCRed by this run (its text is new)
    run_finished = Signal()

    def __init__(
        self,
        ocr: OcrService,
        status: StatusBar,
        pages: PageList,
        background: Background,
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ocr, self._status, self._pages = ocr, status, pages
        self._background, self._say = background, say
        self.session: ProjectSession | None = None
        self._statuses_reading = self._statuses_stale = False
        ocr.progress.connect(lambda done, total, _m: status.set_progress(done, total, "OCR %v/%m"))
        ocr.page_done.connect(self._page_done)
        ocr.finished.connect(self._finished)
        status.cancel_button.clicked.connect(ocr.cancel)

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session

    def start(
        self, page_numbers: list[int] | None = None, force: bool = False, cleanup: str | None = None
    ) -> None:
        session = self.session
        if session is None:
            return
        session.commit_typing()
        if self._ocr.start(session, page_numbers, force, cleanup):
            infos = session.project.pages()
            todo = [i.id for i in infos if force or not i.has_ocr]
            if page_numbers:
                todo = [i.id for i in infos if i.number in page_numbers]
            if self._pages.model is not None:
                self._pages.model.set_running(set(todo))
            self._status.show_progress(True)
            self._say("OCR running in the background…")

    def _page_done(self) -> None:
        """A page is OCRed: read the page list on a worker (a second for 1,000 pages), one
        read at a time however fast pages finish."""
        session = self.session
        if session is None or self._statuses_reading:
            self._statuses_stale = session is not None
            return
        self._statuses_reading, self._statuses_stale = True, False

        def failed(_exc: BaseException) -> None:
            self._statuses_reading = False

        self._background.run(
            read_only(session.path, lambda project: project.pages()),
            lambda pages: self._statuses(session, pages),
            failed,
        )

    def _statuses(self, session: ProjectSession, pages: list[PageInfo]) -> None:
        self._statuses_reading = False
        if self._statuses_stale:
            QTimer.singleShot(0, self._page_done)
        model = self._pages.model
        if session is not self.session or model is None:
            return
        before = {i.id: i.has_ocr for i in model.infos()}
        model.refresh(pages)
        after = {i.id: i for i in model.infos()}
        newly = {pid for pid, info in after.items() if info.has_ocr and not before.get(pid)}
        model.set_running(model.running_ids() - newly)
        for page_id in newly:
            self.page_ocred.emit(page_id)

    def _finished(self, message: str) -> None:
        self._status.show_progress(False)
        if self._pages.model is not None:
            self._pages.model.set_running(set())
            self._page_done()  # the last statuses, read on a worker
        self._say(message)
        self.run_finished.emit()
