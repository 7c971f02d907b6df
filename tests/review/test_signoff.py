"""Signed sign-off: keys kept private, and no one without the reviewer's key can forge one."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from corrigenda.errors import CorrigendaError
from corrigenda.review import decisions, signing
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source
from corrigenda.store.events import Event

from .helpers import make_project, rechain

L2 = "Participants: I.I. Brezhnev, General Secretary"


@pytest.fixture
def signed(tmp_path: Path) -> Path:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0]
        project.edit_lines(
            [LineEdit(page.id, 2, L2, L2.replace("I.I.", "L.I."))], Source("keyboard")
        )
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [1])
    return path


def test_key_is_made_once_and_private(signed: Path, private_config: Path) -> None:
    key_file = signing.key_path("archivist")
    assert key_file.is_relative_to(private_config)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    first = signing.load_key("archivist")
    assert first is not None and first.public_hex == signing.load_key("archivist").public_hex
    os.chmod(key_file, 0o644)
    with pytest.raises(CorrigendaError, match="readable by other users"):
        signing.load_key("archivist")


def test_valid_sign_off_is_reported(signed: Path) -> None:
    report = verify(signed)
    assert report.ok
    (check,) = report.signoffs
    assert (check.reviewer, check.scope, check.page_numbers, check.state) == (
        "archivist",
        "page",
        [1],
        "valid",
    )


def _last_signoff(path: Path) -> Event:
    with Project.open(path, readonly=True) as project:
        return list(project.events(kinds=("sign-off",)))[-1]


def _forge(path: Path, location: dict, signature: str, actor: str = "alice") -> None:
    """Append a sign-off event the way a transcriber with sqlite3 could: chain kept intact."""
    from corrigenda.store.events import dumps

    with Project.open(path, actor=actor) as project:
        head = list(project.events())[-1]
    event = Event(
        head.id + 1,
        head.time,
        actor,
        None,
        "sign-off",
        location,
        None,
        signature,
        {"type": "review"},
        None,
        head.hash,
    )
    event = Event(**{**event.__dict__, "hash": event.compute_hash()})
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.id,
            event.time,
            event.actor,
            None,
            event.kind,
            dumps(location),
            None,
            signature,
            dumps(event.source),
            None,
            event.prev_hash,
            event.hash,
        ),
    )
    conn.commit()
    conn.close()


def test_transcriber_cannot_forge_with_own_key(signed: Path, private_config: Path) -> None:
    """Alice makes her own key, signs in the archivist's name: the key is not the archivist's."""
    genuine = _last_signoff(signed)
    mallory = signing.load_key("alice")
    assert mallory is not None
    location = {**genuine.location, "key": mallory.public_hex}
    from corrigenda.store.events import dumps

    signature = mallory.sign(dumps(location).encode()).hex()
    _forge(signed, location, signature)
    report = verify(signed)
    assert not report.ok
    forged = report.signoffs[-1]
    assert not forged.valid and "first signed with" in forged.reason


def test_transcriber_cannot_reuse_or_alter_a_signature(signed: Path) -> None:
    genuine = _last_signoff(signed)
    # Claim the signature also covers page 2: the signature no longer matches.
    location = {**genuine.location, "pages": {**genuine.location["pages"], "2": "0" * 64}}
    _forge(signed, location, str(genuine.after))
    report = verify(signed)
    assert not report.ok
    assert "signature does not match" in report.signoffs[-1].reason


def test_forged_first_sign_off_fails_against_the_reviewers_own_key(tmp_path: Path) -> None:
    """Even as the first to sign in a name, a forger fails on the reviewer's computer."""
    path = make_project(tmp_path)
    signing.load_key("archivist")  # the real archivist's key on this computer
    forger = signing._create("archivist", tmp_path / "stolen-name.pem")
    with Project.open(path, actor="alice") as project:
        project.sign_off([project.pages()[0].id], "archivist", forger.public_hex, forger.sign)
    report = verify(path)
    assert not report.ok and "on this computer" in report.signoffs[0].reason


def test_rewriting_history_invalidates_the_sign_off(signed: Path) -> None:
    """Change an old edit and recompute every hash: the chain looks whole, the signature not."""
    conn = sqlite3.connect(signed)
    conn.row_factory = sqlite3.Row
    fake = "Participants: X.X. Brezhnev, General Secretary"
    conn.execute("UPDATE events SET after = ? WHERE kind = 'edit'", (fake,))
    (line_data,) = conn.execute("SELECT data FROM lines WHERE page_id = 1 AND id = 2").fetchone()
    conn.execute(
        "UPDATE lines SET data = ? WHERE page_id = 1 AND id = 2",
        (line_data.replace("L.I.", "X.X."),),
    )
    rechain(conn)
    conn.commit()
    conn.close()
    report = verify(signed)
    assert not report.ok
    assert not report.signoffs[0].valid
