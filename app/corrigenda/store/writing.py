"""The one write path: every change to a project goes through `ProjectWriter`.

Each public method runs one transaction that changes the file and appends an event to the
hash-chained log (`_append`), so the audit trail is complete by construction and `verify`
can rebuild every transcript from the OCR baseline plus the events.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from corrigenda.errors import ProjectError
from corrigenda.model import Line, OcrRun, Page, PageImage, PageStatus, status_after_edit
from corrigenda.regions.geometry import merge_ocr
from corrigenda.store import database
from corrigenda.store.events import GENESIS, Event, Source, dumps
from corrigenda.store.reading import ProjectReader, baseline_json
from corrigenda.store.recorded import ocr_recorded, page_added


@dataclass(frozen=True)
class LineEdit:
    """Set a line's text. `before` is the text the editor saw, so a stale edit is refused."""

    page_id: int
    line_id: int
    before: str
    after: str


@dataclass(frozen=True)
class LineWritten:
    """An edited line as the store left it: the edit's event, the line with its words
    realigned, and its page's status after the edit (so callers repeat neither)."""

    event: Event
    line: Line
    page_status: PageStatus


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_EVENT_FIELDS = (
    "time",
    "actor",
    "page",
    "kind",
    "location",
    "before",
    "after",
    "source",
    "comment",
)


