"""The audit report: every event as CSV or JSON lines, or one printable HTML page.

CSV and JSONL hold the whole trail, one event a row, with each edit's review state; the HTML
page (corrigenda.review.report_html) summarises and lists each page's edits.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, BinaryIO

from corrigenda.review.edits import STATES, EditFilter, EditView, list_edits
from corrigenda.review.own_edits import signoffs_with_own_edits
from corrigenda.review.report_html import gather, render
from corrigenda.store import Event, Project

FORMATS = ("csv", "jsonl", "html")
COLUMNS = [
    "id",
    "time",
    "actor",
    "page",
    "page_name",
    "kind",
    "line",
    "before",
    "after",
    "source",
    "check",
    "comment",
    "review_state",
    "review_reason",
    "reviewed_by",
    "self_approved",
    "self_signed",
    "signer_own_edits",
    "prev_hash",
    "hash",
]


def write(project: Project, fmt: str, out: BinaryIO) -> None:
    if fmt == "html":
        out.write(render(gather(project)).encode("utf-8"))
    elif fmt == "csv":
        _write_csv(project, out)
    elif fmt == "jsonl":
        _write_jsonl(project, out)
    else:
        raise ValueError(f"unknown audit format {fmt!r}")


def _rows(project: Project) -> list[dict[str, Any]]:
    infos = project.pages()
    names = {info.id: info.name for info in infos}
    numbers = {info.id: info.number for info in infos}
    states = {e.event_id: e for e in list_edits(project, EditFilter(states=STATES))}
    own = {event.id: found for event, found in signoffs_with_own_edits(project)}
    rows = []
    for event in project.events():
        row = _row(event, names, states.get(event.id))
        if event.id in own:  # a sign-off covering its signer's own edits says so on its row
            found = own[event.id]
            row["signer_own_edits"] = "; ".join(
                f"page {numbers.get(pid, '(removed)')}: {', '.join(map(str, ids))}"
                for pid, ids in found.pages.items()
            )
            row["signer_own_edits_count"] = found.count
            row["signer_self_approved"] = found.self_approved
        rows.append(row)
    return rows


def _row(event: Event, names: dict[int, str], edit: EditView | None) -> dict[str, Any]:
    return {
        "id": event.id,
        "time": event.time,
        "actor": event.actor,
        "page": event.page,
        "page_name": names.get(event.page) if event.page is not None else None,
        "kind": event.kind,
        "line": event.location.get("line"),
        "location": event.location,
        "before": event.before,
        "after": event.after,
        "source": event.source.get("type"),
        "source_detail": event.source,
        "check": event.source.get("check"),
        "comment": event.comment,
        "review_state": edit.state if edit else None,
        "review_reason": edit.reason if edit else None,
        "reviewed_by": edit.decided_by if edit else None,
        "self_approved": edit.self_approved if edit else None,
        "self_signed": edit.self_signed if edit else None,
        "signer_own_edits": None,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def _write_csv(project: Project, out: BinaryIO) -> None:
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in _rows(project):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    # A BOM so spreadsheet programs read the UTF-8 (names, diacritics) correctly.
    out.write(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))


def _write_jsonl(project: Project, out: BinaryIO) -> None:
    for row in _rows(project):
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
