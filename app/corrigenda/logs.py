"""Logging: a rotating log file in the user's state folder, and what a bug looks like.

Every run writes its log records to `corrigenda.log` in platformdirs' user log folder (on Linux
~/.local/state/corrigenda/log); CORRIGENDA_LOG_DIR points it elsewhere (tests do). The file is
opened only when something is logged, so a quiet run leaves nothing behind. `--log-level` sets
how much goes to the file and echoes the same records on stderr; `--debug` logs everything and
shows tracebacks. An unexpected exception (a bug) is logged with its traceback, and the user sees
one line that names the log file: `describe_bug` writes that line for the CLI and the window.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_NAME = "corrigenda.log"
MAX_BYTES = 1_000_000  # a few thousand records; with the backups, at most 4 MB on disk
BACKUPS = 3
FILE_FORMAT = "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

logger = logging.getLogger("corrigenda")


def log_dir() -> Path:
    override = os.environ.get("CORRIGENDA_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir("corrigenda", appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


class _OurHandler:
    """Marks the handlers `setup_logging` adds, so a second call replaces them (tests call
    the CLI's main() many times in one process)."""


class _FileHandler(RotatingFileHandler, _OurHandler):
    pass


class _StreamHandler(logging.StreamHandler, _OurHandler):
    pass


def setup_logging(level: str | None = None, *, debug: bool = False) -> Path | None:
    """Send Corrigenda's log records to the log file (and to stderr when a level is asked for).

    Returns the log file's path, or None when its folder cannot be made (a read-only home):
    then records go to stderr only, and a warning says why.
    """
    chosen = logging.DEBUG if debug else getattr(logging, (level or "INFO").upper())
    stop_logging()
    logger.setLevel(chosen)
    if debug or level:
        echo = _StreamHandler(sys.stderr)
        echo.setFormatter(logging.Formatter("corrigenda: %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(echo)
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = _FileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError as exc:
        if not (debug or level):
            fallback = _StreamHandler(sys.stderr)
            fallback.setLevel(logging.WARNING)  # what a log file would have kept for later
            logger.addHandler(fallback)
        logger.warning(
            "cannot keep a log file in %s (%s): logging to stderr only", path.parent, exc
        )
        return None
    file_handler.setFormatter(logging.Formatter(FILE_FORMAT))
    logger.addHandler(file_handler)
    return path


def stop_logging() -> None:
    """Remove and close the handlers `setup_logging` added."""
    for handler in [h for h in logger.handlers if isinstance(h, _OurHandler)]:
        logger.removeHandler(handler)
        handler.close()


def current_log_file() -> Path | None:
    """The file our handler writes to, if logging is set up and has one."""
    for handler in logger.handlers:
        if isinstance(handler, _FileHandler):
            return Path(handler.baseFilename)
    return None


def describe_bug(exc: BaseException) -> str:
    """The one line a user sees for a bug: what happened and where the details are."""
    detail = str(exc).strip().splitlines()
    what = f"{type(exc).__name__}: {detail[0]}" if detail else type(exc).__name__
    where = current_log_file()
    details = f"the details are in {where}" if where else "run again with --debug for details"
    return f"unexpected error ({what}); this is a bug in Corrigenda: {details}; please report it"


def log_bug(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    where: str = "",
) -> None:
    logger.critical(
        "unexpected error%s", f" in {where}" if where else "", exc_info=(exc_type, exc, tb)
    )


def install_thread_hook() -> None:
    """A bug on a worker thread goes to the log with its traceback, instead of only to a
    stderr nobody reads (the window has none)."""

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        log_bug(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")
        print(f"corrigenda: error: {describe_bug(args.exc_value)}", file=sys.stderr)

    threading.excepthook = hook
