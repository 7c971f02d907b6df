"""The Page menu speaks one vocabulary (a page or a region is "read again"), ticks how the page
on screen was read, and offers only what can be done now: Cancel OCR while OCR runs, deleting
the cursor's line's region when it is in one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QMenu

from corrigenda.gui import dialogs
from corrigenda.gui.project import prompts


def _page_menu(window) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "&Page")


def _submenu(window, start: str) -> QMenu:
    return next(
        a.menu() for a in _page_menu(window).actions() if a.menu() and a.text().startswith(start)
    )


def _open(qtbot, menu: QMenu) -> None:
    """What a menu does as it opens (its states are set then). Popping a menu up under the
    offscreen platform only warns that it cannot grab the keyboard."""
    menu.aboutToShow.emit()


def _ticked(qtbot, window) -> list[str]:
    menu = _submenu(window, "Read this page")
    _open(qtbot, menu)
    return [a.data() for a in menu.actions() if a.isChecked()]


def test_the_page_menu_names_reading_again_one_way(window) -> None:
    texts = [a.text().replace("&", "") for a in _page_menu(window).actions()]
    assert "Read this page again (keeps corrections)" in texts
    assert "Read a region again (draw it on the scan)" in texts
    assert not [t for t in texts if "Re-OCR" in t or "Re-read" in t]
    rows = dialogs.shortcut_rows(window.menuBar())
    assert (
        "Page",
        "Read a region again (draw it on the scan) ▸ As scanned (no clean-up)",
        "Ctrl+Shift+G",
    ) in rows


@pytest.mark.slow
def test_the_reading_is_ticked_and_cancel_ocr_offered_only_while_ocr_runs(qtbot, window) -> None:
    page_id = window.current_page_id
    qtbot.waitUntil(lambda: window.pages_model.reading(page_id) is not None, timeout=10_000)
    reading = window.pages_model.reading(page_id)
    assert _ticked(qtbot, window) == [reading.variant or "none"]
    cancel = window.menus.actions["cancel_ocr"]
    _open(qtbot, _page_menu(window))
    assert not cancel.isEnabled()  # no OCR runs

    otsu = next(a for a in _submenu(window, "Read this page").actions() if a.data() == "otsu")
    with qtbot.waitSignal(window.ocr_feedback.run_finished, timeout=120_000):
        otsu.trigger()
        _open(qtbot, _page_menu(window))
        assert cancel.isEnabled()
    qtbot.waitUntil(lambda: window.pages_model.reading(page_id).cleanup == "otsu", timeout=10_000)
    assert _ticked(qtbot, window) == ["otsu"]
    _open(qtbot, _page_menu(window))
    assert not cancel.isEnabled()


def test_deleting_a_region_is_offered_only_on_a_line_in_one(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    delete = window.menus.actions["region_delete"]
    page = window.editor.page()
    boxed = [ln for ln in page.lines if ln.bbox is not None and ln.region is None]
    head, other = boxed[0], boxed[-1]
    window.editor.move_to_offset(head.id, 0)
    _open(qtbot, _page_menu(window))
    assert not delete.isEnabled()

    monkeypatch.setattr(prompts, "choose_region_type", lambda _w: "running-head")
    box = head.bbox
    window.view.area_drawn.emit(QRectF(box.x0 - 4, box.y0 - 4, box.width + 8, box.height + 8))
    assert window.editor.page().line(head.id).region is not None
    window.editor.move_to_offset(head.id, 0)
    _open(qtbot, _page_menu(window))
    assert delete.isEnabled()
    window.editor.move_to_offset(other.id, 0)
    _open(qtbot, _page_menu(window))
    assert not delete.isEnabled()
