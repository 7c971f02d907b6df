"""Batch OCR: page by page commits, resume after an interruption, cancel, Dask executors."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from corrigenda.ocr.batch import CancelToken, ocr_pages
from corrigenda.ocr.cluster import NoWorkersError, dask_executor
from corrigenda.ocr.engine import find_engine
from corrigenda.ocr.inputs import load_pages
from corrigenda.ocr.tesseract import OcrOutcome
from corrigenda.store import Project
from tests.synthetic import page_image


@pytest.fixture
def small_project(sample_dir: Path, tmp_path: Path) -> Iterator[Project]:
    pages = [sample_dir / "page-001.png", sample_dir / "page-002.png", sample_dir / "page-003.png"]
    with Project.create(tmp_path / "s.corrigenda", load_pages(pages, skipped=[])) as project:
        yield project


class CancelAfterFirst(ThreadPoolExecutor):
    """Runs tasks in threads and presses Cancel once the first page is back."""

    def __init__(self, token: CancelToken) -> None:
        super().__init__(max_workers=1)
        self.token = token

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(lambda _: self.token.cancel())
        return future


@pytest.mark.tesseract
def test_cancel_keeps_finished_pages_and_a_second_run_resumes(small_project: Project) -> None:
    engine = find_engine()
    token = CancelToken()
    with CancelAfterFirst(token) as pool:
        report = ocr_pages(small_project, engine, executor=pool, jobs=1, cancel=token)
    assert report.cancelled
    done = [p.number for p in small_project.pages() if p.has_ocr]
    assert done and len(done) < 3 and sorted(report.done) == done

    report = ocr_pages(small_project, engine, jobs=2)
    assert report.skipped == len(done)
    assert sorted(report.done) == [n for n in (1, 2, 3) if n not in done]
    assert all(p.has_ocr for p in small_project.pages())


@pytest.mark.tesseract
def test_a_failing_page_is_reported_and_the_others_done(
    small_project: Project, tmp_path: Path
) -> None:
    # A Tesseract that fails on page 2 only: a shell wrapper around the real one.
    real = find_engine()
    wrapper = tmp_path / "tesseract"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'if cmp -s -- "$1" "{_page_file(small_project, 2, tmp_path)}"; then '
        "echo 'Error in pixReadStream: corrupt image' >&2; exit 1; fi\n"
        f'exec "{real.path}" "$@"\n'
    )
    wrapper.chmod(0o755)
    engine = type(real)(str(wrapper), real.tessdata, "test wrapper")
    report = ocr_pages(small_project, engine, jobs=2)
    assert sorted(report.done) == [1, 3]
    assert "corrupt image" in report.failed[2]


def _page_file(project: Project, number: int, folder: Path) -> Path:
    path = folder / f"page{number}.png"
    path.write_bytes(project.image(project.pages()[number - 1].id).data)
    return path


@pytest.mark.slow
@pytest.mark.tesseract
def test_dask_cluster_runs_the_same_tasks(small_project: Project) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            scheduler_port=0,  # any free port: never one another program may hold
            dashboard_address=":0",  # None would mean the default, 8787
            timeout="60s",  # a loaded 2-core machine starts workers slowly
        ) as cluster,
        dask_executor(cluster.scheduler_address) as executor,
    ):
        assert isinstance(executor, Executor)
        assert executor.threads() == 2
        report = ocr_pages(small_project, find_engine(), executor=executor)
    assert sorted(report.done) == [1, 2, 3]
    assert all(small_project.page(p.id).lines for p in small_project.pages())


class FakeCluster(Executor):
    """A cluster of `size` threads whose tasks finish without running: it records how many
    pages were in flight (submitted, their results not yet taken) at most. A task finishes as
    soon as `release_at` are in flight (the oldest unfinished goes), so the count does not
    hang on how fast this machine submits; a batch that allows more keeps submitting past
    it, and one that allows fewer sees its tasks finish after a second."""

    def __init__(self, size: int, release_at: int | None = None) -> None:
        self.size = size
        self.release_at = release_at or 2 * size
        self.in_flight = 0
        self.most = 0
        self._unfinished: list[tuple[Future[Any], int]] = []
        self._lock = threading.Lock()

    def threads(self) -> int:
        return self.size

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        cluster = self

        class Taken(Future):  # type: ignore[type-arg]
            counted = True

            def result(self, timeout: float | None = None) -> Any:
                with cluster._lock:
                    if self.counted:
                        self.counted = False
                        cluster.in_flight -= 1
                return super().result(timeout)

        future: Future[Any] = Taken()
        with self._lock:
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
            self._unfinished.append((future, args[0].page_id))
            full = self.in_flight >= self.release_at
        if full:
            self._finish(self._unfinished[0][0])
        threading.Timer(1.0, self._finish, (future,)).start()
        return future

    def _finish(self, future: Future[Any]) -> None:
        with self._lock:
            found = next((p for p in self._unfinished if p[0] is future), None)
            if found is None:
                return  # finished already
            self._unfinished.remove(found)
        future.set_result(OcrOutcome(found[1], None, "not run"))


@pytest.fixture
def many_pages(tmp_path: Path) -> Iterator[Project]:
    images = [page_image(f"p{n}.png", shade=n) for n in range(40)]
    with Project.create(tmp_path / "many.corrigenda", images) as project:
        yield project


def test_pages_in_flight_follow_the_cluster_threads_not_the_local_cores(
    many_pages: Project,
) -> None:
    cluster = FakeCluster(7)
    report = ocr_pages(many_pages, find_engine(), executor=cluster)
    assert len(report.failed) == 40
    assert cluster.most == 14  # two per thread of the cluster (this machine has fewer cores)


def test_jobs_overrides_the_cluster_size(many_pages: Project) -> None:
    cluster = FakeCluster(7, release_at=6)
    ocr_pages(many_pages, find_engine(), executor=cluster, jobs=3)
    assert cluster.most == 6


def test_a_cluster_without_workers_stops_within_seconds(small_project: Project) -> None:
    distributed = pytest.importorskip("distributed")
    # It stops rather than waiting for ever (the suite's timeout would catch a hang); how
    # soon is NO_WORKERS_GRACE_S, not timed here: the machines that run this are shared.
    with (
        distributed.LocalCluster(
            n_workers=0, processes=False, scheduler_port=0, dashboard_address=":0"
        ) as cluster,
        dask_executor(cluster.scheduler_address, wait=False) as executor,
        pytest.raises(NoWorkersError, match=r"no workers.*--if-no-workers wait"),
    ):
        ocr_pages(small_project, find_engine(), executor=executor)
    assert not any(p.has_ocr for p in small_project.pages())


@pytest.mark.tesseract
def test_a_cluster_without_workers_can_wait_for_one(small_project: Project) -> None:
    distributed = pytest.importorskip("distributed")
    said: list[str] = []
    with (
        distributed.LocalCluster(
            n_workers=0, processes=False, scheduler_port=0, dashboard_address=":0"
        ) as cluster,
        dask_executor(cluster.scheduler_address, wait=True, say=said.append) as executor,
    ):

        def add_a_worker_once_told() -> None:
            while not said:
                time.sleep(0.1)
            cluster.scale(1)

        helper = threading.Thread(target=add_a_worker_once_told)
        helper.start()
        report = ocr_pages(small_project, find_engine(), executor=executor, page_numbers=[1])
        helper.join()
    assert report.done == [1]
    assert "waiting for some to join" in said[0]
    assert any("workers joined" in line for line in said[1:])


def test_the_ocr_command_stops_on_a_cluster_without_workers(
    sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    distributed = pytest.importorskip("distributed")
    from corrigenda.cli import main
    from corrigenda.errors import ExitCode

    path = tmp_path / "p.corrigenda"
    with Project.create(path, load_pages([sample_dir / "page-001.png"], skipped=[])):
        pass
    with distributed.LocalCluster(
        n_workers=0, processes=False, scheduler_port=0, dashboard_address=":0"
    ) as cluster:
        code = main(["ocr", str(path), "--scheduler", cluster.scheduler_address])
    err = capsys.readouterr().err
    assert code == ExitCode.ENGINE
    assert f"the Dask scheduler at {cluster.scheduler_address} has no workers" in err
    assert "Traceback" not in err


TSV_HEADER = "level page_num block_num par_num line_num word_num left top width height conf text"
FAKE_ENGINE = f"""#!/bin/sh
# A stand-in for Tesseract: notes that it started, and whether another was running meanwhile.
mkdir "$FAKE_LOG/running" 2>/dev/null || touch "$FAKE_LOG/overlap"
touch "$FAKE_LOG/started-$$"
sleep 0.1
echo '{TSV_HEADER}' | tr ' ' '\\t' > "$2.tsv"
printf '<html/>' > "$2.hocr"
rmdir "$FAKE_LOG/running"
"""


def test_the_next_page_s_engine_runs_while_a_page_s_output_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The local pool has a thread more than engine slots: a page's engine, once ended,
    leaves its slot to the next page's while its output is read; and never more engines
    run at once than --jobs says."""
    from corrigenda.ocr import choices
    from corrigenda.ocr.batch import local_executor
    from corrigenda.ocr.tesseract import OcrTask
    from corrigenda.ocr.worker import run_task

    log = tmp_path / "log"
    log.mkdir()
    monkeypatch.setenv("FAKE_LOG", str(log))
    engine = tmp_path / "tesseract"
    engine.write_text(FAKE_ENGINE)
    engine.chmod(0o755)
    reading = choices.attach_choices
    first = threading.Lock()
    seen: list[int] = []

    def attach_slowly(*args: Any, **kwargs: Any) -> Any:
        if first.acquire(blocking=False):  # the first page read waits for the next engine
            for _ in range(1000):
                if len(list(log.glob("started-*"))) >= 2:
                    break
                time.sleep(0.01)
            seen.append(len(list(log.glob("started-*"))))
        return reading(*args, **kwargs)

    monkeypatch.setattr(choices, "attach_choices", attach_slowly)
    tasks = [
        OcrTask(n, b"image", "PNG", str(engine), None, "eng", 3, "5", cleanup="none")
        for n in range(3)
    ]
    with local_executor(1) as pool:
        outcomes = list(pool.map(run_task, tasks))
    assert [o.error for o in outcomes] == [None, None, None]
    assert seen and seen[0] >= 2  # the second page's engine started during the first's read
    assert not (log / "overlap").exists()  # one job: never two engines at once
    assert len(list(log.glob("started-*"))) == 3
