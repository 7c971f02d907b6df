"""Starting worker jobs on a QThreadPool so that Python, not Qt, owns them.

Qt deletes an auto-deleting runnable on the worker thread when it finishes; for a Python
subclass that crashed the interpreter later (a reference count went wrong). So jobs are not
auto-deleted: the pool's owner keeps them here and drops finished ones on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QRunnable, QThreadPool


class Job(QRunnable):
    """A runnable that says when it is finished; subclasses implement `work`."""

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.finished = False

    def run(self) -> None:
        try:
            self.work()
        finally:
            self.finished = True

    def work(self) -> None:
        raise NotImplementedError


class Jobs:
    """Starts jobs on `pool` and keeps them alive until they are finished."""

    def __init__(self, pool: QThreadPool) -> None:
        self.pool = pool
        self._alive: list[Job] = []

    def start(self, job: Job, priority: int = 0) -> None:
        self._alive = [j for j in self._alive if not j.finished]
        self._alive.append(job)
        self.pool.start(job, priority)

    def wait_and_clear(self) -> None:
        self.pool.waitForDone()
        self._alive.clear()
