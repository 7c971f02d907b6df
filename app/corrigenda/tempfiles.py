"""Scratch files of OCR workers, in a folder per process, and what killed runs left behind.

An OCR worker writes the page image it hands Tesseract, and pytesseract its `tess_*` output
files, into the system's temporary folder. A run killed mid-page (SIGKILL, a power cut) never
deletes them. Each worker therefore keeps its scratch files in its own folder,
`corrigenda-scratch-<pid>-<random>`, and every start of Corrigenda removes the folders of
processes that no longer run.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

_PREFIX = "corrigenda-scratch-"
_FOLDER = re.compile(rf"^{_PREFIX}(\d+)-[A-Za-z0-9_]+$")
_mine: Path | None = None
# Read before use_scratch_dir can change what tempfile.gettempdir() returns.
_SYSTEM_TEMP = tempfile.gettempdir()


def scratch_dir() -> Path:
    """This process's scratch folder (made on first use)."""
    global _mine
    if _mine is None or not _mine.is_dir():
        _mine = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=_system_temp()))
        # A process that ends normally tidies up; pool workers end without atexit, and their
        # folders go at the next start, or when the batch that ran them is done.
        atexit.register(shutil.rmtree, _mine, ignore_errors=True)
    return _mine


def use_scratch_dir() -> None:
    """Send this process's temporary files (pytesseract's too) to its scratch folder."""
    tempfile.tempdir = str(scratch_dir())


def _system_temp() -> str:
    return _SYSTEM_TEMP


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return True
    return True


def clean_leftovers(folder: str | Path | None = None) -> int:
    """Remove the scratch folders of processes that have ended; returns how many."""
    removed = 0
    root = Path(folder or _system_temp())
    try:
        entries = list(root.iterdir())
    except OSError:
        return 0
    for entry in entries:
        match = _FOLDER.match(entry.name)
        if not match or not entry.is_dir() or entry.is_symlink():
            continue
        with contextlib.suppress(OSError):
            if entry.stat().st_uid != os.getuid() or _alive(int(match.group(1))):
                continue
            shutil.rmtree(entry)
            removed += 1
    return removed
