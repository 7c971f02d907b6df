"""The edits of a project as the archivist reviews them: each with its state (pending,
approved, rejected, or a revert a rejection made), its diffs against the OCR and against the
last approved text, and whether it was sampled, approved or signed off by its own author.

The list is the net change: an undecided edit and the undo that took it back cancel out (both
"undone", left out unless asked for by state), and a redo of that undo stands for the edit
again (`redoes` names the edit it brings back). An undo of an approved edit is a change of its
own, to be reviewed. Nothing is dropped from the events: this is only how they are listed.

Region changes (a region added, retyped, moved or deleted, a line typed into a handwritten
region or taken out of it) change the page's text as much as an edit does, so they are listed
here too (`kind` names the event's kind; `before`/`after` describe the change), counted,
sampled and approved like edits; a rejection cannot revert them (decisions.reject refuses).

The decisions on them are corrigenda.review.decisions; both the CLI and the GUI's review mode
read edits through `list_edits`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from corrigenda.model import Line
from corrigenda.review.diff import Segment, word_diff
from corrigenda.review.own_edits import self_signed
from corrigenda.store import Event, PageInfo, Project
from corrigenda.store.events import REGION_KINDS

PENDING, APPROVED, REJECTED, REVERT = "pending", "approved", "rejected", "revert"
UNDONE = "undone"  # an undecided edit and the undo that took it back: no change to review
STATES = (PENDING, APPROVED, REJECTED, REVERT, UNDONE)


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
    state: str = PENDING  # pending, approved, rejected, undone; revert for a rejection's revert
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str | None = None
    after_approval: bool = False  # made after the page was signed off
    sampled: bool = False
    self_approved: bool = False  # approved by the person who made it (--allow-own-edits)
    self_signed: bool = False  # a sign-off by the person who made it covered it
    cancels: int | None = None  # undone: the event (edit or undo) this one cancels out with
    redoes: int | None = None  # a redo: the edit it brings back after an undo
    kind: str = "edit"  # the event's kind: an edit, or a region change (REGION_KINDS)
    region: int | None = None  # a region change's region

    @property
    def is_region_change(self) -> bool:
        return self.kind != "edit"

    @property
    def where(self) -> str:
        """Where on the page it changed: its line, or its region (for a whole-region change)."""
        if self.line_id or self.region is None:
            return f"line {self.line_id}"
        return f"region {self.region}"

    @property
    def target(self) -> tuple[int, str]:
        """What a later change of the same thing shares with it: the page and line or region."""
        return self.page_id, self.where

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
    """Which edits to list; None means any (states: any but undone, the net change)."""

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
            and (edit.state != UNDONE if self.states is None else edit.state in self.states)
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
    """The edits of the chosen pages, oldest first, with state and diff texts.

    Undone pairs only if `filters.states` names UNDONE: by default the net change."""
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
    view = _ViewMaker(info, decisions, signoffs, signed_by_author)
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
        if event.kind in REGION_KINDS:
            before, after = describe_region_change(event)
            region = event.location.get("region")
            views.append(
                view.make(
                    event,
                    int(event.location.get("line") or 0),
                    before,
                    after,
                    before,
                    before,
                    region=int(region) if isinstance(region, int) else None,
                )
            )
            continue
        if event.kind != "edit":
            continue
        line = int(event.location["line"])
        if line not in ocr:  # the first edit since the OCR starts from the OCR's text
            ocr[line] = event.before or ""
        made = view.make(
            event,
            line,
            event.before or "",
            event.after or "",
            ocr[line],
            approved.get(line, ocr[line]),
        )
        views.append(made)
        current[line] = event.after or ""
        if made.state == APPROVED:
            approved[line] = current[line]
    return _net(views)


@dataclass
class _ViewMaker:
    """EditViews of one page's events, edits and region changes alike."""

    info: PageInfo
    decisions: _Decisions
    signoffs: list[int]
    signed_by_author: set[int]

    def make(
        self,
        event: Event,
        line: int,
        before: str,
        after: str,
        ocr_text: str,
        approved_text: str,
        region: int | None = None,
    ) -> EditView:
        decision = self.decisions.by_event.get(event.id)
        state = PENDING
        if event.kind == "edit" and event.source.get("type") == "review":
            state = REVERT  # a rejection's revert (a region change is never reverted)
        elif decision is not None:
            state = APPROVED if decision.after == "approve" else REJECTED
        return EditView(
            event.id,
            event.time,
            event.actor,
            self.info.id,
            self.info.number,
            self.info.name,
            line,
            before,
            after,
            event.source,
            event.comment,
            ocr_text,
            approved_text,
            state,
            decision.actor if decision else None,
            decision.time if decision else None,
            decision.comment if decision else None,
            after_approval=bool(self.signoffs) and event.id > self.signoffs[0],
            sampled=event.id in self.decisions.sampled,
            self_approved=state == APPROVED
            and decision is not None
            and decision.actor == event.actor,
            self_signed=event.id in self.signed_by_author,
            kind=event.kind,
            region=region,
        )


