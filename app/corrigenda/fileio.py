"""Writing output files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from corrigenda.errors import CorrigendaError

# mkstemp makes files only their owner may read; an export should get the usual permissions.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


SQLITE_MAGIC = b"SQLite format 3\x00"


def refuse_to_replace_a_database(path: Path) -> None:
    """An export or report must never land on a project (or any SQLite file): that would
    destroy the transcripts and their whole audit trail in one keystroke."""
    try:
        with path.open("rb") as handle:
            is_database = handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return  # absent or unreadable: nothing of value to protect here
    if is_database:
        raise CorrigendaError(
            f"{path} is a project or database file: refusing to write over it; "
            "choose another output name"
        )


@contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """Write to a temporary file beside `path`, then move it into place in one step."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CorrigendaError(f"cannot write {path}: folder {folder} does not exist")
    refuse_to_replace_a_database(path)
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CorrigendaError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        os.chmod(temp, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise CorrigendaError(f"cannot write {path}: {exc.strerror}; nothing was written") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
