"""The word boxes' colours are explained, and confident words do not tint the scan."""

from __future__ import annotations

from PySide6.QtCore import Qt

from corrigenda.gui.scan.page_view import CONFIDENT, LOW, legend_html


def test_legend_names_every_colour(window) -> None:
    text = window.status.legend_label.text()
    for meaning in ("low confidence", "doubtful", "confident", "typed", "flag"):
        assert meaning in text
    assert window.status.legend_label.isVisible()


def test_boxes_are_outlined_never_filled_and_doubtful_ones_stand_out(window) -> None:
    view = window.view
    quiet_pen, brush = view._paint_for(CONFIDENT)
    assert brush.style() == Qt.BrushStyle.NoBrush
    low_pen, brush = view._paint_for(LOW)
    # A filled box hid the ink of the very word being judged: an outline, and a stronger one.
    assert brush.style() == Qt.BrushStyle.NoBrush
    assert low_pen.widthF() > quiet_pen.widthF() and low_pen.color().alpha() == 255


def test_legend_hides_and_shows_with_the_boxes(window) -> None:
    boxes = window.menus.actions["boxes"]
    boxes.trigger()  # hide the word boxes
    assert not boxes.isChecked()
    assert not window.status.legend_label.isVisible()
    boxes.trigger()
    assert boxes.isChecked()
    assert window.status.legend_label.isVisible()


def test_no_legend_or_zoom_without_a_page(qtbot) -> None:
    from corrigenda.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()  # the welcome page: no scan, no boxes
    assert not win.status.legend_label.isVisible()
    assert not win.status.zoom_label.isVisible()


def test_legend_does_not_give_flag_colours_another_meaning() -> None:
    # Flagged words wear one colour on the scan, whatever their kind: blue could otherwise
    # mean both "typed by a person" and a flag kind (collation).
    assert "other colours" not in legend_html()
    assert "flagged" in legend_html() and "its flag's colour" not in legend_html()


def test_no_colour_on_the_scan_means_two_things(qtbot, window) -> None:
    from corrigenda.gui.scan.page_view import FLAGGED, LEGEND

    colours = [colour.name() for colour, _meaning in LEGEND]
    assert len(set(colours)) == len(colours)
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    page = window.editor.page()
    kinds = {f.kind for f in window.flags.model.page_flags(page.id)}
    assert len(kinds) > 1
    # Whatever their kind, flagged words' boxes wear the one flag colour.
    assert {c.name() for c in window.view._flag_colours.values()} == {FLAGGED.name()}
