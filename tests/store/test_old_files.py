"""Old files open forever: a project made by each released schema version opens, migrates
and verifies; a migration works on a copy and replaces the file only when it succeeded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corrigenda.errors import ProjectError
from corrigenda.review.verify import verify
from corrigenda.store import Project, database
from corrigenda.store.schema import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD_FILES = sorted(FIXTURES.glob("schema-v*.corrigenda"))
EXPECTED_FIRST_LINES = ["L.I. Brezhnev sends his greetings", "to Mr. Carter in connection"]


def test_there_is_a_fixture_for_the_current_schema() -> None:
    assert FIXTURES / f"schema-v{SCHEMA_VERSION}.corrigenda" in OLD_FILES


@pytest.mark.parametrize("fixture", OLD_FILES, ids=[p.name for p in OLD_FILES])
def test_every_released_version_opens_migrates_and_verifies(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    with Project.open(copy) as project:
        pages = project.pages()
        assert [p.name for p in pages] == ["b.png", "a.png"]
        first = project.page(pages[1].id)
        assert [line.text for line in first.lines] == EXPECTED_FIRST_LINES
        assert project.setting("accepted_words") == ["Harriman"]
    report = verify(copy)
    assert report.ok, report.first_problem


def _future_schema(monkeypatch: pytest.MonkeyPatch, statements: list[str]) -> None:
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(database, "MIGRATIONS", {SCHEMA_VERSION: statements})


def test_a_migration_replaces_the_file_only_when_it_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixture = FIXTURES / f"schema-v{SCHEMA_VERSION}.corrigenda"
    copy = tmp_path / "old.corrigenda"
    shutil.copy(fixture, copy)
    original = copy.read_bytes()

    _future_schema(monkeypatch, ["ALTER TABLE meta ADD COLUMN note TEXT", "SELECT nonsense()"])
    with pytest.raises(ProjectError, match="was not changed"):
        Project.open(copy)
    assert copy.read_bytes() == original  # the failed migration never touched the file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.corrigenda"]

    _future_schema(monkeypatch, ["ALTER TABLE meta ADD COLUMN note TEXT"])
    with Project.open(copy) as project:
        assert len(project.pages()) == 2
    with Project.open(copy, readonly=True) as again:
        assert again._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_a_newer_file_than_this_corrigenda_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "new.corrigenda"
    shutil.copy(FIXTURES / f"schema-v{SCHEMA_VERSION}.corrigenda", copy)
    import sqlite3

    conn = sqlite3.connect(copy)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(ProjectError, match="newer Corrigenda"):
        Project.open(copy)


def test_a_migration_keeps_commits_a_crash_left_in_the_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    live = tmp_path / "live.corrigenda"
    shutil.copy(FIXTURES / f"schema-v{SCHEMA_VERSION}.corrigenda", live)
    conn = sqlite3.connect(live)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE meta SET key = key")  # warm up
    conn.execute("INSERT INTO meta (key, value) VALUES ('crash-test', 'in the WAL only')")
    conn.commit()
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):  # the files as a killed process leaves them
        shutil.copy(f"{live}{suffix}", crashed / f"p.corrigenda{suffix}")
    conn.close()

    _future_schema(monkeypatch, ["ALTER TABLE meta ADD COLUMN note TEXT"])
    with Project.open(crashed / "p.corrigenda") as project:
        row = project._conn.execute("SELECT value FROM meta WHERE key = 'crash-test'").fetchone()
        assert row is not None and row[0] == "in the WAL only"


def test_an_older_file_read_only_is_read_without_migrating(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schema 1 file on read-only media cannot be migrated: every reading command still
    works (it has no regions), and the file is not changed."""
    import stat

    from corrigenda.cli import main

    old = tmp_path / "v1.corrigenda"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schema-v1.corrigenda", old)
    before = old.read_bytes()
    old.chmod(stat.S_IRUSR)
    for argv in (["info"], ["pages"], ["export", "-o", "-"], ["verify"], ["review", "--list"]):
        assert main([argv[0], str(old), *argv[1:]]) == 0, capsys.readouterr().err
    assert old.read_bytes() == before
