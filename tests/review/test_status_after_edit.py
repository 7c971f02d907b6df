"""One rule for a page's status after an edit: the write path and the replay agree on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.model import PageStatus, status_after_edit
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project, put_status

EXPECTED = {
    PageStatus.NEW: PageStatus.TRANSCRIBED,
    PageStatus.OCRED: PageStatus.TRANSCRIBED,
    PageStatus.TRANSCRIBED: PageStatus.TRANSCRIBED,
    PageStatus.RETURNED: PageStatus.TRANSCRIBED,
    PageStatus.IN_REVIEW: PageStatus.IN_REVIEW,
    PageStatus.APPROVED: PageStatus.IN_REVIEW,
}


def test_the_rule() -> None:
    assert set(EXPECTED) == set(PageStatus)
    for before, after in EXPECTED.items():
        assert status_after_edit(before) == after
        assert status_after_edit(before.value) == after  # as the file stores it
    assert status_after_edit("no such status") == PageStatus.TRANSCRIBED


@pytest.mark.parametrize("before", list(PageStatus))
def test_live_editing_and_the_replay_agree(tmp_path: Path, before: PageStatus) -> None:
    path = make_project(tmp_path)
    with Project.open(path) as project:
        page = project.pages()[0]
        put_status(project, page.id, before)
        line = project.page(page.id).lines[0]
        (written,) = project.write_lines(
            [LineEdit(page.id, line.id, line.text, line.text + " X")], Source("keyboard")
        )
        assert written.page_status == EXPECTED[before]
        assert project.pages()[0].status == EXPECTED[before]
    report = verify(path)  # rebuilds every page's status from the events
    assert report.ok, report.problems
