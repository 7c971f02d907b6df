"""Events: the audit trail's records and their hash chain.

hash = sha256(prev_hash + canonical JSON of the event), canonical meaning sorted keys, UTF-8 and
no whitespace (../DESIGN.md, "The project file"). The first event's prev_hash is GENESIS.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64

# The events that change a page's regions, and so its transcript: reviewed like edits.
REGION_KINDS = (
    "region-add",
    "region-retype",
    "region-move",
    "region-remove",
    "line-add",
    "line-remove",
    "region-undo",
    "region-redo",
)
# The events a reviewer approves (or rejects): edits and region changes.
REVIEWED_KINDS = ("edit", *REGION_KINDS)


@dataclass(frozen=True)
class Source:
    """Where a change came from: keyboard, suggestion (+ check), batch (+ pattern), rule,
    import, ocr, re-ocr, review, undo (+ the undone event ids), ..."""

    type: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, **self.detail}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Source:
        rest = {k: v for k, v in data.items() if k != "type"}
        return cls(str(data["type"]), rest)


@dataclass(frozen=True)
class Event:
    """One recorded change. `before` and `after` are text (a line's text, a hash, JSON)."""

    id: int
    time: str
    actor: str
    page: int | None
    kind: str
    location: dict[str, Any]
    before: str | None
    after: str | None
    source: dict[str, Any]
    comment: str | None
    prev_hash: str
    hash: str = ""

    def canonical(self) -> str:
        # Built by hand: dataclasses.asdict deep-copies every nested dict, which made
        # re-checking 100,000 events several times slower.
        return dumps(
            {
                "id": self.id,
                "time": self.time,
                "actor": self.actor,
                "page": self.page,
                "kind": self.kind,
                "location": self.location,
                "before": self.before,
                "after": self.after,
                "source": self.source,
                "comment": self.comment,
                "prev_hash": self.prev_hash,
            }
        )

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.canonical()).encode("utf-8")).hexdigest()

    @classmethod
    def from_row(cls, row: Any) -> Event:
        """An event from its row; ValueError when the row cannot be an event (bad JSON, a
        location or source that is not an object: a file edited or damaged by hand)."""
        for name, kinds in _COLUMN_TYPES:
            if not isinstance(row[name], kinds) or isinstance(row[name], bool):
                # A flipped bit in a record's header turns text into a blob, an id into NULL.
                raise ValueError(f"event {row['id']!r}: its {name} is not what Corrigenda writes")
        location, source = json.loads(row["location"]), json.loads(row["source"])
        if not isinstance(location, dict) or not isinstance(source, dict):
            raise ValueError(f"event {row['id']}: its location or source is not a JSON object")
        for name, kind in _LOCATION_FIELDS.get(row["kind"], ()):
            if not isinstance(location.get(name), kind):
                raise ValueError(f"event {row['id']}: its location lacks a valid {name!r}")
        return cls(
            id=row["id"],
            time=row["time"],
            actor=row["actor"],
            page=row["page_id"],
            kind=row["kind"],
            location=location,
            before=row["before"],
            after=row["after"],
            source=source,
            comment=row["comment"],
            prev_hash=row["prev_hash"],
            hash=row["hash"],
        )


_COLUMN_TYPES: tuple[tuple[str, type | tuple[type, ...]], ...] = (
    ("id", int),
    ("time", str),
    ("actor", str),
    ("page_id", (int, type(None))),
    ("kind", str),
    ("location", str),
    ("before", (str, type(None))),
    ("after", (str, type(None))),
    ("source", str),
    ("comment", (str, type(None))),
    ("prev_hash", str),
    ("hash", str),
)

# What the code reading events relies on in each kind's location (the review listing, the
# reports, undo): a record without it was edited or damaged, and is refused where it is read.
_LOCATION_FIELDS: dict[str, tuple[tuple[str, type], ...]] = {
    "edit": (("line", int), ("words", list)),
    "review": (("events", list),),
    "review-sample": (("events", list),),
    "sign-off": (("pages", dict), ("head", dict)),
    "ocr": (("run", int),),
    "setting": (("key", str),),
}

_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def dumps(value: Any) -> str:
    """Compact, key-sorted JSON: the form stored in the project and hashed."""
    return _encode(value)
