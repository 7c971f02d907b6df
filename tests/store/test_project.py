"""The project file: creation, refusal of foreign files, and the one write path."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from corrigenda.errors import ProjectError
from corrigenda.model import PageStatus
from corrigenda.store import LineEdit, Project, Source
from corrigenda.store.events import GENESIS
from corrigenda.store.schema import SCHEMA_VERSION
from tests.synthetic import ocr_run, page_image


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    made = Project.create(tmp_path / "p.corrigenda", [page_image()], actor="tester")
    made.set_ocr(
        made.pages()[0].id, ocr_run(["I.I. Brezhnev sends", "his greetings"]), Source("ocr")
    )
    yield made
    made.close()


def test_edit_is_stored_with_an_event_in_a_chain(project: Project) -> None:
    page_id = project.pages()[0].id
    events = project.edit_lines(
        [LineEdit(page_id, 1, "I.I. Brezhnev sends", "L.I. Brezhnev sends")],
        Source("suggestion", {"check": "names"}),
    )
    assert project.page(page_id).lines[0].text == "L.I. Brezhnev sends"
    assert project.page(page_id).status == PageStatus.TRANSCRIBED
    assert events[0].before == "I.I. Brezhnev sends" and events[0].actor == "tester"
    chain = list(project.events())
    assert chain[0].prev_hash == GENESIS
    for earlier, later in itertools.pairwise(chain):
        assert later.prev_hash == earlier.hash
    assert all(event.hash == event.compute_hash() for event in chain)


def test_stale_edit_is_refused_and_nothing_changes(project: Project) -> None:
    page_id = project.pages()[0].id
    count = len(list(project.events()))
    with pytest.raises(ProjectError, match="changed meanwhile"):
        project.edit_lines(
            [
                LineEdit(page_id, 2, "his greetings", "his greetings!"),
                LineEdit(page_id, 1, "not what is there", "x"),
            ],
            Source("keyboard"),
        )
    assert project.page(page_id).lines[1].text == "his greetings"  # the batch rolled back whole
    assert len(list(project.events())) == count


def test_edits_survive_reopening(project: Project) -> None:
    page_id = project.pages()[0].id
    project.edit_lines(
        [LineEdit(page_id, 2, "his greetings", "his warm greetings")], Source("keyboard")
    )
    project.close()
    with Project.open(project.path, readonly=True) as again:
        assert again.page(page_id).lines[1].text == "his warm greetings"


def test_read_only_project_refuses_to_write(project: Project) -> None:
    project.close()
    with Project.open(project.path, readonly=True) as again, pytest.raises(ProjectError):
        again.set_setting("languages", "deu", Source("keyboard"))


def test_re_ocr_keeps_corrections(project: Project) -> None:
    page_id = project.pages()[0].id
    project.edit_lines(
        [LineEdit(page_id, 1, "I.I. Brezhnev sends", "L.I. Brezhnev sends")], Source("keyboard")
    )
    project.set_ocr(page_id, ocr_run(["I.I. Brezhnev sends", "his greetinqs"]), Source("ocr"))
    lines = project.page(page_id).lines
    assert lines[0].text == "L.I. Brezhnev sends"  # the person's correction stays
    assert lines[1].text == "his greetinqs"  # untouched lines take the new OCR


def test_not_a_project_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.corrigenda"
    text.write_text("hello")
    with pytest.raises(ProjectError, match="not an SQLite file"):
        Project.open(text)
    other = tmp_path / "other.corrigenda"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ProjectError, match="not a Corrigenda project"):
        Project.open(other)
    with pytest.raises(ProjectError, match="no such project"):
        Project.open(tmp_path / "missing.corrigenda")


def _raw(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_newer_schema_is_refused_and_left_untouched(project: Project) -> None:
    project.close()
    _raw(project.path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = project.path.read_bytes()
    with pytest.raises(ProjectError, match="newer Corrigenda"):
        Project.open(project.path)
    assert project.path.read_bytes() == before


def test_file_with_a_trigger_is_refused(project: Project) -> None:
    project.close()
    _raw(project.path, "CREATE TRIGGER evil AFTER INSERT ON events BEGIN DELETE FROM events; END")
    with pytest.raises(ProjectError, match="trigger evil"):
        Project.open(project.path)


def test_failed_creation_leaves_no_file(tmp_path: Path) -> None:
    def images():
        yield page_image()
        raise ProjectError("input failed half way")

    target = tmp_path / "half.corrigenda"
    with pytest.raises(ProjectError):
        Project.create(target, images())
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_existing_project_is_not_overwritten(project: Project) -> None:
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project.path, [page_image()]).close()
