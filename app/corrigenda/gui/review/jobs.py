"""Review mode's background work: listing every edit of the document, and `verify`.

Both read the project file through their own read-only connection on a worker thread (WAL
lets them read while the window's Project writes), so neither holds up the GUI; the review
controller runs them through corrigenda.gui.background's `Latest` (only the latest answer
counts).
"""

from __future__ import annotations

from pathlib import Path

from corrigenda.review.edits import STATES, EditFilter, EditView, list_edits
from corrigenda.review.verify import VerifyReport, verify
from corrigenda.store import Project


def read_edits(path: Path) -> list[EditView]:
    """Every edit of the project at `path` (undone ones too: the panel's State box can show
    them; its default filter shows the net change), read through a read-only connection."""
    with Project.open(path, readonly=True) as project:
        return list_edits(project, EditFilter(states=STATES))


def run_verify(path: Path) -> VerifyReport:
    return verify(path)
