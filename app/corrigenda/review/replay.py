"""Rebuilding every page from its OCR baseline plus the event log.

The rules here mirror the store's one write path (corrigenda.store.writing): an edit is
replayed with the same `realign_line` and the page's running next word id, so the rebuilt
words, ids and boxes must equal the stored ones exactly, and the page's status follows the
same `status_after_edit` (model.py). Each rule returns a problem message when the event does
not fit the state rebuilt so far.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from corrigenda.align import realign_line
from corrigenda.model import Line, PageStatus, Region, status_after_edit
from corrigenda.regions.geometry import merge_ocr
from corrigenda.review.region_replay import REGION_RULES
from corrigenda.store.events import Event, dumps
from corrigenda.store.reading import regions_digest

# An OCR run id -> (its baseline JSON as stored, the SHA-256 recorded beside it).
BaselineLookup = Callable[[int], "tuple[str, str] | None"]


# What a plain status event may set: anything but approved, which only a signed sign-off sets.
BY_STATUS_EVENT = frozenset(s.value for s in PageStatus if s != PageStatus.APPROVED)


@dataclass
class PageState:
    """A page as the events so far describe it."""

    id: int
    image_sha256: str | None
    status: str = PageStatus.NEW.value
    removed: bool = False
    lines: dict[int, Line] = field(default_factory=dict)  # in reading order
    next_word: int = 1
    added: dict[str, Any] = field(default_factory=dict)  # the page-add event's location
    ocr_run: int | None = None  # the run its latest OCR event names
    regions: dict[int, Region] = field(default_factory=dict)
    next_region: int = 1

    def lines_json(self) -> list[str]:
        return [dumps(line.to_json()) for line in self.lines.values()]

    def digest(self) -> str:
        """The same digest as Project.page_digest: SHA-256 of the lines' canonical JSON."""
        text = dumps([line.to_json() for line in self.lines.values()])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def regions_digest(self) -> str:
        """The same digest as Project.page_regions_digest."""
        return regions_digest(self.regions.values())


