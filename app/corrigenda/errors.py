"""Expected failures, each with a message for the user and an exit code.

Bugs are not listed here: they raise ordinary exceptions and show a traceback with --debug.
"""

from __future__ import annotations


class CorrigendaError(Exception):
    """A failure the user can act on: the message says what, which file, and what to do."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(CorrigendaError):
    """An input file (image, PDF, name list, transcript) cannot be used."""

    exit_code = 2


class UsageError(InputError):
    """The command asks for what cannot be: a page that is not there, an option without the
    one it needs, a score outside 0..1 (exit 2, like argparse's own usage errors)."""


class ProjectError(CorrigendaError):
    """A project file cannot be created, opened or written."""

    exit_code = 3


class ProjectLockedError(ProjectError):
    """Another Corrigenda process has the project open for writing."""


class EngineError(CorrigendaError):
    """The OCR engine is missing, broken or failed on a page."""

    exit_code = 4


class Cancelled(CorrigendaError):
    """The user cancelled a long operation; finished work is kept."""

    exit_code = 130
