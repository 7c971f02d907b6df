"""verify: an untouched project passes; each kind of tampering is caught and named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from corrigenda.cli import main
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project, rechain

BEFORE = "Participants: I.I. Brezhnev, General Secretary"
AFTER = "Participants: L.I. Brezhnev, General Secretary"


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        first, second = project.pages()
        project.edit_lines([LineEdit(first.id, 2, BEFORE, AFTER)], Source("keyboard"))
        project.edit_lines(
            [
                LineEdit(
                    second.id,
                    1,
                    "The General Secretary said that the rnessage had been",
                    "The General Secretary said that the message had been",
                ),
                LineEdit(second.id, 2, "3.", ""),
            ],
            Source("suggestion", {"check": "lexicon"}),
        )
        project.edit_lines(
            [
                LineEdit(
                    first.id,
                    3,
                    "Date and Place: Vladivostok, 24 November 1974",
                    "Date and Place: Vladivostok 24 Nov. 1974",
                )
            ],
            Source("keyboard"),
        )
    return path


def tamper(path: Path, sql: str, *args: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def flip_one_byte(text: str, index: int) -> str:
    char = text[index]
    return text[:index] + ("X" if char != "X" else "Y") + text[index + 1 :]


def test_untouched_project_verifies(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = verify(edited)
    assert report.ok, report.problems
    assert report.events == 9 and report.pages == 2
    assert main(["verify", str(edited)]) == 0
    assert "OK" in capsys.readouterr().out


def test_one_byte_of_an_event_is_caught(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(edited)
    (after,) = conn.execute("SELECT after FROM events WHERE id = 7").fetchone()
    conn.close()
    tamper(edited, "UPDATE events SET after = ? WHERE id = 7", flip_one_byte(after, 0))
    report = verify(edited)
    assert not report.ok
    assert report.problems[0].event_id == 7
    assert main(["verify", str(edited)]) != 0
    assert "event 7" in capsys.readouterr().err


def test_one_byte_of_a_transcript_line_is_caught(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(edited)
    page_id, data = conn.execute(
        "SELECT page_id, data FROM lines WHERE id = 3 ORDER BY page_id DESC LIMIT 1"
    ).fetchone()
    conn.close()
    index = data.index("received")
    tamper(
        edited,
        "UPDATE lines SET data = ? WHERE page_id = ? AND id = 3",
        flip_one_byte(data, index),
        page_id,
    )
    report = verify(edited)
    assert not report.ok
    assert report.problems[0].page_number == 2
    assert "line 3" in report.problems[0].message
    assert main(["verify", str(edited)]) != 0
    assert "page 2 (page-002.png)" in capsys.readouterr().err


def _line(path: Path, page: int, line: int) -> tuple[int, dict[str, Any]]:
    conn = sqlite3.connect(path)
    page_id, data = conn.execute(
        "SELECT page_id, data FROM lines WHERE id = ? ORDER BY page_id LIMIT 1 OFFSET ?",
        (line, page - 1),
    ).fetchone()
    conn.close()
    return page_id, json.loads(data)


@pytest.mark.parametrize(
    ("index", "change", "shown"),
    [
        (2, lambda box: [box[0] + 3, *box[1:]], "box stored [{a}], rebuilt [{b}]"),
        (3, lambda conf: 12.5, "confidence stored 12.5, rebuilt {b}"),
    ],
)
def test_a_word_changed_behind_the_write_path_is_named_with_both_values(
    edited: Path, index: int, change: Any, shown: str
) -> None:
    page_id, data = _line(edited, 1, 1)
    word = data["words"][1]
    was = word[index]
    word[index] = change(was)
    tamper(
        edited,
        "UPDATE lines SET data = ? WHERE page_id = ? AND id = 1",
        json.dumps(data, separators=(",", ":"), ensure_ascii=False),
        page_id,
    )
    message = verify(edited).problems[0].message
    assert f"line 1 differs from the rebuild of its events: word 2 ({word[1]!r}, id {word[0]})" in (
        message
    )
    if isinstance(was, list):
        a, b = ", ".join(map(str, word[index])), ", ".join(map(str, was))
    else:
        a, b = str(word[index]), str(was)
    assert shown.format(a=a, b=b) in message


def test_one_byte_of_an_image_is_caught(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(edited)
    image_id, data = conn.execute(
        "SELECT i.id, i.data FROM images i JOIN pages p ON p.image_id = i.id WHERE p.position = 1"
    ).fetchone()
    conn.close()
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    tamper(edited, "UPDATE images SET data = ? WHERE id = ?", bytes(changed), image_id)
    report = verify(edited)
    assert not report.ok
    assert report.problems[0].page_number == 1
    assert "image" in report.problems[0].message
    assert main(["verify", str(edited)]) != 0
    assert "page 1" in capsys.readouterr().err


def test_image_replaced_with_its_hash_is_caught(edited: Path) -> None:
    """Changing the image and its recorded SHA-256 together still disagrees with the event."""
    import hashlib

    other = b"not the scan"
    tamper(
        edited,
        "UPDATE images SET data = ?, sha256 = ? WHERE id = 1",
        other,
        hashlib.sha256(other).hexdigest(),
    )
    report = verify(edited)
    assert not report.ok and "page-add" in report.problems[0].message


def test_an_event_deleted_in_the_middle_is_caught(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(edited, "DELETE FROM events WHERE id = 8")
    report = verify(edited)
    assert not report.ok
    assert report.problems[0].event_id == 9
    assert "event 8 is missing" in report.problems[0].message
    assert main(["verify", str(edited)]) != 0
    assert "event 8 is missing" in capsys.readouterr().err


def test_a_rewritten_chain_still_fails_the_rebuild(edited: Path) -> None:
    """Recomputing every hash after changing an edit hides nothing: the transcript disagrees."""

    conn = sqlite3.connect(edited)
    conn.row_factory = sqlite3.Row
    conn.execute(
        "UPDATE events SET after = 'Participants: X.X. Brezhnev, General Secretary' WHERE id = 7"
    )
    rechain(conn)
    conn.commit()
    conn.close()
    report = verify(edited)
    assert not report.ok
    assert report.problems[0].event_id == 7


def test_a_file_that_is_not_a_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "x.corrigenda"
    bogus.write_bytes(b"hello")
    assert main(["verify", str(bogus)]) == 3
    assert "not a Corrigenda project" in capsys.readouterr().err


def test_event_hash_follows_the_documented_definition(edited: Path) -> None:
    """hash = sha256(prev_hash + JSON of the event without its hash: sorted keys, UTF-8, no
    whitespace), computed here from the definition, independently of Event.canonical."""
    import dataclasses
    import hashlib
    import json

    with Project.open(edited, readonly=True) as project:
        events = list(project.events())
    assert events
    for event in events:
        fields = dataclasses.asdict(event)
        del fields["hash"]
        canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256((event.prev_hash + canonical).encode("utf-8")).hexdigest()
        assert digest == event.hash == event.compute_hash()


def test_export_refuses_a_project_that_does_not_verify_unless_forced(
    edited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.txt"
    assert main(["export", str(edited), "-o", str(out)]) == 0  # untouched: exported
    out.unlink()
    capsys.readouterr()
    tamper(edited, "UPDATE lines SET data = replace(data, 'Brezhnev', 'Brezhnyov')")
    assert main(["export", str(edited), "-o", str(out)]) == 6
    err = capsys.readouterr().err
    assert "does not verify (page 1 (page-001.png): line 2 differs" in err
    assert f"'corrigenda verify {edited}' lists every problem; --force exports it anyway" in err
    assert not out.exists()
    assert main(["export", str(edited), "-o", str(out), "--force"]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "exported anyway" in err
    assert "Brezhnyov" in out.read_text()


def test_a_write_while_verify_reads_does_not_look_like_tampering(
    edited: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under X: the window's verify on open ran while it saved recovered typing, read the
    events before that edit and the lines after it, and warned of a forged history."""
    from corrigenda.review import verify as verifying

    read_events = verifying._check_events
    project = Project.open(edited)  # open, as the window holds it
    page = project.pages()[0].id
    line = project.page(page).lines[0]

    def then_a_write(*args: Any) -> None:
        read_events(*args)
        project.write_lines(  # the window writes while verify reads
            [LineEdit(page, line.id, line.text, line.text + " zebra")], Source("keyboard")
        )

    monkeypatch.setattr(verifying, "_check_events", then_a_write)
    try:
        report = verify(edited)
    finally:
        project.close()
    assert report.ok, report.problems
    monkeypatch.undo()
    assert verify(edited).ok  # and the edit itself verifies
