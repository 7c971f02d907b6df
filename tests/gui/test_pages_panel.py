"""The pages panel: dropping scans adds pages, dragging a page moves it (undoable), Delete
removes one after asking; and the view turns."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from corrigenda.gui.pages.model import PAGE_MIME
from tests.gui.conftest import on_disk


def drop(view, data: QMimeData, row: int | None) -> None:  # type: ignore[no-untyped-def]
    if row is None:
        pos = QPoint(5, view.viewport().height() - 2)
    else:
        pos = view.visualRect(view.model().index(row)).center()
    event = QDropEvent(
        QPointF(pos),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)


def test_dropping_scans_adds_pages(
    qtbot, window, sample_dir: Path, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bool] = []
    monkeypatch.setattr(window, "start_ocr", lambda *a, **k: started.append(True))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sample_dir / "page-002.png"))])
    drop(window.pages_view, data, None)
    qtbot.waitUntil(lambda: window.pages_model.rowCount() == 6, timeout=20_000)
    assert started == [True]  # the new page is OCRed next
    with on_disk(ocred_sample) as project:
        pages = project.pages()
        assert [p.name for p in pages][-1] == "page-002.png" and len(pages) == 6
        assert list(project.events())[-1].kind == "page-add"


def test_dragging_a_page_moves_it_and_undo_moves_it_back(qtbot, window, ocred_sample: Path) -> None:
    first = window.pages_model.page_id(0)
    data = QMimeData()
    data.setData(PAGE_MIME, QByteArray(str(first).encode()))
    drop(window.pages_view, data, 2)
    assert window.pages_model.row_of(first) == 2
    with on_disk(ocred_sample) as project:
        assert [p.id for p in project.pages()].index(first) == 2
        assert list(project.events())[-1].kind == "page-move"
    window.menus.actions["undo"].trigger()
    assert window.pages_model.row_of(first) == 0
    with on_disk(ocred_sample) as project:
        assert project.pages()[0].id == first


def test_removing_a_page_is_undoable(qtbot, window, ocred_sample: Path) -> None:
    window.select_row(1)
    removed = window.current_page_id
    window.menus.actions["remove_page"].trigger()
    assert window.pages_model.rowCount() == 4 and window.pages_model.row_of(removed) < 0
    assert window.current_page_id != removed and window.editor.page() is not None
    with on_disk(ocred_sample) as project:
        assert removed not in [p.id for p in project.pages()]
        assert list(project.events())[-1].kind == "page-remove"
    window.menus.actions["undo"].trigger()  # back at its place, and shown
    assert window.pages_model.rowCount() == 5 and window.pages_model.row_of(removed) == 1
    assert window.current_page_id == removed
    with on_disk(ocred_sample) as project:
        assert [p.id for p in project.pages()].index(removed) == 1
        assert list(project.events())[-1].kind == "page-restore"
    window.menus.actions["redo"].trigger()
    assert window.pages_model.row_of(removed) < 0 and window.editor.page() is not None
    with on_disk(ocred_sample) as project:
        assert list(project.events())[-1].kind == "page-remove"


def test_the_view_rotates_and_keeps_its_fit(window) -> None:
    view = window.view
    view.fit_page()
    upright = view.zoom()
    window.menus.actions["rotate_right"].trigger()
    assert view.rotation() == 90
    turned = view.mapFromScene(view.sceneRect()).boundingRect()
    assert turned.width() > turned.height()  # a portrait page lies on its side
    assert view.zoom() != upright
    window.menus.actions["rotate_left"].trigger()
    assert view.rotation() == 0 and view.zoom() == pytest.approx(upright)
