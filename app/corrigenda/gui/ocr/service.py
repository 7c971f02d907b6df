"""Background OCR: the core's batch pipeline on a worker thread, reporting through signals.

A project has one writer (the GUI's open Project), so the worker gets a proxy whose calls run
on the GUI thread: reading a page's image bytes and committing a finished page each take a few
milliseconds there, while Tesseract's seconds per page run in worker processes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from corrigenda.errors import Cancelled, CorrigendaError
from corrigenda.gui.background import GuiInvoker, failure_text
from corrigenda.gui.jobs import Job, Jobs
from corrigenda.gui.session import ProjectSession
from corrigenda.model import OcrRun, PageImage
from corrigenda.ocr.batch import DEFAULT_PSM, CancelToken, ocr_pages
from corrigenda.ocr.engine import find_engine
from corrigenda.ocr.tesseract import ReadingPolicy
from corrigenda.settings import Settings
from corrigenda.store import Source
from corrigenda.store.project import PageInfo


class ProjectProxy:
    """What ocr_pages needs of a Project, each call run on the GUI thread (a finished page is
    written through the session, the GUI's one write path)."""

    def __init__(self, session: ProjectSession, invoker: GuiInvoker, token: CancelToken) -> None:
        self._session = session
        self._invoker = invoker
        self._token = token

    def pages(self) -> list[PageInfo]:
        return self._invoker.run(self._session.project.pages, self._token)

    def image(self, page_id: int) -> PageImage:
        return self._invoker.run(lambda: self._session.project.image(page_id), self._token)

    def set_ocr(self, page_id: int, run: OcrRun, source: Source) -> None:
        self._invoker.run(lambda: self._session.set_ocr(page_id, run, source), self._token)


class SignalProgress:
    """The core's Progress protocol, turned into Qt signals of an OcrService."""

    def __init__(self, service: OcrService) -> None:
        self._service = service
        self._total = 0
        self._done = 0

    def start(self, total: int, what: str) -> None:
        self._total, self._done = total, 0
        self._service.progress.emit(0, total, what)

    def advance(self, message: str) -> None:
        self._done += 1
        self._service.progress.emit(self._done, self._total, message)
        self._service.page_done.emit()

    def finish(self) -> None:
        pass


class _OcrJob(Job):
    def __init__(
        self,
        service: OcrService,
        project: ProjectProxy,
        options: dict[str, Any],
        token: CancelToken,
        page_numbers: list[int] | None,
        force: bool,
        cleanup: str | None,
    ) -> None:
        super().__init__()
        self._service = service
        self._project = project
        self._options = options
        self._token = token
        self._pages = page_numbers
        self._force = force
        self._cleanup = cleanup

    def work(self) -> None:
        settings = Settings.load()
        try:
            engine = find_engine(settings=settings)
            report = ocr_pages(
                self._project,  # type: ignore[arg-type]  # duck-typed: what ocr_pages uses
                engine,
                page_numbers=self._pages,
                languages=self._options.get("languages") or settings.languages,
                psm=int(self._options.get("psm", DEFAULT_PSM)),
                force=self._force,
                progress=SignalProgress(self._service),
                cancel=self._token,
                # As the CLI reads: the user's clean-up (or the one chosen for a re-read).
                cleanup=self._cleanup or settings.cleanup,
                policy=ReadingPolicy.from_settings(settings),
                second_readings=settings.second_readings,
            )
        except Cancelled:
            self._service.finished.emit("OCR cancelled: the pages done are kept")
            return
        except CorrigendaError as exc:
            self._service.finished.emit(f"OCR failed: {exc.message}")
            return
        except Exception as exc:  # a bug; say so rather than die silently on a thread
            self._service.finished.emit(f"OCR failed: {failure_text(exc)}")
            return
        if report.cancelled:
            text = f"OCR cancelled: {len(report.done)} pages done and kept"
        else:
            text = f"OCRed {len(report.done)} pages"
        if report.failed:
            first = sorted(report.failed.items())[0]
            text += f"; {len(report.failed)} failed (page {first[0]}: {first[1]})"
        self._service.finished.emit(text)


class OcrService(QObject):
    """Starts one OCR run at a time and reports on it."""

    progress = Signal(int, int, str)  # done, total, message
    page_done = Signal()
    finished = Signal(str)

    def __init__(self, pool: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._token: CancelToken | None = None
        self._invoker = GuiInvoker(self)
        self.finished.connect(self._clear)

    @property
    def running(self) -> bool:
        return self._token is not None

    def start(
        self,
        session: ProjectSession,
        page_numbers: list[int] | None = None,
        force: bool = False,
        cleanup: str | None = None,
    ) -> bool:
        """Start a run; `cleanup` ("auto", "none" or a variant) overrides the user's setting."""
        if self._token is not None:
            return False
        self._token = token = CancelToken()
        proxy = ProjectProxy(session, self._invoker, token)
        options = session.project.settings()
        self._pool.start(_OcrJob(self, proxy, options, token, page_numbers, force, cleanup))
        return True

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def _clear(self, _message: str) -> None:
        self._token = None
