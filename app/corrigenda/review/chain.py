"""The event hash, computed fast enough to re-check 100,000 events in a second or two.

Event.compute_hash builds its canonical JSON through dataclasses.asdict, which deep-copies
every nested dict; here the same dict is built by hand. Both give the same JSON (sorted keys,
UTF-8, no whitespace), and a test holds them equal.
"""

from __future__ import annotations

import hashlib
import json

from corrigenda.store.events import Event

_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def event_hash(event: Event) -> str:
    """sha256(prev_hash + canonical JSON of the event without its hash)."""
    canonical = _encode({
        "id": event.id,
        "time": event.time,
        "actor": event.actor,
        "page": event.page,
        "kind": event.kind,
        "location": event.location,
        "before": event.before,
        "after": event.after,
        "source": event.source,
        "comment": event.comment,
        "prev_hash": event.prev_hash,
    })
    return hashlib.sha256((event.prev_hash + canonical).encode("utf-8")).hexdigest()
