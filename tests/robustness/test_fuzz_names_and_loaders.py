"""Fuzzing the name-list parser and the image/PDF loaders: read or refused, never a crash."""

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
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-sandbox")


def test_mutated_name_lists_load_with_problems_reported(sandbox: Path) -> None:
    @FAST
    @given(fuzzing.mutated(fuzzing.name_seeds()))
    def one(seed: fuzzing.Seed) -> None:
        assert fuzzing.run_target(fuzzing.names_target, sandbox, seed) == "ok"

    one()


# Pillow warns about the damaged TIFF tags it skips; the outcome is what is checked here.
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_mutated_images_and_pdfs_are_loaded_or_skipped(sandbox: Path) -> None:
    seeds = fuzzing.image_seeds()
    assert all(fuzzing.run_target(fuzzing.loader_target, sandbox, s) == "ok" for s in seeds)

    @FAST
    @given(fuzzing.mutated(seeds, structured=False))
    def one(seed: fuzzing.Seed) -> None:
        fuzzing.run_target(fuzzing.loader_target, sandbox, seed)

    one()
