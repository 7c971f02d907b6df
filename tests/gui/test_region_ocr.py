"""Re-OCR of a region drawn on the scan: line proposals, corrections kept unless ticked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from corrigenda.cli import main
from corrigenda.gui.ocr import region_dialog
from corrigenda.gui.ocr.region_dialog import ProposalsModel
from corrigenda.gui.project import prompts
from corrigenda.model import BBox, Line, Page, Word
from corrigenda.ocr import region as region_ocr
from tests.gui.conftest import on_disk
from tests.gui.test_main_window import type_at_word


def test_proposals_take_the_words_whose_centres_fall_in_each_line() -> None:
    page = Page(
        1,
        1,
        "p",
        1000,
        1000,
        lines=(
            Line(
                1,
                (Word(1, "Tbe", BBox(10, 10, 60, 30)), Word(2, "cat", BBox(70, 10, 120, 30))),
                BBox(10, 10, 120, 30),
            ),
            Line(2, (Word(3, "sat", BBox(10, 50, 60, 70)),), BBox(10, 50, 60, 70)),
            Line(3, (Word(4, "far", BBox(10, 500, 60, 520)),), BBox(10, 500, 60, 520)),
        ),
    )
    ocr = [
        Line(
            9,
            (
                Word(8, "cat", BBox(72, 12, 118, 29)),
                Word(7, "The", BBox(11, 11, 59, 29)),
                Word(6, "sat", BBox(12, 52, 58, 69)),
            ),
        )
    ]
    found = region_ocr.proposals(page, BBox(0, 0, 200, 100), ocr, corrected={1})
    assert [(p.line_id, p.now, p.ocr, p.corrected) for p in found] == [
        (1, "Tbe cat", "The cat", True)
    ]  # line 2 reads the same; line 3 is outside
    assert ProposalsModel(found).ticked() == []  # a correction is not ticked by default


def draw(qtbot, window, box: BBox) -> None:
    """Draw a region a little larger than `box` with the mouse, as the user does."""
    view = window.view
    view.ensureVisible(box.x0, box.y0, box.width, box.height)
    start = view.mapFromScene(box.x0 - 8, box.y0 - 8)
    end = view.mapFromScene(box.x1 + 8, box.y1 + 8)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), QPoint(end))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert not view.drawing_region()


def test_a_drawn_region_is_read_again_and_a_correction_replaced_only_when_ticked(
    qtbot, window, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.editor.page()
    line = next(ln for ln in page.lines if ln.bbox and len(ln.words) >= 4)
    type_at_word(qtbot, window, line, 0, "Zz")  # a (wrong) correction
    window.editor.flush()
    box = line.bbox
    offered: list[list[region_ocr.Proposal]] = []
    monkeypatch.setattr(prompts, "choose_psm", lambda _w: 7)
    monkeypatch.setattr(
        region_dialog,
        "offer",
        lambda _w, _session, _page, found, _psm, _region, reading: (
            offered.append(found) or readings.append(reading) or "offered"
        ),
    )
    readings: list[region_ocr.RegionReading] = []
    window.menus.actions["reocr_region"].trigger()
    draw(qtbot, window, box)
    qtbot.waitUntil(lambda: bool(offered), timeout=60_000)
    assert readings[0].cleanup == "none"  # plain re-OCR reads the scan as it is
    found = {p.line_id: p for p in offered[0]}
    proposal = found[line.id]
    assert proposal.corrected and proposal.now.startswith("Zz")
    assert not proposal.ocr.startswith("Zz") and proposal.ocr.split()[-1] == line.words[-1].text

    region = BBox(box.x0 - 8, box.y0 - 8, box.x1 + 8, box.y1 + 8)
    region_dialog.apply(
        window.session, window.editor.page(), [proposal], 7, region, readings[0]
    )  # ticked: confirmed
    with on_disk(ocred_sample) as project:
        assert project.page(page.id).line(line.id).text == proposal.ocr
        last = list(project.events())[-1]
        assert last.source["type"] == "re-ocr" and last.source["overwrote"] == [line.id]
    assert window.editor.line_text(line.id) == proposal.ocr


def test_a_region_is_re_read_with_the_variant_chosen_in_the_page_menu(
    qtbot, window, ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.editor.page()
    line = next(ln for ln in page.lines if ln.bbox and len(ln.words) >= 4)
    type_at_word(qtbot, window, line, 0, "Zz")  # a correction, to be kept
    window.editor.flush()
    monkeypatch.setattr(prompts, "choose_psm", lambda _w: 7)
    shown: list[region_dialog.RegionOcrDialog] = []

    def exec_dialog(dialog: region_dialog.RegionOcrDialog) -> int:
        shown.append(dialog)
        model = dialog.model
        assert all(p.line_id != line.id for p in model.ticked())  # a correction: unticked
        for row in range(model.rowCount()):  # the user ticks every line, the corrected one too
            model.setData(
                model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
            )
        return 1  # accepted

    monkeypatch.setattr(region_dialog.RegionOcrDialog, "exec", exec_dialog)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Page")
    submenu = next(
        a.menu() for a in menu.actions() if a.menu() and a.text().startswith("Read a re&gion again")
    )
    median = next(a for a in submenu.actions() if a.data() == "median")
    median.trigger()
    assert window.view.drawing_region()
    draw(qtbot, window, line.bbox)
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert "cleaned with median" in shown[0].findChild(QLabel).text()
    assert window.region_cleanup == "none"  # the next region is read as scanned again
    qtbot.waitUntil(lambda: not window.editor.line_text(line.id).startswith("Zz"))
    with on_disk(ocred_sample) as project:
        event = list(project.events())[-1]
        assert not project.page(page.id).line(line.id).text.startswith("Zz")
    assert event.source["type"] == "re-ocr"
    assert (event.source["cleanup"], event.source["variant"]) == ("median", "median")
    assert event.source["overwrote"] == [line.id]
    assert main(["verify", str(ocred_sample)]) == 0
