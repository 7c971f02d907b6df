"""Replaying region events: the same geometry the write path used, then a check that the
result is what the event recorded (lines assigned, words taken, lines made, word ids), and
the page's status moved by the edits' rule (model.status_after_edit), as the write path does.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from corrigenda.errors import UsageError
from corrigenda.model import BBox, Line, PageStatus, Region, RegionType, status_after_edit
from corrigenda.regions import geometry
from corrigenda.store.events import Event, dumps

if TYPE_CHECKING:
    from corrigenda.review.replay import PageState, Replayer
    from corrigenda.review.stored import StoredPage


def _page(replayer: Replayer, event: Event) -> PageState:
    return replayer.pages[event.page]  # type: ignore[index]


def _set_lines(page: PageState, lines: list[Line]) -> None:
    page.lines = {line.id: line for line in lines}


def _add(replayer: Replayer, event: Event) -> str | None:
    page = _page(replayer, event)
    try:
        region = Region.from_json(json.loads(event.after or "null"))
    except (TypeError, ValueError, KeyError) as exc:
        return f"holds no readable region ({exc})"
    if region.id != page.next_region or region.id != event.location.get("region"):
        return f"adds region {region.id}; the rebuild's next region is {page.next_region}"
    try:
        if region.bbox is not None:
            geometry.check_box(region.bbox, 1 << 30, 1 << 30, page.regions.values())
    except UsageError as exc:
        return exc.message
    lines, assigned, taken, made = geometry.take_region(list(page.lines.values()), region)
    recorded = (
        event.location.get("lines"),
        event.location.get("words"),
        event.location.get("made"),
    )
    if (assigned, taken, made) != recorded:
        return f"region {region.id} takes other lines or words in the rebuild"
    _set_lines(page, lines)
    page.regions[region.id] = region
    page.next_region = region.id + 1
    return None


def _retype(replayer: Replayer, event: Event) -> str | None:
    page = _page(replayer, event)
    region = page.regions.get(event.location.get("region"))  # type: ignore[arg-type]
    if region is None or region.type.value != event.before:
        return f"retypes region {event.location.get('region')}, which the rebuild does not hold"
    try:
        kind = RegionType(event.after)
    except ValueError:
        return f"retypes a region to unknown type {event.after!r}"
    page.regions[region.id] = Region(region.id, kind, region.bbox, region.description)
    return None


def _move(replayer: Replayer, event: Event) -> str | None:
    page = _page(replayer, event)
    region = page.regions.get(event.location.get("region"))  # type: ignore[arg-type]
    was = region.bbox.as_list() if region and region.bbox else None
    if region is None or dumps(was) != event.before:
        return f"moves region {event.location.get('region')} from a box the rebuild lacks"
    moved = Region(
        region.id, region.type, BBox(*json.loads(event.after or "[]")), region.description
    )
    lines, held = geometry.reassign(list(page.lines.values()), moved)
    if held != event.location.get("lines"):
        return f"region {region.id} holds other lines after the move in the rebuild"
    _set_lines(page, lines)
    page.regions[region.id] = moved
    return None


def _remove(replayer: Replayer, event: Event) -> str | None:
    page = _page(replayer, event)
    region = page.regions.get(event.location.get("region"))  # type: ignore[arg-type]
    if region is None:
        return f"deletes region {event.location.get('region')}, which the rebuild does not hold"
    lines, gone = geometry.release_region(list(page.lines.values()), region)
    before = {"region": region.to_json(), "lines": [line.to_json() for line in gone]}
    if dumps(before) != event.before:
        return f"region {region.id} or its lines differ in the rebuild from what was deleted"
    _set_lines(page, lines)
    del page.regions[region.id]
    return None


def _line_add(replayer: Replayer, event: Event) -> str | None:
    page = _page(replayer, event)
    region = page.regions.get(event.location.get("region"))  # type: ignore[arg-type]
    if region is None:
        return f"types into region {event.location.get('region')}, which the rebuild lacks"
    try:
        after = event.location.get("after", geometry.AFTER_OWN)
        lines, line, page.next_word = geometry.typed_line(
            list(page.lines.values()), region, event.after or "", page.next_word, after
        )
    except UsageError as exc:
        return exc.message
    if line.id != event.location.get("line") or [w.id for w in line.words] != event.location.get(
        "words"
    ):
        return f"line {line.id} rebuilds with other ids than the event's"
    _set_lines(page, lines)
    return None


def _line_remove(replayer: Replayer, event: Event) -> str | None:
    page = _page(replayer, event)
    line = page.lines.get(event.location.get("line"))  # type: ignore[arg-type]
    if line is None or dumps(line.to_json()) != event.before:
        return f"removes line {event.location.get('line')}, which differs in the rebuild"
    if line.region is None or line.region != event.location.get("region"):
        return f"removes line {line.id}, which is no line of region {event.location.get('region')}"
    del page.lines[line.id]
    return None


Rule = Callable[["Replayer", Event], "str | None"]


def _changes_page(rule: Rule) -> Rule:
    """A region event that replays moves its page's status as an edit does, and records the
    status it set. Files written before region events moved the status hold region events
    without one, which moved nothing; once a file holds a region event that records its
    status, every later one must (a change that skips the status is not passed off as old)."""

    def apply(replayer: Replayer, event: Event) -> str | None:
        problem = rule(replayer, event)
        if problem is not None:
            return problem
        page = _page(replayer, event)
        recorded = event.location.get("status")
        if recorded is None:
            if replayer.region_status:
                return "records no page status, though earlier region changes do"
            if page.status == PageStatus.APPROVED.value:
                # Old builds never sent a page back to review this way, but a forger can
                # dress a change to a signed-off page up as old: no old event passes there.
                return (
                    f"changes approved page id {page.id} without recording the status it "
                    "moves (a region change sends a signed-off page back to review)"
                )
            return None  # written before region changes moved the status
        want = status_after_edit(page.status).value
        if recorded != want:
            return f"sets page status {recorded!r}; after {page.status!r} the rule gives {want!r}"
        page.status = want
        replayer.region_status = True
        return None

    return apply


REGION_RULES: dict[str, Rule] = {
    kind: _changes_page(rule)
    for kind, rule in {
        "region-add": _add,
        "region-retype": _retype,
        "region-move": _move,
        "region-remove": _remove,
        "line-add": _line_add,
        "line-remove": _line_remove,
    }.items()
}


def region_difference(page: StoredPage, rebuilt: PageState) -> str | None:
    """What differs between a page's stored regions and the rebuild's, if anything: which
    region, which field, stored and rebuilt values."""
    want = [dumps(region.to_json()) for _, region in sorted(rebuilt.regions.items())]
    if page.regions != want:
        return _which_region(page.regions, want)
    if page.next_region != rebuilt.next_region:
        return f"next region id is {page.next_region}; the events say {rebuilt.next_region}"
    return None


def _which_region(stored: list[str], rebuilt: list[str]) -> str:
    head = "regions differ from the rebuild of their events:"
    try:
        have = {int(d["id"]): d for d in (json.loads(text) for text in stored)}
    except (ValueError, KeyError, TypeError):
        return f"{head} a stored region is damaged"
    want = {int(d["id"]): d for d in (json.loads(text) for text in rebuilt)}
    for region_id in sorted(have.keys() | want.keys()):
        a, b = have.get(region_id), want.get(region_id)
        if a is None:
            return f"{head} region {region_id} ({b and b.get('type')}) is missing from the file"
        if b is None:
            return f"{head} region {region_id} ({a.get('type')}) is stored but no event made it"
        for key in sorted(a.keys() | b.keys()):
            if a.get(key) != b.get(key):
                return (
                    f"{head} region {region_id} {key} stored {a.get(key)!r}, rebuilt {b.get(key)!r}"
                )
    return f"{head} stored {len(stored)}, rebuilt {len(rebuilt)} (in another order)"
