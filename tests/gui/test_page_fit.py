"""Pages open filling the view's width; a zoom the user chose is kept from page to page."""

from __future__ import annotations


def on_screen_width(view) -> int:
    return view.mapFromScene(view.sceneRect()).boundingRect().width()


def test_page_opens_at_fit_width(window) -> None:
    view = window.view
    assert on_screen_width(view) >= 0.95 * view.viewport().width()


def test_user_zoom_is_kept_on_the_next_page(qtbot, window) -> None:
    view = window.view
    view.zoom_by(1.25)
    chosen = view.zoom()
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        window.select_row(1)
    assert view.zoom() == chosen
    view.fit_width()
    window.select_row(2)
    assert on_screen_width(view) >= 0.95 * view.viewport().width()
