"""The trust store: whose public key is whose, kept apart from every project.

Like Git's and OpenSSH's allowed signers, a reviewer's name means something only through a key
the archive has chosen to trust. The store is one JSON file in the user's config folder
(corrigenda.settings.config_dir()/trusted_keys.json) or any file given to `verify --trusted`;
each entry has a name, an Ed25519 public key, optional validity dates and, once revoked, the
time and reason. A sign-off is judged:

- trusted: its key is in the store under the name the sign-off gives, not revoked, and the
  sign-off's time falls within the key's validity;
- revoked: its key is in the store and was revoked (every sign-off by it, since a thief can
  date a signature as they like);
- unknown: anything else, with a note saying why (a key nobody trusted, or a trusted key
  signing under another name, or outside its dates).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from corrigenda.errors import CorrigendaError, InputError
from corrigenda.settings import config_dir

TRUSTED, UNKNOWN, REVOKED = "trusted", "unknown", "revoked"
PUBLIC_KEY_FORMAT = "corrigenda-public-key/1"
STORE_FORMAT = "corrigenda-trust-store/1"


def store_path() -> Path:
    return config_dir() / "trusted_keys.json"


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_time(text: str, what: str = "date") -> datetime:
    """An ISO 8601 date or time, read as UTC when it names no zone."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{what} {text!r} is not a date: use YYYY-MM-DD or ISO 8601") from None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class TrustedKey:
    name: str
    public_key: str  # Ed25519, 32 bytes as hex
    added: str = ""
    valid_from: str | None = None
    valid_until: str | None = None
    revoked: str | None = None
    revoked_reason: str | None = None

    def __post_init__(self) -> None:
        try:
            ok = len(bytes.fromhex(self.public_key)) == 32
        except (ValueError, TypeError):
            ok = False
        if not ok or not isinstance(self.name, str) or not self.name.strip():
            raise InputError(f"not an Ed25519 public key with a name: {self.name!r}")

    def within(self, when: datetime) -> bool:
        if self.valid_from and when < parse_time(self.valid_from):
            return False
        if self.valid_until:
            until = parse_time(self.valid_until)
            if len(self.valid_until.strip()) == 10:  # a date: valid through that whole day
                until = until.replace(hour=23, minute=59, second=59)
            if when > until:
                return False
        return True

    def dates(self) -> str:
        return f"{self.valid_from or 'any time'} .. {self.valid_until or 'no end'}"


@dataclass(frozen=True)
class Judgement:
    status: str  # TRUSTED, UNKNOWN or REVOKED
    note: str
    name: str | None = None  # the name the store gives the key


@dataclass
class TrustStore:
    path: Path
    keys: list[TrustedKey] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None = None, *, must_exist: bool = False) -> TrustStore:
        path = path or store_path()
        if not path.exists():
            if must_exist:
                raise InputError(f"no trust store {path}: make one with 'corrigenda keys import'")
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            known = {f.name for f in fields(TrustedKey)}
            keys = [TrustedKey(**{k: v for k, v in e.items() if k in known}) for e in data["keys"]]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"cannot read the trust store {path}: it is damaged or not a trust store ({exc})"
            ) from exc
        except InputError as exc:
            raise InputError(f"the trust store {path} holds a bad entry: {exc.message}") from exc
        return cls(path, keys)

    def save(self) -> None:
        """Atomically, readable by others (it holds public keys only)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"format": STORE_FORMAT, "keys": [asdict(k) for k in self.keys]},
            indent=2,
            ensure_ascii=False,
        )
        try:
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".trusted.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            os.chmod(temp, 0o644)
            os.replace(temp, self.path)
        except OSError as exc:
            raise CorrigendaError(f"cannot write the trust store {self.path}: {exc}") from exc

    def find(self, public_key: str) -> TrustedKey | None:
        return next((k for k in self.keys if k.public_key == public_key), None)

    def named(self, name: str) -> list[TrustedKey]:
        return [k for k in self.keys if k.name == name]

    def add(self, key: TrustedKey) -> TrustedKey:
        """Trust `key`; a key already present keeps its entry (and any revocation)."""
        known = self.find(key.public_key)
        if known is not None:
            if known.name != key.name:
                raise InputError(
                    f"this key is already trusted as {known.name!r}; revoke it first to give it "
                    f"to {key.name!r}"
                )
            return known
        added = replace(key, added=key.added or now_utc())
        self.keys.append(added)
        return added

    def revoke(self, which: str, reason: str | None) -> list[TrustedKey]:
        """Revoke the keys of a name, or the one key whose fingerprint starts with `which`."""
        squashed = which.replace(" ", "").upper()
        chosen = [
            k
            for k in self.keys
            if k.name == which
            or (
                len(squashed) >= 8
                and fingerprint(k.public_key).replace(" ", "").startswith(squashed)
            )
        ]
        if not chosen:
            raise InputError(f"no key named or with fingerprint {which!r} in {self.path}")
        when = now_utc()
        self.keys = [
            replace(k, revoked=k.revoked or when, revoked_reason=k.revoked_reason or reason)
            if k in chosen
            else k
            for k in self.keys
        ]
        return [self.find(k.public_key) for k in chosen]  # type: ignore[misc]

    def judge(self, public_key: str, reviewer: str, signed: str | None) -> Judgement:
        entry = self.find(public_key)
        if entry is None:
            others = self.named(reviewer)
            if others:
                prints = ", ".join(fingerprint(k.public_key) for k in others)
                return Judgement(
                    UNKNOWN, f"not the key the trust store has for {reviewer!r} ({prints})"
                )
            return Judgement(UNKNOWN, f"key not in the trust store {self.path}")
        if entry.revoked:
            why = f": {entry.revoked_reason}" if entry.revoked_reason else ""
            return Judgement(
                REVOKED, f"key of {entry.name} revoked {entry.revoked}{why}", entry.name
            )
        if entry.name != reviewer:
            return Judgement(
                UNKNOWN,
                f"the trust store has this key as {entry.name!r}, not {reviewer!r}",
                entry.name,
            )
        if entry.valid_from or entry.valid_until:
            try:
                when = parse_time(signed or "", "sign-off time")
            except InputError:
                return Judgement(UNKNOWN, "the sign-off carries no readable time", entry.name)
            if not entry.within(when):
                return Judgement(
                    UNKNOWN,
                    f"signed {signed}, outside the key's validity {entry.dates()}",
                    entry.name,
                )
        return Judgement(TRUSTED, f"key of {entry.name} in the trust store", entry.name)


def public_key_json(name: str, public_key: str, created: str) -> dict[str, Any]:
    return {"format": PUBLIC_KEY_FORMAT, "name": name, "public_key": public_key, "created": created}


def read_public_key(path: Path) -> TrustedKey:
    """A key file made by `corrigenda keys export`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != PUBLIC_KEY_FORMAT:
            raise ValueError("not a Corrigenda public key file")
        return TrustedKey(str(data["name"]), str(data["public_key"]))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            f"cannot read the public key {path}: {exc} (make one with 'corrigenda keys export')"
        ) from exc


def fingerprint(public: str) -> str:
    """A short, readable fingerprint of a public key, for reports and comparing by eye."""
    digest = hashlib.sha256(bytes.fromhex(public)).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))
