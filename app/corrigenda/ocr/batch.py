"""Batch OCR: pages in parallel behind any concurrent.futures Executor, committed one by one.

Locally, each page is read by its own single-threaded Tesseract process, started from a thread
of a thread pool: the Python around it (hand over the image, parse the TSV) is light and waits
on Tesseract without the GIL, so threads keep the cores busy while costing nothing to start and
nothing to import again, which a process pool paid on every run (a third of a second per
worker, most of a small job's overhead). A Dask cluster plugs in through its Executor
(`corrigenda.ocr.cluster`), sized by its own threads. Finished pages are committed as they
arrive, so an interrupted run keeps them, and the next run does only what is left.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from corrigenda.errors import CorrigendaError, EngineError
from corrigenda.ocr.cluster import dask_executor
from corrigenda.ocr.engine import Engine
from corrigenda.ocr.tesseract import OcrOutcome, OcrTask, ReadingPolicy, use_engine_slots
from corrigenda.ocr.worker import run_task
from corrigenda.store import Project, Source

__all__ = ["BatchReport", "CancelToken", "dask_executor", "local_executor", "ocr_pages"]

logger = logging.getLogger(__name__)
DEFAULT_PSM = 3


class Progress(Protocol):
    """Who draws progress (a CLI bar, a GUI signal) is not the core's business."""

    def start(self, total: int, what: str) -> None: ...
    def advance(self, message: str) -> None: ...
    def finish(self) -> None: ...


class NoProgress:
    def start(self, total: int, what: str) -> None:
        pass

    def advance(self, message: str) -> None:
        pass

    def finish(self) -> None:
        pass


class CancelToken:
    """Set from any thread (a Cancel button, Ctrl-C); long work checks it between pages."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def wait(self, seconds: float) -> None:
        """Sleep, but wake at once on cancel."""
        self._event.wait(seconds)

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass
class BatchReport:
    done: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)  # page number -> reason
    skipped: int = 0  # pages already OCRed
    cancelled: bool = False


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def local_executor(jobs: int) -> ThreadPoolExecutor:
    """`jobs` pages at a time on this machine (see the module's docstring for why threads):
    `jobs` Tesseract processes, on one thread more, so that while a thread reads what its
    page's engine wrote (the hOCR's choices, the TSV), the next page's engine already runs in
    the slot it left, instead of waiting for that reading to end. One thread more, not
    more: a page that has started cannot be cancelled, and Ctrl-C or Cancel should not
    have to wait for many more pages than are being read."""
    slots = threading.Semaphore(jobs)
    return ThreadPoolExecutor(
        max_workers=jobs + 1,
        thread_name_prefix="ocr-page",
        initializer=use_engine_slots,
        initargs=(slots,),
    )


@runtime_checkable
class SizedExecutor(Protocol):
    """An executor that knows how many tasks it can run at once (a Dask cluster)."""

    def threads(self) -> int: ...


def ocr_pages(
    project: Project,
    engine: Engine,
    *,
    page_numbers: Sequence[int] | None = None,
    languages: str = "eng",
    psm: int = DEFAULT_PSM,
    force: bool = False,
    jobs: int | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    cleanup: str = "auto",
    policy: ReadingPolicy | None = None,
    second_readings: bool = True,
) -> BatchReport:
    """OCR the chosen pages (default: every page not OCRed yet) and commit each as it finishes.

    With `force`, pages already OCRed are done again; corrections a person made are kept.
    `cleanup` ("auto", "none" or a variant) and `policy` say how each page is read
    (corrigenda.ocr.choice); how it was read goes into the run's params and its event.
    """
    policy = policy or ReadingPolicy()
    engine.check_languages(languages)
    version = engine.version()
    progress = progress or NoProgress()
    cancel = cancel or CancelToken()
    report = BatchReport()
    pages = project.pages()
    if page_numbers is not None:
        wanted = set(page_numbers)
        pages = [p for p in pages if p.number in wanted]
    todo = [p for p in pages if force or not p.has_ocr]
    report.skipped = len(pages) - len(todo)
    numbers = {p.id: p.number for p in todo}
    local_jobs = jobs or default_jobs()

    def task(page_id: int) -> OcrTask:
        image = project.image(page_id)
        return OcrTask(
            page_id,
            image.data,
            image.format,
            engine.path,
            engine.tessdata,
            languages,
            psm,
            version,
            cleanup=cleanup,
            policy=policy,
            second_readings=second_readings,
        )

    def commit(outcome: OcrOutcome) -> None:
        number = numbers[outcome.page_id]
        if outcome.run is None:
            report.failed[number] = outcome.error or "unknown error"
        else:
            try:
                details: dict[str, object] = {"engine": "tesseract"}
                if "reading" in outcome.run.params:  # how the page was read, in the hash chain
                    details["reading"] = outcome.run.params["reading"]
                project.set_ocr(outcome.page_id, outcome.run, Source("ocr", details))
                report.done.append(number)
            except CorrigendaError as exc:
                report.failed[number] = exc.message
        progress.advance(f"page {number}")

    def window() -> int:
        """Pages in flight: two per thread (one running, one ready), so memory stays flat on
        big collections. A cluster is asked each time, as its workers come and go;
        --jobs overrides."""
        if isinstance(pool, SizedExecutor):
            threads = pool.threads()  # also notices, and reports, a cluster with no workers
            return 2 * (jobs or threads)
        return 2 * local_jobs

    progress.start(len(todo), "OCR")
    own = executor is None
    pool = executor or local_executor(min(local_jobs, max(1, len(todo))))
    logger.info("OCR of %d pages on %s", len(todo), type(pool).__name__)
    try:
        _run_bounded(pool, [p.id for p in todo], task, commit, window=window, cancel=cancel)
    except KeyboardInterrupt:
        cancel.cancel()
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
        progress.finish()
    report.cancelled = cancel.cancelled and len(report.done) + len(report.failed) < len(todo)
    return report


def _run_bounded(
    pool: Executor,
    page_ids: list[int],
    make_task: Callable[[int], OcrTask],
    commit: Callable[[OcrOutcome], None],
    *,
    window: Callable[[], int],
    cancel: CancelToken,
) -> None:
    """Keep at most `window()` pages in flight, asked again at every top-up."""
    queue = iter(page_ids)
    running: set[Future[OcrOutcome]] = set()
    exhausted = False
    while True:
        limit = 0 if exhausted or cancel.cancelled else window()
        while len(running) < limit:
            page_id = next(queue, None)
            if page_id is None:
                exhausted = True
                break
            running.add(pool.submit(run_task, make_task(page_id)))
        if not running:
            if exhausted or cancel.cancelled:
                return
            cancel.wait(0.5)  # a cluster without workers: ask again soon
            continue
        finished, running = wait(running, timeout=0.5, return_when=FIRST_COMPLETED)
        for future in finished:
            try:
                outcome = future.result()
            except Exception as exc:  # a worker died (killed, out of memory), or a bug
                logger.error("an OCR worker failed", exc_info=exc)
                raise EngineError(f"an OCR worker failed: {exc}") from exc
            commit(outcome)
        if cancel.cancelled:
            for future in running:
                future.cancel()
            running = {f for f in running if not f.cancelled()}