class ProjectWriter(ProjectReader):
    """A project open for writing (a read-only one refuses every method here)."""

    def add_pages(self, images: Iterable[PageImage], source: Source) -> list[int]:
        """Append pages; each page is committed on its own, so a failure keeps earlier ones."""
        added = []
        for image in images:
            with self._transaction():
                position = self._conn.execute(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM pages"
                ).fetchone()[0]
                image_id = self._conn.execute(
                    "INSERT INTO images (sha256, data, format, width, height, dpi) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (image.sha256, image.data, image.format, image.width, image.height, image.dpi),
                ).lastrowid
                page_id = self._conn.execute(
                    "INSERT INTO pages (position, image_id, name) VALUES (?, ?, ?)",
                    (position, image_id, image.name),
                ).lastrowid
                assert page_id is not None
                self._append(
                    "page-add", page_id, page_added(position, image), None, image.sha256, source
                )
            added.append(page_id)
        return added

    def set_ocr(self, page_id: int, run: OcrRun, source: Source) -> None:
        """Make `run` the page's OCR baseline and its transcript.

        Lines a person corrected since the last OCR are carried onto the new lines they
        overlap, never overwritten; if one cannot be placed, nothing changes and the page is
        refused.
        """
        info = self._info(page_id)
        current = self.page(page_id)
        # Handwriting and marks are no OCR's business: their lines stay, OCR's words there go.
        lines, next_word = merge_ocr(run.lines, current.regions, current.lines)
        keep_out = {r.id for r in current.regions if r.type.ocr_keeps_out}
        present = {line.id for line in current.lines if line.region not in keep_out}
        edited = self.edited_line_ids(page_id) & present
        read = [line for line in lines if line.region not in keep_out]
        carried = _carry_corrections(current, edited, read) if edited else []
        baseline = baseline_json(run.lines)
        digest = hashlib.sha256(baseline.encode("utf-8")).hexdigest()
        created, params = now_utc(), dumps(run.params)
        with self._transaction():
            previous = self._conn.execute(
                "SELECT r.baseline_sha256 FROM ocr_runs r JOIN pages p ON p.ocr_run_id = r.id "
                "WHERE p.id = ?",
                (page_id,),
            ).fetchone()
            run_id = self._conn.execute(
                "INSERT INTO ocr_runs (page_id, engine, engine_version, languages, params, "
                "created, raw, baseline, baseline_sha256, mean_conf) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    page_id,
                    run.engine,
                    run.engine_version,
                    run.languages,
                    params,
                    created,
                    run.raw,
                    baseline,
                    digest,
                    run.mean_conf,
                ),
            ).lastrowid
            status = PageStatus.OCRED if info.status == PageStatus.NEW else info.status
            self._conn.execute(
                "UPDATE pages SET ocr_run_id = ?, next_word_id = ?, status = ? WHERE id = ?",
                (run_id, next_word, status.value, page_id),
            )
            self._write_lines(page_id, lines, replace_all=True)
            assert run_id is not None
            location = ocr_recorded(run_id, run, created, params)
            self._append(
                "ocr", page_id, location, previous[0] if previous else None, digest, source
            )
            for line_id, text in carried:
                line = next(line for line in lines if line.id == line_id)
                self._edit_line(
                    LineEdit(page_id, line_id, line.text, text),
                    Source("re-ocr", {"kept": "correction"}),
                    None,
                )

    def edit_lines(
        self, edits: Sequence[LineEdit], source: Source, comment: str | None = None
    ) -> list[Event]:
        """Apply line edits as one transaction (a batch is one step); one event per line."""
        return [w.event for w in self.write_lines(edits, source, comment)]

    def write_lines(
        self, edits: Sequence[LineEdit], source: Source, comment: str | None = None
    ) -> list[LineWritten]:
        """`edit_lines`, returning each line as it now is and its page's status."""
        with self._transaction():
            return [self._edit_line(edit, source, comment) for edit in edits]

    def set_setting(self, key: str, value: Any, source: Source) -> None:
        with self._transaction():
            self._write_setting(key, value, source)

    def undo(self, event_ids: Iterable[int], comment: str | None = None) -> list[Event]:
        """Undo edit events by appending their inverses (latest first); nothing is deleted."""
        return [w.event for w in self.undo_lines(event_ids, comment)]

    def redo(self, event_ids: Iterable[int], comment: str | None = None) -> list[Event]:
        """Redo: invert the undo events `event_ids` (the ids `undo` returned)."""
        return [w.event for w in self.redo_lines(event_ids, comment)]

    def undo_lines(self, event_ids: Iterable[int], comment: str | None = None) -> list[LineWritten]:
        """`undo`, returning each line as it now is and its page's status."""
        ids = sorted(set(event_ids))
        return self._invert(ids, Source("undo", {"of": ids}), comment)

    def redo_lines(self, event_ids: Iterable[int], comment: str | None = None) -> list[LineWritten]:
        """`redo`, returning each line as it now is and its page's status."""
        ids = sorted(set(event_ids))
        return self._invert(ids, Source("redo", {"of": ids}), comment)

    def remove_page(self, page_id: int, source: Source) -> Event:
        """Take a page out of the document; it stays in the file for the audit trail."""
        info = self._info(page_id)
        with self._transaction():
            self._conn.execute("UPDATE pages SET removed = 1 WHERE id = ?", (page_id,))
            return self._append("page-remove", page_id, {"number": info.number}, None, None, source)

    def restore_page(self, page_id: int, source: Source) -> Event:
        """Put a removed page back in the document, at the place it had."""
        with self._transaction():
            row = self._conn.execute(
                "SELECT removed FROM pages WHERE id = ?", (page_id,)
            ).fetchone()
            if row is None:
                raise ProjectError(f"{self.path} has no page with id {page_id}")
            if not row["removed"]:
                raise ProjectError(
                    f"page id {page_id} of {self.path} is in the document: nothing to restore"
                )
            self._conn.execute("UPDATE pages SET removed = 0 WHERE id = ?", (page_id,))
            info = self._info(page_id)
            return self._append(
                "page-restore", page_id, {"number": info.number}, None, None, source
            )

    def move_page(self, page_id: int, number: int, source: Source) -> Event:
        """Put a page at 1-based position `number` of the document."""
        self._info(page_id)
        with self._transaction():
            rows = self._conn.execute(
                "SELECT id, removed FROM pages ORDER BY position, id"
            ).fetchall()
            old = [r["id"] for r in rows]
            shown = [r["id"] for r in rows if not r["removed"] and r["id"] != page_id]
            if not 1 <= number <= len(shown) + 1:
                raise ProjectError(
                    f"{self.path} has {len(shown) + 1} pages; cannot move a page to {number}"
                )
            rest = [i for i in old if i != page_id]
            at = rest.index(shown[number - 1]) if number <= len(shown) else len(rest)
            new = [*rest[:at], page_id, *rest[at:]]
            self._conn.executemany(
                "UPDATE pages SET position = ? WHERE id = ?",
                [(pos, pid) for pos, pid in enumerate(new, start=1)],
            )
            return self._append(
                "page-move", page_id, {"number": number}, dumps(old), dumps(new), source
            )

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Several changes as one transaction: every one is kept, or none (an import that
        fails on its second page leaves the first as it was)."""
        with self._transaction():
            yield

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.readonly:
            raise ProjectError(f"{self.path} is open read-only: nothing was changed")
        if self._conn.in_transaction:  # nested: the outer transaction commits
            yield
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            yield
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                # The environment failed (disk full, file made read-only), not our logic.
                raise database.storage_error(self.path, exc) from exc
            raise

    def _append(
        self,
        kind: str,
        page_id: int | None,
        location: dict[str, Any],
        before: str | None,
        after: str | None,
        source: Source,
        comment: str | None = None,
    ) -> Event:
        assert self._conn.in_transaction, "events are appended inside the change's transaction"
        for name, value in (("before", before), ("after", after), ("comment", comment)):
            if value is not None and not isinstance(value, str):
                raise ProjectError(
                    f"refused to record a {kind} event in {self.path}: its {name} is a "
                    f"{type(value).__name__}, not text, so verify would reject it; nothing was "
                    "changed (please report this)"
                )
        row = self._conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
        if row is not None and not (isinstance(row["id"], int) and isinstance(row["hash"], str)):
            raise ProjectError(
                f"{self.path} is damaged: its last event's id or hash is not what Corrigenda "
                "writes; nothing was changed. Run 'corrigenda verify' on it"
            )
        event = Event(
            id=(row["id"] + 1) if row else 1,
            time=now_utc(),
            actor=self.actor,
            page=page_id,
            kind=kind,
            location=location,
            before=before,
            after=after,
            source=source.to_json(),
            comment=comment,
            prev_hash=row["hash"] if row else GENESIS,
        )
        try:
            event = Event(**{**event.__dict__, "hash": event.compute_hash()})
            self._insert(event)
        except (TypeError, ValueError, OverflowError) as exc:  # not JSON, or not for SQLite
            raise ProjectError(
                f"refused to record a {kind} event in {self.path}: {exc}; nothing was changed "
                "(please report this)"
            ) from exc
        self._check_written(event)
        return event

    def _insert(self, event: Event) -> None:
        self._conn.execute(
            "INSERT INTO events (id, time, actor, page_id, kind, location, before, after, "
            "source, comment, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                event.time,
                event.actor,
                event.page,
                event.kind,
                dumps(event.location),
                event.before,
                event.after,
                dumps(event.source),
                event.comment,
                event.prev_hash,
                event.hash,
            ),
        )

    def _check_written(self, event: Event) -> None:
        """Read the event back as verify will and recompute its hash: an event the verifier
        would reject (a bool for a comment, a key that JSON turns into a string) is refused
        now, and the transaction rolls back, instead of breaking the history for good."""
        row = self._conn.execute("SELECT * FROM events WHERE id = ?", (event.id,)).fetchone()
        if row is None:  # written, yet not found again: the file's index is damaged
            raise ProjectError(
                f"{self.path} is damaged: an event just written cannot be read back; nothing "
                "was changed. Run 'corrigenda verify' on it and restore it from a backup"
            )
        try:
            stored = Event.from_row(row)
        except ValueError as exc:  # a location the readers of this kind cannot use
            raise ProjectError(
                f"refused to record a {event.kind} event in {self.path}: {exc}; nothing was "
                "changed (please report this)"
            ) from exc
        if stored.compute_hash() != event.hash or stored != event:
            fields = [
                name
                for name in _EVENT_FIELDS
                if getattr(stored, name) != getattr(event, name)
                or type(getattr(stored, name)) is not type(getattr(event, name))
            ]
            raise ProjectError(
                f"refused to record a {event.kind} event in {self.path}: its "
                f"{', '.join(fields) or 'content'} would not read back as written, so verify "
                "would reject it; nothing was changed (please report this)"
            )

    def _edit_line(self, edit: LineEdit, source: Source, comment: str | None) -> LineWritten:
        from corrigenda.align import realign_line  # rapidfuzz: only edits pay for loading it

        row = self._conn.execute(
            "SELECT data FROM lines WHERE page_id = ? AND id = ?", (edit.page_id, edit.line_id)
        ).fetchone()
        if row is None:
            raise ProjectError(f"page id {edit.page_id} has no line {edit.line_id}")
        line = Line.from_json(json.loads(row["data"]))
        if line.text != edit.before:
            raise ProjectError(
                f"line {edit.line_id} changed meanwhile (now {line.text!r}): edit not applied"
            )
        page = self._conn.execute(
            "SELECT next_word_id, status FROM pages WHERE id = ?", (edit.page_id,)
        ).fetchone()
        new_line, next_word = realign_line(line, edit.after, page["next_word_id"])
        status = status_after_edit(page["status"])
        self._conn.execute(
            "UPDATE lines SET data = ? WHERE page_id = ? AND id = ?",
            (dumps(new_line.to_json()), edit.page_id, edit.line_id),
        )
        self._conn.execute(
            "UPDATE pages SET next_word_id = ?, status = ? WHERE id = ?",
            (next_word, status.value, edit.page_id),
        )
        location = {"line": edit.line_id, "words": [w.id for w in new_line.words]}
        event = self._append(
            "edit", edit.page_id, location, edit.before, new_line.text, source, comment
        )
        return LineWritten(event, new_line, status)

    def _write_lines(self, page_id: int, lines: Sequence[Line], *, replace_all: bool) -> None:
        if replace_all:
            self._conn.execute("DELETE FROM lines WHERE page_id = ?", (page_id,))
        self._conn.executemany(
            "INSERT INTO lines (page_id, id, position, data) VALUES (?, ?, ?, ?)",
            [(page_id, line.id, pos, dumps(line.to_json())) for pos, line in enumerate(lines)],
        )

    def _write_setting(self, key: str, value: Any, source: Source) -> None:
        before = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        after = dumps(value)
        self._conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, after),
        )
        self._append("setting", None, {"key": key}, before[0] if before else None, after, source)

    def _edit_events(self, ids: Sequence[int], kinds: Sequence[str] = ("edit",)) -> list[Event]:
        """The events `ids`, each of one of `kinds` (edits, unless a review names region
        changes too); anything else is refused."""
        events = [self.event(i) for i in ids]
        for event in events:
            if event.kind not in kinds:
                what = "reviewed" if "region-add" in kinds else "undone or reverted"
                raise ProjectError(
                    f"event {event.id} is a {event.kind} event: only "
                    f"{' and '.join(sorted(set(kinds)))} events can be {what}. Nothing was changed."
                )
        return events

    def _invert(self, ids: Sequence[int], source: Source, comment: str | None) -> list[LineWritten]:
        events = self._edit_events(ids)
        with self._transaction():
            done = []
            for event in reversed(events):
                assert event.page is not None and event.after is not None
                line_id = int(event.location["line"])
                row = self._conn.execute(
                    "SELECT data FROM lines WHERE page_id = ? AND id = ?", (event.page, line_id)
                ).fetchone()
                now = Line.from_json(json.loads(row["data"])).text if row else None
                if now != event.after:
                    # A later change (not reverted with this one) still stands on the line.
                    raise ProjectError(
                        f"event {event.id} cannot be reverted: line {line_id} was changed after "
                        f"it (now {now!r}); revert the later change too. Nothing was changed."
                    )
                edit = LineEdit(event.page, line_id, event.after, event.before or "")
                done.append(self._edit_line(edit, source, comment))
            return done


def _carry_corrections(
    current: Page, edited: set[int], new_lines: Sequence[Line]
) -> list[tuple[int, str]]:
    """Pair each corrected line with the new OCR line covering most of it."""
    carried = []
    for line_id in sorted(edited):
        old = current.line(line_id)
        best, best_overlap = None, 0.0
        for new in new_lines:
            if old.bbox and new.bbox:
                overlap = old.bbox.intersection_area(new.bbox) / max(
                    1, min(old.bbox.area, new.bbox.area)
                )
                if overlap > best_overlap:
                    best, best_overlap = new, overlap
        if best is None or best_overlap < 0.5:
            raise ProjectError(
                f"page {current.number}: re-OCR would lose the correction {old.text!r}; "
                "page not re-OCRed"
            )
        if best.text != old.text:
            carried.append((best.id, old.text))
    return carried
