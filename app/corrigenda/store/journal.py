"""The typing journal: what a transcriber typed in a line, kept at every keystroke until the
line is written as an edit event.

The window writes a line's edit (one event) once typing pauses; a process killed in between
would lose what was on screen. So each keystroke also records the line's text here (one row
of the `meta` table: not a transcript, not an event, cheap), and the row goes when the edit is
written. Opening the project again finds rows left by a killed program, and the caller
applies them through the one write path (`pending`, then `Project.write_lines`).
"""

from __future__ import annotations

import json

from corrigenda.store.writing import LineEdit, ProjectWriter

PREFIX = "typing/"


def _key(page_id: int, line_id: int) -> str:
    return f"{PREFIX}{page_id}/{line_id}"


def record(project: ProjectWriter, edit: LineEdit) -> None:
    """Keep `edit` (the line's text as typed so far) until `forget` (raises ProjectError)."""
    value = json.dumps({"before": edit.before, "after": edit.after}, ensure_ascii=False)
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


def pending(project: ProjectWriter) -> list[LineEdit]:
    """Typing left in the journal by a program that stopped before writing it."""
    rows = project._conn.execute(
        "SELECT key, value FROM meta WHERE key LIKE ? ORDER BY key", (PREFIX + "%",)
    ).fetchall()
    found = []
    for row in rows:
        try:
            page_id, line_id = (int(part) for part in row["key"][len(PREFIX) :].split("/"))
            value = json.loads(row["value"])
            found.append(LineEdit(page_id, line_id, str(value["before"]), str(value["after"])))
        except (ValueError, KeyError, TypeError):
            continue  # a damaged row is no typing anyone can trust
    return found