def describe_region_change(event: Event) -> tuple[str, str]:
    """A region event's change in words: (before, after)."""
    where = event.location
    region = where.get("region")
    if event.kind == "line-add":
        return "", event.after or ""
    if event.kind == "line-remove":
        return Line.from_json(json.loads(event.before or "{}")).text, ""
    if event.kind == "region-add":
        data = json.loads(event.after or "{}")
        taken = len(where.get("words") or [])
        lines = len(where.get("lines") or [])
        made = len(where.get("made") or [])
        return "", (
            f"[region {region} added: {data.get('type')} at {data.get('bbox')}; holds "
            f"{lines} line(s), takes {taken} word(s) out of the body, makes {made} line(s)]"
        )
    if event.kind == "region-retype":
        return f"[region {region}: {event.before}]", f"[region {region}: {event.after}]"
    if event.kind == "region-move":
        return (
            f"[region {region} at {event.before}]",
            f"[region {region} at {event.after}; holds {len(where.get('lines') or [])} line(s)]",
        )
    if event.kind == "region-remove":
        data = json.loads(event.before or "{}")
        gone = [Line.from_json(line).text for line in data.get("lines", [])]
        kind = data.get("region", {}).get("type")
        text = " / ".join(gone)
        return f"[region {region}: {kind}]" + (f" {text}" if text else ""), (
            f"[region {region} deleted]"
        )
    return "", ""


def _net(views: list[EditView]) -> list[EditView]:
    """Mark undecided edits taken back by an undo as undone, with their undo; a redo of such an
    undo stands for the edit again. An undo or redo names every event of its step in `of`,
    one event per line, latest first: each takes back the latest unmatched one on its line."""
    line_of = {v.event_id: (v.page_id, v.line_id) for v in views}
    index = {v.event_id: i for i, v in enumerate(views)}
    matched: set[int] = set()
    took_back: dict[int, int] = {}  # undo/redo event -> the edit its step took back (original)
    original: dict[int, int] = {}  # a redo -> the edit it brings back
    for i, view in enumerate(views):
        if view.source_type not in ("undo", "redo"):
            continue
        of = [int(x) for x in view.source.get("of", [])]
        candidates = [
            x for x in of if line_of.get(x) == (view.page_id, view.line_id) and x not in matched
        ]
        if not candidates:
            continue
        target = max(candidates)
        matched.add(target)
        before = views[index[target]]
        if before.state == PENDING and view.state == PENDING:
            views[index[target]] = replace(before, state=UNDONE, cancels=view.event_id)
            views[i] = replace(view, state=UNDONE, cancels=target)
            took_back[view.event_id] = original.get(target, target)
        elif target in took_back:  # a redo of an undo that cancelled an edit: the edit again
            original[view.event_id] = took_back[target]
            views[i] = replace(view, redoes=took_back[target])
    return views
