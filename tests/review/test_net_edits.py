"""Review lists the net change: an edit and the undo that took it back cancel out, a redo
stands for the edit again; the events themselves (the audit trail) stay complete."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from corrigenda.errors import CorrigendaError
from corrigenda.review import decisions, report
from corrigenda.review.edits import STATES, EditFilter, list_edits
from corrigenda.review.sampling import qc_summary
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project

L1 = "MEMORANDUM OF CONVERSATION"
L2 = "Participants: I.I. Brezhnev, General Secretary"
L2_FIXED = "Participants: L.I. Brezhnev, General Secretary"


def _edit(project: Project, line: int, before: str, after: str) -> list[int]:
    page = project.pages()[0]
    return [
        e.id
        for e in project.edit_lines([LineEdit(page.id, line, before, after)], Source("keyboard"))
    ]


def _pending(project: Project) -> list[int]:
    return [e.event_id for e in list_edits(project) if e.state == "pending"]


def test_an_undone_edit_is_not_pending_but_stays_in_the_events(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        kept = _edit(project, 1, L1, "MEMORANDUM OF A CONVERSATION")
        done = _edit(project, 2, L2, L2_FIXED)
        undo = [e.id for e in project.undo(done)]
        assert _pending(project) == kept  # the undone edit and its undo cancel out
        assert [e.event_id for e in list_edits(project)] == kept
        every = {e.event_id: e for e in list_edits(project, EditFilter(states=STATES))}
        assert every[done[0]].state == every[undo[0]].state == "undone"
        assert every[done[0]].cancels == undo[0] and every[undo[0]].cancels == done[0]
        # the audit trail: every event is there, and its export says what became of it
        ids = [e.id for e in project.events(kinds=("edit",))]
        assert set(done + undo + kept) <= set(ids)
        out = io.BytesIO()
        report.write(project, "jsonl", out)
        rows = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
        assert rows[done[0]]["review_state"] == rows[undo[0]]["review_state"] == "undone"
        assert [r.edits for r in qc_summary(list_edits(project))] == [1]
        with pytest.raises(CorrigendaError, match="taken back by an undo"):
            decisions.approve(project, done, allow_own_edits=True)
    assert verify(path).ok


def test_an_edit_undone_and_redone_is_one_pending_edit(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        done = _edit(project, 2, L2, L2_FIXED)
        undo = [e.id for e in project.undo(done)]
        redo = [e.id for e in project.redo(undo)]
        assert _pending(project) == redo
        (edit,) = list_edits(project)
        assert edit.redoes == done[0] and edit.after == L2_FIXED and edit.ocr_text == L2
        # again: undo the redo, redo that; still one edit, naming the first
        undo2 = [e.id for e in project.undo(redo)]
        assert _pending(project) == []
        redo2 = [e.id for e in project.redo(undo2)]
        (edit,) = list_edits(project)
        assert (edit.event_id, edit.redoes) == (redo2[0], done[0])


def test_typing_merged_into_one_step_cancels_line_by_line(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        step = _edit(project, 2, L2, L2_FIXED) + _edit(project, 2, L2_FIXED, L2_FIXED + ".")
        step += _edit(project, 1, L1, L1.lower())
        undo = [e.id for e in project.undo(step)]
        assert _pending(project) == []
        every = {e.event_id: e for e in list_edits(project, EditFilter(states=STATES))}
        pairs = {e.event_id: e.cancels for e in every.values()}
        # each undo event took back the edit on its own line it inverts
        for u in undo:
            assert every[pairs[u]].before == every[u].after
            assert every[pairs[u]].after == every[u].before


def test_undoing_an_approved_edit_is_a_change_to_review(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        done = _edit(project, 2, L2, L2_FIXED)
    with Project.open(path, actor="archivist") as project:
        decisions.approve(project, done)
        undo = [e.id for e in project.undo(done)]
        assert _pending(project) == undo
        assert {e.event_id: e.state for e in list_edits(project)}[done[0]] == "approved"
        # its redo brings the approved text back: nothing left to review
        project.redo(undo)
        assert _pending(project) == []
