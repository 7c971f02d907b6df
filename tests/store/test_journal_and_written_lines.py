"""The typing journal (kept per keystroke, outside the event log) and what the write path
returns: each line as stored, its page's status."""

from __future__ import annotations

import json
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
    typist = journal.Typist.local("tester")
    journal.record(project, LineEdit(page_id, 2, "his greetings", "his warm gr"), typist)
    journal.record(project, LineEdit(page_id, 2, "his greetings", "his warm greetings"), typist)
    found = journal.pending(project, typist)
    assert found.mine == [LineEdit(page_id, 2, "his greetings", "his warm greetings")]
    assert found.foreign == []
    assert len(list(project.events())) == events  # not a change to the transcript
    assert verify(project.path).ok
    journal.forget(project, page_id, 2)
    assert journal.pending(project, typist) == journal.Pending()


def _plant(project: Project, key: str, value: dict[str, str]) -> None:
    """What an insider with write access to the file does: a row in the meta table."""
    with project._transaction():
        project._conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, json.dumps(value))
        )


def test_typing_planted_in_the_journal_is_not_recovered_in_the_next_users_name(
    project: Project, tmp_path: Path
) -> None:
    """The journal lies outside the hash chain: a row written into the file was recorded,
    on the next opening, as the typing of whoever opened it."""
    page_id = project.pages()[0].id
    ann = journal.Typist.local("ann")
    forged = LineEdit(page_id, 2, "his greetings", "his greetings and $1,000,000")
    _plant(project, f"typing/{page_id}/2", {"before": forged.before, "after": forged.after})
    (row,) = journal.pending(project, ann).foreign
    assert row.edit == forged and row.why == "typed by an unnamed user"
    # Claiming ann's name without her computer's secret does not pass either.
    claimed = {"before": forged.before, "after": forged.after, "actor": "ann", "seal": "0" * 64}
    _plant(project, f"typing/{page_id}/2", claimed)
    (row,) = journal.pending(project, ann).foreign
    assert row.why.startswith("not sealed by this computer's Corrigenda")
    # Nor does ann's own row copied from another project, or another computer's.
    journal.record(project, LineEdit(page_id, 1, "I.I. Brezhnev sends", "L.I. Brezhnev"), ann)
    assert len(journal.pending(project, ann).mine) == 1
    elsewhere = journal.Typist.local("ann", tmp_path / "another computer")
    assert journal.pending(project, elsewhere).mine == []
    other = Project.create(tmp_path / "q.corrigenda", [page_image()], actor="ann")
    try:
        row_value = project._conn.execute(
            "SELECT value FROM meta WHERE key = ?", (f"typing/{page_id}/1",)
        ).fetchone()["value"]
        _plant(other, f"typing/{page_id}/1", json.loads(row_value))
        assert journal.pending(other, ann).mine == []
    finally:
        other.close()


def test_the_typists_secret_is_kept_and_readable_by_its_owner_only(tmp_path: Path) -> None:
    first = journal.Typist.local("ann", tmp_path)
    assert journal.Typist.local("ann", tmp_path).secret == first.secret
    assert (tmp_path / journal.SECRET_FILE).stat().st_mode & 0o077 == 0
