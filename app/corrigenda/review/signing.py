"""Reviewers' Ed25519 keys and the signatures on sign-offs.

A reviewer's key pair is made on their first sign-off and kept in the user's config folder
(corrigenda.settings.config_dir()/keys), the private key readable by the user alone. The
public key travels in each sign-off event, so anyone can check a signature with the project
file only; the key a reviewer's name first signed with is the one later sign-offs must use.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from corrigenda.errors import CorrigendaError
from corrigenda.settings import config_dir
from corrigenda.store.events import dumps


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
        return fingerprint(self.public_hex)


def key_path(reviewer: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", reviewer).strip("._") or "reviewer"
    return config_dir() / "keys" / f"{slug}.ed25519.pem"


def load_key(reviewer: str, *, create: bool = True) -> ReviewerKey | None:
    """The reviewer's key from the config folder; made there first if `create`."""
    path = key_path(reviewer)
    if not path.exists():
        return _create(reviewer, path) if create else None
    _check_private(path)
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise CorrigendaError(f"cannot read the signing key {path}: {exc}") from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise CorrigendaError(f"{path} is not an Ed25519 key; move it away to make a new one")
    return ReviewerKey(reviewer, private, public_hex(private.public_key()))


def _create(reviewer: str, path: Path) -> ReviewerKey:
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        # O_EXCL with mode 0600: the key is never readable by others, not even for an instant.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
    except OSError as exc:
        raise CorrigendaError(f"cannot write the signing key {path}: {exc.strerror}") from exc
    return ReviewerKey(reviewer, private, public_hex(private.public_key()))


def _check_private(path: Path) -> None:
    if os.name != "posix":
        return
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CorrigendaError(
            f"the signing key {path} is readable by other users: run 'chmod 600 {path}' "
            "(and consider making a new key if others may have copied it)"
        )


def public_hex(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def fingerprint(public: str) -> str:
    """A short, readable fingerprint of a public key, for reports and comparing by eye."""
    digest = hashlib.sha256(bytes.fromhex(public)).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def signature_holds(payload: dict[str, Any], signature_hex: str | None) -> bool:
    """Whether `signature_hex` is the signature of `payload` by the key the payload names."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(str(payload["key"])))
        key.verify(bytes.fromhex(signature_hex or ""), dumps(payload).encode("utf-8"))
    except (InvalidSignature, KeyError, ValueError):
        return False
    return True
