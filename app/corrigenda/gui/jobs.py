"""Worker threads for the window's jobs: Python's own threads, not Qt's thread pool.

The window first ran its jobs as QRunnables on a QThreadPool. Each finished Python runnable is
handed back through shiboken from a Qt thread, and the pool ends and deletes idle threads
whenever `waitForDone` succeeds; on a CI machine that crashed the interpreter (a segmentation
fault inside `waitForDone` while a job was still running). Here the threads are plain Python
threads that live as long as the pool: Qt never owns a job or a thread, and a job's answer
comes back to the GUI thread only as a signal (background.Background).

Jobs wait in one queue, the highest priority first (then the oldest), as QThreadPool did.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time

logger = logging.getLogger(__name__)


class Job:
    """A unit of work for the pool; subclasses implement `work`."""

    def work(self) -> None:
        raise NotImplementedError


class Jobs:
    """Runs jobs on up to `threads` worker threads, started as they are needed."""

    def __init__(self, threads: int, name: str = "corrigenda-worker") -> None:
        self._limit = max(1, threads)
        self._name = name
        self._queue: queue.PriorityQueue[tuple[int, int, Job]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Condition()
        self._busy = 0  # jobs queued or running

    def start(self, job: Job, priority: int = 0) -> None:
        """Queue `job`; among the jobs waiting, a higher `priority` starts first."""
        with self._lock:
            self._busy += 1
            # A thread for each job queued or running, up to the limit; threads never end.
            if len(self._threads) < min(self._busy, self._limit):
                thread = threading.Thread(
                    target=self._serve, name=f"{self._name}-{len(self._threads) + 1}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
            self._queue.put((-priority, next(self._order), job))

    def _serve(self) -> None:
        while True:
            _priority, _order, job = self._queue.get()
            try:
                job.work()
            except BaseException:  # a job reports its own failures; this is a bug in one
                logger.exception("a worker job failed")
            finally:
                with self._lock:
                    self._busy -= 1
                    self._lock.notify_all()

    @property
    def busy(self) -> int:
        """Jobs queued or running."""
        return self._busy

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no job is queued or running (at most `timeout` seconds): True if so."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            while self._busy:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._lock.wait(left)
        return True
