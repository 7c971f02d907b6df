"""How each page was read, in the window: the pages panel says it, the page view shows the scan
as read (cleaned, derived again, never stored), and a page is re-read with a chosen variant."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from corrigenda.gui.ocr.readings import REREAD_CHOICES, to_qimage
from corrigenda.gui.pages.model import ReadingRole
from corrigenda.ocr.cleanup import VARIANTS
from corrigenda.ocr.readings import ReadingSummary, as_read
from corrigenda.store import Source
from tests.gui.conftest import on_disk
from tests.gui.test_main_window import type_at_word

DESPECKLED = {
    "cleanup": "auto",
    "variant": "despeckle",
    "steps": list(VARIANTS["despeckle"].steps),
    "before": {"conf": 61.2, "low": 0.2, "seconds": 1.0},
    "after": {"conf": 84.0, "low": 0.05, "seconds": 1.2},
    "tried": [{"variant": "despeckle", "conf": 84.0, "low": 0.05, "seconds": 1.2}],
}


def _record(window, page_id: int, reading: dict) -> None:
    """Give the page an OCR run recording `reading`, through the session (the write path)."""
    run = window.session.project.ocr_run(page_id)
    params = {**run.params, "reading": reading}
    window.session.set_ocr(page_id, dataclasses.replace(run, params=params), Source("test"))
    window.readings.refresh()


def _view_image(window) -> QImage:
    return window.view._pixmap_item.pixmap().toImage()


def test_the_pages_panel_says_how_each_page_was_read(qtbot, window) -> None:
    model = window.pages_model
    qtbot.waitUntil(lambda: model.index(0).data(ReadingRole) is not None, timeout=10_000)
    first = model.index(0)
    # The sample is clean: read as scanned, and the panel says so (with its confidence).
    assert model.data(first, ReadingRole).variant is None
    assert "read as scanned, confidence" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert "✦" not in first.data(Qt.ItemDataRole.DisplayRole)

    page_id = model.page_id(0)
    with qtbot.waitSignal(window.readings.readings_loaded, timeout=10_000):
        _record(window, page_id, DESPECKLED)
    tooltip = first.data(Qt.ItemDataRole.ToolTipRole)
    assert "cleaned: despeckle, confidence 61.2 → 84.0" in tooltip
    assert first.data(Qt.ItemDataRole.DisplayRole).endswith("✦ despeckle")
    assert "✦" not in model.index(1).data(Qt.ItemDataRole.DisplayRole)  # only that page
    window.pages_view.grab().save(str(Path(window.session.path).with_name("pages.png")))


def test_the_page_view_toggles_between_the_original_and_the_page_as_read(
    qtbot, window, tmp_path: Path
) -> None:
    page_id = window.current_page_id
    original = _view_image(window)
    with qtbot.waitSignal(window.readings.readings_loaded, timeout=10_000):
        _record(window, page_id, DESPECKLED)
    action = window.menus.actions["as_read"]
    with qtbot.waitSignal(window.readings.as_read_shown, timeout=20_000):
        action.trigger()
    shown = _view_image(window)
    with on_disk(window.session.path) as project:
        data = project.image(page_id).data
    expected = to_qimage(as_read(data, "despeckle"))
    # The cleaned page, derived again from the original bytes, in the original's geometry.
    assert shown.size() == original.size() == expected.size()
    assert shown.convertToFormat(QImage.Format.Format_Grayscale8) == expected
    assert shown != original.convertToFormat(shown.format())
    window.grab().save(str(tmp_path / "as_read.png"))
    # Nothing stored: the project's image is the original still.
    with on_disk(window.session.path) as project:
        assert project.image(page_id).data == data

    action.trigger()  # back to the original
    assert _view_image(window).convertToFormat(original.format()) == original
    assert not window.readings.showing_as_read


def test_a_page_read_as_scanned_says_so_instead_of_showing_a_cleaned_copy(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.pages_model.reading(window.current_page_id) is not None)
    messages: list[str] = []
    window.status.say = messages.append  # type: ignore[method-assign]
    before = _view_image(window)
    window.menus.actions["as_read"].trigger()
    assert any("read as scanned" in m for m in messages)
    assert _view_image(window) == before


def test_the_cleaned_page_keeps_the_original_geometry_when_the_variant_moves_it() -> None:
    pixels = np.full((120, 200), 255, np.uint8)
    pixels[40:60, 20:180] = 0
    from corrigenda.ocr.cleanup import to_png

    for name in ("upscale", "deskew", "despeckle"):
        again = as_read(to_png(pixels), name)
        assert again.shape == pixels.shape and again.dtype == np.uint8
        assert np.array_equal(again, as_read(to_png(pixels), name))  # deterministic


def test_reading_summaries_from_records() -> None:
    assert ReadingSummary.from_params({}) is None  # imported OCR, or older runs
    plain = ReadingSummary.from_params(
        {"reading": {"cleanup": "auto", "variant": None, "before": {"conf": 91.04}}}
    )
    assert plain is not None and plain.text() == "as scanned, confidence 91.0"
    cleaned = ReadingSummary.from_params({"reading": DESPECKLED})
    assert cleaned is not None and cleaned.cleaned
    assert cleaned.text() == "cleaned: despeckle, confidence 61.2 → 84.0"
    voted = ReadingSummary.from_params(
        {"reading": {**DESPECKLED, "voted": {"readings": 3, "changed": 4}}}
    )
    assert voted is not None and voted.text().endswith(", 3 readings voted word by word")


def test_the_reread_menu_lists_every_variant(window) -> None:
    menu = next(
        a.menu()
        for a in window.menuBar().actions()
        if a.text() == "&Page"
        for a in a.menu().actions()
        if a.menu() is not None and "again" in a.text() and "page" in a.text()
    )
    names = [a.data() for a in menu.actions()]
    assert names == [n for n, _ in REREAD_CHOICES]
    assert {"auto", "none", *VARIANTS} == set(names)


def test_rereading_a_page_with_a_variant_keeps_corrections_and_records_it(
    qtbot, window, ocred_sample: Path
) -> None:
    page = window.editor.page()
    line = next(ln for ln in page.lines if len(ln.words) >= 3)
    type_at_word(qtbot, window, line, 0, "Qq")
    window.editor.flush()
    corrected = window.session.page(page.id).line(line.id).text
    menu_action = next(
        a
        for top in window.menuBar().actions()
        if top.menu() is not None
        for sub in top.menu().actions()
        if sub.menu() is not None and sub.text().startswith("Read this page")
        for a in sub.menu().actions()
        if a.data() == "otsu"
    )
    with qtbot.waitSignal(window.ocr_feedback.run_finished, timeout=120_000):
        menu_action.trigger()
    qtbot.waitUntil(
        lambda: (r := window.pages_model.reading(page.id)) is not None and r.cleanup == "otsu",
        timeout=10_000,
    )
    assert window.pages_model.reading(page.id).variant == "otsu"
    with on_disk(ocred_sample) as project:
        run = project.ocr_run(page.id)
        assert run is not None and run.params["reading"]["cleanup"] == "otsu"
        texts = [ln.text for ln in project.page(page.id).lines]
    assert corrected in texts  # the person's correction survived the re-read
