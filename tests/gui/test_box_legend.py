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
    # A flag's colour can be one of the legend's (blue: collation, green: hyphenation):
    # "other colours" would tell the user a blue-boxed flagged word was typed by a person.
    assert "other colours" not in legend_html()
    assert "flagged word" in legend_html()
