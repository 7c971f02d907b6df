"""Removing and moving pages: `corrigenda pages`, verify after each, and tampering after them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.errors import CorrigendaError
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        second = project.pages()[1]
        project.edit_lines([LineEdit(second.id, 2, "3.", "")], Source("keyboard"))
    return path


def names(path: Path) -> list[str]:
    with Project.open(path, readonly=True) as project:
        return [info.name for info in project.pages()]


def sql(path: Path, statement: str, *args: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(statement, args)
    conn.commit()
    conn.close()


def test_move_is_recorded_and_verifies(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["pages", str(project_file), "--move", "2", "--to", "1"]) == 0
    assert names(project_file) == ["page-002.png", "page-001.png"]
    with Project.open(project_file, readonly=True) as project:
        last = list(project.events())[-1]
    assert last.kind == "page-move" and last.location == {"number": 1}
    report = verify(project_file)
    assert report.ok, report.problems
    capsys.readouterr()
    assert main(["pages", str(project_file)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "page-002.png" in listed[0] and "transcribed" in listed[0]


def test_remove_is_recorded_and_verifies(project_file: Path) -> None:
    assert main(["pages", str(project_file), "--remove", "1", "--reason", "blank leaf"]) == 0
    assert names(project_file) == ["page-002.png"]
    report = verify(project_file)
    assert report.ok, report.problems
    assert report.pages == 1
    with Project.open(project_file, readonly=True) as project:
        last = list(project.events())[-1]
    assert last.kind == "page-remove" and last.source == {"type": "pages", "reason": "blank leaf"}


def test_a_removed_page_can_be_restored_at_its_place(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["pages", str(project_file), "--remove", "1"]) == 0
    capsys.readouterr()
    assert main(["pages", str(project_file), "--removed"]) == 0
    assert "page-001.png" in capsys.readouterr().out
    assert main(["pages", str(project_file), "--restore", "page-001.png"]) == 0
    assert "restored page-001.png as page 1" in capsys.readouterr().err
    assert names(project_file) == ["page-001.png", "page-002.png"]
    with Project.open(project_file, readonly=True) as project:
        last = list(project.events())[-1]
        assert project.removed_pages() == []
    assert last.kind == "page-restore" and last.location == {"number": 1}
    report = verify(project_file)
    assert report.ok, report.problems
    assert report.pages == 2
    # The restored page keeps its transcript: edits made before the removal replay.
    assert main(["pages", str(project_file), "--remove", "2"]) == 0
    assert main(["pages", str(project_file), "--restore", "page-002.png"]) == 0
    with Project.open(project_file, readonly=True) as project:
        assert "3." not in project.page(project.pages()[1].id).text()
    assert verify(project_file).ok


def test_restoring_what_is_not_removed_is_refused(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["pages", str(project_file), "--restore", "page-001.png"]) == 2
    assert "page-001.png is page 1 of" in capsys.readouterr().err
    assert main(["pages", str(project_file), "--restore", "nosuch.png"]) == 2
    assert "no removed page named 'nosuch.png' (removed pages: none)" in capsys.readouterr().err
    with Project.open(project_file) as project:
        page_id = project.pages()[0].id
        with pytest.raises(CorrigendaError, match="nothing to restore"):
            project.restore_page(page_id, Source("pages"))


def test_a_restore_of_a_page_never_removed_is_caught(project_file: Path) -> None:
    # A well-chained event that restores a page the document has: the rebuild refuses it.
    with Project.open(project_file) as project:
        page_id = project.pages()[0].id
        with project._transaction():
            project._append("page-restore", page_id, {"number": 1}, None, None, Source("pages"))
    report = verify(project_file)
    assert not report.ok
    assert "restores a page the rebuild has in the document" in report.problems[0].message


def test_moving_back_behind_the_logs_back_is_caught(project_file: Path) -> None:
    assert main(["pages", str(project_file), "--move", "2", "--to", "1"]) == 0
    # Swap the positions back in the table without an event: the order differs from the log.
    sql(project_file, "UPDATE pages SET position = CASE position WHEN 1 THEN 2 ELSE 1 END")
    report = verify(project_file)
    assert not report.ok
    assert report.problems[0].where == "page order"


def test_restoring_a_removed_page_behind_the_logs_back_is_caught(project_file: Path) -> None:
    assert main(["pages", str(project_file), "--remove", "1"]) == 0
    sql(project_file, "UPDATE pages SET removed = 0")
    report = verify(project_file)
    assert not report.ok
    assert "removed" in report.problems[0].message


def test_altering_a_move_event_is_caught(project_file: Path) -> None:
    assert main(["pages", str(project_file), "--move", "2", "--to", "1"]) == 0
    sql(project_file, "UPDATE events SET location = '{\"number\":2}' WHERE kind = 'page-move'")
    report = verify(project_file)
    assert not report.ok
    assert "altered" in report.problems[0].message


def test_deleting_a_remove_event_is_caught(project_file: Path) -> None:
    assert main(["pages", str(project_file), "--remove", "2"]) == 0
    assert main(["pages", str(project_file), "--restore", "page-002.png"]) == 0
    sql(project_file, "DELETE FROM events WHERE kind = 'page-remove'")
    report = verify(project_file)
    assert not report.ok
    assert "missing" in report.problems[0].message


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--move", "2"], "--to M"),
        (["--remove", "3"], "there is no page 3"),
        (["--move", "1", "--to", "5"], "has 2 pages; there is no page 5"),
    ],
)
def test_bad_requests_change_nothing(
    project_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = names(project_file)
    assert main(["pages", str(project_file), *argv]) == 2  # bad input, as README says
    assert message in capsys.readouterr().err
    assert names(project_file) == before
    assert verify(project_file).ok


def test_moving_a_page_to_its_own_place_records_nothing(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(project_file, readonly=True) as project:
        events = len(list(project.events()))
    assert main(["pages", str(project_file), "--move", "1", "--to", "1"]) == 0
    assert "is there already: nothing changed" in capsys.readouterr().out
    with Project.open(project_file, readonly=True) as project:
        assert len(list(project.events())) == events


def test_a_project_without_pages_says_where_they_went(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        assert main(["pages", str(project_file), "--remove", "1"]) == 0
    capsys.readouterr()
    assert main(["pages", str(project_file)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "has no pages (2 pages removed: see --removed)" in err