class Replayer:
    """Applies events one by one; `apply` returns a problem message or None."""

    def __init__(self, baseline: BaselineLookup) -> None:
        self._baseline = baseline
        self.pages: dict[int, PageState] = {}
        # OCR run id -> (its page, the OCR event's location, mean confidence of its baseline)
        self.runs: dict[int, tuple[int, dict[str, Any], float | None]] = {}
        self.order: list[int] = []  # page ids in document order, removed ones included
        self.settings: dict[str, str] = {}
        self.unknown_kinds: set[str] = set()
        self.region_status = False  # a region event recorded the page status it set

    def apply(self, event: Event) -> str | None:
        rule = _RULES.get(event.kind)
        if rule is None:
            self.unknown_kinds.add(event.kind)
            return None
        unknown_page = event.page is None or (
            event.kind != "page-add" and event.page not in self.pages
        )
        if event.kind not in _PAGELESS and unknown_page:
            return f"names page id {event.page}, which no earlier event added"
        try:
            return rule(self, event)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            # A record edited by hand (bad JSON, a field of the wrong type) does not replay.
            return f"holds a damaged record ({type(exc).__name__}: {str(exc)[:80]})"

    # -- the rules, one per event kind -----------------------------------------------------

    def _setting(self, event: Event) -> str | None:
        key = str(event.location.get("key"))
        if self.settings.get(key) != event.before:
            was = self.settings.get(key)
            return f"setting {key!r} was {was!r}; the event says {event.before!r}"
        if event.after is not None:
            self.settings[key] = event.after
        return None

    def _page_add(self, event: Event) -> str | None:
        assert event.page is not None
        if event.page in self.pages:
            return f"adds page id {event.page} a second time"
        self.pages[event.page] = PageState(event.page, event.after, added=event.location)
        self.order.append(event.page)
        return None

    def _ocr(self, event: Event) -> str | None:
        page = self.pages[event.page]  # type: ignore[index]
        found = self._baseline(int(event.location.get("run", -1)))
        if found is None:
            return f"names OCR run {event.location.get('run')}, which is not in the file"
        text, recorded = found
        actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if actual != recorded or actual != event.after:
            return f"OCR run {event.location.get('run')}'s baseline does not match its SHA-256"
        ocr = [Line.from_json(item) for item in json.loads(text)]
        lines, page.next_word = merge_ocr(
            ocr, list(page.regions.values()), list(page.lines.values())
        )
        page.lines = {line.id: line for line in lines}
        run_id = int(event.location.get("run", -1))
        confs = [w.conf for line in ocr for w in line.words if w.conf is not None]
        self.runs[run_id] = (page.id, event.location, sum(confs) / len(confs) if confs else None)
        page.ocr_run = run_id
        if page.status == PageStatus.NEW.value:
            page.status = PageStatus.OCRED.value
        return None

    def _edit(self, event: Event) -> str | None:
        page = self.pages[event.page]  # type: ignore[index]
        line_id = event.location.get("line")
        line = page.lines.get(line_id)  # type: ignore[arg-type]
        if line is None:
            return f"edits line {line_id}, which the page does not have"
        if line.text != event.before:
            return (
                f"line {line_id} reads {line.text!r} in the rebuild; the event says "
                f"{event.before!r}"
            )
        new_line, page.next_word = realign_line(line, event.after or "", page.next_word)
        page.lines[line.id] = new_line
        if new_line.text != event.after:
            return f"line {line_id} rebuilds as {new_line.text!r}; the event says {event.after!r}"
        if [w.id for w in new_line.words] != event.location.get("words"):
            return f"line {line_id}'s word ids rebuild differently from the event's"
        page.status = status_after_edit(page.status).value
        return None

    def _status(self, event: Event) -> str | None:
        page = self.pages[event.page]  # type: ignore[index]
        if page.status != event.before:
            return f"page status was {page.status!r}; the event says {event.before!r}"
        if event.after not in BY_STATUS_EVENT:
            # Only a sign-off, signed, approves a page; a status event hands it over or back.
            return f"a status event sets the page to {event.after!r}, which only a sign-off can"
        page.status = str(event.after)
        return None

    def _sign_off(self, event: Event) -> str | None:
        for key in event.location.get("pages", {}):
            page = self.pages.get(int(key))
            if page is None:
                return f"signs page id {key}, which no earlier event added"
            page.status = PageStatus.APPROVED.value
        return None

    def _page_remove(self, event: Event) -> str | None:
        self.pages[event.page].removed = True  # type: ignore[index]
        return None

    def _page_restore(self, event: Event) -> str | None:
        page = self.pages[event.page]  # type: ignore[index]
        if not page.removed:
            return "restores a page the rebuild has in the document"
        page.removed = False
        return None

    def _page_move(self, event: Event) -> str | None:
        if dumps(self.order) != event.before:
            return "the page order before the move differs from the rebuild's"
        order = json.loads(event.after or "[]")
        if sorted(order) != sorted(self.order):
            return "the page order after the move does not hold the same pages"
        self.order = [int(i) for i in order]
        return None

    def _nothing(self, event: Event) -> str | None:
        return None


_RULES: dict[str, Callable[[Replayer, Event], str | None]] = {
    "project-create": Replayer._nothing,
    "setting": Replayer._setting,
    "page-add": Replayer._page_add,
    "ocr": Replayer._ocr,
    "edit": Replayer._edit,
    "status": Replayer._status,
    "sign-off": Replayer._sign_off,
    "page-remove": Replayer._page_remove,
    "page-restore": Replayer._page_restore,
    "page-move": Replayer._page_move,
    "review": Replayer._nothing,
    "review-sample": Replayer._nothing,
    **REGION_RULES,
}
# Kinds that may name no page, or name several in their location.
_PAGELESS = {"project-create", "setting", "sign-off", "review", "review-sample"}
