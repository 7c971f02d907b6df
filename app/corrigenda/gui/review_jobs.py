"""Review mode's background work: listing every edit of the document, and `verify`.

Both read the project file through their own read-only connection on a worker thread (WAL
lets them read while the window's Project writes), so neither holds up the GUI. Results cross
back through a locked dict and a generation number, as the flag service does: a queued
signal carrying Python objects is where PySide6 has mis-counted references.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from corrigenda.errors import CorrigendaError
from corrigenda.gui.jobs import Job, Jobs
from corrigenda.review.decisions import EditView, list_edits
from corrigenda.review.verify import VerifyReport, verify
from corrigenda.store import Project


class _Job(Job):
    def __init__(self, service: ResultService, generation: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._service = service
        self._generation = generation
        self._fn = fn

    def work(self) -> None:
        try:
            result = self._fn()
        except CorrigendaError as exc:
            self._service.fail(self._generation, exc.message)
        except Exception as exc:  # a bug: say so rather than die silently on a thread
            self._service.fail(self._generation, repr(exc))
        else:
            self._service.deliver(self._generation, result)


class ResultService(QObject):
    """Runs one function at a time on the pool; only the latest request's answer counts."""

    done = Signal(int)  # generation; the result is take(generation)
    failed = Signal(int, str)
    _arrived = Signal(int)
    _failed = Signal(int, str)

    def __init__(self, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self.generation = 0
        self._results: dict[int, Any] = {}
        self._lock = threading.Lock()
        self._running = False
        self._arrived.connect(self._hand_over)
        self._failed.connect(self._hand_over_failure)

    @property
    def running(self) -> bool:
        with self._lock:
            return self._running

    def start(self, fn: Callable[[], Any]) -> int:
        self.generation += 1
        with self._lock:
            self._running = True
        self._jobs.start(_Job(self, self.generation, fn))
        return self.generation

    def deliver(self, generation: int, result: Any) -> None:
        with self._lock:
            self._results[generation] = result
        self._arrived.emit(generation)

    def fail(self, generation: int, message: str) -> None:
        self._failed.emit(generation, message)

    def take(self, generation: int) -> Any:
        with self._lock:
            return self._results.pop(generation, None)

    def _hand_over(self, generation: int) -> None:
        if generation != self.generation:
            self.take(generation)  # a stale answer: drop it
            return
        with self._lock:
            self._running = False
        self.done.emit(generation)

    def _hand_over_failure(self, generation: int, message: str) -> None:
        if generation == self.generation:
            with self._lock:
                self._running = False
            self.failed.emit(generation, message)


def read_edits(path: Path) -> list[EditView]:
    """Every edit of the project at `path`, read through a read-only connection."""
    with Project.open(path, readonly=True) as project:
        return list_edits(project)


def run_verify(path: Path) -> VerifyReport:
    return verify(path)
