"""Handwriting in the window: a `handwriting` flag accepted makes its region (the body lines
lose the spliced words), a region drawn on the scan gets the type chosen, handwritten lines
are typed like printed ones with the note's image in the line strip, and are shown apart
(italics and a bar in the margin). Bad regions are refused with a dialog, nothing made."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt

from corrigenda.gui.flags.model import FlagRole
from corrigenda.gui.project import prompts
from corrigenda.model import BBox, RegionType
from corrigenda.regions.geometry import centre_in
from corrigenda.review.verify import verify
from corrigenda.store import Source
from tests.gui.conftest import on_disk
from tests.review.helpers import put_status


def _drag(qtbot, window, box: BBox) -> None:
    view = window.view
    view.ensureVisible(box.x0, box.y0, box.width, box.height)
    start, end = view.mapFromScene(box.x0, box.y0), view.mapFromScene(box.x1, box.y1)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), QPoint(end))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def _events(path: Path) -> list[str]:
    with on_disk(path) as project:
        return [e.kind for e in project.events()]


def _italic(window, line_id: int) -> bool:
    editor = window.editor
    row = [line.id for line in editor.page().lines].index(line_id)
    block = editor.document().findBlockByNumber(row)
    return all(f.format.fontItalic() for f in block.textFormats())


def _upright(window, line_id: int) -> bool:
    editor = window.editor
    row = [line.id for line in editor.page().lines].index(line_id)
    block = editor.document().findBlockByNumber(row)
    return not any(f.format.fontItalic() for f in block.textFormats())


def test_accepting_a_handwriting_flag_makes_the_region_and_clears_the_body_lines(
    qtbot, window, ocred_sample: Path
) -> None:
    qtbot.waitUntil(window.flags_ready, timeout=60_000)
    flag = next(f for f in window.flags.model.all_flags() if f.kind == "handwriting")
    box = BBox(*flag.extra["box"])
    window.flags.go_to(flag)
    # The proposal is a region, never a text: drawn on the scan, named so in the list and
    # the menu, with no text suggestion to pick.
    assert flag.suggestions == ()
    assert window.view.proposal_rect() == QRectF(box.x0, box.y0, box.width, box.height)
    model = window.flags.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(FlagRole) == flag)
    assert "→ handwritten region" in model.index(row, 0).data()
    menu = [a.text() for a in window.flags.context_actions()]
    assert "Make it a handwritten region\tEnter" in menu
    assert not [t for t in menu if "\tAlt+" in t]
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)  # the same key as any suggestion
    with on_disk(ocred_sample) as project:
        page = project.page(flag.page_id)
        event = list(project.events())[-1]
    assert event.kind == "region-add" and event.source["type"] == "handwriting"
    (region,) = page.regions
    assert region.type == RegionType.HANDWRITTEN and region.bbox == box
    hand = [line for line in page.lines if line.region == region.id]
    assert hand and event.location["made"] == [line.id for line in hand]
    for line in page.lines:  # no body line keeps a word of the note
        if line.region is None:
            assert not any(centre_in(w.bbox, box) for w in line.words), line.text
    # The window shows the page rebuilt: the note's lines in italics with a margin bar.
    shown = window.editor.page()
    assert [line.id for line in shown.lines] == [line.id for line in page.lines]
    rows = [line.id for line in shown.lines]
    assert window.editor._numbers.marked() == {rows.index(line.id) for line in hand}
    assert all(_italic(window, line.id) for line in hand)
    body = next(line for line in page.lines if line.region is None and line.words)
    assert not _italic(window, body.id)
    assert "region 1: handwritten" in window.view.region_outlines()
    assert window.editor.current_line_id() == hand[0].id  # ready to type what it says
    # Flagged again: the accepted proposal is gone.
    qtbot.waitUntil(window.flags_ready, timeout=60_000)
    assert not any(
        f.kind == "handwriting" and f.page_id == flag.page_id and BBox(*f.extra["box"]) == box
        for f in window.flags.model.all_flags()
    )
    window.close_project()
    report = verify(ocred_sample)
    assert report.ok, report.first_problem


def test_a_region_drawn_on_blank_paper_takes_a_typed_line_shown_with_its_image(
    qtbot, window, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.editor.page()
    bottom = max(line.bbox.y1 for line in page.lines if line.bbox)
    box = BBox(1800, bottom + 100, 2300, bottom + 260)  # below the text: blank paper
    monkeypatch.setattr(prompts, "choose_region_type", lambda _w: "handwritten")
    monkeypatch.setattr(prompts, "ask_line", lambda _w, _t, _l: "Seen 21/11")
    window.menus.actions["region_draw"].trigger()
    assert window.view.drawing_region()
    _drag(qtbot, window, box)
    with on_disk(ocred_sample) as project:
        stored = project.page(page.id)
    (region,) = stored.regions
    assert region.type == RegionType.HANDWRITTEN
    assert abs(region.bbox.x0 - box.x0) <= 6 and abs(region.bbox.y1 - box.y1) <= 6  # as zoomed
    (line,) = [line for line in stored.lines if line.region == region.id]
    assert line.text == "Seen 21/11"
    printed = next(ln for ln in stored.lines if ln.region is None and ln.words)
    # The italics stay the note's: a printed line is still shown upright (a format carried
    # over from the handwritten line once made the whole editor italic).
    assert _italic(window, line.id) and _upright(window, printed.id)
    # Typed in the editor with the same keys as a printed line; the strip shows the note.
    window.editor.move_to_word(line.id, line.words[0].id)
    window.editor.setFocus()
    assert window.strip.shown_box() == region.bbox
    assert _italic(window, line.id)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, " 76")
    qtbot.waitUntil(lambda: not window.editor.has_pending(), timeout=2000)
    with on_disk(ocred_sample) as project:
        assert project.page(page.id).line(line.id).text == "Seen 21/11 76"
    assert _italic(window, line.id)  # what was typed is italic too
    # A second line, after the first, from the Page menu.
    monkeypatch.setattr(prompts, "ask_line", lambda _w, _t, _l: "J.C.")
    window.menus.actions["region_add_line"].trigger()
    with on_disk(ocred_sample) as project:
        lines = [ln.text for ln in project.page(page.id).lines if ln.region == region.id]
    assert lines == ["Seen 21/11 76", "J.C."]
    with on_disk(ocred_sample) as project:
        second = [ln for ln in project.page(page.id).lines if ln.region == region.id][1]
    assert _upright(window, printed.id) and _italic(window, second.id)
    assert window.editor.current_line_id() == second.id  # on the new line, to go on typing
    assert _events(ocred_sample)[-4:] == ["region-add", "line-add", "edit", "line-add"]
    window.close_project()
    report = verify(ocred_sample)
    assert report.ok, report.first_problem


def test_a_page_number_drawn_over_a_line_takes_it_and_a_mark_is_described(
    qtbot, window, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.editor.page()
    line = next(ln for ln in page.lines if ln.bbox and ln.words)
    answers = iter(["page-number", "stamp"])
    monkeypatch.setattr(prompts, "choose_region_type", lambda _w: next(answers))
    monkeypatch.setattr(prompts, "ask_line", lambda _w, _t, _l: "Received stamp")
    b = line.bbox
    window.menus.actions["region_draw"].trigger()
    _drag(qtbot, window, BBox(b.x0 - 5, b.y0 - 5, b.x1 + 5, b.y1 + 5))
    window.menus.actions["region_draw"].trigger()
    _drag(qtbot, window, BBox(100, 3000, 400, 3200))
    with on_disk(ocred_sample) as project:
        stored = project.page(page.id)
    number, stamp = stored.regions
    assert number.type == RegionType.PAGE_NUMBER
    assert stored.line(line.id).region == number.id  # the line is the page number's now
    assert stamp.type == RegionType.STAMP and stamp.description == "Received stamp"


@pytest.mark.parametrize(
    ("box", "words"),
    [
        (BBox(2400, 3150, 2600, 3300), "reaches outside the page"),  # off the right edge
        (BBox(300, 300, 600, 450), "overlaps region 1"),
        (BBox(300, 300, 300, 450), "needs a size"),
    ],
)
def test_a_bad_region_is_refused_with_a_dialog_and_nothing_is_made(
    qtbot, window, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch, box: BBox, words: str
) -> None:
    page = window.editor.page()
    with window.session.project.batch():  # a stamp already there
        window.session.project.add_region(
            page.id, RegionType.STAMP, BBox(200, 200, 500, 400), Source("keyboard"), "a stamp"
        )
    before = _events(ocred_sample)
    said: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "choose_region_type", lambda _w: asked.append("type") or "handwritten"
    )
    monkeypatch.setattr(prompts, "ask_line", lambda _w, _t, _l: asked.append("line") or "x")
    monkeypatch.setattr(prompts, "refused", lambda _w, _t, message: said.append(message))
    # The view's own clipping keeps a drag inside the sheet; the box comes as drawn.
    window.view.area_drawn.emit(QRectF(box.x0, box.y0, box.width, box.height))
    assert len(said) == 1 and words in said[0]
    assert asked == []  # refused before asking what the region is
    assert _events(ocred_sample) == before  # no region, no line: nothing half made
    with on_disk(ocred_sample) as project:
        assert len(project.page(page.id).regions) == 1


def test_a_long_message_does_not_widen_the_window(qtbot, window) -> None:
    width = window.width()
    window.show_message("handwriting (off the typewriter's grid, read unsurely) " * 20)
    qtbot.wait(50)
    assert window.width() == width


def test_a_region_drawn_on_a_signed_off_page_asks_first_and_goes_to_review(
    qtbot, window, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corrigenda.gui.review.panel import edit_details
    from corrigenda.model import PageStatus
    from corrigenda.review.edits import list_edits

    page = window.editor.page()
    window.session.record(lambda project: put_status(project, page.id, PageStatus.APPROVED))
    bottom = max(line.bbox.y1 for line in page.lines if line.bbox)
    box = BBox(1800, bottom + 100, 2300, bottom + 260)
    monkeypatch.setattr(prompts, "choose_region_type", lambda _w: "handwritten")
    monkeypatch.setattr(prompts, "ask_line", lambda _w, _t, _l: "Seen 21/11")
    asked: list[int] = []
    answers = [False, True]

    def ask(_w, number: int) -> bool:
        asked.append(number)
        return answers.pop(0)

    monkeypatch.setattr(prompts, "edit_signed_page", ask)
    before = _events(ocred_sample)
    window.menus.actions["region_draw"].trigger()
    _drag(qtbot, window, box)
    assert asked == [page.number] and _events(ocred_sample) == before  # declined: nothing made
    window.menus.actions["region_draw"].trigger()
    _drag(qtbot, window, box)
    assert _events(ocred_sample)[-2:] == ["region-add", "line-add"]
    with on_disk(ocred_sample) as project:
        assert project.pages()[page.number - 1].status == PageStatus.IN_REVIEW
        listed = [e for e in list_edits(project) if e.is_region_change]
    assert [e.kind for e in listed] == ["region-add", "line-add"]
    assert all(e.after_approval for e in listed)  # made after the sign-off: marked so
    details = edit_details(listed[0])
    assert "Region change" in details and "region 1" in details
    window.close_project()
    report = verify(ocred_sample)
    assert report.ok, report.first_problem
