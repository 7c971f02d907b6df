"""Fuzzing the importers: mutated hOCR, ALTO, PAGE, TSV and text files are read or refused
with a CorrigendaError, never crash, pass on no NaN or off-page numbers, and write nothing.

Few derandomised examples here, so CI stays fast; bench/fuzz_soak.py runs many more.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.robustness import fuzzing

FAST = settings(
    max_examples=50,
    derandomize=True,
    deadline=timedelta(seconds=5),
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a folder for seeds and projects, an empty sandbox the inputs are written into)."""
    work = tmp_path_factory.mktemp("fuzz")
    (work / "sandbox").mkdir()
    return work, work / "sandbox"


@pytest.fixture(scope="module")
def markup_seeds(folders: tuple[Path, Path]) -> list[fuzzing.Seed]:
    return fuzzing.exported_seeds(folders[0]) + fuzzing.text_seeds() + fuzzing.real_seeds()


def test_the_seeds_themselves_are_read(
    markup_seeds: list[fuzzing.Seed], folders: tuple[Path, Path]
) -> None:
    """Unmutated, our own exports and the real files import (the fuzzing starts from sense)."""
    outcomes = {
        s.name: fuzzing.run_target(fuzzing.import_target, folders[1], s) for s in markup_seeds
    }
    assert outcomes["scan-1.hocr"] == outcomes["scan-1.alto.xml"] == "ok"
    assert outcomes["scan-1.page.xml"] == outcomes["scan-1.tsv"] == "ok"


def test_mutated_files_are_read_or_refused(
    markup_seeds: list[fuzzing.Seed], folders: tuple[Path, Path]
) -> None:
    @FAST
    @given(fuzzing.mutated(markup_seeds))
    def one(seed: fuzzing.Seed) -> None:
        fuzzing.run_target(fuzzing.import_target, folders[1], seed)

    one()


def test_mutated_files_imported_into_a_project(
    markup_seeds: list[fuzzing.Seed], folders: tuple[Path, Path]
) -> None:
    """What parses also goes through set_ocr or the transcript alignment, and reads back."""
    target = fuzzing.ProjectTarget(folders[0])

    @settings(FAST, max_examples=25)
    @given(fuzzing.mutated(markup_seeds))
    def one(seed: fuzzing.Seed) -> None:
        fuzzing.run_target(target, folders[1], seed)

    one()
