"""Damaged project files are clear errors, never tracebacks; changed content fails verify.

The attacks (issue 14): a truncated file, flipped bytes, malformed JSON in an event or an
invalid UTF-8 byte gave Python tracebacks in `verify` and `info`, and `PRAGMA integrity_check`
never ran. A seeded fuzz of byte flips and truncations runs every reading command on each
damaged copy (bench/fuzz_soak.py --projects runs many more); the hand-made damages below are
the ones the issue names.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from corrigenda.cli import main
from tests.robustness import damaged_projects
from tests.robustness.damaged_projects import base_project

SEEDS = range(int(os.environ.get("CORRIGENDA_DAMAGE_SEEDS", "120")))


def test_seeded_byte_flips_and_truncations(tmp_path: Path) -> None:
    outcome = damaged_projects.soak(tmp_path, SEEDS)
    print(outcome.line())
    assert not outcome.tracebacks, outcome.tracebacks[0]
    assert not outcome.bad_exits, outcome.bad_exits[0]
    assert not outcome.missed, outcome.missed[0]
    assert outcome.changed > 0 and outcome.caught == outcome.changed


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return base_project(tmp_path / "p")


def _sql(path: Path, statement: str, *args: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(statement, args)
    conn.commit()
    conn.close()


COMMANDS = [
    ["verify"],
    ["pages", "--move", "2", "--to", "1"],
    ["info"],
    ["pages"],
    ["review", "--list"],
    ["export", "-o", os.devnull],
    ["export", "--format", "alto", "-o", os.devnull],
    ["audit", "--format", "html", "-o", os.devnull],
]


@pytest.mark.parametrize(
    "damage",
    [
        "event JSON",
        "event location a number",
        "line JSON",
        "invalid UTF-8",
        "bad status",
        "box",
        "control character",
        "missing image",
        "edit event without its line",
        "line position",
        "event text turned blob",
        "last event's hash a blob",
    ],
)
def test_hand_edited_records_are_one_line_errors(
    project: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if damage == "event JSON":
        _sql(project, "UPDATE events SET location = '{\"line\": 2' WHERE kind = 'edit'")
    elif damage == "event location a number":
        _sql(project, "UPDATE events SET source = '5' WHERE id = 2")
    elif damage == "line JSON":
        _sql(project, "UPDATE lines SET data = '[1,' WHERE id = 1")
    elif damage == "invalid UTF-8":
        _sql(project, "UPDATE pages SET name = CAST(X'70FF2E706E67' AS TEXT) WHERE id = 1")
        _sql(project, "UPDATE events SET actor = CAST(X'61FE' AS TEXT) WHERE id = 3")
    elif damage == "bad status":
        _sql(project, "UPDATE pages SET status = 'stolen' WHERE id = 1")
    elif damage == "control character":
        _sql(project, r"UPDATE lines SET data = replace(data, 'MEMO', 'ME\u0001MO')")
    elif damage == "edit event without its line":  # fuzz seed 2520: '"line"' became '"lind"'
        _sql(
            project,
            """UPDATE events SET location = replace(location, '"line"', '"lind"')
                         WHERE kind = 'edit'""",
        )
    elif damage == "line position":  # fuzz seed 2568: a position changed, the order did not
        _sql(project, "UPDATE lines SET position = 7 WHERE page_id = 1 AND id = 3")
    elif damage == "event text turned blob":  # fuzz seed 3436: a record header's bit
        _sql(project, "UPDATE events SET actor = CAST(actor AS BLOB) WHERE id = 5")
    elif damage == "last event's hash a blob":  # seeds 3634, 9393: then a write failed
        _sql(
            project,
            "UPDATE events SET hash = CAST(hash AS BLOB) WHERE id = (SELECT MAX(id) FROM events)",
        )
    elif damage == "missing image":
        _sql(project, "UPDATE pages SET image_id = 99 WHERE id = 2")
    else:
        _sql(project, "UPDATE lines SET data = replace(data, '[10,', '[9999,') WHERE id = 1")
    for command in COMMANDS:
        code = main([command[0], str(project), *command[1:]])
        err = capsys.readouterr().err
        assert "Traceback" not in err
        if command == ["verify"]:
            assert code == 6, err
        elif command[0] == "export":  # refused (6) or, where the record reads, not verified
            assert code in (1, 2, 3, 6), err
            assert len(err.strip().splitlines()) <= 1
        else:
            assert code in (0, 1, 2, 3), err
            assert len(err.strip().splitlines()) <= 1


def test_a_truncated_file_is_refused_by_every_command(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = project.read_bytes()
    project.write_bytes(data[: len(data) // 2])
    for command in COMMANDS:
        code = main([command[0], str(project), *command[1:]])
        err = capsys.readouterr().err
        assert code in (3, 6) and "Traceback" not in err, (command, err)


def test_a_damaged_file_says_what_to_do(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(project.read_bytes())
    data[200:4096] = b"\xff" * (4096 - 200)  # the header stays, the schema page is gone
    project.write_bytes(bytes(data))
    assert main(["verify", str(project)]) in (3, 6)
    err = capsys.readouterr().err
    assert "is damaged" in err and "Restore the project from a backup copy" in err
    assert "corrigenda verify" not in err  # verify itself says it: no pointing back at verify


def test_verify_runs_sqlites_integrity_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An index that disagrees with its table: every row reads, only the integrity check sees
    it (the next write would have said "database disk image is malformed")."""
    conn = sqlite3.connect(project)
    conn.execute("PRAGMA writable_schema = ON")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events_kind'").fetchone()
    conn.close()
    page_size = 4096
    data = bytearray(project.read_bytes())
    start = (root[0] - 1) * page_size
    data[start + page_size - 40 : start + page_size - 30] = b"\x00" * 10
    project.write_bytes(bytes(data))
    assert main(["verify", str(project)]) == 6
    assert "integrity" in capsys.readouterr().out
