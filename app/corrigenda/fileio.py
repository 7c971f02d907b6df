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


@contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """Write to a temporary file beside `path`, then move it into place in one step."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CorrigendaError(f"cannot write {path}: folder {folder} does not exist")
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
