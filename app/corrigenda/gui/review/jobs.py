"""Review mode's background work: listing every edit of the document, and `verify`.

Both read the project file through their own read-only connection on a worker thread (WAL
lets them read while the window's Project writes), so neither holds up the GUI. Results cross
back through corrigenda.gui.background (a queued signal carrying Python objects is where
PySide6 has mis-counted references); a generation number keeps only the latest answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from corrigenda.errors import CorrigendaError
from corrigenda.gui.background import Background
from corrigenda.gui.jobs import Jobs
from corrigenda.review.decisions import EditView, list_edits
from corrigenda.review.verify import VerifyReport, verify
from corrigenda.store import Project


class ResultService(QObject):
    """Runs one function at a time on the pool; only the latest request's answer counts."""

    done = Signal(int)  # generation; the result is take(generation)
    failed = Signal(int, str)

    def __init__(self, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._background = Background(jobs, self)
        self.generation = 0
        self._results: dict[int, Any] = {}
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self, fn: Callable[[], Any]) -> int:
        self.generation += 1
        self._running = True
        generation = self.generation
        self._background.run(
            fn,
            lambda result: self._hand_over(generation, result),
            lambda exc: self._hand_over_failure(generation, exc),
        )
        return generation

    def take(self, generation: int) -> Any:
        return self._results.pop(generation, None)

    def _hand_over(self, generation: int, result: Any) -> None:
        if generation != self.generation:
            return  # a stale answer: drop it
        self._running = False
        self._results[generation] = result
        self.done.emit(generation)

    def _hand_over_failure(self, generation: int, exc: BaseException) -> None:
        if generation == self.generation:
            self._running = False
            # A CorrigendaError says what to do; anything else is a bug: say so.
            self.failed.emit(
                generation, exc.message if isinstance(exc, CorrigendaError) else repr(exc)
            )


def read_edits(path: Path) -> list[EditView]:
    """Every edit of the project at `path`, read through a read-only connection."""
    with Project.open(path, readonly=True) as project:
        return list_edits(project)


def run_verify(path: Path) -> VerifyReport:
    return verify(path)
