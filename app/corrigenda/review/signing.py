"""Reviewers' Ed25519 keys and the signatures on sign-offs.

A reviewer's key pair is made with `corrigenda keys create NAME` (or on their first sign-off,
named after them) and kept in the user's config folder (config_dir()/keys): the private key
readable by the user alone, optionally encrypted with a passphrase, and beside it a small JSON
card with the key's name and public half. The name on a sign-off is the key's name. A key made
here is added to this user's trust store (corrigenda.review.trust); other computers trust it
only once its exported public key is imported there.

The public key travels in each sign-off event, so anyone can check a signature with the
project file only; whose key it is, only the trust store says.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from corrigenda.errors import CorrigendaError, InputError
from corrigenda.review import trust
from corrigenda.settings import config_dir
from corrigenda.store.events import dumps

PASSPHRASE_ENV = "CORRIGENDA_KEY_PASSPHRASE"


@dataclass(frozen=True)
class ReviewerKey:
    """A reviewer's private key and its public half as hex (what goes into the project)."""

    reviewer: str
    private: Ed25519PrivateKey
    public_hex: str

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    @property
    def fingerprint(self) -> str:
        return trust.fingerprint(self.public_hex)


def keys_dir() -> Path:
    return config_dir() / "keys"


def key_path(reviewer: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", reviewer).strip("._") or "reviewer"
    return keys_dir() / f"{slug}.ed25519.pem"


def card_path(reviewer: str) -> Path:
    return key_path(reviewer).with_suffix(".json")


def load_key(
    reviewer: str, *, create: bool = True, passphrase: str | None = None
) -> ReviewerKey | None:
    """The reviewer's key from the config folder; made there first if `create`."""
    path = key_path(reviewer)
    if not path.exists():
        return _create(reviewer, path) if create else None
    _check_private(path)
    data = _read(path)
    encrypted = b"ENCRYPTED" in data
    secret = passphrase if passphrase is not None else _passphrase(reviewer) if encrypted else None
    try:
        private = serialization.load_pem_private_key(
            data, password=secret.encode("utf-8") if encrypted and secret is not None else None
        )
    except (TypeError, ValueError) as exc:
        reason = "wrong passphrase" if encrypted else str(exc)
        raise CorrigendaError(f"cannot read the signing key {path}: {reason}") from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise CorrigendaError(f"{path} is not an Ed25519 key; move it away to make a new one")
    key = ReviewerKey(_card_name(reviewer), private, public_hex(private.public_key()))
    if not card_path(reviewer).exists():
        _adopt(key, path)
    return key


def _adopt(key: ReviewerKey, path: Path) -> None:
    """A key made before cards and the trust store: give it both, as if made now."""
    card = trust.public_key_json(key.reviewer, key.public_hex, trust.now_utc())
    try:
        path.with_suffix(".json").write_text(json.dumps(card, indent=2, ensure_ascii=False))
    except OSError:
        return  # a read-only config folder: the key still signs
    store = trust.TrustStore.load()
    if store.find(key.public_hex) is None:
        store.add(trust.TrustedKey(key.reviewer, key.public_hex))
        store.save()


def create_key(name: str, passphrase: str | None = None) -> ReviewerKey:
    """`corrigenda keys create`: a new key named `name`, refused if one exists."""
    if not name.strip() or any(ord(c) < 32 for c in name):
        raise InputError(f"a key needs a printable name, not {name!r}")
    path = key_path(name)
    if path.exists():
        raise InputError(
            f"a key for {name!r} exists already ({path}); revoke it and move it away first"
        )
    return _create(name, path, passphrase)


def public_key_of(reviewer: str) -> str | None:
    """The public half of this computer's key for `reviewer`, without its passphrase."""
    card = card_path(reviewer)
    if card.exists():
        try:
            return str(json.loads(card.read_text(encoding="utf-8"))["public_key"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    path = key_path(reviewer)
    if not path.exists() or b"ENCRYPTED" in _read(path):
        return None
    key = load_key(reviewer, create=False)
    return key.public_hex if key else None


def _card_name(reviewer: str) -> str:
    try:
        return str(json.loads(card_path(reviewer).read_text(encoding="utf-8"))["name"])
    except (OSError, ValueError, KeyError, TypeError):
        return reviewer  # a key made before cards existed: named after its file's reviewer


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CorrigendaError(f"cannot read the signing key {path}: {exc.strerror}") from exc


def _passphrase(reviewer: str) -> str:
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"passphrase for {reviewer}'s signing key: ")
    raise CorrigendaError(
        f"{reviewer}'s signing key is protected by a passphrase: run in a terminal, or set "
        f"{PASSPHRASE_ENV}"
    )


def _create(reviewer: str, path: Path, passphrase: str | None = None) -> ReviewerKey:
    private = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
        if passphrase
        else serialization.NoEncryption()
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    key = ReviewerKey(reviewer, private, public_hex(private.public_key()))
    created = trust.now_utc()
    card = trust.public_key_json(reviewer, key.public_hex, created)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # O_EXCL with mode 0600: the key is never readable by others, not even for an instant.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        path.with_suffix(".json").write_text(json.dumps(card, indent=2, ensure_ascii=False))
    except OSError as exc:
        raise CorrigendaError(f"cannot write the signing key {path}: {exc.strerror}") from exc
    if path == key_path(reviewer):  # the user's own key: they trust it on this computer
        store = trust.TrustStore.load()
        store.add(trust.TrustedKey(reviewer, key.public_hex, created))
        store.save()
    return key


def _check_private(path: Path) -> None:
    if os.name != "posix":
        return
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CorrigendaError(
            f"the signing key {path} is readable by other users: run 'chmod 600 {path}' "
            "(and consider making a new key if others may have copied it)"
        )


def own_keys() -> list[tuple[str, str, Path]]:
    """(name, public key hex, file) of every key in this user's config folder."""
    found = []
    folder = keys_dir()
    for pem in sorted(folder.glob("*.ed25519.pem")) if folder.is_dir() else []:
        card = pem.with_suffix(".json")
        try:
            data = json.loads(card.read_text(encoding="utf-8"))
            found.append((str(data["name"]), str(data["public_key"]), pem))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def public_hex(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def signature_holds(payload: dict[str, Any], signature_hex: str | None) -> bool:
    """Whether `signature_hex` is the signature of `payload` by the key the payload names."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(str(payload["key"])))
        key.verify(bytes.fromhex(signature_hex or ""), dumps(payload).encode("utf-8"))
    except (InvalidSignature, KeyError, ValueError, TypeError):
        return False
    return True
