"""The window's worker pool (gui/jobs.py): plain Python threads that Qt never owns. Its
QThreadPool predecessor crashed the interpreter inside `waitForDone` on CI."""

from __future__ import annotations

import threading

from corrigenda.gui.jobs import Job, Jobs


class Recorded(Job):
    def __init__(self, name: str, log: list[str], gate: threading.Event | None = None) -> None:
        self.name, self.log, self.gate = name, log, gate
        self.started = threading.Event()

    def work(self) -> None:
        self.started.set()
        if self.gate is not None:
            assert self.gate.wait(10)
        self.log.append(self.name)


class Broken(Job):
    def work(self) -> None:
        raise RuntimeError("a bug in a job")


def test_waiting_jobs_start_by_priority_then_in_order() -> None:
    jobs = Jobs(1)
    log: list[str] = []
    gate = threading.Event()
    first = Recorded("first", log, gate)
    jobs.start(first)
    assert first.started.wait(10)  # it holds the one thread
    for name, priority in [("low", 0), ("high", 2), ("middle", 1), ("high again", 2)]:
        jobs.start(Recorded(name, log), priority)
    assert not jobs.wait(0.05), "a job still holds the thread"
    assert jobs.busy == 5
    gate.set()
    assert jobs.wait(10)
    assert log == ["first", "high", "high again", "middle", "low"]
    assert jobs.busy == 0


def test_a_failing_job_leaves_the_pool_working() -> None:
    jobs = Jobs(1)
    log: list[str] = []
    jobs.start(Broken())
    jobs.start(Recorded("after", log))
    assert jobs.wait(10)
    assert log == ["after"]


def test_threads_are_started_as_needed_up_to_the_limit() -> None:
    jobs = Jobs(3, "test-jobs")
    gate = threading.Event()
    log: list[str] = []
    for n in range(5):
        jobs.start(Recorded(str(n), log, gate))
    names = {t.name for t in threading.enumerate() if t.name.startswith("test-jobs-")}
    assert names == {"test-jobs-1", "test-jobs-2", "test-jobs-3"}
    gate.set()
    assert jobs.wait(10)
    assert sorted(log) == ["0", "1", "2", "3", "4"]
