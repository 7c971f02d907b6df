"""Regions through the one write path: adding, retyping, moving and deleting a region of a
page, and typing a line into one, each in one transaction with its event.

The change each event makes to the page's lines is computed by corrigenda.regions.geometry,
which verify's replay calls too; the event records its result (lines assigned, words taken,
lines made) so the replay can check it.

Every region event changes what the page's transcript says (which lines it holds, which
words are body text, how its text is laid out in an export), so each moves the page's status
by the same rule as an edit (model.status_after_edit): a signed-off page goes back to review,
and the event is listed for review beside the edits (corrigenda.review.edits). The event
records the status it set (`status` in its location), which the replay checks against the
rule; region events of files written before this carry none and moved no status.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from corrigenda.errors import ProjectError, UsageError
from corrigenda.model import BBox, Line, Region, RegionType, status_after_edit
from corrigenda.regions import geometry
from corrigenda.store.events import Event, Source, dumps
from corrigenda.store.reading import reads
from corrigenda.store.writing import ProjectWriter


def region_type(name: str) -> RegionType:
    try:
        return RegionType(name)
    except ValueError:
        known = ", ".join(t.value for t in RegionType)
        raise UsageError(f"unknown region type {name!r}: use one of {known}") from None


class RegionWriter(ProjectWriter):
    """The region methods of the write path (Project inherits them)."""

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several region changes as one transaction: all are made, or none."""
        with self._transaction():
            yield

    @reads
    def regions(self, page_id: int) -> list[Region]:
        rows = self._conn.execute(
            "SELECT data FROM regions WHERE page_id = ? ORDER BY id", (page_id,)
        ).fetchall()
        return [Region.from_json(json.loads(r["data"])) for r in rows]

    def region(self, page_id: int, region_id: int) -> Region:
        for region in self.regions(page_id):
            if region.id == region_id:
                return region
        number = self._info(page_id).number
        raise UsageError(f"page {number} of {self.path} has no region {region_id}")

    def add_region(
        self,
        page_id: int,
        kind: RegionType,
        box: BBox | None,
        source: Source,
        description: str = "",
    ) -> tuple[Region, Event]:
        """Make a region. Printed and furniture regions take the lines inside; handwriting
        takes the words inside out of the body lines and makes them its own lines. Only
        handwriting may come without a box (notes a transcript brought, not placed yet)."""
        info = self._info(page_id)
        with self._transaction():
            if box is not None:
                geometry.check_box(box, info.width, info.height, self.regions(page_id))
            elif kind != RegionType.HANDWRITTEN:
                raise UsageError(f"a {kind.value} region needs a box on the image")
            region_id = self._conn.execute(
                "SELECT next_region_id FROM pages WHERE id = ?", (page_id,)
            ).fetchone()[0]
            region = Region(region_id, kind, box, description)
            lines, assigned, taken, made = geometry.take_region(self._lines(page_id), region)
            if kind == RegionType.HANDWRITTEN and not made and taken:
                raise ProjectError("handwriting took words but made no line: nothing changed")
            self._conn.execute(
                "INSERT INTO regions (page_id, id, data) VALUES (?, ?, ?)",
                (page_id, region_id, dumps(region.to_json())),
            )
            self._conn.execute(
                "UPDATE pages SET next_region_id = ? WHERE id = ?", (region_id + 1, page_id)
            )
            self._write_lines(page_id, lines, replace_all=True)
            location = {"region": region_id, "lines": assigned, "words": taken, "made": made}
            location["status"] = self._page_changed(page_id)
            event = self._append(
                "region-add", page_id, location, None, dumps(region.to_json()), source
            )
        return region, event

    def accept_handwriting(self, page_id: int, box: BBox, score: float) -> tuple[Region, Event]:
        """Make a proposed handwritten region (a `handwriting` flag accepted, or `regions
        --find --accept`): the CLI and the window make it by this one call."""
        detail = {"check": "handwriting", "score": round(score, 3)}
        return self.add_region(page_id, RegionType.HANDWRITTEN, box, Source("handwriting", detail))

    def retype_region(
        self, page_id: int, region_id: int, kind: RegionType, source: Source
    ) -> Event:
        region = self.region(page_id, region_id)
        if region.type.ocr_keeps_out != kind.ocr_keeps_out and self._owned(page_id, region_id):
            raise UsageError(
                f"region {region_id} holds lines: a {region.type.value} region cannot become "
                f"{kind.value} with them; delete and draw it again"
            )
        with self._transaction():
            self._store(page_id, Region(region.id, kind, region.bbox, region.description))
            status = self._page_changed(page_id)
            return self._append(
                "region-retype", page_id, {"region": region_id, "status": status},
                region.type.value, kind.value, source,
            )  # fmt: skip

    def move_region(self, page_id: int, region_id: int, box: BBox, source: Source) -> Event:
        """Give a region a new box; printed and furniture regions then hold the lines in it."""
        info = self._info(page_id)
        region = self.region(page_id, region_id)
        with self._transaction():
            geometry.check_box(box, info.width, info.height, self.regions(page_id), region_id)
            moved = Region(region.id, region.type, box, region.description)
            lines, held = geometry.reassign(self._lines(page_id), moved)
            self._store(page_id, moved)
            self._write_lines(page_id, lines, replace_all=True)
            status = self._page_changed(page_id)
            return self._append(
                "region-move",
                page_id,
                {"region": region_id, "lines": held, "status": status},
                dumps(region.bbox.as_list() if region.bbox else None),
                dumps(box.as_list()),
                source,
            )

    def delete_region(self, page_id: int, region_id: int, source: Source) -> Event:
        """Delete a region: its handwritten lines go with it (the event keeps them), printed
        and furniture lines return to the body."""
        region = self.region(page_id, region_id)
        with self._transaction():
            lines, gone = geometry.release_region(self._lines(page_id), region)
            self._conn.execute(
                "DELETE FROM regions WHERE page_id = ? AND id = ?", (page_id, region_id)
            )
            self._write_lines(page_id, lines, replace_all=True)
            before = {"region": region.to_json(), "lines": [line.to_json() for line in gone]}
            status = self._page_changed(page_id)
            return self._append(
                "region-remove",
                page_id,
                {"region": region_id, "lines": [line.id for line in gone], "status": status},
                dumps(before),
                None,
                source,
            )

    def add_region_line(
        self,
        page_id: int,
        region_id: int,
        text: str,
        source: Source,
        after: int | None = geometry.AFTER_OWN,
    ) -> Line:
        """Type a line into a handwritten region: after its other lines, or after line
        `after` (None: at the top of the page)."""
        region = self.region(page_id, region_id)
        if region.type != RegionType.HANDWRITTEN:
            raise UsageError(
                f"region {region_id} is {region.type.value}: lines are typed into handwriting"
            )
        with self._transaction():
            next_word = self._conn.execute(
                "SELECT next_word_id FROM pages WHERE id = ?", (page_id,)
            ).fetchone()[0]
            lines, line, next_word = geometry.typed_line(
                self._lines(page_id), region, text, next_word, after
            )
            at = next(i for i, old in enumerate(lines) if old.id == line.id)
            self._write_lines(page_id, lines, replace_all=True)
            self._conn.execute(
                "UPDATE pages SET next_word_id = ? WHERE id = ?", (next_word, page_id)
            )
            location = {
                "line": line.id,
                "region": region_id,
                "words": [w.id for w in line.words],
                "after": lines[at - 1].id if at else None,
                "status": self._page_changed(page_id),
            }
            self._append("line-add", page_id, location, None, line.text, source)
        return line

    def remove_region_line(self, page_id: int, line_id: int, source: Source) -> Event:
        """Take a line out of a handwritten region (the event keeps it)."""
        lines = self._lines(page_id)
        line = next((line for line in lines if line.id == line_id), None)
        if line is None or line.region is None:
            raise UsageError(f"line {line_id} is not a line of a region: nothing removed")
        region = self.region(page_id, line.region)
        if region.type != RegionType.HANDWRITTEN:
            raise UsageError(f"line {line_id} is in a {region.type.value} region: not removed")
        with self._transaction():
            self._write_lines(
                page_id, [old for old in lines if old.id != line_id], replace_all=True
            )
            status = self._page_changed(page_id)
            location = {"line": line_id, "region": region.id, "status": status}
            return self._append(
                "line-remove", page_id, location, dumps(line.to_json()), None, source
            )

    @reads
    def region_state(self, page_id: int) -> str:
        """The page's lines and regions as one text (regions.geometry.region_state): what a
        region change leaves, and what undoing it restores."""
        return geometry.region_state(self._lines(page_id), self.regions(page_id))

    @reads
    def last_event_id(self) -> int:
        return int(self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0])

    def restore_region_state(
        self,
        page_id: int,
        event_ids: Sequence[int],
        source: str,
        target: str,
        origin: Source,
        *,
        undo: bool,
    ) -> Event:
        """Undo (or redo) the region change events `event_ids` of a page: the lines and
        regions the change touched go from `source` (the page as the change left it; to redo,
        as before it) back to `target` (regions.geometry.rebase_state); the page's other
        lines stay as they are. The event (`region-undo`, `region-redo`) keeps the page as it
        was, the change's two sides and the page as it is made; verify checks the sides
        against its digests of the page around those events and makes the page again. Ids
        are never reused: a region or line made again by a redo has its old id."""
        if not event_ids:
            raise UsageError("no region change named: nothing to undo")
        number = self._info(page_id).number
        with self._transaction():
            now = self.region_state(page_id)
            restored = geometry.rebase_state(now, source, target)
            if restored is None:
                raise UsageError(
                    f"page {number} changed since that region change: it cannot be "
                    f"{'undone' if undo else 'redone'} (undo the later changes first)"
                )
            lines, regions = geometry.from_region_state(restored)
            self._conn.execute("DELETE FROM regions WHERE page_id = ?", (page_id,))
            self._conn.executemany(
                "INSERT INTO regions (page_id, id, data) VALUES (?, ?, ?)",
                [(page_id, r.id, dumps(r.to_json())) for r in regions],
            )
            self._write_lines(page_id, lines, replace_all=True)
            location = {"of": sorted(event_ids), "status": self._page_changed(page_id)}
            kind = "region-undo" if undo else "region-redo"
            # The page as it was, and the change's two sides: verify holds only their digests.
            record = dumps({"page": now, "from": source, "to": target})
            return self._append(kind, page_id, location, record, restored, origin)

    def _lines(self, page_id: int) -> list[Line]:
        rows = self._conn.execute(
            "SELECT data FROM lines WHERE page_id = ? ORDER BY position", (page_id,)
        ).fetchall()
        return [Line.from_json(json.loads(r["data"])) for r in rows]

    def _page_changed(self, page_id: int) -> str:
        """Set the page's status after a change to its transcript (the edits' rule); the
        status set, for the event to record."""
        row = self._conn.execute("SELECT status FROM pages WHERE id = ?", (page_id,)).fetchone()
        status = status_after_edit(row["status"]).value
        self._conn.execute("UPDATE pages SET status = ? WHERE id = ?", (status, page_id))
        return status

    def _owned(self, page_id: int, region_id: int) -> bool:
        return any(line.region == region_id for line in self._lines(page_id))

    def _store(self, page_id: int, region: Region) -> None:
        self._conn.execute(
            "UPDATE regions SET data = ? WHERE page_id = ? AND id = ?",
            (dumps(region.to_json()), page_id, region.id),
        )


def regions_json(regions: Sequence[Region]) -> str:
    return dumps([region.to_json() for region in regions])
