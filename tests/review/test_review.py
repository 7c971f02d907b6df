"""Review: listing with diffs and filters, approve/reject with revert, page status, sampling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.errors import CorrigendaError
from corrigenda.model import PageStatus
from corrigenda.review import decisions
from corrigenda.review.diff import marked
from corrigenda.review.edits import EditFilter, list_edits
from corrigenda.review.sampling import draw_sample, qc_summary
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project

L2 = "Participants: I.I. Brezhnev, General Secretary"
L2_FIXED = "Participants: L.I. Brezhnev, General Secretary"
P2L1 = "The General Secretary said that the rnessage had been"


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        first, second = project.pages()
        project.edit_lines(
            [LineEdit(first.id, 2, L2, L2_FIXED)], Source("suggestion", {"check": "names"})
        )
        project.edit_lines(
            [
                LineEdit(second.id, 1, P2L1, P2L1.replace("rnessage", "message")),
                LineEdit(second.id, 2, "3.", ""),
            ],
            Source("batch", {"pattern": "rn"}),
        )
    with Project.open(path, actor="bob") as project:
        first = project.pages()[0]
        project.edit_lines(
            [LineEdit(first.id, 2, L2_FIXED, L2_FIXED.replace(",", ""))], Source("keyboard")
        )
    return path


def test_listing_shows_diffs_against_ocr_and_filters(project_path: Path) -> None:
    with Project.open(project_path, readonly=True) as project:
        edits = list_edits(project)
        assert [e.event_id for e in edits] == [6, 9, 7, 8]
        bob = list_edits(project, EditFilter(actors=["bob"]))[0]
        assert bob.ocr_text == L2
        assert marked(bob.diff_ocr()) == (
            "Participants: [-I.I. Brezhnev,-]{+L.I. Brezhnev+} General Secretary"
        )
        assert [e.event_id for e in list_edits(project, EditFilter(checks=["names"]))] == [6]
        assert [
            e.event_id for e in list_edits(project, EditFilter(sources=["batch"], pages=[2]))
        ] == [7, 8]
        assert list_edits(project, EditFilter(until="2000-01-01")) == []


def test_reject_reverts_and_approve_moves_the_approved_state(project_path: Path) -> None:
    with Project.open(project_path, actor="archivist") as project:
        second = project.pages()[1]
        decisions.reject(project, [8], "page numbers stay in the transcript")
        assert project.page(second.id).line(2).text == "3."
        decisions.approve(project, [6])
        with pytest.raises(CorrigendaError, match="already rejected"):
            decisions.approve(project, [8])
        with pytest.raises(CorrigendaError, match="needs a reason"):
            decisions.reject(project, [7], " ")
        edits = {e.event_id: e for e in list_edits(project)}
        assert edits[8].state == "rejected" and edits[8].reason.startswith("page numbers")
        assert edits[6].state == "approved" and edits[6].decided_by == "archivist"
        assert edits[9].approved_text == L2_FIXED  # bob's edit is shown against the approved one
        assert [e.state for e in edits.values() if e.source_type == "review"] == ["revert"]
    assert verify(project_path).ok


def test_a_page_edited_after_approval_goes_back_to_review(project_path: Path) -> None:
    with Project.open(project_path, actor="archivist") as project:
        first = project.pages()[0]
        decisions.approve_pages(project, [1])
        assert project.pages()[0].status == PageStatus.APPROVED
        assert all(e.state == "approved" for e in list_edits(project, EditFilter(pages=[1])))
        project.edit_lines(
            [LineEdit(first.id, 1, "MEMORANDUM OF CONVERSATION", "MEMORANDUM OF A CONVERSATION")],
            Source("keyboard"),
        )
        assert project.pages()[0].status == PageStatus.IN_REVIEW
        late = list_edits(project, EditFilter(pages=[1], states=["pending"]))
        assert [e.after_approval for e in late] == [True]
        decisions.return_page(project, 1, "please check the heading against the scan")
        assert project.pages()[0].status == PageStatus.RETURNED
        decisions.submit_page(project, 1)
        assert project.pages()[0].status == PageStatus.IN_REVIEW
    report = verify(project_path)
    assert report.ok
    assert report.signoffs[0].changed_since == [1]


def test_sample_draws_from_each_transcriber_and_summary_counts(project_path: Path) -> None:
    with Project.open(project_path, actor="archivist") as project:
        drawn = draw_sample(project, 10, seed=0)  # seed 0 draws alice's edit 7
        assert sorted({e.actor for e in drawn}) == ["alice", "bob"]  # at least one each
        alice = next(e for e in drawn if e.actor == "alice")
        decisions.reject(project, [alice.event_id], "wrong")
        rows = {r.actor: r for r in qc_summary(list_edits(project))}
        assert rows["alice"].edits == 3 and rows["alice"].sampled == 1
        assert rows["alice"].rejected == 1 and rows["alice"].error_rate == 1.0
        assert rows["bob"].sampled == 1 and rows["bob"].pending == 1
        assert draw_sample(project, 100, seed=3)  # the rest are still pending, not sampled
        with pytest.raises(CorrigendaError):
            draw_sample(project, 0)


def test_sampled_edit_changed_by_reviewer_counts_as_changed(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        first = project.pages()[0]
        project.edit_lines(
            [LineEdit(first.id, 2, L2, L2.replace("I.I.", "L.L."))], Source("keyboard")
        )
    with Project.open(path, actor="archivist") as project:
        draw_sample(project, 100, seed=1)
        project.edit_lines(
            [LineEdit(first.id, 2, L2.replace("I.I.", "L.L."), L2_FIXED)], Source("keyboard")
        )
        (alice,) = [r for r in qc_summary(list_edits(project)) if r.actor == "alice"]
        assert alice.changed == 1 and alice.error_rate == 1.0


def test_cli_review(project_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = str(project_path)
    assert main(["review", p, "--list", "--json", "--user", "alice"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["event_id"] for e in listed] == [6, 7, 8]
    assert main(["review", p, "--reject", "7"]) == 2  # a missing option: bad input
    assert "--reason" in capsys.readouterr().err
    assert main(["review", p, "--reject", "8", "--reason", "keep page numbers"]) == 0
    assert main(["review", p, "--approve", "6", "7"]) == 0
    assert main(["review", p, "--page", "2"]) == 0
    assert "sign-off" in capsys.readouterr().out
    assert main(["review", p, "--approve", "99"]) != 0
    assert main(["review", p, "--sample", "50", "--seed", "2"]) == 0
    assert main(["review", p, "--summary"]) == 0
    assert "bob" in capsys.readouterr().out
    assert main(["review", p, "--page", "7"]) != 0
    assert main(["verify", p]) == 0


def test_a_returned_page_is_edited_resubmitted_and_verifies(project_path: Path) -> None:
    with Project.open(project_path, actor="archivist") as project:
        first = project.pages()[0]
        decisions.return_page(project, 1, "the date line is misread")
        assert project.pages()[0].status == PageStatus.RETURNED
        project.actor = "alice"
        project.edit_lines(
            [LineEdit(first.id, 1, "MEMORANDUM OF CONVERSATION", "MEMORANDUM OF A CONVERSATION")],
            Source("keyboard"),
        )
        assert project.pages()[0].status == PageStatus.TRANSCRIBED
        decisions.submit_page(project, 1)
        assert project.pages()[0].status == PageStatus.IN_REVIEW
    assert verify(project_path).ok
    with Project.open(project_path, readonly=True) as project:
        note = [e for e in project.events(kinds=("status",)) if e.after == "returned"]
    assert [e.comment for e in note] == ["the date line is misread"]
