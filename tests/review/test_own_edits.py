"""Separation of duties: approving your own edits is refused unless allowed, and then recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.errors import CorrigendaError
from corrigenda.model import PageStatus
from corrigenda.review import decisions
from corrigenda.review.edits import EditFilter, list_edits
from corrigenda.review.report_html import gather, render
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project

P2L1 = "The General Secretary said that the rnessage had been"


@pytest.fixture
def own_path(tmp_path: Path) -> Path:
    """Page 2 edited by "archivist", who then reviews it."""
    path = make_project(tmp_path)
    with Project.open(path, actor="archivist") as project:
        second = project.pages()[1]
        project.edit_lines(
            [LineEdit(second.id, 1, P2L1, P2L1.replace("rnessage", "message"))], Source("keyboard")
        )
    return path


def test_approving_or_signing_off_own_edits_is_refused(own_path: Path) -> None:
    with Project.open(own_path, actor="archivist") as project:
        (edit,) = list_edits(project)
        with pytest.raises(CorrigendaError, match="allow-own-edits"):
            decisions.approve(project, [edit.event_id])
        with pytest.raises(CorrigendaError, match="allow-own-edits"):
            decisions.approve_pages(project, [2])
        with pytest.raises(CorrigendaError, match="allow-own-edits"):
            decisions.approve_document(project)
        assert list_edits(project)[0].state == "pending"
        assert project.pages()[1].status != PageStatus.APPROVED


def test_another_reviewer_approves_without_the_flag(own_path: Path) -> None:
    with Project.open(own_path, actor="second-reviewer") as project:
        decisions.approve_pages(project, [2])
        (edit,) = list_edits(project)
        assert edit.state == "approved" and not edit.self_approved


def test_allowed_self_approval_is_recorded_and_reported(own_path: Path) -> None:
    with Project.open(own_path, actor="archivist") as project:
        recorded = decisions.approve_pages(project, [2], allow_own_edits=True)
        (edit,) = list_edits(project)
        review = next(e for e in recorded if e.kind == "review")
        assert review.source["own-edits"] == [edit.event_id]
        assert edit.self_approved and edit.decided_by == "archivist"
    out = own_path.parent / "audit.jsonl"
    assert main(["audit", str(own_path), "--format", "jsonl", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows if r["self_approved"]] == [edit.event_id]
    with Project.open(own_path, readonly=True) as project:
        html = render(gather(project))
    assert "approved by its own author" in html


def test_cli_list_shows_self_approval(
    own_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("corrigenda.store.project.default_actor", lambda: "archivist")
    p = str(own_path)
    with Project.open(own_path, readonly=True) as project:
        assert project.actor == "archivist"
    edit_id = str(list_edits_ids(own_path)[0])
    assert main(["review", p, "--approve", edit_id]) != 0
    assert "--allow-own-edits" in capsys.readouterr().err
    assert main(["review", p, "--approve", edit_id, "--allow-own-edits"]) == 0
    assert main(["review", p, "--list"]) == 0
    assert "self-approved" in capsys.readouterr().out


def list_edits_ids(path: Path) -> list[int]:
    with Project.open(path, readonly=True) as project:
        return [e.event_id for e in list_edits(project, EditFilter())]
