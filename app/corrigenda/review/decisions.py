"""The archivist's decisions on edits (listed by corrigenda.review.edits): approve, reject,
return a page to its transcriber, resubmit it, and sign pages or the document off.

An edit is pending until a review event approves or rejects it; a rejection also reverts it
(Project.record_review). Approving a page approves its pending edits and signs the page off
with the reviewer's key (corrigenda.review.signing); a page edited after its sign-off goes back
to "in review" and those edits are marked `after_approval`.

Separation of duties: a reviewer may not approve (or sign off) edits they made themselves
unless they say so (`allow_own_edits`); such an approval names the edits in its review event's
source (`own-edits`), and the edits show as `self_approved`. A sign-off by an edit's own
author marks it `self_signed` (corrigenda.review.own_edits finds them from the chain).

A page returned to its transcriber is not approved until it is resubmitted or edited, and its
edits are neither approved nor rejected meanwhile (ReturnedPageError).

This module is the API the CLI and the GUI's review mode share.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from corrigenda.errors import CorrigendaError
from corrigenda.model import PageStatus
from corrigenda.review import signing
from corrigenda.review.edits import (
    APPROVED,
    PENDING,
    REJECTED,
    REVERT,
    STATES,
    UNDONE,
    EditFilter,
    EditView,
    list_edits,
)
from corrigenda.review.own_edits import OwnEditsTracker
from corrigenda.store import Event, PageInfo, Project, Source


def approve(
    project: Project,
    event_ids: Iterable[int],
    reason: str | None = None,
    *,
    allow_own_edits: bool = False,
) -> list[Event]:
    """Approve edits; approving your own edits needs `allow_own_edits` and is recorded.

    Edits of a page returned to its transcriber are refused (ReturnedPageError), before the
    own-edits question: the page is out of review until it comes back.
    """
    edits = _undecided(project, event_ids, "approve")
    _refuse_returned(project, edits, "approve")
    return _record_approval(project, edits, reason, allow_own_edits)


def reject(project: Project, event_ids: Iterable[int], reason: str) -> list[Event]:
    """Reject edits with a reason; each is reverted by a new event.

    Refused on a returned page, like approval: the revert would edit the page under its
    transcriber and turn it from "returned" into "transcribed", so it could be signed off
    without the rework the reviewer asked for.
    """
    if not reason.strip():
        raise CorrigendaError("a rejection needs a reason (--reason TEXT) for the transcriber")
    edits = _undecided(project, event_ids, "reject")
    regions = [e for e in edits if e.is_region_change]
    if regions:
        ids = ", ".join(str(e.event_id) for e in regions)
        raise CorrigendaError(
            f"events {ids} are region changes ({regions[0].kind}...): a rejection cannot revert "
            f"them. Return page {regions[0].page_number} to its transcriber (review --return "
            f"{regions[0].page_number} --reason TEXT) to have it put right; nothing was changed"
        )
    _refuse_returned(project, edits, "reject")
    return project.record_review([e.event_id for e in edits], "reject", reason)


class ReturnedPageError(CorrigendaError):
    """A decision on edits of a page that was returned to its transcriber."""


def _refuse_returned(project: Project, edits: Sequence[EditView], decision: str) -> None:
    numbers = sorted({e.page_number for e in edits})
    returned = returned_pages(project, numbers)
    if not returned:
        return
    number, note = next(iter(returned.items()))
    ids = ", ".join(str(e.event_id) for e in edits if e.page_number == number)
    raise ReturnedPageError(
        f"cannot {decision} edits {ids}: page {number} of {project.path} was returned to its "
        f"transcriber ({note}). The transcriber resubmits it (review --submit {number}) or "
        f"edits it; or take it back into review yourself with review --submit {number}, "
        f"then {decision} again"
    )


def approve_pages(
    project: Project,
    page_numbers: Sequence[int],
    reason: str | None = None,
    *,
    allow_own_edits: bool = False,
    key_name: str | None = None,
) -> list[Event]:
    """Approve every pending edit of the pages and sign them off with the reviewer's key.

    One page: a page sign-off; several: one document sign-off covering them all. The key is
    `key_name`'s, or else the one named after the project's actor (made on first use); the
    sign-off names the key's name as its reviewer, whatever the actor is called.
    """
    infos = _infos(project, page_numbers)
    returned = returned_pages(project, [info.number for info in infos])
    if returned:
        raise CorrigendaError(
            "; ".join(
                f"page {n} was returned to its transcriber ({note}): it needs --submit {n} or an "
                "edit before it can be approved"
                for n, note in returned.items()
            )
        )
    numbers = [info.number for info in infos]
    pending = list_edits(project, EditFilter(pages=numbers, states=[PENDING]))
    recorded = _record_approval(project, pending, reason, allow_own_edits) if pending else []
    key = signing.load_key(key_name or project.actor, create=key_name is None)
    if key is None:
        raise CorrigendaError(
            f"no signing key named {key_name!r} here: make one with 'corrigenda keys create'"
        )
    scope = "page" if len(infos) == 1 else "document"
    page_ids = [i.id for i in infos]
    tracker = OwnEditsTracker()
    for event in project.events():
        tracker.take(event)
    own = tracker.covered(page_ids, project.actor)
    recorded.append(
        project.sign_off(
            page_ids,
            key.reviewer,
            key.public_hex,
            key.sign,
            scope,
            own.detail() if own else None,
        )
    )
    return recorded


def approve_document(
    project: Project,
    reason: str | None = None,
    *,
    allow_own_edits: bool = False,
    key_name: str | None = None,
) -> list[Event]:
    """Approve and sign off every page except those returned to their transcriber.

    A returned page waits for the transcriber (resubmission or an edit); the caller lists
    them from `returned_pages` so the reviewer sees what the sign-off left out.
    """
    returned = returned_pages(project)
    numbers = [info.number for info in project.pages() if info.number not in returned]
    if not numbers:
        raise CorrigendaError(
            f"every page of {project.path} was returned to its transcriber: "
            "nothing to sign off until a page is resubmitted (--submit N)"
        )
    return approve_pages(
        project, numbers, reason, allow_own_edits=allow_own_edits, key_name=key_name
    )


def returned_pages(project: Project, page_numbers: Sequence[int] | None = None) -> dict[int, str]:
    """Page number -> the reviewer's note, for pages now returned to their transcriber."""
    infos = project.pages() if page_numbers is None else _infos(project, page_numbers)
    notes: dict[int, str] = {}
    for info in infos:
        if info.status != PageStatus.RETURNED:
            continue
        last = [
            e
            for e in project.events(page_id=info.id, kinds=("status",))
            if e.after == PageStatus.RETURNED.value
        ]
        notes[info.number] = (last[-1].comment or "no note") if last else "no note"
    return notes


