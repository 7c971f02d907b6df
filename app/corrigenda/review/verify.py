"""`verify`: re-check the hash chain, rebuild every page, check images and sign-offs.

One pass over the event log: each event's hash is recomputed, its link to the one before is
checked, and it is replayed onto the pages rebuilt so far (corrigenda.review.replay). At the
end the rebuilt pages are compared with the stored transcripts, and every image with its
recorded SHA-256. The report names the first bad event or page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from corrigenda.review.region_replay import region_difference
from corrigenda.review.replay import PageState, Replayer
from corrigenda.review.signoffs import SignoffCheck, SignoffChecker
from corrigenda.review.stored import StoredFile, StoredPage
from corrigenda.store.events import GENESIS

MAX_PROBLEMS = 200  # after a break, later events often all disagree; the first ones say enough


@dataclass(frozen=True)
class Problem:
    """One thing that does not hold, at an event or a page."""

    where: str  # "event 57", "page 3 (page-003.png)"
    message: str
    event_id: int | None = None
    page_number: int | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class VerifyReport:
    path: Path
    events: int = 0
    pages: int = 0
    head: str = GENESIS
    problems: list[Problem] = field(default_factory=list)
    signoffs: list[SignoffCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(s.valid for s in self.signoffs)

    @property
    def first_problem(self) -> str | None:
        if self.problems:
            return str(self.problems[0])
        bad = next((s for s in self.signoffs if not s.valid), None)
        return f"sign-off event {bad.event_id}: {bad.reason}" if bad else None


def verify(path: Path) -> VerifyReport:
    """Check everything `verify` promises about the project file at `path`."""
    report = VerifyReport(path)
    with StoredFile(path) as stored:
        replayer = Replayer(stored.baseline)
        signoffs = SignoffChecker()
        _check_events(stored, replayer, signoffs, report)
        pages = stored.pages()
        numbers = _page_numbers(pages)
        _compare_pages(pages, numbers, replayer, report)
        _check_images(stored, numbers, replayer, report)
        _compare_settings(stored.settings(), replayer, report)
    report.pages = sum(1 for p in pages if not p.removed)
    report.signoffs = signoffs.finish(replayer, numbers)
    report.notes.extend(signoffs.notes)
    if replayer.unknown_kinds:
        kinds = ", ".join(sorted(replayer.unknown_kinds))
        report.notes.append(f"events of kinds this version does not replay: {kinds}")
    return report


def _check_events(
    stored: StoredFile, replayer: Replayer, signoffs: SignoffChecker, report: VerifyReport
) -> None:
    previous_id, previous_hash = 0, GENESIS
    for event in stored.events():
        report.events += 1
        actual = event.compute_hash()
        signoffs.computed[event.id] = actual
        where = f"event {event.id}"
        if event.id != previous_id + 1:
            missing = (
                f"event {previous_id + 1} is missing"
                if event.id == previous_id + 2
                else f"events {previous_id + 1}-{event.id - 1} are missing"
            )
            _add(report, Problem(where, f"{missing} from the log", event.id))
        elif event.prev_hash != previous_hash:
            _add(
                report, Problem(where, "does not link to the event before it (prev_hash)", event.id)
            )
        if actual != event.hash:
            _add(
                report, Problem(where, "was altered: its content does not match its hash", event.id)
            )
        signoffs.see(event)
        if event.kind == "sign-off":
            signoffs.check(event, replayer)
        trouble = replayer.apply(event)
        if trouble:
            _add(report, Problem(where, f"does not replay: {trouble}", event.id))
        previous_id, previous_hash = event.id, event.hash
    report.head = previous_hash


def _page_numbers(pages: list[StoredPage]) -> dict[int, int]:
    shown = [p for p in pages if not p.removed]
    return {p.id: n for n, p in enumerate(shown, start=1)}


def _label(page: StoredPage, numbers: dict[int, int]) -> str:
    number = numbers.get(page.id)
    return f"page {number} ({page.name})" if number else f"removed page id {page.id} ({page.name})"


def _compare_pages(
    pages: list[StoredPage], numbers: dict[int, int], replayer: Replayer, report: VerifyReport
) -> None:
    for page in pages:
        where = _label(page, numbers)
        rebuilt = replayer.pages.get(page.id)
        if rebuilt is None:
            _add(report, Problem(where, "no event added this page", None, numbers.get(page.id)))
            continue
        trouble = _page_difference(page, rebuilt)
        if trouble:
            _add(report, Problem(where, trouble, None, numbers.get(page.id)))
    stored_order = [p.id for p in pages]
    if stored_order != replayer.order and not report.problems:
        _add(report, Problem("page order", "differs from the order the events record"))


def _page_difference(page: StoredPage, rebuilt: PageState) -> str | None:
    expected = list(zip(rebuilt.lines.keys(), rebuilt.lines_json()))
    if page.lines != expected:
        for (line_id, data), (want_id, want) in zip(page.lines, expected):
            if (line_id, data) != (want_id, want):
                return (
                    f"line {want_id}'s stored transcript differs from the rebuild of its "
                    f"events (stored {_text(data)!r}, rebuilt {_text(want)!r})"
                )
        return f"holds {len(page.lines)} lines; the events rebuild {len(expected)}"
    if page.status != rebuilt.status:
        return f"status is {page.status!r}; the events say {rebuilt.status!r}"
    if page.removed != rebuilt.removed:
        return "removed flag differs from the events"
    if page.next_word != rebuilt.next_word:
        return "next word id differs from the events"
    return region_difference(page, rebuilt)


def _text(line_json: str) -> str:
    try:
        return " ".join(str(w[1]) for w in json.loads(line_json)["words"])
    except (ValueError, KeyError, TypeError, IndexError):
        return line_json[:60]


def _check_images(
    stored: StoredFile, numbers: dict[int, int], replayer: Replayer, report: VerifyReport
) -> None:
    for page_id, recorded, actual in stored.image_digests():
        number = numbers.get(page_id)
        where = f"page {number}" if number else f"removed page id {page_id}"
        added = replayer.pages.get(page_id)
        if actual != recorded:
            _add(
                report,
                Problem(where, "image bytes do not match their recorded SHA-256", None, number),
            )
        elif added is not None and added.image_sha256 != actual:
            _add(
                report,
                Problem(
                    where, "image differs from the one its page-add event recorded", None, number
                ),
            )


def _compare_settings(stored: dict[str, str], replayer: Replayer, report: VerifyReport) -> None:
    if stored != replayer.settings:
        keys = sorted(
            k
            for k in stored.keys() | replayer.settings.keys()
            if stored.get(k) != replayer.settings.get(k)
        )
        _add(report, Problem("settings", f"{keys[0]!r} differs from its events"))


def _add(report: VerifyReport, problem: Problem) -> None:
    if len(report.problems) < MAX_PROBLEMS:
        report.problems.append(problem)
