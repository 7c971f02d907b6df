"""Batch OCR: pages in parallel behind any concurrent.futures Executor, committed one by one.

The default executor is a process pool, one worker per core, each Tesseract single-threaded.
A Dask cluster plugs in through its Executor (`dask_executor`). Finished pages are committed as
they arrive, so an interrupted run keeps them, and the next run does only what is left.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from corrigenda.errors import CorrigendaError, EngineError
from corrigenda.ocr.engine import Engine
from corrigenda.ocr.tesseract import OcrOutcome, OcrTask, ReadingPolicy, run_task
from corrigenda.store import Project, Source

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


def process_executor(jobs: int) -> ProcessPoolExecutor:
    # spawn, not fork: forking a process that runs Qt or threads is unsafe.
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )


def _exit_with_parent(parent: int) -> None:
    """Runs in each worker: leave when the parent dies (killed, crashed), instead of idling
    forever as an orphan. Pool workers would not notice on their own, because they hold both
    ends of the task queue's pipe."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextmanager
def dask_executor(address: str) -> Iterator[Executor]:
    """A concurrent.futures Executor on a Dask distributed cluster."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise CorrigendaError("--scheduler needs Dask: pip install 'corrigenda[cluster]'") from exc
    try:
        client = Client(address, timeout="30s")
    except (OSError, TimeoutError) as exc:
        raise CorrigendaError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        yield client.get_executor()
    finally:
        client.close()


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
    jobs = jobs or default_jobs()

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

    progress.start(len(todo), "OCR")
    own = executor is None
    pool = executor or process_executor(min(jobs, max(1, len(todo))))
    try:
        _run_bounded(pool, [p.id for p in todo], task, commit, window=2 * jobs, cancel=cancel)
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
    window: int,
    cancel: CancelToken,
) -> None:
    """Keep at most `window` pages in flight, so memory stays flat on big collections."""
    queue = iter(page_ids)
    running: set[Future[OcrOutcome]] = set()
    while True:
        while not cancel.cancelled and len(running) < window:
            page_id = next(queue, None)
            if page_id is None:
                break
            running.add(pool.submit(run_task, make_task(page_id)))
        if not running:
            return
        finished, running = wait(running, timeout=0.5, return_when=FIRST_COMPLETED)
        for future in finished:
            try:
                outcome = future.result()
            except Exception as exc:  # a worker died (killed, out of memory)
                raise EngineError(f"an OCR worker failed: {exc}") from exc
            commit(outcome)
        if cancel.cancelled:
            for future in running:
                future.cancel()
            running = {f for f in running if not f.cancelled()}