def submit_page(project: Project, page_number: int, note: str | None = None) -> Event:
    """The transcriber hands a page over for review."""
    (info,) = _infos(project, [page_number])
    return project.set_page_status(
        info.id, PageStatus.IN_REVIEW, Source("review", {"submitted": True}), note
    )


def return_page(project: Project, page_number: int, note: str) -> Event:
    """The reviewer returns a page to the transcriber with a note."""
    if not note.strip():
        raise CorrigendaError("returning a page needs a note (--reason TEXT) for the transcriber")
    (info,) = _infos(project, [page_number])
    return project.set_page_status(
        info.id, PageStatus.RETURNED, Source("review", {"returned": True}), note
    )


def _infos(project: Project, numbers: Sequence[int]) -> list[PageInfo]:
    infos = {info.number: info for info in project.pages()}
    missing = [n for n in numbers if n not in infos]
    if missing:
        raise CorrigendaError(
            f"{project.path} has {len(infos)} pages; there is no page {missing[0]}"
        )
    return [infos[n] for n in numbers]


def _undecided(project: Project, event_ids: Iterable[int], decision: str) -> list[EditView]:
    ids = sorted(set(event_ids))
    if not ids:
        raise CorrigendaError(f"name the edits to {decision} by their event numbers")
    pages = {project.event(i).page for i in ids}
    edits = {
        e.event_id: e
        for e in list_edits(
            project,
            EditFilter(pages=[n.number for n in project.pages() if n.id in pages], states=STATES),
        )
    }
    for event_id in ids:
        edit = edits.get(event_id)
        if edit is None:
            raise CorrigendaError(
                f"event {event_id} is not an edit or region change of a page in {project.path}"
            )
        if edit.state == UNDONE:
            raise CorrigendaError(
                f"event {event_id} was taken back by an undo (event {edit.cancels}): there is no "
                "change to decide on; nothing was changed"
            )
        if edit.state in (REJECTED, REVERT) or (edit.state == APPROVED and decision == "approve"):
            raise CorrigendaError(f"event {event_id} is already {edit.state}: nothing was changed")
    return [edits[i] for i in ids]


class OwnEditsError(CorrigendaError):
    """A reviewer tried to approve edits they made; `event_ids` names them, so a window can ask
    whether to approve them anyway (recorded as self-approval)."""

    def __init__(self, message: str, event_ids: list[int]) -> None:
        super().__init__(message)
        self.event_ids = event_ids


def _record_approval(
    project: Project, edits: Sequence[EditView], reason: str | None, allow_own_edits: bool
) -> list[Event]:
    """Separation of duties: a reviewer approving their own edits is refused unless allowed,
    and then the review event's source names those edits so the record shows it."""
    own = [e.event_id for e in edits if e.actor == project.actor]
    if own and not allow_own_edits:
        shown = ", ".join(map(str, own[:10])) + (" ..." if len(own) > 10 else "")
        raise OwnEditsError(
            f"{project.actor} made edits {shown} in {project.path}: another reviewer should "
            "approve them (or give --allow-own-edits to approve them yourself, which is recorded)",
            own,
        )
    detail = {"own-edits": own} if own else None
    return project.record_review([e.event_id for e in edits], "approve", reason, detail)
