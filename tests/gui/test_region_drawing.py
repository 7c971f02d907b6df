"""Drawing a region on the scan (to read it again, or to make a typed region) can be cancelled
with Escape, as the user expects, and the status bar says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.gui.test_region_ocr import draw


@pytest.mark.parametrize("action", ["reocr_region", "region_draw"])
def test_escape_cancels_drawing_a_region(qtbot, window, action: str) -> None:
    drawn: list[object] = []
    window.view.region_drawn.connect(drawn.append)
    window.view.area_drawn.connect(drawn.append)
    window.editor.setFocus()  # where the user was typing when they chose the action
    window.menus.actions[action].trigger()
    assert window.view.drawing_region()
    # Escape goes to whatever has the focus: drawing gives it to the scan.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.view.drawing_region()
    assert "cancelled" in window.status.text()
    assert window.view.viewport().cursor().shape() != Qt.CursorShape.CrossCursor
    # The next drag pans the scan again: it draws nothing.
    view = window.view
    start, end = _corners(window)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert drawn == []


def test_escape_in_the_middle_of_a_drag_drops_the_half_drawn_box(qtbot, window) -> None:
    drawn: list[object] = []
    window.view.region_drawn.disconnect()
    window.view.region_drawn.connect(drawn.append)
    view = window.view
    items = len(view.scene().items())
    window.menus.actions["reocr_region"].trigger()
    start, end = _corners(window)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), end)
    assert len(view.scene().items()) == items + 1  # the dashed box being drawn
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert len(view.scene().items()) == items
    assert drawn == [] and not view.drawing_region()


def _corners(window) -> tuple[QPoint, QPoint]:
    """Corners on the scan a little outside a line's box."""
    line = next(ln for ln in window.editor.page().lines if ln.bbox)
    box, view = line.bbox, window.view
    view.ensureVisible(box.x0, box.y0, box.width, box.height)
    return view.mapFromScene(box.x0 - 8, box.y0 - 8), view.mapFromScene(box.x1 + 8, box.y1 + 8)


def test_a_region_can_still_be_drawn_after_a_cancelled_one(qtbot, window) -> None:
    drawn: list[object] = []
    window.view.region_drawn.disconnect()
    window.view.region_drawn.connect(drawn.append)
    window.menus.actions["reocr_region"].trigger()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    window.menus.actions["reocr_region"].trigger()
    line = next(ln for ln in window.editor.page().lines if ln.bbox)
    draw(qtbot, window, line.bbox)
    assert len(drawn) == 1
