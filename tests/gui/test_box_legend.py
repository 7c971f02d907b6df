"""The word boxes' colours are explained, and confident words do not tint the scan."""

from __future__ import annotations

from PySide6.QtCore import Qt

from corrigenda.gui.page_view import CONFIDENT, LOW


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
