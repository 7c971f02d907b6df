"""Undoing a region change is an event (`region-undo`, `region-redo`) through the write path:
the page's lines and regions return to what they were before the change (after it, to redo),
the history keeps everything, and verify checks what was restored against its rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.errors import UsageError
from corrigenda.model import BBox, RegionType
from corrigenda.review.verify import verify
from corrigenda.store import Project, Source
from tests.regions.inked import inked_scan


def _project(path: Path) -> int:
    scan, run = inked_scan()
    with Project.create(path, [scan]) as project:
        page_id = project.pages()[0].id
        project.set_ocr(page_id, run, Source("ocr", {"engine": "test"}))
    return page_id


def _note(project: Project, page_id: int) -> tuple[list[int], str, str]:
    """A handwritten region over the end of line 3 (its words leave the line) and a line typed
    into it: the events, the page's state before and after."""
    before, first = project.region_state(page_id), project.last_event_id()
    with project.batch():
        region, _event = project.add_region(
            page_id, RegionType.HANDWRITTEN, BBox(1900, 440, 2300, 500), Source("keyboard")
        )
        project.add_region_line(page_id, region.id, "seen 12/3", Source("keyboard"))
    ids = [event.id for event in project.events(after_id=first)]
    return ids, before, project.region_state(page_id)


def test_a_region_change_is_undone_and_redone_as_events_verify_replays(tmp_path: Path) -> None:
    path = tmp_path / "p.corrigenda"
    page_id = _project(path)
    with Project.open(path) as project:
        ids, before, after = _note(project, page_id)
        typed = project.page(page_id).lines[2].text
        assert before != after and len(ids) == 2
        project.restore_region_state(page_id, ids, after, before, Source("undo"), undo=True)
        assert project.region_state(page_id) == before
        page = project.page(page_id)
        assert page.regions == () and page.lines[2].text.endswith("memoranda")
        project.restore_region_state(page_id, ids, before, after, Source("redo"), undo=False)
        assert project.region_state(page_id) == after
        assert project.page(page_id).lines[2].text == typed
        kinds = [e.kind for e in project.events(page_id=page_id)][-4:]
    assert kinds == ["region-add", "line-add", "region-undo", "region-redo"]
    report = verify(path)
    assert report.ok, report.first_problem


def test_an_undo_of_a_page_changed_since_is_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.corrigenda"
    page_id = _project(path)
    with Project.open(path) as project:
        ids, before, after = _note(project, page_id)
        project.add_region(page_id, RegionType.STAMP, BBox(100, 2000, 400, 2200), Source("k"))
        events = project.last_event_id()
        with pytest.raises(UsageError, match="changed since that region change"):
            project.restore_region_state(page_id, ids, after, before, Source("undo"), undo=True)
        assert project.last_event_id() == events
    assert verify(path).ok


def test_verify_fails_an_undo_that_restores_a_page_the_history_never_had(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.corrigenda"
    page_id = _project(path)
    with Project.open(path) as project:
        ids, before, after = _note(project, page_id)
        forged = before.replace("memoranda", "memorandum", 1)  # a word changed on the way
        project.restore_region_state(page_id, ids, after, forged, Source("undo"), undo=True)
    report = verify(path)
    assert not report.ok
    assert "did not have before events" in (report.first_problem or "")


def test_an_undo_keeps_typing_on_lines_the_region_change_did_not_touch(tmp_path: Path) -> None:
    from corrigenda.store import LineEdit

    path = tmp_path / "p.corrigenda"
    page_id = _project(path)
    with Project.open(path) as project:
        ids, before, after = _note(project, page_id)
        first = project.page(page_id).lines[0]
        project.write_lines(
            [LineEdit(page_id, first.id, first.text, "So " + first.text)], Source("keyboard")
        )
        project.restore_region_state(page_id, ids, after, before, Source("undo"), undo=True)
        page = project.page(page_id)
        assert page.regions == () and page.lines[0].text.startswith("So the quick")
        assert page.lines[2].text.endswith("memoranda")  # the note's words back in line 3
    report = verify(path)
    assert report.ok, report.first_problem
