"""Region changes change a page's text: they move its status by the edits' rule, verify
rebuilds that status, and they are listed, approved, sampled and counted for review like edits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from corrigenda.errors import CorrigendaError
from corrigenda.model import BBox, PageStatus, RegionType
from corrigenda.review import decisions
from corrigenda.review.decisions import OwnEditsError
from corrigenda.review.edits import APPROVED, PENDING, EditFilter, list_edits
from corrigenda.review.sampling import draw_sample, qc_summary
from corrigenda.review.verify import verify
from corrigenda.store import Project, Source
from corrigenda.store.events import dumps

from .helpers import make_project, put_status, rechain

KEY = Source("keyboard")
STAMP_BOX = BBox(0, 60, 20, 79)


def _with_regions(tmp_path: Path) -> Path:
    """Page 1 with a stamp (region 1) and a handwritten note (region 2) of one line."""
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0].id
        project.add_region(page, RegionType.STAMP, STAMP_BOX, KEY, "a stamp")
        project.add_region(page, RegionType.HANDWRITTEN, None, KEY)
        project.add_region_line(page, 2, "seen by HK", KEY)
    return path


def _line_of_region(project: Project, page_id: int) -> int:
    return next(line.id for line in project.page(page_id).lines if line.region == 2)


CHANGES: dict[str, Callable[[Project, int], object]] = {
    "region-add": lambda p, page: p.add_region(page, RegionType.HANDWRITTEN, None, KEY),
    "region-retype": lambda p, page: p.retype_region(page, 1, RegionType.SIGNATURE, KEY),
    "region-move": lambda p, page: p.move_region(page, 1, BBox(2, 60, 22, 79), KEY),
    "region-remove": lambda p, page: p.delete_region(page, 1, KEY),
    "line-add": lambda p, page: p.add_region_line(page, 2, "later note", KEY),
    "line-remove": lambda p, page: p.remove_region_line(page, _line_of_region(p, page), KEY),
}


@pytest.mark.parametrize("kind", list(CHANGES))
@pytest.mark.parametrize("before", [PageStatus.APPROVED, PageStatus.OCRED, PageStatus.IN_REVIEW])
def test_a_region_change_moves_the_status_as_an_edit_does_and_verify_agrees(
    tmp_path: Path, kind: str, before: PageStatus
) -> None:
    path = _with_regions(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0].id
        put_status(project, page, before)
        CHANGES[kind](project, page)
        assert list(project.events(page_id=page))[-1].kind == kind
        want = PageStatus.IN_REVIEW if before != PageStatus.OCRED else PageStatus.TRANSCRIBED
        assert project.pages()[0].status == want
    report = verify(path)
    assert report.ok, report.problems


def test_verify_fails_when_a_region_change_status_is_forged(tmp_path: Path) -> None:
    path = _with_regions(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0].id
        put_status(project, page, PageStatus.APPROVED)
        project.retype_region(page, 1, RegionType.SIGNATURE, KEY)
    assert verify(path).ok
    with sqlite3.connect(path) as conn:  # put "approved" back as if the retype left it
        conn.execute("UPDATE pages SET status = 'approved' WHERE id = ?", (page,))
    report = verify(path)
    assert not report.ok
    assert "status is 'approved'; the events say 'in-review'" in str(report.problems[0])


def test_region_changes_are_listed_and_approved_but_not_rejected(tmp_path: Path) -> None:
    path = _with_regions(tmp_path)
    with Project.open(path, actor="bob") as project:
        listed = list_edits(project)
        assert [e.kind for e in listed] == ["region-add", "region-add", "line-add"]
        stamp, note, line = listed
        assert stamp.where == "region 1" and "stamp at [0, 60, 20, 79]" in stamp.after
        assert line.where == f"line {line.line_id}" and line.after == "seen by HK"
        assert all(e.state == PENDING and e.actor == "alice" for e in listed)
        with pytest.raises(CorrigendaError, match=r"region changes .* cannot revert"):
            decisions.reject(project, [stamp.event_id], "no stamp there")
        assert [e.kind for e in project.events()][-1] == "line-add"  # nothing recorded
        decisions.approve(project, [stamp.event_id, line.event_id])
        states = {e.event_id: e.state for e in list_edits(project)}
        assert states == {stamp.event_id: APPROVED, note.event_id: PENDING, line.event_id: APPROVED}
        (row,) = qc_summary(list_edits(project))
        assert (row.actor, row.edits, row.all_approved, row.all_pending) == ("alice", 3, 2, 1)
    assert verify(path).ok


def test_a_region_change_after_sign_off_is_marked_and_own_ones_need_leave(
    tmp_path: Path,
) -> None:
    path = _with_regions(tmp_path)
    with Project.open(path, actor="alice") as project:
        with pytest.raises(OwnEditsError) as raised:  # alice made the region changes
            decisions.approve_pages(project, [1])
        assert len(raised.value.event_ids) == 3
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [1])
        assert project.pages()[0].status == PageStatus.APPROVED
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0].id
        project.add_region_line(page, 2, "added after sign-off", KEY)
        assert project.pages()[0].status == PageStatus.IN_REVIEW
        late = list_edits(project, EditFilter(states=[PENDING]))
        assert [(e.kind, e.after, e.after_approval) for e in late] == [
            ("line-add", "added after sign-off", True)
        ]
    report = verify(path)
    assert report.ok, report.problems


def test_a_qc_sample_draws_region_changes(tmp_path: Path) -> None:
    path = _with_regions(tmp_path)
    with Project.open(path, actor="archivist") as project:
        drawn = draw_sample(project, 100.0, seed=1)
        assert sorted(e.kind for e in drawn) == ["line-add", "region-add", "region-add"]
        assert all(e.sampled for e in list_edits(project))
    assert verify(path).ok


def _rewrite_chain(path: Path, event_id: int, location: dict[str, object]) -> None:
    """Give one event another location and recompute every hash, as a forger would."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.execute("UPDATE events SET location = ? WHERE id = ?", (dumps(location), event_id))
    rechain(conn)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("forged", ["approved", None])
