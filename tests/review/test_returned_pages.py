"""A page returned to its transcriber is not approved or signed off until it comes back."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.errors import CorrigendaError
from corrigenda.model import PageStatus
from corrigenda.review import decisions
from corrigenda.review.edits import EditFilter, list_edits
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project

P2L1 = "The General Secretary said that the rnessage had been"


@pytest.fixture
def returned_path(tmp_path: Path) -> Path:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        second = project.pages()[1]
        project.edit_lines(
            [LineEdit(second.id, 1, P2L1, P2L1.replace("rnessage", "message"))], Source("keyboard")
        )
        decisions.submit_page(project, 2)
    with Project.open(path, actor="archivist") as project:
        decisions.return_page(project, 2, "check line 5")
    return path


def test_document_approval_skips_a_returned_page(returned_path: Path) -> None:
    with Project.open(returned_path, actor="archivist") as project:
        assert decisions.returned_pages(project) == {2: "check line 5"}
        decisions.approve_document(project)
        statuses = [info.status for info in project.pages()]
        assert statuses == [PageStatus.APPROVED, PageStatus.RETURNED]
        assert all(e.state == "pending" for e in list_edits(project, EditFilter(pages=[2])))


def test_page_approval_of_a_returned_page_is_refused_with_the_note(returned_path: Path) -> None:
    with Project.open(returned_path, actor="archivist") as project:
        with pytest.raises(CorrigendaError, match=r"returned.*check line 5"):
            decisions.approve_pages(project, [2])
        assert project.pages()[1].status == PageStatus.RETURNED


def test_a_resubmitted_page_can_be_approved(returned_path: Path) -> None:
    with Project.open(returned_path, actor="alice") as project:
        decisions.submit_page(project, 2)
    with Project.open(returned_path, actor="archivist") as project:
        decisions.approve_pages(project, [2])
        assert project.pages()[1].status == PageStatus.APPROVED


def test_cli_document_says_what_it_skipped(
    returned_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = str(returned_path)
    assert main(["review", p, "--page", "2"]) != 0
    assert "returned" in capsys.readouterr().err
    assert main(["review", p, "--document"]) == 0
    err = capsys.readouterr().err
    assert "skipped page 2" in err and "check line 5" in err
    with Project.open(returned_path, readonly=True) as project:
        assert project.pages()[1].status == PageStatus.RETURNED


def test_approving_edits_of_a_returned_page_is_refused(returned_path: Path) -> None:
    with Project.open(returned_path, actor="archivist") as project:
        (edit,) = list_edits(project, EditFilter(pages=[2]))
        with pytest.raises(decisions.ReturnedPageError, match=r"page 2 .*returned.*--submit 2"):
            decisions.approve(project, [edit.event_id])
        assert list_edits(project, EditFilter(pages=[2]))[0].state == "pending"
        assert project.pages()[1].status == PageStatus.RETURNED


def test_returned_page_is_refused_before_the_own_edits_question(returned_path: Path) -> None:
    # The GUI asks "approve your own edits?" on OwnEditsError: it must not ask that first
    # and then refuse the page anyway.
    with Project.open(returned_path, actor="alice") as project:
        (edit,) = list_edits(project, EditFilter(pages=[2]))
        with pytest.raises(decisions.ReturnedPageError):
            decisions.approve(project, [edit.event_id])


def test_rejecting_edits_of_a_returned_page_is_refused_and_keeps_it_returned(
    returned_path: Path,
) -> None:
    # A rejection reverts the line, which would turn the page into "transcribed" and so let
    # it be signed off without the rework the reviewer returned it for.
    with Project.open(returned_path, actor="archivist") as project:
        (edit,) = list_edits(project, EditFilter(pages=[2]))
        with pytest.raises(decisions.ReturnedPageError, match="cannot reject"):
            decisions.reject(project, [edit.event_id], "wrong word")
        assert project.pages()[1].status == PageStatus.RETURNED
        assert list_edits(project, EditFilter(pages=[2]))[0].state == "pending"


def test_after_taking_the_page_back_its_edits_can_be_approved(returned_path: Path) -> None:
    with Project.open(returned_path, actor="archivist") as project:
        decisions.submit_page(project, 2)
        (edit,) = list_edits(project, EditFilter(pages=[2]))
        decisions.approve(project, [edit.event_id])
        assert list_edits(project, EditFilter(pages=[2]))[0].state == "approved"


def test_cli_approve_on_a_returned_page_fails_and_says_what_to_do(
    returned_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(returned_path, readonly=True) as project:
        (edit,) = list_edits(project, EditFilter(pages=[2]))
    p = str(returned_path)
    assert main(["review", p, "--approve", str(edit.event_id)]) != 0
    err = capsys.readouterr().err
    assert "page 2" in err and "returned" in err and "--submit 2" in err
    assert main(["review", p, "--reject", str(edit.event_id), "--reason", "no"]) != 0
    assert "cannot reject" in capsys.readouterr().err
