"""Batch OCR: page by page commits, resume after an interruption, cancel, Dask executors."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from corrigenda.ocr.batch import CancelToken, ocr_pages
from corrigenda.ocr.engine import find_engine
from corrigenda.ocr.inputs import load_pages
from corrigenda.store import Project


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
def test_dask_cluster_runs_the_same_tasks(small_project: Project) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        timeout="60s",  # a loaded 2-core machine starts workers slowly
    ) as cluster:
        from corrigenda.ocr.batch import dask_executor

        with dask_executor(cluster.scheduler_address) as executor:
            assert isinstance(executor, Executor)
            report = ocr_pages(small_project, find_engine(), executor=executor, jobs=2)
    assert sorted(report.done) == [1, 2, 3]
    assert all(small_project.page(p.id).lines for p in small_project.pages())
