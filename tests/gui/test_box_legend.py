"""The word boxes' colours are explained, and confident words do not tint the scan."""

from __future__ import annotations

from PySide6.QtCore import Qt

from corrigenda.gui.scan.page_view import CONFIDENT, LOW, legend_html


def test_legend_names_every_colour(window) -> None:
    text = window.legend_label.text()
    for meaning in ("low confidence", "doubtful", "confident", "typed", "flag"):
        assert meaning in text
    assert window.legend_label.isVisible()


def test_confident_boxes_are_outlines_and_low_ones_tinted(window) -> None:
    view = window.view
    _pen, brush = view._paint_for(CONFIDENT)
    assert brush.style() == Qt.BrushStyle.NoBrush
    _pen, brush = view._paint_for(LOW)
    assert brush.style() != Qt.BrushStyle.NoBrush and brush.color().alpha() > 0


def test_legend_hides_and_shows_with_the_boxes(window) -> None:
    boxes = window.actions["boxes"]
    boxes.trigger()  # hide the word boxes
    assert not boxes.isChecked()
    assert not window.legend_label.isVisible()
    boxes.trigger()
    assert boxes.isChecked()
    assert window.legend_label.isVisible()


def test_no_legend_or_zoom_without_a_page(qtbot) -> None:
    from corrigenda.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()  # the welcome page: no scan, no boxes
    assert not win.legend_label.isVisible()
    assert not win.zoom_label.isVisible()


def test_legend_does_not_give_flag_colours_another_meaning() -> None:
    # A flag's colour can be one of the legend's (blue: collation, green: hyphenation):
    # "other colours" would tell the user a blue-boxed flagged word was typed by a person.
    assert "other colours" not in legend_html()
    assert "flagged word" in legend_html()
