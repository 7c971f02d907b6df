"""One writer per project: an OS lock on a file beside the project.

The operating system drops the lock when the process ends, even when it is killed, so a crash
never leaves a project locked. The lock file says who holds it, for the message the next
writer sees.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import sys
from pathlib import Path
from typing import IO

from corrigenda.errors import ProjectLockedError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + ".lock")


class WriterLock:
    """Held while a project is open for writing."""

    def __init__(self, project: Path) -> None:
        self.path = lock_path(project)
        self._handle: IO[str] | None = None
        for _ in range(5):  # the holder may delete the file between our open and our lock
            handle = self._open(project)
            if not _try_lock(handle):
                handle.seek(0)
                holder = handle.read().strip()
                handle.close()
                raise ProjectLockedError(
                    f"{project} is open for writing in another Corrigenda ({describe(holder)}):"
                    " open it read-only, or close the other one first"
                )
            if _same_file(handle, self.path):
                self._handle = handle
                break
            handle.close()
        else:
            raise ProjectLockedError(f"cannot lock {project} for writing: try again")
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(
                json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "user": _user()})
            )
            handle.flush()
        except OSError as exc:
            # A full disk: the lock file could be made but not written. Leave nothing behind.
            self.release()
            raise ProjectLockedError(_unwritable(project, exc)) from exc

    def _open(self, project: Path) -> IO[str]:
        try:
            return open(self.path, "a+", encoding="utf-8")  # held until release
        except OSError as exc:
            raise ProjectLockedError(_unwritable(project, exc)) from exc

    def release(self) -> None:
        if self._handle is not None:
            handle, self._handle = self._handle, None
            # Unwritten text (a full disk) fails the flush; the descriptor closes anyway.
            with contextlib.suppress(OSError):
                handle.close()  # closing drops the lock
            self.path.unlink(missing_ok=True)


def _unwritable(project: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return (
            f"cannot open {project} for writing: the disk is full. Free some space, or open "
            "it read-only; nothing was changed"
        )
    return f"cannot lock {project} for writing ({exc.strerror}): open it read-only"


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


def describe(holder: str) -> str:
    try:
        info = json.loads(holder)
        return f"process {info['pid']} of {info['user']} on {info['host']}"
    except (ValueError, KeyError, TypeError):
        return "another process"


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
