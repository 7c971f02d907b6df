"""Thumbnails are decoded at the screen's device pixel ratio, so they stay sharp at 200%."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from corrigenda.gui.pages.model import PageIdRole
from corrigenda.gui.scan import images
from corrigenda.gui.scan.images import THUMBNAIL_WIDTH, decode


def test_thumbnail_has_device_pixels_for_the_ratio(sample_dir: Path) -> None:
    data = (sample_dir / "page-001.png").read_bytes()
    sharp = decode(data, True, 2.0)
    assert sharp.width() == 2 * THUMBNAIL_WIDTH
    assert sharp.devicePixelRatio() == 2.0
    assert sharp.deviceIndependentSize().width() == THUMBNAIL_WIDTH
    assert decode(data, True).width() == THUMBNAIL_WIDTH


def test_pages_panel_thumbnails_follow_the_screen(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = window.pages_model
    page_id = model.index(4).data(PageIdRole)
    # Thumbnails the window asked for at 1.0 may still be on their way: let them land first,
    # or one of them is taken for the answer to the request below.
    model.index(4).data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: not window.images._pending and page_id in model._thumbnails)
    monkeypatch.setattr(images, "_device_pixel_ratio", lambda: 2.0)
    model._thumbnails.pop(page_id, None)
    model.index(4).data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: page_id in model._thumbnails, timeout=10_000)
    pixmap: QPixmap = model._thumbnails[page_id]
    assert pixmap.devicePixelRatio() == 2.0
    assert pixmap.deviceIndependentSize().width() == THUMBNAIL_WIDTH
