"""SIGKILL at random moments loses nothing reported done, from the command line or the window
(a few kills; bench/crash_soak.py does many)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corrigenda.cli import main
from tests.robustness.harness import OPERATIONS, soak


@pytest.mark.slow
def test_killed_workers_lose_nothing_reported_done(
    ocred_sample: Path, sample_dir: Path, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.corrigenda"
    pages = [sample_dir / "page-001.png", sample_dir / "page-002.png", sample_dir / "page-003.png"]
    assert main(["new", str(fresh), *map(str, pages)]) == 0
    work = tmp_path / "work"
    work.mkdir()
    outcome = soak(ocred_sample, fresh, work, kills=2 * len(OPERATIONS), seed=20261128)
    assert outcome.failures == []
    assert outcome.survived == outcome.tried == 2 * len(OPERATIONS)
    assert outcome.steps_checked > 0  # the kills landed after real work, not before it
    shutil.rmtree(work)
