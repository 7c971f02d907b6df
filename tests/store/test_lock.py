"""Never two writers: a project open for writing elsewhere is refused with a clear message."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from corrigenda.errors import ProjectLockedError
from corrigenda.store import Project
from corrigenda.store.lock import lock_path
from tests.synthetic import page_image


@pytest.fixture
def path(tmp_path: Path) -> Path:
    Project.create(tmp_path / "p.corrigenda", [page_image()]).close()
    return tmp_path / "p.corrigenda"


def test_second_writer_is_refused_reader_is_not(path: Path) -> None:
    with Project.open(path):
        with pytest.raises(ProjectLockedError, match="open it read-only"):
            Project.open(path)
        with Project.open(path, readonly=True) as reader:
            assert len(reader.pages()) == 1
    with Project.open(path):  # closed: free again
        pass
    assert not lock_path(path).exists()


def test_a_killed_writer_leaves_no_lock(path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from corrigenda.store import Project; "
            f"p = Project.open({str(path)!r}); print('open', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "open"
        with pytest.raises(ProjectLockedError, match=f"process {holder.pid}"):
            Project.open(path)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        if holder.stdout:
            holder.stdout.close()
    with Project.open(path) as again:
        assert len(again.pages()) == 1
