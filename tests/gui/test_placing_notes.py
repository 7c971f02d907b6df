"""A note a transcript brought without a place (a handwritten region with no box) is placed
in the window: the cursor on one of its lines, "Place this note on the scan…" (Ctrl+Shift+P),
then a box drawn on the scan. The box is the region's, one `region-move` event through the
write path; verify replays it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from corrigenda.model import BBox, RegionType
from corrigenda.review.verify import verify
from corrigenda.store import Project, Source
from tests.gui.conftest import on_disk, open_window
from tests.gui.test_handwriting_window import _drag


def _unplaced_note(path: Path) -> tuple[int, int, int]:
    """Page, region and line ids of a note given no box (as an import leaves one)."""
    with Project.open(path) as project:
        page_id = project.pages()[0].id
        region, _event = project.add_region(page_id, RegionType.HANDWRITTEN, None, Source("import"))
        line = project.add_region_line(page_id, region.id, "Seen 21/11", Source("import"))
    return page_id, region.id, line.id


def test_an_unplaced_note_is_placed_by_drawing_its_box(qtbot, ocred_sample: Path) -> None:
    page_id, region_id, line_id = _unplaced_note(ocred_sample)
    window = open_window(qtbot, ocred_sample)
    page = window.editor.page()
    bottom = max(line.bbox.y1 for line in page.lines if line.bbox and line.region is None)
    box = BBox(1800, bottom + 100, 2300, bottom + 260)  # blank paper below the text
    place = window.menus.actions["region_place"]
    # On a printed line there is no note to place: nothing starts.
    printed = next(line for line in page.lines if line.region is None and line.words)
    window.editor.move_to_word(printed.id, printed.words[0].id)
    assert window.regions.unplaced_note() is None
    place.trigger()
    assert not window.view.drawing_region()
    # On the note's line the next box drawn is its place; no question about a type.
    window.editor.move_to_offset(line_id, 0)
    assert window.regions.unplaced_note() is not None
    with on_disk(ocred_sample) as project:
        events = len(list(project.events()))
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.editor, Qt.Key.Key_P, keys)
    assert window.view.drawing_region()
    _drag(qtbot, window, box)
    with on_disk(ocred_sample) as project:
        stored = project.page(page_id)
        new = list(project.events())[events:]
    (region,) = stored.regions
    assert region.id == region_id and region.type == RegionType.HANDWRITTEN
    assert region.bbox is not None
    assert abs(region.bbox.x0 - box.x0) <= 6 and abs(region.bbox.y1 - box.y1) <= 6  # as zoomed
    assert [e.kind for e in new] == ["region-move"]
    assert stored.line(line_id).region == region_id  # its line stays the note's
    assert window.regions.unplaced_note() is None  # placed: nothing more to place
    window.editor.move_to_offset(line_id, 0)
    assert window.strip.shown_box() == region.bbox  # the strip shows the note's image
    window.close_project()
    report = verify(ocred_sample)
    assert report.ok, report.first_problem


def test_escape_while_placing_leaves_the_note_unplaced_and_the_next_box_is_a_new_region(
    qtbot, ocred_sample: Path, monkeypatch
) -> None:
    from corrigenda.gui.project import prompts

    _page_id, region_id, line_id = _unplaced_note(ocred_sample)
    window = open_window(qtbot, ocred_sample)
    window.editor.move_to_offset(line_id, 0)
    window.menus.actions["region_place"].trigger()
    assert window.view.drawing_region()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.view.drawing_region()
    asked: list[str] = []
    monkeypatch.setattr(prompts, "choose_region_type", lambda _w: asked.append("type") or None)
    window.menus.actions["region_draw"].trigger()
    page = window.editor.page()
    bottom = max(line.bbox.y1 for line in page.lines if line.bbox and line.region is None)
    _drag(qtbot, window, BBox(1800, bottom + 100, 2300, bottom + 260))
    assert asked == ["type"]  # drawing a region asks its type; the note was not placed
    with on_disk(ocred_sample) as project:
        assert project.page(page.id).region(region_id).bbox is None
    window.close_project()
