"""The typing journal: what a transcriber typed in a line, kept at every keystroke until the
line is written as an edit event.

The window writes a line's edit (one event) once typing pauses; a process killed in between
would lose what was on screen. So each keystroke also records the line's text here (one row
of the `meta` table: not a transcript, not an event, cheap), and the row goes when the edit is
written. Opening the project again finds rows left by a killed program, and the caller
applies them through the one write path (`pending`, then `Project.write_lines`).

The rows lie outside the hash chain, so anyone who can write the file could plant one, and
whoever opened the project next would record it as their own typing. Each row is therefore
sealed: an HMAC, under a secret that only the typist's computer holds (`Typist`, a file in the
user's config folder), of the project's identity, the line, its text before and after, and
the typist's name. Only rows sealed by the same typist on the same computer are recovered;
any other row is handed back as `Foreign`, for the window to show and not record.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from corrigenda.settings import config_dir
from corrigenda.store.writing import LineEdit, ProjectWriter

PREFIX = "typing/"
SECRET_FILE = "typing-journal.key"


@dataclass(frozen=True)
class Typist:
    """Who is typing, and the secret that seals their journal rows (never in the project)."""

    actor: str
    secret: bytes = field(repr=False)

    @classmethod
    def local(cls, actor: str, folder: Path | None = None) -> Typist:
        """`actor` with this computer's secret (made on first use, readable by the user only).
        Raises OSError when the config folder cannot be written."""
        path = (folder or config_dir()) / SECRET_FILE
        try:
            secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
        except (FileNotFoundError, ValueError):
            secret = b""
        if len(secret) < 32:
            secret = secrets.token_bytes(32)
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as out:
                out.write(secret.hex())
        return cls(actor, secret)


@dataclass(frozen=True)
class Foreign:
    """A journal row not recovered: typed by someone else, elsewhere, or planted."""

    edit: LineEdit
    why: str


@dataclass
class Pending:
    mine: list[LineEdit] = field(default_factory=list)  # the typist's own: recover them
    foreign: list[Foreign] = field(default_factory=list)  # not to be recorded as theirs


def _key(page_id: int, line_id: int) -> str:
    return f"{PREFIX}{page_id}/{line_id}"


def _identity(project: ProjectWriter) -> str:
    """The project's identity: the hash of its first event (as receipts name it)."""
    row = project._conn.execute("SELECT hash FROM events ORDER BY id LIMIT 1").fetchone()
    return str(row["hash"]) if row is not None else ""


def _seal(typist: Typist, identity: str, edit: LineEdit, actor: str) -> str:
    message = json.dumps(
        [identity, edit.page_id, edit.line_id, edit.before, edit.after, actor],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hmac.new(typist.secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def record(project: ProjectWriter, edit: LineEdit, typist: Typist) -> None:
    """Keep `edit` (the line's text as typed so far) until `forget` (raises ProjectError)."""
    identity = _identity(project)
    value = json.dumps(
        {
            "before": edit.before,
            "after": edit.after,
            "actor": typist.actor,
            "seal": _seal(typist, identity, edit, typist.actor),
        },
        ensure_ascii=False,
    )
    with project._transaction():
        project._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (_key(edit.page_id, edit.line_id), value),
        )


def forget(project: ProjectWriter, page_id: int, line_id: int) -> None:
    """The line's typing is written as an edit (or abandoned): drop it from the journal."""
    with project._transaction():
        project._conn.execute("DELETE FROM meta WHERE key = ?", (_key(page_id, line_id),))


def pending(project: ProjectWriter, typist: Typist) -> Pending:
    """Typing left in the journal by a program that stopped before writing it: the typist's
    own, sealed on this computer, and the rest with why it is not theirs to recover."""
    rows = project._conn.execute(
        "SELECT key, value FROM meta WHERE key LIKE ? ORDER BY key", (PREFIX + "%",)
    ).fetchall()
    identity = _identity(project)
    found = Pending()
    for row in rows:
        try:
            page_id, line_id = (int(part) for part in row["key"][len(PREFIX) :].split("/"))
            value = json.loads(row["value"])
            edit = LineEdit(page_id, line_id, str(value["before"]), str(value["after"]))
        except (ValueError, KeyError, TypeError):
            continue  # a damaged row is no typing anyone can trust
        actor = str(value.get("actor", ""))
        seal = str(value.get("seal", ""))
        if actor != typist.actor:
            found.foreign.append(Foreign(edit, f"typed by {actor or 'an unnamed user'}"))
        elif not hmac.compare_digest(seal, _seal(typist, identity, edit, actor)):
            why = "not sealed by this computer's Corrigenda (typed elsewhere, or written in)"
            found.foreign.append(Foreign(edit, why))
        else:
            found.mine.append(edit)
    return found


def describe_foreign(foreign: list[Foreign], numbers: dict[int, int]) -> str:
    """What the window says of rows not recovered: where, why, and the text, so that a
    transcriber whose typing it was can type it again. `numbers`: page id -> page number."""
    count = "1 line" if len(foreign) == 1 else f"{len(foreign)} lines"
    shown = [
        f"page {numbers.get(f.edit.page_id, '?')}, line {f.edit.line_id} ({f.why}): "
        f"{f.edit.after[:120]!r}"
        for f in foreign[:10]
    ]
    more = [f"and {len(foreign) - 10} more"] if len(foreign) > 10 else []
    return (
        f"Typing in {count} was left in this project by a program that stopped, but not by "
        "you on this computer, so it was not recorded in your name (it may have been written "
        "into the file):\n\n" + "\n".join(shown + more) + "\n\nIf it is yours, type it again."
    )
