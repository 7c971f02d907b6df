"""Fixtures for GUI tests: the real main window with the OCRed sample open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corrigenda.store import Project


def open_window(qtbot, path: Path, flagged: bool = False):  # type: ignore[no-untyped-def]
    """The main window, shown at a laptop's size with `path` open (and, with `flagged`, its
    flags made)."""
    from corrigenda.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    with qtbot.waitSignal(win.page_shown, timeout=10_000):
        assert win.open_project(path)
    if flagged:
        qtbot.waitUntil(win.flags_ready, timeout=30_000)
    return win


@pytest.fixture
def window(qtbot, ocred_sample: Path) -> Iterator[object]:
    win = open_window(qtbot, ocred_sample)
    yield win
    win.close()


def on_disk(path: Path) -> Project:
    """A second, read-only view of the project file: what is really saved."""
    return Project.open(path, readonly=True)


@pytest.fixture
def inked(qtbot, tmp_path: Path) -> Iterator[tuple[object, Path]]:
    """The window on a typed page whose scan holds a note OCR left unread (beside line 3)."""
    from corrigenda.store import Source
    from tests.regions.inked import inked_scan

    path = tmp_path / "inked.corrigenda"
    scan, run = inked_scan()
    with Project.create(path, [scan]) as project:
        project.set_ocr(project.pages()[0].id, run, Source("ocr", {"engine": "test"}))
    window = open_window(qtbot, path, flagged=True)
    yield window, path
    window.close()
