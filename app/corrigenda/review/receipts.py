"""Receipts: what the archive keeps outside a project so a cut history shows.

The hash chain proves that nothing inside the log was changed; it cannot prove that nothing was
cut off its end, because a shorter chain is still a valid chain. A receipt, made at each
sign-off and kept by the archive apart from the project, records the project's identity (the
hash of its first event), how many events it then held, the chain head (the sign-off event's
hash) and the sign-off itself with its signature. `verify --receipt FILE` checks that the
project still holds that very event, with that hash, on an intact chain: a project cut short,
rewritten from an earlier point, or swapped for another fails.

The receipt needs no signature of its own: the sign-off it carries is signed, and the project
must hold that exact sign-off at that place for the receipt to pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corrigenda.errors import InputError
from corrigenda.review import signing, trust
from corrigenda.settings import config_dir
from corrigenda.store.events import Event

FORMAT = "corrigenda-receipt/1"


@dataclass(frozen=True)
class Receipt:
    project: str  # the hash of the project's first event: its identity
    file: str  # the project's file name when the receipt was made (for people only)
    events: int  # how many events the project held: the sign-off is the last of them
    head: str  # the sign-off event's hash
    signoff: dict[str, Any]  # the sign-off's signed payload (its event's location)
    signature: str

    @property
    def reviewer(self) -> str:
        return str(self.signoff.get("reviewer", ""))

    @property
    def key(self) -> str:
        return str(self.signoff.get("key", ""))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "project": self.project,
            "file": self.file,
            "events": self.events,
            "head": self.head,
            "signoff": self.signoff,
            "signature": self.signature,
            "reviewer": self.reviewer,
            "key_fingerprint": _fingerprint(self.key),
        }

    def summary(self) -> str:
        return (
            f"receipt: {self.events} events, head {self.head[:16]}, signed by {self.reviewer} "
            f"({self.signoff.get('signed', '')})"
        )


def _fingerprint(key: str) -> str:
    try:
        return trust.fingerprint(key)
    except ValueError:
        return "(not a key)"


def from_signoff(identity: str, file: str, event: Event) -> Receipt:
    return Receipt(identity, file, event.id, event.hash, dict(event.location), event.after or "")


def latest(project: Any) -> Receipt | None:
    """The receipt of a project's latest sign-off (for the audit report, the window, and
    `corrigenda receipt`); None before the first sign-off."""
    signoffs = list(project.events(kinds=("sign-off",)))
    if not signoffs:
        return None
    first = next(iter(project.events()), None)
    identity = first.hash if first is not None else ""
    return from_signoff(identity, Path(project.path).name, signoffs[-1])


def default_path(receipt: Receipt) -> Path:
    """Where a sign-off's receipt goes unless told: the user's config folder, apart from
    every project."""
    stem = Path(receipt.file).stem or "project"
    return config_dir() / "receipts" / f"{stem}-{receipt.project[:12]}-event{receipt.events}.json"


def read(path: Path) -> Receipt:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a Corrigenda receipt")
        receipt = Receipt(
            str(data["project"]),
            str(data.get("file", "")),
            int(data["events"]),
            str(data["head"]),
            dict(data["signoff"]),
            str(data["signature"]),
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read the receipt {path}: {exc}") from exc
    return receipt


def dump(receipt: Receipt) -> bytes:
    return (json.dumps(receipt.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass(frozen=True)
class ReceiptCheck:
    path: str
    receipt: Receipt
    problem: str | None  # None: the project holds the receipt's head on an intact chain
    trust: str = ""
    trust_note: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def check(
    path: str,
    receipt: Receipt,
    identity: str,
    held: Event | None,
    recomputed: str | None,
    count: int,
) -> str | None:
    """Why the project does not extend `receipt`, or None. `held` is the project's event at
    the receipt's place, `recomputed` its hash from its content, `count` the events now."""
    if not signing.signature_holds(receipt.signoff, receipt.signature):
        return "the receipt's sign-off signature does not hold: the receipt is forged or altered"
    if identity != receipt.project:
        return (
            "this is not the project the receipt was made for (its first event differs): "
            "a different or rebuilt project"
        )
    if held is None:
        return (
            f"the project holds {count} events; the receipt was made at event "
            f"{receipt.events}: history was cut off its end"
        )
    if recomputed != receipt.head or held.hash != receipt.head:
        return (
            f"event {receipt.events} is not the sign-off the receipt holds (its hash differs): "
            "history was rewritten"
        )
    if (
        held.kind != "sign-off"
        or held.location != receipt.signoff
        or held.after != receipt.signature
    ):
        return f"event {receipt.events} is not the receipt's sign-off"
    return None
