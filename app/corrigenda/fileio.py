"""Writing output files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import stat
import sys
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
def output(name: str) -> Iterator[BinaryIO]:
    """The file an export or report goes to: '-' is standard output, anything else as
    `atomic_write` handles it."""
    if name == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with atomic_write(Path(name)) as handle:
        yield handle


@contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """Write to a temporary file beside `path`, then move it into place in one step.

    Only a regular file is ever replaced. A character device (/dev/null, a terminal) or a named
    pipe is written straight to, as a shell redirection would; a folder, socket or block device
    is refused. A symbolic link is followed, so the file it points to is what changes.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise CorrigendaError(f"cannot write {path}: {exc.strerror}") from exc
    if status is not None and not stat.S_ISREG(status.st_mode):
        if stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode):
            with _straight(path) as handle:
                yield handle
            return
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
        raise CorrigendaError(
            f"{path} is {kind}: refusing to write over it; choose another output name"
        )
    if path.is_symlink():
        path = path.resolve()
    with _replacing(path) as handle:
        yield handle


@contextmanager
def _straight(path: Path) -> Iterator[BinaryIO]:
    """Write into a device or pipe in place: it cannot be replaced, and must not be."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise CorrigendaError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
    except OSError as exc:
        raise CorrigendaError(
            f"cannot write {path}: {exc.strerror}; what reached it is incomplete"
        ) from exc


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
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
