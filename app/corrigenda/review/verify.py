"""`verify`: re-check the hash chain, rebuild every page, check images and sign-offs.

One pass over the event log: each event's hash is recomputed, its link to the one before is
checked, and it is replayed onto the pages rebuilt so far (corrigenda.review.replay). At the
end the rebuilt pages are compared with the stored transcripts, and every image with its
recorded SHA-256. The report names the first bad event or page.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corrigenda.review import coverage
from corrigenda.review import receipts as receipt_checks
from corrigenda.review.receipts import Receipt, ReceiptCheck
from corrigenda.review.region_replay import region_difference
from corrigenda.review.replay import PageState, Replayer
from corrigenda.review.signoffs import SignoffCheck, SignoffChecker
from corrigenda.review.stored import DamagedEvent, StoredFile, StoredPage
from corrigenda.review.trust import TRUSTED, TrustStore
from corrigenda.store.events import GENESIS, Event

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
    receipts: list[ReceiptCheck] = field(default_factory=list)
    require_trusted: bool = False  # `verify --trusted`: every sign-off's key must be trusted
    identity: str = ""  # the first event's hash, which receipts name the project by

    @property
    def ok(self) -> bool:
        return self.first_problem is None

    @property
    def first_problem(self) -> str | None:
        if self.problems:
            return str(self.problems[0])
        bad = next((s for s in self.signoffs if not s.valid), None)
        if bad:
            return f"sign-off event {bad.event_id}: {bad.reason}"
        failed = next((r for r in self.receipts if not r.ok), None)
        if failed:
            return f"receipt {failed.path}: {failed.problem}"
        if self.require_trusted:
            doubt = next((s for s in self.signoffs if s.trust != TRUSTED), None)
            if doubt:
                who = f"sign-off event {doubt.event_id} by {doubt.reviewer}"
                return f"{who}: {doubt.trust} key: {doubt.trust_note}"
            doubt_receipt = next((r for r in self.receipts if r.trust != TRUSTED), None)
            if doubt_receipt:
                r = doubt_receipt
                return f"receipt {r.path}: {r.trust} key: {r.trust_note}"
        return None


def verify(
    path: Path,
    store: TrustStore | None = None,
    receipts: Sequence[tuple[str, Receipt]] = (),
    *,
    require_trusted: bool = False,
    quick: bool = False,
) -> VerifyReport:
    """Check everything `verify` promises about the project file at `path`.

    `store` judges whose key made each sign-off (the user's trust store if None); each of
    `receipts` (a name for messages, the receipt) must be extended by the project. `quick`
    (the check before an export) leaves out what reads every byte of the file: SQLite's
    integrity check and the images' hashes; the chain, the rebuild of every transcript,
    status and region, and the sign-offs are checked as always.
    """
    report = VerifyReport(path, require_trusted=require_trusted)
    # The user's trust store is read only when there is a sign-off or receipt to judge.
    if store is None and receipts:
        store = TrustStore.load()
    wanted = {receipt.events for _, receipt in receipts}
    held: dict[int, tuple[Event, str]] = {}
    with StoredFile(path) as stored:
        try:
            _check_all(stored, report, store, wanted, held, quick)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            _add(report, Problem("file", f"SQLite cannot read it whole: {exc}"))
            return report
    for name, receipt in receipts:
        event, recomputed = held.get(receipt.events, (None, None))
        problem = receipt_checks.check(
            name, receipt, report.identity, event, recomputed, report.events
        )
        assert store is not None
        judged = store.judge(receipt.key, receipt.reviewer, str(receipt.signoff.get("signed", "")))
        report.receipts.append(ReceiptCheck(name, receipt, problem, judged.status, judged.note))
    return report


def _check_all(
    stored: StoredFile,
    report: VerifyReport,
    store: TrustStore | None,
    wanted: set[int],
    held: dict[int, tuple[Event, str]],
    quick: bool = False,
) -> None:
    for message in [] if quick else stored.integrity():
        _add(report, Problem("file", f"SQLite's integrity check: {message}"))
    replayer = Replayer(stored.baseline)
    signoffs = SignoffChecker(store=store)
    _check_events(stored, replayer, signoffs, report, wanted, held)
    pages = stored.pages()
    numbers = _page_numbers(pages)
    _compare_pages(pages, numbers, replayer, report)
    add = _adder(report)
    if not quick:
        report.notes.extend(coverage.check_images(stored.images(), numbers, replayer, add))
    report.notes.extend(coverage.check_runs(stored.ocr_runs(), replayer, add))
    _compare_settings(stored.settings(), replayer, report)
    report.pages = sum(1 for p in pages if not p.removed)
    report.signoffs = signoffs.finish(replayer, numbers)
    report.notes.extend(signoffs.notes)
    if replayer.unknown_kinds:
        kinds = ", ".join(sorted(replayer.unknown_kinds))
        report.notes.append(f"events of kinds this version does not replay: {kinds}")


def _check_events(
    stored: StoredFile,
    replayer: Replayer,
    signoffs: SignoffChecker,
    report: VerifyReport,
    wanted: set[int],
    held: dict[int, tuple[Event, str]],
) -> None:
    previous_id, previous_hash = 0, GENESIS
    for event in stored.events():
        report.events += 1
        if isinstance(event, DamagedEvent):
            number = event.id if isinstance(event.id, int) else previous_id + 1
            _add(report, Problem(f"event {number}", f"is damaged: {event.reason}", number))
            previous_id, previous_hash = number, str(event.hash)
            continue
        actual = event.compute_hash()
        if report.events == 1:
            report.identity = event.hash
        if event.id in wanted:
            held[event.id] = (event, actual)
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
    # The write path numbers positions 1..n (adding appends, moving renumbers them all).
    if [p.position for p in pages] != list(range(1, len(pages) + 1)):
        _add(report, Problem("page order", "page positions are not the 1..n Corrigenda writes"))


def _page_difference(page: StoredPage, rebuilt: PageState) -> str | None:
    expected = list(zip(rebuilt.lines.keys(), rebuilt.lines_json()))
    if page.lines != expected:
        for (line_id, data), (want_id, want) in zip(page.lines, expected):
            if (line_id, data) != (want_id, want):
                if line_id != want_id:
                    return (
                        f"holds line {line_id} where the rebuild of its events has line {want_id}"
                    )
                return f"line {want_id} {line_difference(data, want)}"
        return f"holds {len(page.lines)} lines; the events rebuild {len(expected)}"
    if page.line_positions != list(range(len(page.lines))):
        # The write path numbers a page's lines 0..n-1 whenever it writes them.
        return "its lines' positions are not the 0..n-1 Corrigenda writes"
    if page.status != rebuilt.status:
        return f"status is {page.status!r}; the events say {rebuilt.status!r}"
    if page.removed != rebuilt.removed:
        return "removed flag differs from the events"
    if page.next_word != rebuilt.next_word:
        return f"next word id is {page.next_word}; the events say {rebuilt.next_word}"
    return region_difference(page, rebuilt)


WORD_FIELDS = ("id", "text", "box", "confidence", "evidence")


def line_difference(stored: str, rebuilt: str) -> str:
    """What differs between a line as stored and as rebuilt (both canonical JSON): its text,
    or else the first word or line field that differs, with both values."""
    head = "differs from the rebuild of its events:"
    try:
        have, want = json.loads(stored), json.loads(rebuilt)
        have_words, want_words = list(have["words"]), list(want["words"])
    except (ValueError, KeyError, TypeError):
        return f"{head} the stored record is damaged ({str(stored)[:60]!r})"
    if _text(stored) != _text(rebuilt):
        return f"{head} text stored {_text(stored)!r}, rebuilt {_text(rebuilt)!r}"
    for n, (word, twin) in enumerate(zip(have_words, want_words), start=1):
        if word == twin:
            continue
        label = f"word {n} ({_word_text(twin)!r}, id {_word_field(twin, 0)})"
        for index, name in enumerate(WORD_FIELDS):
            a, b = _word_field(word, index), _word_field(twin, index)
            if a != b:
                return f"{head} {label} {name} stored {a!r}, rebuilt {b!r}"
        return f"{head} {label} stored {word!r}, rebuilt {twin!r}"
    if len(have_words) != len(want_words):
        return f"{head} {len(have_words)} words stored, {len(want_words)} rebuilt"
    for key in sorted(set(have) | set(want)):
        if key != "words" and have.get(key) != want.get(key):
            return f"{head} line {key} stored {have.get(key)!r}, rebuilt {want.get(key)!r}"
    return f"{head} stored {str(stored)[:80]!r}, rebuilt {str(rebuilt)[:80]!r}"


def _word_field(word: object, index: int) -> object:
    return word[index] if isinstance(word, list) and len(word) > index else None


def _word_text(word: object) -> str:
    return str(_word_field(word, 1))


def _text(line_json: str) -> str:
    try:
        return " ".join(str(w[1]) for w in json.loads(line_json)["words"])
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return str(line_json)[:60]


def _compare_settings(stored: dict[str, str], replayer: Replayer, report: VerifyReport) -> None:
    if stored != replayer.settings:
        keys = sorted(
            k
            for k in stored.keys() | replayer.settings.keys()
            if stored.get(k) != replayer.settings.get(k)
        )
        _add(report, Problem("settings", f"{keys[0]!r} differs from its events"))


def _adder(report: VerifyReport) -> coverage.Report:
    def add(where: str, message: str, number: int | None) -> None:
        _add(report, Problem(where, message, None, number))

    return add


def _add(report: VerifyReport, problem: Problem) -> None:
    if len(report.problems) < MAX_PROBLEMS:
        report.problems.append(problem)
