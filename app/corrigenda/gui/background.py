"""Short background work with its answer handed to a callback on the GUI thread.

`Background.run(work, done)` runs `work()` on a worker thread and calls `done(result)` (or
`failed(exception)`) later on the GUI thread. Reads of the project go through `read_only`,
which opens a second, read-only connection on the worker: SQLite's WAL mode lets it read while
the GUI's connection writes, so nothing document-wide is read on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from corrigenda.gui.jobs import Job, Jobs
from corrigenda.store import Project

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


def read_only(path: Path, read: Callable[[Project], T]) -> Callable[[], T]:
    """Work that opens `path` read-only on the worker, runs `read` on it and closes it."""

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
        self._callbacks: dict[int, tuple[Done, Failed | None]] = {}
        # Results cross threads through this dict, not as a queued signal's Python argument
        # (PySide6 has miscounted references of those).
        self._results: dict[int, tuple[bool, Any]] = {}
        self._lock = threading.Lock()
        self._arrived.connect(self._hand_over)

    def run(
        self, work: Callable[[], T], done: Callable[[T], None], failed: Failed | None = None
    ) -> int:
        self._next += 1
        self._callbacks[self._next] = (done, failed)
        self._jobs.start(_Work(self, self._next, work))
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
