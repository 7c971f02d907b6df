"""The page list names a page's status with the word the CLI prints for it."""

from __future__ import annotations

from corrigenda.gui.pages.model import STATUS_TEXT
from corrigenda.model import PageStatus


def test_every_status_is_the_cli_word() -> None:
    # The CLI (`info`, `pages`) prints PageStatus.value; the GUI may only change case/hyphens.
    for status in PageStatus:
        assert STATUS_TEXT[status].lower().replace(" ", "-") == status.value
    assert STATUS_TEXT[PageStatus.TRANSCRIBED] == "transcribed"
