"""Expected failures, each with a message for the user and an exit code.

Bugs are not listed here: they raise ordinary exceptions, go to the log file with their
traceback, and show the traceback on the terminal with --debug.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit status the `corrigenda` command returns, in one place for scripts to rely on."""

    OK = 0
    FAILED = 1  # an expected failure without a more precise code
    USAGE = 2  # a bad input file or option (argparse's own usage errors are 2 as well)
    PROJECT = 3  # a project file cannot be created, opened or written
    ENGINE = 4  # Tesseract is missing, broken or failed
    SOME_SKIPPED = 5  # the command did its work, but some inputs or pages were left out
    NOT_VERIFIED = 6  # `verify`: the history or a sign-off does not check out
    BUG = 70  # an unexpected error in Corrigenda itself (EX_SOFTWARE in sysexits.h)
    CANCELLED = 130  # interrupted (Ctrl-C or Cancel): 128 + SIGINT, as shells report it
    BROKEN_PIPE = 141  # the reader of stdout went away: 128 + SIGPIPE, as Unix tools exit


class CorrigendaError(Exception):
    """A failure the user can act on: the message says what, which file, and what to do."""

    exit_code: ExitCode = ExitCode.FAILED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(CorrigendaError):
    """An input file (image, PDF, name list, transcript) cannot be used."""

    exit_code = ExitCode.USAGE


class UsageError(InputError):
    """The command asks for what cannot be: a page that is not there, an option without the
    one it needs, a score outside 0..1 (exit 2, like argparse's own usage errors)."""


class ProjectError(CorrigendaError):
    """A project file cannot be created, opened or written."""

    exit_code = ExitCode.PROJECT


class ProjectLockedError(ProjectError):
    """Another Corrigenda process has the project open for writing."""


class EngineError(CorrigendaError):
    """The OCR engine is missing, broken or failed on a page."""

    exit_code = ExitCode.ENGINE


class Cancelled(CorrigendaError):
    """The user cancelled a long operation; finished work is kept."""

    exit_code = ExitCode.CANCELLED
