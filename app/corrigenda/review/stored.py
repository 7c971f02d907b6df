"""Reading a project file as it is on disk, for verification and reports.

Verification reads the file through its own read-only connection rather than through
Project's loaders: what it checks should not depend on the code that wrote it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corrigenda.store import database
from corrigenda.store.events import Event


@dataclass(frozen=True)
class StoredPage:
    id: int
    position: int
    name: str
    status: str
    removed: bool
    next_word: int
    image_sha256: str
    lines: list[tuple[int, str]]  # (line id, line JSON) in position order
    regions: list[str] = field(default_factory=list)  # region JSON in id order
    next_region: int = 1
    line_positions: list[int] = field(default_factory=list)  # as stored, in order


@dataclass(frozen=True)
class DamagedEvent:
    """An event row whose JSON or fields cannot be read at all."""

    id: int
    hash: str
    reason: str


@dataclass(frozen=True)
class ImageRecord:
    page_id: int
    name: str
    ocr_run_id: int | None
    sha256: str
    format: str
    width: int
    height: int
    dpi: int | None
    data: bytes
    missing: bool = False


@dataclass(frozen=True)
class RunRecord:
    id: int
    page_id: int
    engine: str
    engine_version: str
    languages: str
    params: str
    created: str
    raw: str
    mean_conf: float | None


class StoredFile:
    """A read-only view of a project file's tables."""

    def __init__(self, path: Path) -> None:
        database.check_file(path)
        self.path = path
        self._conn = database.connect(path, readonly=True)
        # Text that is not UTF-8 (a flipped byte) reads with U+FFFD in its place, so it shows
        # as content that no longer matches its hash instead of stopping the whole check.
        self._conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        # One read transaction for the whole check: the events, the lines and the pages are
        # read as of one moment, so a write while verify runs (the window recovering typing,
        # another process) cannot make a transcript look ahead of its events.
        self._conn.execute("BEGIN")  # deferred: the snapshot is taken at the first read

    def close(self) -> None:
        self._conn.close()  # ends the read transaction

    def __enter__(self) -> StoredFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def integrity(self) -> list[str]:
        """SQLite's own check of the file's structure: empty when it holds."""
        rows = self._conn.execute("PRAGMA integrity_check(5)").fetchall()
        found = [str(r[0]) for r in rows]
        return [] if found == ["ok"] else found

    def events(self) -> Iterator[Event | DamagedEvent]:
        for row in self._conn.execute("SELECT * FROM events ORDER BY id"):
            try:
                yield Event.from_row(row)
            except (ValueError, TypeError, KeyError, IndexError) as exc:
                yield DamagedEvent(row[0], str(row[-1]), f"{type(exc).__name__}: {exc}")

    def baseline(self, run_id: int) -> tuple[str, str] | None:
        row = self._conn.execute(
            "SELECT baseline, baseline_sha256 FROM ocr_runs WHERE id = ?", (run_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def pages(self) -> list[StoredPage]:
        lines: dict[int, list[tuple[int, str]]] = {}
        positions: dict[int, list[int]] = {}
        for row in self._conn.execute(
            "SELECT page_id, id, data, position FROM lines ORDER BY page_id, position"
        ):
            lines.setdefault(row[0], []).append((row[1], row[2]))
            positions.setdefault(row[0], []).append(row[3])
        regions, next_region = self._regions()
        rows = self._conn.execute(
            "SELECT p.id, p.position, p.name, p.status, p.removed, p.next_word_id, i.sha256 "
            "FROM pages p JOIN images i ON i.id = p.image_id ORDER BY p.position, p.id"
        ).fetchall()
        return [
            StoredPage(
                r[0],
                r[1],
                r[2],
                r[3],
                bool(r[4]),
                r[5],
                r[6],
                lines.get(r[0], []),
                regions.get(r[0], []),
                next_region.get(r[0], 1),
                positions.get(r[0], []),
            )
            for r in rows
        ]

    def _regions(self) -> tuple[dict[int, list[str]], dict[int, int]]:
        """Each page's regions (JSON) and next region id; none in a file from before schema 2."""
        if not self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'regions'"
        ).fetchone():
            return {}, {}
        regions: dict[int, list[str]] = {}
        for row in self._conn.execute("SELECT page_id, data FROM regions ORDER BY page_id, id"):
            regions.setdefault(row[0], []).append(row[1])
        following = dict(self._conn.execute("SELECT id, next_region_id FROM pages").fetchall())
        return regions, following

    def image_digests(self) -> Iterator[tuple[int, str, str]]:
        """(page id, recorded SHA-256, SHA-256 of the bytes) for every page, one at a time."""
        ids = self._conn.execute("SELECT p.id, p.image_id FROM pages p ORDER BY p.id").fetchall()
        for page_id, image_id in ids:
            row = self._conn.execute(
                "SELECT sha256, data FROM images WHERE id = ?", (image_id,)
            ).fetchone()
            yield page_id, row[0], hashlib.sha256(bytes(row[1])).hexdigest()

    def images(self) -> Iterator[ImageRecord]:
        """Every page's image record, one at a time (the bytes are read one page at a time)."""
        ids = self._conn.execute(
            "SELECT p.id, p.name, p.image_id, p.ocr_run_id FROM pages p ORDER BY p.id"
        ).fetchall()
        for page_id, name, image_id, run_id in ids:
            row = self._conn.execute(
                "SELECT sha256, format, width, height, dpi, data FROM images WHERE id = ?",
                (image_id,),
            ).fetchone()
            if row is None:  # the page names an image the file does not hold
                yield ImageRecord(page_id, name, run_id, "", "", 0, 0, None, b"", missing=True)
                continue
            yield ImageRecord(page_id, name, run_id, row[0], row[1], row[2], row[3], row[4], row[5])

    def ocr_runs(self) -> Iterator[RunRecord]:
        for row in self._conn.execute(
            "SELECT id, page_id, engine, engine_version, languages, params, created, raw, "
            "mean_conf FROM ocr_runs ORDER BY id"
        ):
            yield RunRecord(*row)

    def settings(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._conn.execute("SELECT key, value FROM settings")}
