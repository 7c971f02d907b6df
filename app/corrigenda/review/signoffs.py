"""Checking sign-offs: the signature, the key, and what the signature covered.

A sign-off signs the chain head (id and hash) and the digests of each page it approves: its
transcript and its regions (sign-offs older than region digests sign the transcript only). It
is valid when the signature holds for the key it names, the key is the one the reviewer's name
first signed with in this project (and, on the reviewer's own computer, their key there), the
head hash equals the hash recomputed from the events' content, and the pages rebuilt up to the
sign-off have the digests it signed. A valid sign-off is "current" while its pages have not
changed since.

A sign-off covering edits its signer made says so: `own_edits` lists them (found from the
chain, so old files show it too; corrigenda.review.own_edits), and a sign-off that recorded
its own-edits itself is checked against them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corrigenda.review import signing, trust
from corrigenda.review.own_edits import OwnEditsTracker, recorded
from corrigenda.review.replay import Replayer
from corrigenda.store.events import Event


@dataclass
class SignoffCheck:
    """What verify found about one sign-off event."""

    event_id: int
    time: str
    reviewer: str
    scope: str
    key_fingerprint: str
    page_ids: list[int]
    valid: bool = True
    reason: str = "signature valid"
    trust: str = trust.UNKNOWN  # trusted, unknown or revoked (corrigenda.review.trust)
    trust_note: str = ""
    head_id: int = 0
    head_hash: str = ""
    signed: str = ""
    page_numbers: list[int] = field(default_factory=list)
    changed_since: list[int] = field(default_factory=list)  # page numbers edited after it
    own_edits: dict[int, list[int]] = field(default_factory=dict)  # page number -> signer's edits
    own_self_approved: list[int] = field(default_factory=list)  # of those, approved by the signer

    @property
    def state(self) -> str:
        if not self.valid:
            return "invalid"
        return "valid, pages changed since" if self.changed_since else "valid"

    @property
    def trusted(self) -> bool:
        return self.valid and self.trust == trust.TRUSTED

    @property
    def own_edit_count(self) -> int:
        return sum(len(ids) for ids in self.own_edits.values())

    def own_edits_text(self) -> str:
        """E.g. "covers 2 of the signer's own edits (page 2: 5, 7; self-approved: 5)"."""
        if not self.own_edits:
            return ""
        pages = "; ".join(
            f"page {n}: {', '.join(map(str, ids))}" for n, ids in sorted(self.own_edits.items())
        )
        mine = ", ".join(map(str, self.own_self_approved))
        count = self.own_edit_count
        return (
            f"covers {count} of the signer's own edits ({pages}"
            + (f"; self-approved: {mine}" if mine else "")
            + ")"
        )


@dataclass
class SignoffChecker:
    computed: dict[int, str] = field(default_factory=dict)  # event id -> recomputed hash
    checks: list[SignoffCheck] = field(default_factory=list)
    own: OwnEditsTracker = field(default_factory=OwnEditsTracker)  # fed every event
    notes: list[str] = field(default_factory=list)
    store: trust.TrustStore | None = None  # None: the user's own trust store
    _signed: dict[int, dict[int, str]] = field(default_factory=dict)
    _signed_regions: dict[int, dict[int, str]] = field(default_factory=dict)
    _first_key: dict[str, str] = field(default_factory=dict)

    def check(self, event: Event, replayer: Replayer) -> None:
        """Check a sign-off event against the pages as rebuilt just before it."""
        payload = event.location
        pages = _digests(payload.get("pages", {}))
        # Sign-offs from before regions were signed carry no "regions": their pages' regions
        # are covered by the chain head alone.
        regions = _digests(payload["regions"]) if "regions" in payload else None
        key = str(payload.get("key", ""))
        reviewer = str(payload.get("reviewer", ""))
        result = SignoffCheck(
            event.id,
            event.time,
            reviewer,
            str(payload.get("scope", "")),
            _safe_fingerprint(key),
            sorted(pages),
        )
        if self.store is None:
            self.store = trust.TrustStore.load()
        head = payload.get("head", {})
        if isinstance(head, dict):
            result.head_id, result.head_hash = _int(head.get("id")), str(head.get("hash", ""))
        result.signed = str(payload.get("signed", ""))
        judged = self.store.judge(key, reviewer, result.signed)
        result.trust, result.trust_note = judged.status, judged.note
        reason = self._why_invalid(event, replayer, pages, regions, key, reviewer, judged)
        if reason:
            result.valid, result.reason = False, reason
        self._first_key.setdefault(reviewer, key)
        self._signed[event.id] = pages
        self._signed_regions[event.id] = regions or {}
        self.checks.append(result)

    def _why_invalid(
        self,
        event: Event,
        replayer: Replayer,
        pages: dict[int, str],
        regions: dict[int, str] | None,
        key: str,
        reviewer: str,
        judged: trust.Judgement,
    ) -> str | None:
        if not signing.signature_holds(event.location, event.after):
            return "the signature does not match what it signs (forged or altered)"
        # A key the trust store holds for this name may replace an earlier one (a new key
        # after a revocation); any other change of key under one name is a forgery's mark.
        rotated = judged.status == trust.TRUSTED
        first = self._first_key.get(reviewer)
        if first is not None and first != key and not rotated:
            return (
                f"signed with a key other than the one {reviewer!r} first signed with "
                f"({_safe_fingerprint(first)})"
            )
        mine = signing.public_key_of(reviewer)
        if mine is not None and mine != key and not rotated:
            return (
                f"not signed with {reviewer!r}'s key on this computer ({_safe_fingerprint(mine)})"
            )
        head = event.location.get("head", {})
        head = head if isinstance(head, dict) else {}
        if self.computed.get(_int(head.get("id"))) != head.get("hash"):
            return (
                f"the events it covers changed: event {head.get('id')}'s content no longer "
                "hashes to the head it signed"
            )
        for page_id, digest in pages.items():
            page = replayer.pages.get(page_id)
            if page is None or page.digest() != digest:
                return f"page id {page_id}'s transcript differs from the one it signed"
        for page_id, digest in (regions or {}).items():
            page = replayer.pages.get(page_id)
            if page is None or page.regions_digest() != digest:
                return f"page id {page_id}'s regions differ from the ones it signed"
        return None

    def finish(self, replayer: Replayer, numbers: dict[int, int]) -> list[SignoffCheck]:
        """Fill in page numbers and which signed pages changed after their sign-off."""
        digests = {pid: page.digest() for pid, page in replayer.pages.items()}
        regions = {pid: page.regions_digest() for pid, page in replayer.pages.items()}
        for check in self.checks:
            check.page_numbers = [numbers[p] for p in check.page_ids if p in numbers]
            self._own_edits(check, numbers)
            signed = self._signed.get(check.event_id, {})
            signed_regions = self._signed_regions.get(check.event_id, {})
            changed = {pid for pid, digest in signed.items() if digests.get(pid) != digest}
            changed |= {pid for pid, dg in signed_regions.items() if regions.get(pid) != dg}
            check.changed_since = sorted(numbers.get(pid, 0) for pid in changed)
        return self.checks

    def see(self, event: Event) -> None:
        """Every event passes here, in order, before a sign-off is checked."""
        self.own.take(event)
        if event.kind != "sign-off":
            return
        found = self.own.found.get(event.id)
        derived = found.pages if found else {}
        claimed = recorded(event)
        if claimed is not None and claimed != derived:
            # Not a failure: the chain is intact and the listing shows what the events say.
            self.notes.append(
                f"sign-off event {event.id} records own edits {claimed or 'none'} by page id; "
                f"the events show {derived or 'none'}"
            )

    def _own_edits(self, check: SignoffCheck, numbers: dict[int, int]) -> None:
        found = self.own.found.get(check.event_id)
        if found is None:
            return
        check.own_edits = {numbers.get(pid, 0): ids for pid, ids in found.pages.items()}
        check.own_self_approved = found.self_approved


def _digests(value: object) -> dict[int, str]:
    """A payload's {page id: digest}; {} for a hand-edited one (its signature fails too)."""
    try:
        return {int(k): str(v) for k, v in dict(value).items()}  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return {}


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def _safe_fingerprint(key: str) -> str:
    try:
        return trust.fingerprint(key)
    except ValueError:
        return "(not a key)"
