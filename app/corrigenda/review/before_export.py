"""The check before an export: a project whose text does not rebuild from its events is not
exported as if it were clean.

An export is what leaves the archive; a transcript changed behind the write path (a line,
a word's box, a status or a region edited in the file) would leave as the record. So the CLI
and the window run the quick verify (verify(quick=True): the chain, every transcript, status
and region rebuilt, the sign-offs; not SQLite's byte-by-byte check or the images' hashes)
first, and refuse unless the user forces it, in which case they are warned of what failed,
the log records it, and the exported file says so in its own metadata (where the format
has any: not plain text).
"""

from __future__ import annotations

import logging
from pathlib import Path

from corrigenda.errors import CorrigendaError, ExitCode
from corrigenda.review.verify import verify

logger = logging.getLogger(__name__)


class NotVerifiedError(CorrigendaError):
    """The project does not verify: exporting it would pass altered text off as the record."""

    exit_code = ExitCode.NOT_VERIFIED

    def __init__(self, message: str, problem: str) -> None:
        super().__init__(message)
        self.problem = problem


def check_before_export(path: Path) -> str | None:
    """What fails in the project at `path` (the first problem), or None when it verifies."""
    return verify(path, quick=True).first_problem


def refuse_unverified(path: Path, force_option: str) -> None:
    """Raise NotVerifiedError naming the failure, what to run, and how to export anyway."""
    problem = check_before_export(path)
    if problem is not None:
        raise NotVerifiedError(
            f"{path} does not verify ({problem}): its text may have been changed outside "
            f"Corrigenda, so it is not exported as the record. 'corrigenda verify {path}' "
            f"lists every problem; {force_option} exports it anyway. Nothing was written",
            problem,
        )


def checked_for_export(path: Path, force: bool, force_option: str) -> str | None:
    """None when the project verifies. When it does not: NotVerifiedError unless `force`;
    with `force`, the problem, which the export then carries inside itself (the formats'
    integrity note, options["unverified"]) and the log records."""
    if not force:
        refuse_unverified(path, force_option)
        return None
    problem = check_before_export(path)
    if problem is not None:
        logger.warning("export forced past a failed verify of %s: %s", path, problem)
    return problem


def forced_warning(path: Path, problem: str) -> str:
    """What an export forced past a failed check says."""
    return (
        f"{path} does not verify ({problem}): exported anyway; the export may hold text "
        f"changed outside Corrigenda ('corrigenda verify {path}' lists every problem)"
    )
