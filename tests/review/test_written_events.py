"""Every event the program writes verifies: a malformed one is refused when it is written.

The attack (issue 14): the window's Approve button passed Qt's `clicked(bool)` argument on as
the review's reason; the event stored the bool, SQLite gave back 0, and `verify` failed on every
later start. The write path now reads each event back and recomputes its hash.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corrigenda.errors import ProjectError
from corrigenda.review import decisions
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project


def _edited(tmp_path: Path) -> tuple[Path, int]:
    path = make_project(tmp_path)
    with Project.open(path, actor="transcriber") as project:
        page = project.pages()[0]
        line = project.page(page.id).lines[1]
        [event] = project.edit_lines(
            [LineEdit(page.id, line.id, line.text, line.text.replace("I.I.", "L.I."))],
            Source("keyboard"),
        )
    return path, event.id


@pytest.mark.parametrize(
    "reason", [False, True, 0, 1.5], ids=["clicked-false", "clicked-true", "int", "float"]
)
def test_a_reason_that_is_not_text_is_refused_and_nothing_is_written(
    tmp_path: Path, reason: object
) -> None:
    path, edit_id = _edited(tmp_path)
    with Project.open(path, actor="archivist") as project:
        count = len(list(project.events()))
        with pytest.raises(ProjectError, match="refused to record a review event"):
            project.record_review([edit_id], "approve", reason)  # type: ignore[arg-type]
        assert len(list(project.events())) == count
    assert verify(path).ok


def test_a_location_key_json_would_turn_into_text_is_refused(tmp_path: Path) -> None:
    path, _ = _edited(tmp_path)
    with Project.open(path, actor="archivist") as project:
        page_id = project.pages()[0].id
        with pytest.raises(ProjectError, match="location"), project._transaction():
            project._append(
                "review", page_id, {1: "x", "events": []}, None, "approve", Source("review")
            )
    assert verify(path).ok


def test_every_review_and_sign_off_action_writes_events_that_verify(tmp_path: Path) -> None:
    path, edit_id = _edited(tmp_path)
    with Project.open(path, actor="transcriber") as project:
        page = project.pages()[1]
        line = project.page(page.id).lines[0]
        [second] = project.edit_lines(
            [LineEdit(page.id, line.id, line.text, line.text.replace("rnessage", "message"))],
            Source("keyboard"),
        )
    with Project.open(path, actor="archivist") as project:
        decisions.approve(project, [edit_id], "fine")
        decisions.reject(project, [second.id], "not in the scan")
        decisions.return_page(project, 2, "look again")
        decisions.submit_page(project, 2, "done")
        decisions.approve_pages(project, [1], None)
        decisions.approve_document(project, "all good")
    report = verify(path)
    assert report.ok, report.first_problem


_json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=3) | st.integers(), children, max_size=3)
    ),
    max_leaves=8,
)


def test_no_written_event_can_fail_verify(tmp_path: Path) -> None:
    """Whatever a caller hands the write path, each event is written so that it verifies,
    or refused with nothing written."""
    path, _ = _edited(tmp_path)
    with Project.open(path, actor="archivist") as project:
        page_id = project.pages()[0].id

        @settings(max_examples=60, deadline=None, database=None)
        @given(
            location=st.dictionaries(st.text(max_size=4), _json_like, max_size=3),
            comment=st.none() | st.text(max_size=8) | st.booleans() | st.integers(),
            after=st.none() | st.text(max_size=8) | st.integers(),
        )
        def attempt(location: dict, comment: object, after: object) -> None:
            try:
                with project._transaction():
                    where = {**location, "events": []}  # what a review event must hold
                    event = project._append(
                        "review", page_id, where, None, after, Source("review"), comment
                    )  # type: ignore[arg-type]
            except ProjectError as exc:
                assert "refused to record" in exc.message
                return
            stored = project.event(event.id)
            assert stored.compute_hash() == stored.hash == event.hash

        attempt()
    report = verify(path)
    assert report.ok, report.first_problem
