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


def test_the_next_start_keeps_the_scan_and_text_split(qtbot, ocred_sample) -> None:
    from corrigenda.gui.main_window import MainWindow
    from corrigenda.gui.project.state import WindowState

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.splitter.setSizes([300, 900])
    first.close()  # saves the window's geometry, docks and split
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.splitter.sizes()[0] < again.splitter.sizes()[1]  # the user's split
    again.close()
    # A window saved before the split was kept starts with halves, not a sliver of scan.
    WindowState().forget_layout("splitter")
    third = MainWindow()
    qtbot.addWidget(third)
    third.show()
    scan, text = third.splitter.sizes()
    assert abs(scan - text) <= 0.1 * (scan + text)
    third.close()


def test_the_users_zoom_is_kept_across_starts(qtbot, ocred_sample) -> None:
    from corrigenda.gui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    with qtbot.waitSignal(first.page_shown, timeout=10_000):
        first.open_project(ocred_sample)
    first.view.zoom_by(2.0)
    chosen = first.view.zoom()
    first.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    with qtbot.waitSignal(again.page_shown, timeout=10_000):
        again.open_project(ocred_sample)
    assert again.view.fit() == "" and abs(again.view.zoom() - chosen) < 1e-6
    again.close()
