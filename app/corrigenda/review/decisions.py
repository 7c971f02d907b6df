"""The archivist's review: edits listed with their state and diffs, and decisions on them.

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
from dataclasses import dataclass, field
from typing import Any

from corrigenda.errors import CorrigendaError
from corrigenda.model import PageStatus
from corrigenda.review import signing
from corrigenda.review.diff import Segment, word_diff
from corrigenda.review.own_edits import OwnEditsTracker, self_signed
from corrigenda.store import Event, PageInfo, Project, Source

PENDING, APPROVED, REJECTED, REVERT = "pending", "approved", "rejected", "revert"


@dataclass(frozen=True)
class EditView:
    """One edit as a reviewer sees it."""

    event_id: int
    time: str
    actor: str
    page_id: int
    page_number: int
    page_name: str
    line_id: int
    before: str
    after: str
    source: dict[str, Any]
    comment: str | None
    ocr_text: str  # the line as the OCR read it
    approved_text: str  # the line's last approved state before this edit (else the OCR)
    state: str = PENDING  # pending, approved, rejected; revert for a rejection's own revert
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str | None = None
    after_approval: bool = False  # made after the page was signed off
    sampled: bool = False
    self_approved: bool = False  # approved by the person who made it (--allow-own-edits)
    self_signed: bool = False  # a sign-off by the person who made it covered it

    @property
    def source_type(self) -> str:
        return str(self.source.get("type", ""))

    @property
    def check(self) -> str | None:
        value = self.source.get("check")
        return str(value) if value is not None else None

    def diff(self) -> list[Segment]:
        return word_diff(self.before, self.after)

    def diff_ocr(self) -> list[Segment]:
        return word_diff(self.ocr_text, self.after)

    def diff_approved(self) -> list[Segment]:
        return word_diff(self.approved_text, self.after)

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["check"] = self.check
        return data


@dataclass
class EditFilter:
    """Which edits to list; None means any."""

    pages: Sequence[int] | None = None  # page numbers
    actors: Sequence[str] | None = None
    since: str | None = None  # ISO date or time, inclusive
    until: str | None = None  # ISO date or time, inclusive (a date covers the whole day)
    sources: Sequence[str] | None = None
    checks: Sequence[str] | None = None
    states: Sequence[str] | None = None
    sampled: bool | None = None

    def accepts(self, edit: EditView) -> bool:
        return (
            (self.actors is None or edit.actor in self.actors)
            and (self.since is None or edit.time >= self.since)
            and (self.until is None or edit.time[: len(self.until)] <= self.until)
            and (self.sources is None or edit.source_type in self.sources)
            and (self.checks is None or edit.check in self.checks)
            and (self.states is None or edit.state in self.states)
            and (self.sampled is None or edit.sampled == self.sampled)
        )


@dataclass
class _Decisions:
    by_event: dict[int, Event] = field(default_factory=dict)  # edit id -> its review event
    sampled: set[int] = field(default_factory=set)

    def take(self, event: Event) -> None:
        targets = [int(i) for i in event.location.get("events", [])]
        if event.kind == "review":
            self.by_event.update((i, event) for i in targets)
        elif event.kind == "review-sample":
            self.sampled.update(targets)


def list_edits(project: Project, filters: EditFilter | None = None) -> list[EditView]:
    """Every edit of the chosen pages, oldest first, with state and diff texts."""
    filters = filters or EditFilter()
    infos = project.pages()
    if filters.pages is not None:
        wanted = set(filters.pages)
        infos = [info for info in infos if info.number in wanted]
    # Sign-offs of several pages at once are on no one page's index.
    document_signoffs = [e for e in project.events(kinds=("sign-off",)) if e.page is None]
    document_signed = {
        e.id: {int(k) for k in e.location.get("pages", {})} for e in document_signoffs
    }
    edits: list[EditView] = []
    for info in infos:
        events = list(project.events(page_id=info.id))
        signed_by_author = self_signed(events, document_signoffs, info.id)
        edits.extend(
            e
            for e in _page_edits(info, events, document_signed, signed_by_author)
            if filters.accepts(e)
        )
    return edits


def _page_edits(
    info: PageInfo,
    events: list[Event],
    document_signed: dict[int, set[int]],
    signed_by_author: set[int],
) -> list[EditView]:
    decisions = _Decisions()
    for event in events:
        decisions.take(event)
    signoffs = sorted(
        [e.id for e in events if e.kind == "sign-off"]
        + [i for i, pages in document_signed.items() if info.id in pages]
    )
    ocr: dict[int, str] = {}
    current: dict[int, str] = {}
    approved: dict[int, str] = {}
    views: list[EditView] = []
    next_signoff = 0
    for event in events:
        while next_signoff < len(signoffs) and signoffs[next_signoff] < event.id:
            approved.update(current)  # a sign-off approves the page as it then stood
            next_signoff += 1
        if event.kind == "ocr":  # every line starts again from the new OCR
            ocr.clear()
            current.clear()
            approved.clear()
            continue
        if event.kind != "edit":
            continue
        line = int(event.location["line"])
        if line not in ocr:  # the first edit since the OCR starts from the OCR's text
            ocr[line] = event.before or ""
        decision = decisions.by_event.get(event.id)
        state = PENDING
        if event.source.get("type") == "review":
            state = REVERT
        elif decision is not None:
            state = APPROVED if decision.after == "approve" else REJECTED
        views.append(
            EditView(
                event.id,
                event.time,
                event.actor,
                info.id,
                info.number,
                info.name,
                line,
                event.before or "",
                event.after or "",
                event.source,
                event.comment,
                ocr[line],
                approved.get(line, ocr[line]),
                state,
                decision.actor if decision else None,
                decision.time if decision else None,
                decision.comment if decision else None,
                after_approval=bool(signoffs) and event.id > signoffs[0],
                sampled=event.id in decisions.sampled,
                self_approved=state == APPROVED
                and decision is not None
                and decision.actor == event.actor,
                self_signed=event.id in signed_by_author,
            )
        )
        current[line] = event.after or ""
        if state == APPROVED:
            approved[line] = current[line]
    return views


# -- decisions ----------------------------------------------------------------------------


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
            project, EditFilter(pages=[n.number for n in project.pages() if n.id in pages])
        )
    }
    for event_id in ids:
        edit = edits.get(event_id)
        if edit is None:
            raise CorrigendaError(f"event {event_id} is not an edit of a page in {project.path}")
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
