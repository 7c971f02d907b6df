"""Work off the GUI thread, and the one way its answers come back.

`Background.run(work, done, failed)` runs `work()` on a worker thread and calls `done(result)`
(or `failed(exception)`) later on the GUI thread. `Latest` is the same for work asked for again
and again (listing edits, flagging the document): only the latest request's answer counts.
`GuiInvoker` is the other direction: a worker has a function run on the GUI thread (where the
project's one writer lives) and waits for its result.

Results cross threads through a dict under a lock, never as a queued signal's Python argument:
PySide6 has miscounted references of those (it crashed at exit).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from corrigenda import logs
from corrigenda.errors import Cancelled, CorrigendaError
from corrigenda.gui.jobs import Job, Jobs
from corrigenda.ocr.batch import CancelToken
from corrigenda.store import Project

T = TypeVar("T")
Failed = Callable[[BaseException], None]


def read_only(path: Path, read: Callable[[Project], T]) -> Callable[[], T]:
    """Work that opens `path` read-only on the worker, runs `read` on it and closes it.

    SQLite's WAL mode lets this second connection read while the window's Project writes.
    """

    def work() -> T:
        with Project.open(path, readonly=True) as project:
            return read(project)

    return work


class _Work(Job):
    def __init__(self, service: Background, ticket: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._service = service
        self._ticket = ticket
        self._work = work

    def work(self) -> None:
        try:
            result: tuple[bool, Any] = (True, self._work())
        except BaseException as exc:  # handed to the GUI thread's `failed`
            result = (False, exc)
        self._service.deliver(self._ticket, result)


class Background(QObject):
    """Runs work on a pool; each answer reaches its callback unless cancelled first."""

    _arrived = Signal(int)

    def __init__(self, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._next = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Failed | None]] = {}
        self._results: dict[int, tuple[bool, Any]] = {}
        self._lock = threading.Lock()
        self._arrived.connect(self._hand_over)

    def run(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Failed | None = None,
        priority: int = 0,
    ) -> int:
        """Start `work`; the pool starts higher `priority` first among those waiting."""
        self._next += 1
        self._callbacks[self._next] = (done, failed)
        self._jobs.start(_Work(self, self._next, work), priority)
        return self._next

    def cancel(self, ticket: int | None = None) -> None:
        """Forget the answer of `ticket` (None: of everything running)."""
        if ticket is None:
            self._callbacks.clear()
        else:
            self._callbacks.pop(ticket, None)

    def pending(self) -> int:
        return len(self._callbacks)

    def deliver(self, ticket: int, result: tuple[bool, Any]) -> None:
        with self._lock:
            self._results[ticket] = result
        self._arrived.emit(ticket)

    def _hand_over(self, ticket: int) -> None:
        with self._lock:
            ok, value = self._results.pop(ticket, (False, None))
        callbacks = self._callbacks.pop(ticket, None)
        if callbacks is None:
            return
        done, failed = callbacks
        if ok:
            done(value)
        elif failed is not None:
            failed(value)


class Latest(QObject, Generic[T]):
    """Work asked for again and again; an answer older than the latest request is dropped.

    `done(generation)` is emitted after the answer's callback ran (tests wait for it).
    """

    done = Signal(int)
    failed = Signal(int, str)

    def __init__(
        self,
        background: Background,
        on_done: Callable[[T], None],
        on_failed: Callable[[str], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._background = background
        self._on_done = on_done
        self._on_failed = on_failed
        self.generation = 0
        self.running = False

    def start(self, work: Callable[[], T]) -> int:
        self.generation += 1
        self.running = True
        generation = self.generation
        self._background.run(
            work,
            lambda result: self._answer(generation, result),
            lambda exc: self._failure(generation, exc),
        )
        return generation

    def cancel(self) -> None:
        """Drop the answer still on its way (the project it was for was closed)."""
        self.generation += 1
        self.running = False

    def _answer(self, generation: int, result: T) -> None:
        if generation != self.generation:
            return
        self.running = False
        self._on_done(result)
        self.done.emit(generation)

    def _failure(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self.running = False
        message = failure_text(exc)
        if self._on_failed is not None:
            self._on_failed(message)
        self.failed.emit(generation, message)


def failure_text(exc: BaseException) -> str:
    """A CorrigendaError says what to do; anything else is a bug: logged with its traceback,
    and named in one line that says where the details are."""
    if isinstance(exc, CorrigendaError):
        return exc.message
    logs.log_bug(type(exc), exc, exc.__traceback__, "background work")
    return logs.describe_bug(exc)


class _Call:
    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class GuiInvoker(QObject):
    """Runs a function on the GUI thread for a worker, and hands back its result."""

    _call = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.SimpleQueue[_Call] = queue.SimpleQueue()
        self._call.connect(self._run)

    def run(self, fn: Callable[[], T], token: CancelToken) -> T:
        if threading.current_thread() is threading.main_thread():
            return fn()
        call = _Call(fn)
        self._queue.put(call)
        self._call.emit()
        while not call.done.wait(0.1):
            if token.cancelled:
                raise Cancelled("cancelled")
        if call.error is not None:
            raise call.error
        result: T = call.result
        return result

    def _run(self) -> None:
        try:
            call = self._queue.get_nowait()
        except queue.Empty:
            return
        try:
            call.result = call.fn()
        except BaseException as exc:  # handed to the worker, which raises it there
            call.error = exc
        finally:
            call.done.set()
