"""Checking sign-offs: the signature, the key, and what the signature covered.

A sign-off signs the chain head (id and hash) and the digest of each page it approves. It is
valid when the signature holds for the key it names, the key is the one the reviewer's name
first signed with in this project (and, on the reviewer's own computer, their key there), the
head hash equals the hash recomputed from the events' content, and the pages rebuilt up to the
sign-off have the digests it signed. A valid sign-off is "current" while its pages have not
changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corrigenda.review import signing
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
    page_numbers: list[int] = field(default_factory=list)
    changed_since: list[int] = field(default_factory=list)  # page numbers edited after it

    @property
    def state(self) -> str:
        if not self.valid:
            return "invalid"
        return "valid, pages changed since" if self.changed_since else "valid"


@dataclass
class SignoffChecker:
    computed: dict[int, str] = field(default_factory=dict)  # event id -> recomputed hash
    checks: list[SignoffCheck] = field(default_factory=list)
    _signed: dict[int, dict[int, str]] = field(default_factory=dict)
    _first_key: dict[str, str] = field(default_factory=dict)

    def check(self, event: Event, replayer: Replayer) -> None:
        """Check a sign-off event against the pages as rebuilt just before it."""
        payload = event.location
        pages = {int(k): str(v) for k, v in dict(payload.get("pages", {})).items()}
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
        reason = self._why_invalid(event, replayer, pages, key, reviewer)
        if reason:
            result.valid, result.reason = False, reason
        self._first_key.setdefault(reviewer, key)
        self._signed[event.id] = pages
        self.checks.append(result)

    def _why_invalid(
        self, event: Event, replayer: Replayer, pages: dict[int, str], key: str, reviewer: str
    ) -> str | None:
        if not signing.signature_holds(event.location, event.after):
            return "the signature does not match what it signs (forged or altered)"
        first = self._first_key.get(reviewer)
        if first is not None and first != key:
            return (
                f"signed with a key other than the one {reviewer!r} first signed with "
                f"({_safe_fingerprint(first)})"
            )
        mine = signing.load_key(reviewer, create=False)
        if mine is not None and mine.public_hex != key:
            return f"not signed with {reviewer!r}'s key on this computer ({mine.fingerprint})"
        head = dict(event.location.get("head", {}))
        if self.computed.get(int(head.get("id", 0))) != head.get("hash"):
            return (
                f"the events it covers changed: event {head.get('id')}'s content no longer "
                "hashes to the head it signed"
            )
        for page_id, digest in pages.items():
            page = replayer.pages.get(page_id)
            if page is None or page.digest() != digest:
                return f"page id {page_id}'s transcript differs from the one it signed"
        return None

    def finish(self, replayer: Replayer, numbers: dict[int, int]) -> list[SignoffCheck]:
        """Fill in page numbers and which signed pages changed after their sign-off."""
        digests = {pid: page.digest() for pid, page in replayer.pages.items()}
        for check in self.checks:
            check.page_numbers = [numbers[p] for p in check.page_ids if p in numbers]
            signed = self._signed.get(check.event_id, {})
            check.changed_since = sorted(
                numbers.get(pid, 0) for pid, digest in signed.items() if digests.get(pid) != digest
            )
        return self.checks


def _safe_fingerprint(key: str) -> str:
    try:
        return signing.fingerprint(key)
    except ValueError:
        return "(not a key)"