def test_a_forged_status_in_a_rewritten_chain_fails_the_rebuild(
    tmp_path: Path, forged: str | None
) -> None:
    """The region event records the status it set: a rewritten chain that says it left a
    signed page approved, or drops the status as files before this did, does not replay."""
    path = _with_regions(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0].id
        put_status(project, page, PageStatus.APPROVED)
        event = project.retype_region(page, 1, RegionType.SIGNATURE, KEY)
        assert event.location["status"] == "in-review"
    location = {k: v for k, v in event.location.items() if k != "status"}
    if forged is not None:
        location["status"] = forged
    _rewrite_chain(path, event.id, location)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE pages SET status = 'approved' WHERE id = ?", (page,))
    report = verify(path)
    assert not report.ok
    message = report.problems[0].message
    if forged:
        assert "sets page status 'approved'; after 'approved' the rule gives 'in-review'" in message
    else:
        assert "records no page status, though earlier region changes do" in message


def test_only_a_sign_off_approves_a_page(tmp_path: Path) -> None:
    """The store will not set a page approved, and a status event that does so (written into
    a rewritten chain, as a forger would) fails the rebuild."""
    path = _with_regions(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0].id
        with pytest.raises(ValueError, match="sign-off"):
            project.set_page_status(page, PageStatus.APPROVED, Source("review"))
        event = project.set_page_status(page, PageStatus.IN_REVIEW, Source("review"))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET after = 'approved' WHERE id = ?", (event.id,))
        conn.execute("UPDATE pages SET status = 'approved' WHERE id = ?", (page,))
    _rewrite_chain(path, event.id, dict(event.location))
    report = verify(path)
    assert not report.ok
    assert "which only a sign-off can" in str(report.problems)


@pytest.mark.parametrize("kind", ["region-retype", "region-move", "region-remove"])
def test_a_region_change_alone_after_a_sign_off_shows_the_page_changed_since(
    tmp_path: Path, kind: str
) -> None:
    """The sign-off signs the page's regions as well as its transcript: a stamp retyped,
    moved or deleted afterwards changes no line, yet the signed page is not what was signed."""
    path = _with_regions(tmp_path)
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [1])
        signoff = list(project.events())[-1]
        assert signoff.kind == "sign-off" and set(signoff.location["regions"]) == {"1"}
    report = verify(path)
    assert report.ok and [s.state for s in report.signoffs] == ["valid"]
    with Project.open(path, actor="alice") as project:
        CHANGES[kind](project, project.pages()[0].id)
    report = verify(path)
    assert report.ok, report.problems
    (check,) = report.signoffs
    assert (check.state, check.changed_since) == ("valid, pages changed since", [1])


def test_a_sign_off_from_before_region_digests_still_verifies(tmp_path: Path) -> None:
    """Files signed before sign-offs carried "regions" keep verifying, judged on their lines."""
    from corrigenda.review import signing

    path = _with_regions(tmp_path)
    key = signing.load_key("archivist", create=True)
    assert key is not None
    with Project.open(path, actor="archivist") as project:
        page = project.pages()[0].id
        head = list(project.events())[-1]
        payload = {
            "scope": "page",
            "reviewer": key.reviewer,
            "key": key.public_hex,
            "head": {"id": head.id, "hash": head.hash},
            "pages": {str(page): project.page_digest(page)},
            "signed": "2026-11-01T00:00:00Z",
        }
        with project._transaction():
            project._conn.execute("UPDATE pages SET status = 'approved' WHERE id = ?", (page,))
            project._append(
                "sign-off",
                page,
                payload,
                None,
                key.sign(dumps(payload).encode("utf-8")).hex(),
                Source("review", {"sign-off": "page"}),
            )
    report = verify(path)
    assert report.ok, report.problems
    assert [s.state for s in report.signoffs] == ["valid"]


def test_a_region_change_without_a_status_cannot_slip_past_an_approved_page(
    tmp_path: Path,
) -> None:
    """Files written before region events moved the status hold region events without one;
    a forger could pass a change to an approved page off as such an old event when the file
    held no newer region event to give it away. An old event never touched an approved
    page's status, but nothing old may change an approved page unseen either."""
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0].id
        put_status(project, page, PageStatus.APPROVED)
        _, event = project.add_region(page, RegionType.STAMP, STAMP_BOX, KEY, "a stamp")
    _rewrite_chain(path, event.id, {k: v for k, v in event.location.items() if k != "status"})
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE pages SET status = 'approved' WHERE id = ?", (page,))
    report = verify(path)
    assert not report.ok
    assert "changes approved page" in report.problems[0].message
