"""The typing journal (kept per keystroke, outside the event log) and what the write path
returns: each line as stored, its page's status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corrigenda.model import PageStatus
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source, journal
from tests.synthetic import ocr_run, page_image


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    made = Project.create(tmp_path / "p.corrigenda", [page_image()], actor="tester")
    made.set_ocr(
        made.pages()[0].id, ocr_run(["I.I. Brezhnev sends", "his greetings"]), Source("ocr")
    )
    yield made
    made.close()


def test_write_lines_returns_the_stored_line_and_the_page_status(project: Project) -> None:
    page_id = project.pages()[0].id
    (written,) = project.write_lines(
        [LineEdit(page_id, 1, "I.I. Brezhnev sends", "L.I.  Brezhnev sends")], Source("keyboard")
    )
    stored = project.page(page_id)
    assert written.line == stored.line(1)  # words and ids as the store realigned them
    assert written.line.text == "L.I. Brezhnev sends"  # normalised as stored
    assert written.page_status == stored.status == PageStatus.TRANSCRIBED
    (undone,) = project.undo_lines([written.event.id])
    assert undone.line.text == "I.I. Brezhnev sends" and undone.event.kind == "edit"


def test_the_journal_keeps_typing_until_forgotten_and_is_no_event(
    project: Project, tmp_path: Path
) -> None:
    page_id = project.pages()[0].id
    events = len(list(project.events()))
    journal.record(project, LineEdit(page_id, 2, "his greetings", "his warm gr"))
    journal.record(project, LineEdit(page_id, 2, "his greetings", "his warm greetings"))
    assert journal.pending(project) == [LineEdit(page_id, 2, "his greetings", "his warm greetings")]
    assert len(list(project.events())) == events  # not a change to the transcript
    assert verify(project.path).ok
    journal.forget(project, page_id, 2)
    assert journal.pending(project) == []
