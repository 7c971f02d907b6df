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
