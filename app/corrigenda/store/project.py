"""A project: one `.corrigenda` file, opened, created and closed here.

Reading is `ProjectReader` (store/reading.py), the one write path `ProjectWriter`
(store/writing.py); this class adds opening with the writer lock, atomic creation, copies,
and the review records (page status, decisions, samples, sign-offs).
"""

from __future__ import annotations

import contextlib
import getpass
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from corrigenda.model import PageImage, PageStatus
from corrigenda.store import database
from corrigenda.store.events import REVIEWED_KINDS, Event, Source, dumps
from corrigenda.store.lock import WriterLock
from corrigenda.store.reading import PageInfo
from corrigenda.store.regions import RegionWriter
from corrigenda.store.writing import LineEdit, LineWritten, now_utc

__all__ = ["LineEdit", "LineWritten", "PageInfo", "Project"]


class Project(RegionWriter):
    """An open project file."""

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
        """Make a new project holding `images`, and open it; the file appears only once it is
        complete."""
        actor = actor or default_actor()
        cls.build(path, images, settings=settings, actor=actor)
        return cls.open(path, actor=actor)

    @classmethod
    def build(
        cls,
        path: str | Path,
        images: Iterable[PageImage],
        *,
        settings: dict[str, Any] | None = None,
        actor: str | None = None,
    ) -> int:
        """Make a new project holding `images` without opening it (opening and closing take
        a few synced writes); returns its number of pages. The file appears only once it is
        complete."""
        path = Path(path)
        with database.building(path) as conn:
            builder = cls(path, conn, readonly=False, actor=actor or default_actor())
            with builder._transaction():
                builder._append("project-create", None, {}, None, path.name, Source("create"))
                for key, value in sorted((settings or {}).items()):
                    builder._write_setting(key, value, Source("create"))
            return len(builder.add_pages(images, Source("create")))

    def close(self) -> None:
        if not self.readonly:
            # Back to a rollback journal: readers then need no -wal/-shm files beside the
            # project, so the folder stays tidy. Another open reader makes this fail: fine.
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA journal_mode = DELETE")
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

    def set_page_status(
        self, page_id: int, status: PageStatus, source: Source, comment: str | None = None
    ) -> Event:
        """Hand a page over for review or return it; only a sign-off approves a page."""
        if status == PageStatus.APPROVED:
            raise ValueError("a page is approved by a signed sign-off only (review.decisions)")
        self._info(page_id)
        with self._transaction():
            before = self._conn.execute(
                "SELECT status FROM pages WHERE id = ?", (page_id,)
            ).fetchone()[0]
            self._conn.execute("UPDATE pages SET status = ? WHERE id = ?", (status.value, page_id))
            return self._append("status", page_id, {}, before, status.value, source, comment)

    def record_review(
        self,
        event_ids: Iterable[int],
        decision: str,
        reason: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> list[Event]:
        """Record a reviewer's decision on edit events, one event per page.

        A rejection also reverts the rejected edits (appending their inverses) in the same
        transaction, so the transcript never keeps a change the reviewer refused. Region
        changes are approved like edits; a rejection cannot revert them and refuses them.
        """
        if decision not in ("approve", "reject"):
            raise ValueError(f"unknown review decision {decision!r}")
        kinds = REVIEWED_KINDS if decision == "approve" else ("edit",)
        targets = self._edit_events(sorted(set(event_ids)), kinds)
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
                reverts = self._invert(ids, Source("review", {"rejects": ids}), reason)
                recorded += [w.event for w in reverts]
        return recorded

    def record_sample(self, event_ids: Sequence[int], percent: float, seed: int) -> list[Event]:
        """Record which edits a quality-control sample drew (one event per page), so the
        summary can count them and a page's listing finds them by the page index."""
        by_page: dict[int, list[int]] = {}
        for event in self._edit_events(sorted(set(event_ids)), REVIEWED_KINDS):
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
        detail: dict[str, Any] | None = None,
    ) -> Event:
        """Approve pages with a signature over the chain head, the pages' transcripts and
        their regions.

        `sign` gets the canonical JSON of what is signed (the location of the event) and
        returns the signature; the event stores it hex-encoded in `after`. `detail` goes into
        the event's source (the signer's own edits the sign-off covers, for the auditor).
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
                "regions": {str(i.id): self.page_regions_digest(i.id) for i in infos},
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
                Source("review", {"sign-off": scope, **(detail or {})}),
            )


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
