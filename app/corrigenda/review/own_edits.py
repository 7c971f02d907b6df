"""Sign-offs of pages that hold the signer's own edits (separation of duties).

Approving one's own edits is refused unless the reviewer says so, and the review event then
names them (`own-edits` in its source). A sign-off attests a page's whole text, so it covers
every edit still standing on the page: when some of those are the signer's own, an auditor
needs to see it on the sign-off too, not only on the review events before it.

`OwnEditsTracker` finds them in one pass over the events, the same way for every project:
files written before sign-offs recorded this get the same answer, from the chain alone. An
edit counts while it stands on its page: from the edit until a re-OCR of the page or a
rejection reverts it; a region change (which changes the page's text too) counts the same
way. The reverts a rejection appends are the reviewer's decision, not their
transcription, and do not count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corrigenda.store import Project
from corrigenda.store.events import REVIEWED_KINDS, Event

OWN_EDITS = "own-edits"  # the key review events and sign-off events record them under


@dataclass(frozen=True)
class SignedOwnEdits:
    """The signer's own edits a sign-off covers."""

    signoff_id: int
    reviewer: str
    pages: dict[int, list[int]]  # page id -> edit event ids by the signer standing on it
    self_approved: list[int] = field(default_factory=list)  # approved by the signer too

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.pages.values())

    def detail(self) -> dict[str, Any]:
        """What a sign-off event records in its source: page id -> edit ids, like the
        page digests its payload lists by page id."""
        return {OWN_EDITS: {str(pid): ids for pid, ids in sorted(self.pages.items())}}


@dataclass
class OwnEditsTracker:
    """Feed it every event in order; `found` maps each sign-off covering its signer's own
    edits to them."""

    found: dict[int, SignedOwnEdits] = field(default_factory=dict)
    _standing: dict[int, dict[int, str]] = field(default_factory=dict)  # page -> edit -> actor
    _approver: dict[int, str] = field(default_factory=dict)  # edit id -> who approved it

    def take(self, event: Event) -> None:
        if event.kind == "ocr" and event.page is not None:
            self._standing[event.page] = {}  # every line starts again from the new OCR
        elif event.kind in REVIEWED_KINDS and event.page is not None:
            if event.source.get("type") != "review":
                self._standing.setdefault(event.page, {})[event.id] = event.actor
        elif event.kind == "review":
            targets = [int(i) for i in event.location.get("events", [])]
            if event.after == "reject" and event.page is not None:
                standing = self._standing.get(event.page, {})
                for target in targets:
                    standing.pop(target, None)
            elif event.after == "approve":
                self._approver.update((t, event.actor) for t in targets)
        elif event.kind == "sign-off":
            payload = event.location
            pages = [int(k) for k in dict(payload.get("pages", {}))]
            signed = self.covered(pages, str(payload.get("reviewer") or event.actor), event.id)
            if signed is not None:
                self.found[event.id] = signed

    def covered(
        self, page_ids: list[int], reviewer: str, signoff_id: int = 0
    ) -> SignedOwnEdits | None:
        """The reviewer's own edits standing on the pages now (None when there are none)."""
        pages = {
            pid: ids
            for pid in sorted(page_ids)
            if (ids := [i for i, a in self._standing.get(pid, {}).items() if a == reviewer])
        }
        if not pages:
            return None
        mine = sorted(i for ids in pages.values() for i in ids if self._approver.get(i) == reviewer)
        return SignedOwnEdits(signoff_id, reviewer, pages, mine)


def recorded(event: Event) -> dict[int, list[int]] | None:
    """The own edits a sign-off event recorded itself, if it did (page id -> edit ids)."""
    value = event.source.get(OWN_EDITS)
    if not isinstance(value, dict):
        return None
    return {int(k): [int(i) for i in v] for k, v in value.items()}


def signed_own_edits(events: list[Event]) -> dict[int, SignedOwnEdits]:
    """Sign-off event id -> the signer's own edits it covers, for every such sign-off."""
    tracker = OwnEditsTracker()
    for event in events:
        tracker.take(event)
    return tracker.found


def self_signed(page_events: list[Event], document_signoffs: list[Event], page_id: int) -> set[int]:
    """Edits of one page that their own author signed off while the edits stood.

    `page_events` are the page's events (its index); `document_signoffs` the sign-offs of
    several pages at once, which are on no one page's index.
    """
    tracker = OwnEditsTracker()
    covering = [e for e in document_signoffs if str(page_id) in e.location.get("pages", {})]
    for event in sorted([*page_events, *covering], key=lambda e: e.id):
        tracker.take(event)
    return {i for found in tracker.found.values() for i in found.pages.get(page_id, [])}


def signoffs_with_own_edits(project: Project) -> list[tuple[Event, SignedOwnEdits]]:
    """Every sign-off of the project that covered its signer's own edits, oldest first."""
    tracker = OwnEditsTracker()
    signoffs: dict[int, Event] = {}
    for event in project.events():
        tracker.take(event)
        if event.kind == "sign-off":
            signoffs[event.id] = event
    return [(signoffs[i], found) for i, found in sorted(tracker.found.items())]
