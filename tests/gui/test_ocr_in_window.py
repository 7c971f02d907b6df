"""OCR from the window: a project of scans is OCRed in the background, the page fills in."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.gui.pages.model import StatusRole
from corrigenda.ocr.inputs import load_pages
from corrigenda.store import Project


@pytest.mark.tesseract
def test_a_new_project_is_ocred_in_the_background(qtbot, sample_dir: Path, tmp_path: Path) -> None:
    from corrigenda.gui.main_window import MainWindow

    path = tmp_path / "scans.corrigenda"
    Project.create(path, load_pages([sample_dir / "page-002.png"], skipped=[])).close()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_project(path)
    assert win.ocr.running and win.pages_model.index(0).data(StatusRole) == "OCR running"
    qtbot.waitUntil(lambda: not win.ocr.running, timeout=120_000)
    qtbot.waitUntil(lambda: win.pages_model.index(0).data(StatusRole) == "OCRed", timeout=10_000)
    assert len(win.editor.page().lines) > 10 and win.view.box_count() > 50
    qtbot.waitUntil(win.flags_ready, timeout=60_000)  # flagged once the OCR is done
    win.close()
