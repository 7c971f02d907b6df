"""Fixtures for GUI tests: the real main window with the OCRed sample open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corrigenda.store import Project


@pytest.fixture
def window(qtbot, ocred_sample: Path) -> Iterator[object]:
    from corrigenda.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    with qtbot.waitSignal(win.page_shown, timeout=10_000):
        assert win.open_project(ocred_sample)
    yield win
    win.close()


def on_disk(path: Path) -> Project:
    """A second, read-only view of the project file: what is really saved."""
    return Project.open(path, readonly=True)


@pytest.fixture
def inked(qtbot, tmp_path: Path) -> Iterator[tuple[object, Path]]:
    """The window on a typed page whose scan holds a note OCR left unread (beside line 3)."""
    from corrigenda.gui.main_window import MainWindow
    from corrigenda.store import Source
    from tests.regions.inked import inked_scan

    path = tmp_path / "inked.corrigenda"
    scan, run = inked_scan()
    with Project.create(path, [scan]) as project:
        project.set_ocr(project.pages()[0].id, run, Source("ocr", {"engine": "test"}))
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        assert window.open_project(path)
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    yield window, path
    window.close()
