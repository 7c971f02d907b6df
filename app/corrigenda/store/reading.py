"""Reading a project file: pages, transcripts, images, OCR baselines, settings and events.

`ProjectReader` holds the connection; `ProjectWriter` adds the one write path and `Project`
the opening, closing and review records. Read-only opens use the same classes and are refused
any write.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from corrigenda.errors import ProjectError
from corrigenda.model import Document, Line, OcrRun, Page, PageImage, PageStatus, Region
from corrigenda.store import database
from corrigenda.store.events import Event, dumps
from corrigenda.store.lock import WriterLock

F = TypeVar("F", bound=Callable[..., Any])
# What reading a record that was edited or damaged outside Corrigenda raises: bad JSON, a
# field of the wrong type, a box or status our model refuses, bytes that are not UTF-8.
_DAMAGE = (sqlite3.DatabaseError, ValueError, KeyError, TypeError, IndexError, AttributeError)


def _is_damage(exc: BaseException) -> bool:
    # An OperationalError is the environment (I/O, locks) unless SQLite could not decode text.
    return not isinstance(exc, sqlite3.OperationalError) or "decode" in str(exc)


def reads(method: F) -> F:
    """A damaged record met while reading becomes a one-line ProjectError naming the file."""
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def generator(self: ProjectReader, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except _DAMAGE as exc:
                if not _is_damage(exc):
                    raise
                raise database.damaged(self.path, exc) from exc

        return generator  # type: ignore[return-value]

    @functools.wraps(method)
    def plain(self: ProjectReader, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except _DAMAGE as exc:
            if not _is_damage(exc):
                raise
            raise database.damaged(self.path, exc) from exc

    return plain  # type: ignore[return-value]


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


def baseline_json(lines: Sequence[Line]) -> str:
    return dumps([line.to_json() for line in lines])


def regions_digest(regions: Iterable[Region]) -> str:
    """SHA-256 of a page's regions (type, box, description; canonical JSON in id order): what
    a sign-off signs besides the transcript, so a note retyped or moved after it shows."""
    ordered = sorted(regions, key=lambda region: region.id)
    return hashlib.sha256(dumps([r.to_json() for r in ordered]).encode("utf-8")).hexdigest()


class ProjectReader:
    """An open project file, for reading."""

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
        self._regions_table: bool | None = None  # known on first use (_has_regions)

    _PAGE_SQL = (
        "SELECT p.id, p.name, p.status, p.ocr_run_id, i.width, i.height, i.dpi, "
        "(SELECT COUNT(*) FROM pages q WHERE NOT q.removed AND q.position <= p.position) AS n "
        "FROM pages p JOIN images i ON i.id = p.image_id WHERE NOT p.removed"
    )

    @reads
    def pages(self) -> list[PageInfo]:
        rows = self._conn.execute(
            "SELECT p.id, p.name, p.status, p.ocr_run_id, i.width, i.height, i.dpi, "
            "ROW_NUMBER() OVER (ORDER BY p.position) AS n "
            "FROM pages p JOIN images i ON i.id = p.image_id "
            "WHERE NOT p.removed ORDER BY p.position"
        ).fetchall()
        return [_page_info(r) for r in rows]

    @reads
    def removed_pages(self) -> list[PageInfo]:
        """Pages taken out of the document (kept for the audit trail), each numbered with
        the place it would take if restored."""
        rows = self._conn.execute(
            "SELECT p.id, p.name, p.status, p.ocr_run_id, i.width, i.height, i.dpi, "
            "1 + (SELECT COUNT(*) FROM pages q WHERE NOT q.removed AND q.position < p.position)"
            " AS n FROM pages p JOIN images i ON i.id = p.image_id "
            "WHERE p.removed ORDER BY p.position"
        ).fetchall()
        return [_page_info(r) for r in rows]

    @reads
    def page(self, page_id: int) -> Page:
        return self._load_page(self._info(page_id))

    @reads
    def document(self) -> Document:
        return Document(self.path.stem, tuple(self._load_page(info) for info in self.pages()))

    def _load_page(self, info: PageInfo) -> Page:
        rows = self._conn.execute(
            "SELECT data FROM lines WHERE page_id = ? ORDER BY position", (info.id,)
        ).fetchall()
        lines = tuple(Line.from_json(json.loads(r["data"])) for r in rows)
        regions = tuple(
            Region.from_json(json.loads(r["data"]))
            for r in (
                self._conn.execute(
                    "SELECT data FROM regions WHERE page_id = ? ORDER BY id", (info.id,)
                )
                if self._has_regions()
                else ()
            )
        )
        return Page(
            info.id,
            info.number,
            info.name,
            info.width,
            info.height,
            info.dpi,
            lines,
            info.status,
            regions,
        )

    def _has_regions(self) -> bool:
        """Whether the file has schema 2's regions table: an older file opened read-only is
        not migrated, and has none."""
        if self._regions_table is None:
            self._regions_table = (
                self._conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'regions'"
                ).fetchone()
                is not None
            )
        return self._regions_table

    @reads
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

    @reads
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

    @reads
    def ocr_params(self) -> dict[int, dict[str, Any]]:
        """Each OCRed page's OCR run params (how it was read), without its words: a page list
        shows them for 1,000 pages at once."""
        rows = self._conn.execute(
            "SELECT p.id, r.params FROM pages p JOIN ocr_runs r ON p.ocr_run_id = r.id"
        ).fetchall()
        return {row[0]: json.loads(row[1]) for row in rows}

    @reads
    def settings(self) -> dict[str, Any]:
        rows = self._conn.execute("SELECT key, value FROM settings").fetchall()
        return {r["key"]: json.loads(r["value"]) for r in rows}

    @reads
    def setting(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row["value"]) if row else default

    @reads
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

    @reads
    def event(self, event_id: int) -> Event:
        row = self._conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise ProjectError(f"{self.path} has no event {event_id}")
        return Event.from_row(row)

    @reads
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

    @reads
    def page_digest(self, page_id: int) -> str:
        """SHA-256 of a page's transcript (lines with words and boxes, canonical JSON)."""
        rows = self._conn.execute(
            "SELECT data FROM lines WHERE page_id = ? ORDER BY position", (page_id,)
        ).fetchall()
        lines = [Line.from_json(json.loads(r["data"])) for r in rows]
        return hashlib.sha256(baseline_json(lines).encode("utf-8")).hexdigest()

    @reads
    def page_regions_digest(self, page_id: int) -> str:
        """regions_digest of a page's regions as stored."""
        rows = (
            self._conn.execute("SELECT data FROM regions WHERE page_id = ?", (page_id,))
            if self._has_regions()
            else ()
        )
        return regions_digest(Region.from_json(json.loads(r["data"])) for r in rows)

    @reads
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
