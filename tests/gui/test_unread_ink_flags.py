"""Ink OCR left unread (a note it could not read at all) is a `handwriting` flag in the
window, as `regions --find` proposes it: looked for after the other flags, in a process of
its own; F8 goes to it (the scan shows its box), Enter makes the handwritten region and asks
for its first line, one batch of events through the write path that verify replays."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt

from corrigenda.gui.project import prompts
from corrigenda.model import BBox, OcrRun, PageImage, RegionType
from corrigenda.review.verify import verify
from corrigenda.store import Project, Source
from tests.gui.conftest import on_disk, open_window
from tests.regions.inked import NOTE


def _ink(window) -> list:  # type: ignore[type-arg]
    return [f for f in window.flags.model.all_flags() if f.kind == "handwriting"]


def test_unread_ink_is_a_flag_reached_with_f8_and_made_a_region_with_enter(
    qtbot, inked, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, path = inked
    qtbot.waitUntil(lambda: bool(_ink(window)), timeout=30_000)
    (flag,) = _ink(window)
    box = BBox(*flag.extra["box"])
    assert box.intersection_area(NOTE) >= 0.8 * NOTE.area
    assert flag.line_id == 3 and flag.start == flag.end  # beside line 3, on no words
    model = window.flags.model
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "p1 l3  (unread ink) → handwritten region  · handwriting" in rows
    window.editor.move_to_offset(1, 0)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_F8)
    while window.flags.current_flag() != flag:  # other flags first, if any
        qtbot.keyClick(window.editor, Qt.Key.Key_F8)
    assert window.editor.current_line_id() == 3
    assert window.view.proposal_rect() == QRectF(box.x0, box.y0, box.width, box.height)
    asked: list[str] = []

    def first_line(_w, _title: str, label: str) -> str:
        asked.append(label)
        return "seen 12/3"

    monkeypatch.setattr(prompts, "ask_line", first_line)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)  # the same key as any suggestion
    assert asked == ["Its first line (as written):"]
    with on_disk(path) as project:
        page = project.page(project.pages()[0].id)
        events = list(project.events())
    (region,) = page.regions
    assert region.type == RegionType.HANDWRITTEN and region.bbox == box
    assert [e.kind for e in events[-2:]] == ["region-add", "line-add"]
    assert events[-2].source["type"] == "handwriting"
    (line,) = [ln for ln in page.lines if ln.region == region.id]
    assert line.text == "seen 12/3"
    # Flagged again, the ink is a region now: no flag proposes it any more.
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    qtbot.waitUntil(lambda: not window.flags.service.ink.running, timeout=30_000)
    assert _ink(window) == []
    window.close_project()
    report = verify(path)
    assert report.ok, report.first_problem


def test_ink_flags_stay_when_their_line_is_edited(qtbot, inked) -> None:
    window, _path = inked
    qtbot.waitUntil(lambda: bool(_ink(window)), timeout=30_000)
    (flag,) = _ink(window)
    window.editor.move_to_offset(3, 0)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "The ")
    qtbot.waitUntil(lambda: not window.editor.has_pending(), timeout=2000)
    qtbot.waitUntil(lambda: _ink(window) != [flag], timeout=5000)
    (moved,) = _ink(window)
    assert moved.line_id == 3 and moved.start == moved.end == flag.end + 4
    assert moved.extra["box"] == flag.extra["box"]


def test_an_empty_first_line_makes_no_region_and_says_what_to_type(
    qtbot, inked, monkeypatch: pytest.MonkeyPatch
) -> None:
    # OK on an empty line once closed the prompt with nothing made and nothing said.
    window, path = inked
    qtbot.waitUntil(lambda: bool(_ink(window)), timeout=30_000)
    (flag,) = _ink(window)
    window.flags.go_to(flag)
    monkeypatch.setattr(prompts, "ask_line", lambda _w, _t, _l: "  ")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    assert window.status.text().startswith("No region made: type the note's first line")
    with on_disk(path) as project:
        assert project.page(project.pages()[0].id).regions == ()
    assert _ink(window) == [flag]
    window.close_project()


@pytest.fixture
def heavy(qtbot, tmp_path: Path) -> Iterator[tuple[object, Path]]:
    """The window on a typed page with a note OCR read ("seen (2/3") that only its ink,
    heavier than the typing's, tells is a hand's."""
    from tests.regions.test_handwriting_ink import _scan, _seen

    page = _seen()
    buffer = io.BytesIO()
    _scan(page, {940, 941}).save(buffer, format="PNG", dpi=(300, 300))
    data = buffer.getvalue()
    scan = PageImage("heavy.png", data, "PNG", page.width, page.height, 300,
                     hashlib.sha256(data).hexdigest())  # fmt: skip
    path = tmp_path / "heavy.corrigenda"
    with Project.create(path, [scan]) as project:
        run = OcrRun("test", "1", "eng", {}, "", page.lines)
        project.set_ocr(project.pages()[0].id, run, Source("ocr", {"engine": "test"}))
    window = open_window(qtbot, path, flagged=True)
    yield window, path
    window.close()


def test_a_note_only_the_scan_tells_is_listed_with_its_words_and_made_a_region_with_them(
    qtbot, heavy, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found by its ink alone, it showed as "(unread ink)", an empty flag at the line's end,
    # though OCR had read its words: the row shows them, and Enter makes the region with
    # them (no first line asked for).
    window, path = heavy
    qtbot.waitUntil(lambda: bool(_ink(window)), timeout=30_000)
    (flag,) = _ink(window)
    assert flag.text == "seen (2/3" and flag.line_id == 94 and flag.start < flag.end
    model = window.flags.model
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert any("seen (2/3 → handwritten region  · handwriting" in row for row in rows), rows
    assert not any("(unread ink)" in row for row in rows)

    def never(*_args: object) -> str:
        raise AssertionError("a first line was asked for a note whose words OCR read")

    monkeypatch.setattr(prompts, "ask_line", never)
    window.flags.go_to(flag)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    with on_disk(path) as project:
        page = project.page(project.pages()[0].id)
    (region,) = page.regions
    assert [ln.text for ln in page.lines if ln.region == region.id] == ["seen (2/3"]
    # The next pass of the scan replaces the flag: the note is a region, nothing proposed.
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    qtbot.waitUntil(lambda: not window.flags.service.ink.running, timeout=30_000)
    assert _ink(window) == []
    window.close_project()
