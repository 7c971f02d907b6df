"""A project: one `.corrigenda` file, read through this class and written only through it.

Every method that changes the file does so in one transaction that also appends an event to
the hash-chained log (`_append`): this is the project's one write path, which makes the audit
trail complete by construction.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from corrigenda.align import realign_line
from corrigenda.errors import ProjectError
from corrigenda.model import Document, Line, OcrRun, Page, PageImage, PageStatus
from corrigenda.store import database
from corrigenda.store.events import GENESIS, Event, Source, dumps
from corrigenda.store.lock import WriterLock


@dataclass(frozen=True)
class PageInfo:
    """What a page list shows, without loading the page's words."""

    id: int
    number: int
    name: str
    width: int
    height: int
    dpi: int | None
    status: PageStatus
    has_ocr: bool


@dataclass(frozen=True)
class LineEdit:
    """Set a line's text. `before` is the text the editor saw, so a stale edit is refused."""

    page_id: int
    line_id: int
    before: str
    after: str


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def baseline_json(lines: Sequence[Line]) -> str:
    return dumps([line.to_json() for line in lines])


class Project:
    """An open project file."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        readonly: bool,
        actor: str,
        lock: WriterLock | None = None,
    ):
        self.path = path
        self.readonly = readonly
        self.actor = actor
        self._conn = conn
        self._lock = lock

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, actor: str | None = None) -> Project:
        path = Path(path)
        version = database.check_file(path)
        lock = None if readonly else WriterLock(path)
        try:
            if not readonly:
                database.migrate(path, version)
            conn = database.connect(path, readonly=readonly)
        except BaseException:
            if lock:
                lock.release()
            raise
        return cls(path, conn, readonly=readonly, actor=actor or default_actor(), lock=lock)

    @classmethod
    def create(
        cls,
        path: str | Path,
        images: Iterable[PageImage],
        *,
        settings: dict[str, Any] | None = None,
        actor: str | None = None,
    ) -> Project:
        """Make a new project holding `images`; the file appears only once it is complete."""
        path = Path(path)
        actor = actor or default_actor()
        with database.building(path) as conn:
            builder = cls(path, conn, readonly=False, actor=actor)
            with builder._transaction():
                builder._append("project-create", None, {}, None, path.name, Source("create"))
                for key, value in sorted((settings or {}).items()):
                    builder._write_setting(key, value, Source("create"))
            builder.add_pages(images, Source("create"))
        return cls.open(path, actor=actor)

    def close(self) -> None:
        self._conn.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def save_copy(self, target: str | Path) -> None:
        """Write a consistent copy of the whole file (history included) to `target`.

        SQLite's online backup copies committed data only, so a copy taken while the file is
        in use is whole; the copy appears under its name only once complete.
        """
        with database.building(Path(target)) as copy:
            self._conn.backup(copy)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------

    _PAGE_SQL = (
        "SELECT p.id, p.name, p.status, p.ocr_run_id, i.width, i.height, i.dpi, "
        "(SELECT COUNT(*) FROM pages q WHERE NOT q.removed AND q.position <= p.position) AS n "
        "FROM pages p JOIN images i ON i.id = p.image_id WHERE NOT p.removed"
    )

    def pages(self) -> list[PageInfo]:
        rows = self._conn.execute(
            "SELECT p.id, p.name, p.status, p.ocr_run_id, i.width, i.height, i.dpi, "
            "ROW_NUMBER() OVER (ORDER BY p.position) AS n "
            "FROM pages p JOIN images i ON i.id = p.image_id "
            "WHERE NOT p.removed ORDER BY p.position"
        ).fetchall()
        return [_page_info(r) for r in rows]

    def page(self, page_id: int) -> Page:
        return self._load_page(self._info(page_id))

    def document(self) -> Document:
        return Document(self.path.stem, tuple(self._load_page(info) for info in self.pages()))

    def _load_page(self, info: PageInfo) -> Page:
        rows = self._conn.execute(
            "SELECT data FROM lines WHERE page_id = ? ORDER BY position", (info.id,)
        ).fetchall()
        lines = tuple(Line.from_json(json.loads(r["data"])) for r in rows)
        return Page(
            info.id, info.number, info.name, info.width, info.height, info.dpi, lines, info.status
        )

    def image(self, page_id: int) -> PageImage:
        row = self._conn.execute(
            "SELECT p.name, i.* FROM pages p JOIN images i ON i.id = p.image_id WHERE p.id = ?",
            (page_id,),
        ).fetchone()
        if row is None:
            raise ProjectError(f"{self.path} has no page with id {page_id}")
        return PageImage(
            row["name"],
            bytes(row["data"]),
            row["format"],
            row["width"],
            row["height"],
            row["dpi"],
            row["sha256"],
        )

    def ocr_run(self, page_id: int) -> OcrRun | None:
        row = self._conn.execute(
            "SELECT r.* FROM ocr_runs r JOIN pages p ON p.ocr_run_id = r.id WHERE p.id = ?",
            (page_id,),
        ).fetchone()
        if row is None:
            return None
        lines = tuple(Line.from_json(item) for item in json.loads(row["baseline"]))
        return OcrRun(
            row["engine"],
            row["engine_version"],
            row["languages"],
            json.loads(row["params"]),
            row["raw"],
            lines,
        )

    def settings(self) -> dict[str, Any]:
        rows = self._conn.execute("SELECT key, value FROM settings").fetchall()
        return {r["key"]: json.loads(r["value"]) for r in rows}

    def setting(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row["value"]) if row else default

    def events(
        self, page_id: int | None = None, after_id: int = 0, kinds: Sequence[str] = ()
    ) -> Iterator[Event]:
        sql = "SELECT * FROM events WHERE id > ?"
        args: list[Any] = [after_id]
        if page_id is not None:
            sql += " AND page_id = ?"
            args.append(page_id)
        if kinds:
            sql += f" AND kind IN ({', '.join('?' * len(kinds))})"
            args.extend(kinds)
        for row in self._conn.execute(sql + " ORDER BY id", args):
            yield Event.from_row(row)

    def edited_line_ids(self, page_id: int) -> set[int]:
        """Lines a person (or a rule) changed since the page's last OCR."""
        last_ocr = self._conn.execute(
            "SELECT COALESCE(MAX(id), 0) FROM events WHERE page_id = ? AND kind = 'ocr'",
            (page_id,),
        ).fetchone()[0]
        rows = self._conn.execute(
            "SELECT location FROM events WHERE page_id = ? AND kind = 'edit' AND id > ?",
            (page_id, last_ocr),
        ).fetchall()
        return {json.loads(r["location"])["line"] for r in rows}

    # -- the one write path --------------------------------------------------------------

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
                    "page-add", page_id, {"position": position}, None, image.sha256, source
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
        edited = self.edited_line_ids(page_id)
        current = self.page(page_id) if edited else None
        carried = _carry_corrections(current, edited, run.lines) if current else []
        baseline = baseline_json(run.lines)
        digest = hashlib.sha256(baseline.encode("utf-8")).hexdigest()
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
                    dumps(run.params),
                    now_utc(),
                    run.raw,
                    baseline,
                    digest,
                    run.mean_conf,
                ),
            ).lastrowid
            next_word = 1 + max((w.id for line in run.lines for w in line.words), default=0)
            status = PageStatus.OCRED if info.status == PageStatus.NEW else info.status
            self._conn.execute(
                "UPDATE pages SET ocr_run_id = ?, next_word_id = ?, status = ? WHERE id = ?",
                (run_id, next_word, status.value, page_id),
            )
            self._write_lines(page_id, run.lines, replace_all=True)
            self._append(
                "ocr", page_id, {"run": run_id}, previous[0] if previous else None, digest, source
            )
            for line_id, text in carried:
                line = next(line for line in run.lines if line.id == line_id)
                self._edit_line(
                    LineEdit(page_id, line_id, line.text, text),
                    Source("re-ocr", {"kept": "correction"}),
                    None,
                )

    def edit_lines(
        self, edits: Sequence[LineEdit], source: Source, comment: str | None = None
    ) -> list[Event]:
        """Apply line edits as one transaction (a batch is one step); one event per line."""
        with self._transaction():
            return [self._edit_line(edit, source, comment) for edit in edits]

    def set_setting(self, key: str, value: Any, source: Source) -> None:
        with self._transaction():
            self._write_setting(key, value, source)

    # -- the one write path: review, page status, undo (issue 5) --------------------------

    def set_page_status(
        self, page_id: int, status: PageStatus, source: Source, comment: str | None = None
    ) -> Event:
        """Move a page through transcribed -> in review -> approved, or return it."""
        self._info(page_id)
        with self._transaction():
            before = self._conn.execute(
                "SELECT status FROM pages WHERE id = ?", (page_id,)
            ).fetchone()[0]
            self._conn.execute("UPDATE pages SET status = ? WHERE id = ?", (status.value, page_id))
            return self._append("status", page_id, {}, before, status.value, source, comment)

    def remove_page(self, page_id: int, source: Source) -> Event:
        """Take a page out of the document; it stays in the file for the audit trail."""
        info = self._info(page_id)
        with self._transaction():
            self._conn.execute("UPDATE pages SET removed = 1 WHERE id = ?", (page_id,))
            return self._append("page-remove", page_id, {"number": info.number}, None, None, source)

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

    def undo(self, event_ids: Iterable[int], comment: str | None = None) -> list[Event]:
        """Undo edit events by appending their inverses (latest first); nothing is deleted."""
        ids = sorted(set(event_ids))
        return self._invert(ids, Source("undo", {"of": ids}), comment)

    def redo(self, event_ids: Iterable[int], comment: str | None = None) -> list[Event]:
        """Redo: invert the undo events `event_ids` (the ids `undo` returned)."""
        ids = sorted(set(event_ids))
        return self._invert(ids, Source("redo", {"of": ids}), comment)

    def record_review(
        self,
        event_ids: Iterable[int],
        decision: str,
        reason: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> list[Event]:
        """Record a reviewer's decision on edit events, one event per page.

        A rejection also reverts the rejected edits (appending their inverses) in the same
        transaction, so the transcript never keeps a change the reviewer refused.
        """
        if decision not in ("approve", "reject"):
            raise ValueError(f"unknown review decision {decision!r}")
        targets = self._edit_events(sorted(set(event_ids)))
        by_page: dict[int, list[int]] = {}
        for event in targets:
            by_page.setdefault(event.page or 0, []).append(event.id)
        source = Source("review", dict(detail or {}))
        with self._transaction():
            recorded = [
                self._append("review", page_id, {"events": ids}, None, decision, source, reason)
                for page_id, ids in sorted(by_page.items())
            ]
            if decision == "reject":
                ids = [e.id for e in targets]
                recorded += self._invert(ids, Source("review", {"rejects": ids}), reason)
        return recorded

    def record_sample(self, event_ids: Sequence[int], percent: float, seed: int) -> list[Event]:
        """Record which edits a quality-control sample drew (one event per page), so the
        summary can count them and a page's listing finds them by the page index."""
        by_page: dict[int, list[int]] = {}
        for event in self._edit_events(sorted(set(event_ids))):
            by_page.setdefault(event.page or 0, []).append(event.id)
        with self._transaction():
            return [
                self._append(
                    "review-sample",
                    page_id,
                    {"events": ids, "percent": percent, "seed": seed},
                    None,
                    None,
                    Source("review"),
                )
                for page_id, ids in sorted(by_page.items())
            ]

    def sign_off(
        self,
        page_ids: Sequence[int],
        reviewer: str,
        public_key: str,
        sign: Callable[[bytes], bytes],
        scope: str = "page",
    ) -> Event:
        """Approve pages with a signature over the chain head and the pages' transcripts.

        `sign` gets the canonical JSON of what is signed (the location of the event) and
        returns the signature; the event stores it hex-encoded in `after`.
        """
        infos = [self._info(page_id) for page_id in page_ids]
        with self._transaction():
            head = self._conn.execute(
                "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1"
            ).fetchone()
            payload = {
                "scope": scope,
                "reviewer": reviewer,
                "key": public_key,
                "head": {"id": head["id"], "hash": head["hash"]},
                "pages": {str(i.id): self.page_digest(i.id) for i in infos},
                "signed": now_utc(),
            }
            signature = sign(dumps(payload).encode("utf-8"))
            self._conn.executemany(
                "UPDATE pages SET status = 'approved' WHERE id = ?", [(i.id,) for i in infos]
            )
            page = infos[0].id if len(infos) == 1 else None
            return self._append(
                "sign-off",
                page,
                payload,
                None,
                signature.hex(),
                Source("review", {"sign-off": scope}),
            )

    def page_digest(self, page_id: int) -> str:
        """SHA-256 of a page's transcript (lines with words and boxes, canonical JSON)."""
        rows = self._conn.execute(
            "SELECT data FROM lines WHERE page_id = ? ORDER BY position", (page_id,)
        ).fetchall()
        lines = [Line.from_json(json.loads(r["data"])) for r in rows]
        return hashlib.sha256(baseline_json(lines).encode("utf-8")).hexdigest()

    def event(self, event_id: int) -> Event:
        row = self._conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise ProjectError(f"{self.path} has no event {event_id}")
        return Event.from_row(row)

    def _edit_events(self, ids: Sequence[int]) -> list[Event]:
        events = [self.event(i) for i in ids]
        for event in events:
            if event.kind != "edit":
                raise ProjectError(
                    f"event {event.id} is a {event.kind} event, not an edit: only edits can be "
                    "reviewed or undone"
                )
        return events

    def _invert(self, ids: Sequence[int], source: Source, comment: str | None) -> list[Event]:
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

    # -- internals -----------------------------------------------------------------------

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
        row = self._conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
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
        event = Event(**{**event.__dict__, "hash": event.compute_hash()})
        self._conn.execute(
            "INSERT INTO events (id, time, actor, page_id, kind, location, before, after, "
            "source, comment, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                event.time,
                event.actor,
                page_id,
                kind,
                dumps(location),
                before,
                after,
                dumps(event.source),
                comment,
                event.prev_hash,
                event.hash,
            ),
        )
        return event

    def _edit_line(self, edit: LineEdit, source: Source, comment: str | None) -> Event:
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
        next_word = self._conn.execute(
            "SELECT next_word_id FROM pages WHERE id = ?", (edit.page_id,)
        ).fetchone()[0]
        new_line, next_word = realign_line(line, edit.after, next_word)
        self._conn.execute(
            "UPDATE lines SET data = ? WHERE page_id = ? AND id = ?",
            (dumps(new_line.to_json()), edit.page_id, edit.line_id),
        )
        self._conn.execute(
            "UPDATE pages SET next_word_id = ?, status = CASE status "
            "WHEN 'approved' THEN 'in-review' WHEN 'in-review' THEN 'in-review' "
            "ELSE 'transcribed' END WHERE id = ?",
            (next_word, edit.page_id),
        )
        location = {"line": edit.line_id, "words": [w.id for w in new_line.words]}
        return self._append(
            "edit", edit.page_id, location, edit.before, new_line.text, source, comment
        )

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

    def _info(self, page_id: int) -> PageInfo:
        row = self._conn.execute(self._PAGE_SQL + " AND p.id = ?", (page_id,)).fetchone()
        if row is None:
            raise ProjectError(f"{self.path} has no page with id {page_id}")
        return _page_info(row)


def _page_info(row: sqlite3.Row) -> PageInfo:
    return PageInfo(
        row["id"],
        row["n"],
        row["name"],
        row["width"],
        row["height"],
        row["dpi"],
        PageStatus(row["status"]),
        row["ocr_run_id"] is not None,
    )


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


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
