"""The audit report as one printable HTML page, styled like a record an archive would file:
what it shows gathered once (`gather`), then rendered (`render`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape

from corrigenda import __version__
from corrigenda.review.diff import Segment
from corrigenda.review.edits import STATES, UNDONE, EditFilter, EditView, list_edits
from corrigenda.review.receipts import latest as latest_receipt
from corrigenda.review.sampling import TranscriberQc, qc_summary
from corrigenda.review.verify import VerifyReport, verify
from corrigenda.store import PageInfo, Project


@dataclass
class AuditData:
    """Everything a report shows, gathered once."""

    project: Project
    generated: str
    verify: VerifyReport
    pages: list[PageInfo]
    edits: list[EditView]
    qc: list[TranscriberQc]
    by_source: Counter[str] = field(default_factory=Counter)
    by_check: Counter[str] = field(default_factory=Counter)
    by_editor: Counter[str] = field(default_factory=Counter)


def gather(project: Project) -> AuditData:
    # The report lists every edit, undone ones too (marked so); it counts the net change.
    edits = list_edits(project, EditFilter(states=STATES))
    net = [e for e in edits if e.state != UNDONE]
    data = AuditData(
        project,
        datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        verify(project.path),
        project.pages(),
        edits,
        qc_summary(net),
    )
    for edit in net:
        if edit.state != "revert":
            data.by_source[edit.source_type] += 1
            data.by_editor[edit.actor] += 1
            if edit.check:
                data.by_check[edit.check] += 1
    return data


_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
body { font: 10.5pt/1.45 "Georgia", "Times New Roman", serif; color: #1b1b1b; margin: 0;
       background: #fff; }
main { max-width: 180mm; margin: 0 auto; padding: 10mm 0 14mm; }
header { border-top: 3px double #1b1b1b; border-bottom: 1px solid #1b1b1b; padding: 6px 0 8px;
         display: flex; justify-content: space-between; align-items: flex-end; }
header .kicker { font: 600 8.5pt/1 "Helvetica Neue", Arial, sans-serif; letter-spacing: .18em;
                 text-transform: uppercase; color: #555; }
h1 { font-size: 20pt; font-weight: normal; margin: 4px 0 2px; }
header .meta { text-align: right; font-size: 9pt; color: #444; }
h2 { font: 600 9pt/1 "Helvetica Neue", Arial, sans-serif; letter-spacing: .16em;
     text-transform: uppercase; border-bottom: 1px solid #999; padding-bottom: 4px;
     margin: 22px 0 8px; }
h3 { font-size: 11.5pt; font-weight: normal; margin: 16px 0 4px; }
h3 .status { font: 600 7.5pt/1 "Helvetica Neue", Arial, sans-serif; letter-spacing: .08em;
             text-transform: uppercase; border: 1px solid #777; padding: 2px 5px; margin-left: 6px;
             vertical-align: 2px; }
.seal { border: 1.5px solid; padding: 8px 12px; margin: 14px 0 4px; display: flex; gap: 14px;
        align-items: center; }
.seal.ok { border-color: #2d5e3a; background: #f3f8f3; }
.seal.bad { border-color: #8b1a1a; background: #fbf1f0; }
.seal .word { font: 700 10pt/1 "Helvetica Neue", Arial, sans-serif; letter-spacing: .2em;
              text-transform: uppercase; }
.seal.ok .word { color: #2d5e3a; } .seal.bad .word { color: #8b1a1a; }
.hash, code { font: 8.5pt/1.3 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 18px; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
table.edits { table-layout: fixed; }
th { font: 600 7.5pt/1.2 "Helvetica Neue", Arial, sans-serif; letter-spacing: .08em;
     text-transform: uppercase; text-align: left; color: #444; border-bottom: 1px solid #1b1b1b;
     padding: 3px 5px; }
td { border-bottom: 1px solid #ddd; padding: 3px 5px; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { page-break-inside: avoid; }
del { background: #f6d9d6; color: #7a1c14; text-decoration: line-through; }
ins { background: #d9ecd9; color: #1d4d26; text-decoration: none;
      border-bottom: 1px solid #6a9c70; }
.state { font: 600 7.5pt/1 "Helvetica Neue", Arial, sans-serif; text-transform: uppercase;
         letter-spacing: .06em; }
.state.approved { color: #2d5e3a; } .state.rejected { color: #8b1a1a; }
.state.pending { color: #8a6500; } .state.revert, .state.undone { color: #666; }
.muted { color: #666; } .small { font-size: 8.5pt; }
footer { margin-top: 26px; border-top: 1px solid #1b1b1b; padding-top: 6px; font-size: 8.5pt;
         color: #555; }
"""


def render(data: AuditData) -> str:
    title = escape(data.project.path.stem)
    parts = [
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>",
        f"<title>Audit report — {title}</title><style>{_CSS}</style></head><body><main>",
        _header(data, title),
        _seal(data),
        "<h2>Summary</h2>",
        _summary(data),
        "<h2>Sign-offs</h2>",
        _signoffs(data),
        "<h2>Quality-control sample</h2>",
        _qc(data),
        "<h2>Edits by page</h2>",
        *(_page(data, info.number, info.name, info.status.value, info.id) for info in data.pages),
        _footer(data),
        "</main></body></html>\n",
    ]
    return "\n".join(parts)


def _header(data: AuditData, title: str) -> str:
    return (
        "<header><div><div class='kicker'>Audit report · transcript correction</div>"
        f"<h1>{title}</h1><div class='muted small'>{escape(str(data.project.path))}</div></div>"
        f"<div class='meta'>Generated {escape(data.generated)}<br>"
        f"by {escape(data.project.actor)} · Corrigenda {escape(__version__)}</div></header>"
    )


def _seal(data: AuditData) -> str:
    report = data.verify
    if report.ok:
        word, css = "Verified", "ok"
        text = (
            f"Hash chain intact over {report.events:,} events; every page rebuilds from its "
            "OCR baseline and the events; images match their recorded SHA-256."
        )
    else:
        word, css = "Not verified", "bad"
        text = f"First failure — {escape(report.first_problem or '')}"
    head = " ".join(report.head[i : i + 8] for i in range(0, 64, 8))
    return (
        f"<div class='seal {css}'><div class='word'>{word}</div><div>{text}<br>"
        f"<span class='muted small'>Chain head</span> <span class='hash'>{head}</span>"
        "</div></div>"
    )


def _summary(data: AuditData) -> str:
    statuses: dict[str, int] = {}
    for info in data.pages:
        statuses[info.status.value] = statuses.get(info.status.value, 0) + 1
    editors = _count_table(("Editor", "Edits"), data.by_editor.most_common())
    sources = _count_table(("Source", "Edits"), data.by_source.most_common())
    checks = _count_table(("Check", "Accepted suggestions"), data.by_check.most_common())
    pages = _count_table(("Page status", "Pages"), sorted(statuses.items()))
    return (
        f"<div class='grid'><div>{editors}</div><div>{pages}</div><div>{sources}</div>"
        f"<div>{checks}</div></div>"
    )


def _count_table(heads: tuple[str, str], rows: Iterable[tuple[str, int]]) -> str:
    body = "".join(f"<tr><td>{escape(str(k))}</td><td class='n'>{v:,}</td></tr>" for k, v in rows)
    body = body or "<tr><td class='muted' colspan='2'>none</td></tr>"
    return f"<table><tr><th>{heads[0]}</th><th class='n'>{heads[1]}</th></tr>{body}</table>"


def _signoffs(data: AuditData) -> str:
    if not data.verify.signoffs:
        return "<p class='muted'>No sign-offs yet.</p>"
    rows = []
    for s in data.verify.signoffs:
        state = "approved" if s.valid else "rejected"
        why = (
            escape(s.reason)
            if not s.valid
            else (
                f"page {', '.join(map(str, s.changed_since))} edited after it: back in review"
                if s.changed_since
                else ""
            )
        )
        if s.own_edits:  # separation of duties: the signer signed their own edits
            why += f"<div class='small'><b>{escape(s.own_edits_text())}</b></div>"
        rows.append(
            f"<tr><td class='n'>{s.event_id}</td><td>{escape(s.time[:16].replace('T', ' '))}</td>"
            f"<td>{escape(s.reviewer)}</td><td>{escape(s.scope)}: "
            f"{escape(', '.join(map(str, s.page_numbers)))}</td>"
            f"<td class='hash'>{escape(s.key_fingerprint)}</td>"
            f"<td><span class='state {state}'>{'valid' if s.valid else 'invalid'}</span>"
            f"<div class='small muted'>{why}</div></td>"
            f"<td>{escape(s.trust)}<div class='small muted'>{escape(s.trust_note)}</div></td></tr>"
        )
    return (
        "<table><tr><th class='n'>Event</th><th>Signed (UTC)</th><th>Reviewer</th>"
        "<th>Covers pages</th><th>Key fingerprint</th><th>Signature</th><th>Key</th></tr>"
        + "".join(rows)
        + "</table>"
        + _receipt(data)
    )


def _receipt(data: AuditData) -> str:
    """The latest sign-off's receipt: what the archive should hold outside the project."""
    made = latest_receipt(data.project)
    if made is None:
        return ""
    return (
        "<p class='small'>Latest receipt (keep it outside the project; "
        "<code>corrigenda verify --receipt</code> checks the project still holds it): "
        f"event {made.events}, project <span class='hash'>{escape(made.project[:16])}</span>, "
        f"head <span class='hash'>{escape(made.head)}</span>, signed by "
        f"{escape(made.reviewer)}.</p>"
    )


def _qc(data: AuditData) -> str:
    if not data.qc:
        return "<p class='muted'>No edits.</p>"
    rows = "".join(
        f"<tr><td>{escape(r.actor)}</td><td class='n'>{r.edits}</td>"
        f"<td class='n'>{r.all_approved}</td><td class='n'>{r.all_rejected}</td>"
        f"<td class='n'>{r.all_pending}</td><td class='n'>{r.sampled}"
        f"</td><td class='n'>{r.approved}</td><td class='n'>{r.rejected}</td>"
        f"<td class='n'>{r.changed}</td><td class='n'>{r.pending}</td><td class='n'>"
        f"{'–' if r.error_rate is None else f'{r.error_rate:.0%}'}</td></tr>"
        for r in data.qc
    )
    sample = (
        ""
        if any(r.sampled for r in data.qc)
        else "<p class='muted small'>No sample drawn: the sample columns are empty.</p>"
    )
    return (
        "<table><tr><th></th><th class='n' colspan='4'>All edits</th>"
        "<th class='n' colspan='6'>QC-sampled edits</th></tr>"
        "<tr><th>Transcriber</th><th class='n'>Edits</th><th class='n'>Approved</th>"
        "<th class='n'>Rejected</th><th class='n'>Pending</th><th class='n'>Sampled</th>"
        "<th class='n'>Sampled, approved</th><th class='n'>Sampled, rejected</th>"
        "<th class='n'>Sampled, changed</th><th class='n'>Sampled, pending</th>"
        "<th class='n'>Sample error rate</th></tr>" + rows + "</table>" + sample
    )


def _page(data: AuditData, number: int, name: str, status: str, page_id: int) -> str:
    edits = [e for e in data.edits if e.page_id == page_id]
    head = (
        f"<h3>Page {number} <span class='muted'>· {escape(name)}</span>"
        f"<span class='status'>{escape(status)}</span></h3>"
    )
    if not edits:
        return head + "<p class='muted small'>No edits; the transcript is the OCR's.</p>"
    rows = "".join(_edit_row(e) for e in edits)
    return (
        head + "<table class='edits'>" + _EDIT_COLS + "<tr><th class='n'>Event</th>"
        "<th>When (UTC)</th><th>Editor</th><th>Source</th><th class='n'>Line</th>"
        "<th>Change</th><th>Review</th></tr>" + rows + "</table>"
    )


_EDIT_COLS = (
    "<colgroup><col style='width:7%'><col style='width:11%'><col style='width:12%'>"
    "<col style='width:11%'><col style='width:6%'><col><col style='width:12%'>"
    "</colgroup>"
)


def _edit_row(edit: EditView) -> str:
    source = escape(edit.source_type) + (
        f"<div class='small muted'>{escape(edit.check)}</div>" if edit.check else ""
    )
    note = "".join(
        f"<div class='small muted'>{escape(label)}: {escape(text)}</div>"
        for label, text in (("comment", edit.comment), ("reason", edit.reason))
        if text
    )
    late = "<div class='small muted'>after approval</div>" if edit.after_approval else ""
    sampled = "<div class='small muted'>QC sample</div>" if edit.sampled else ""
    if edit.self_approved:  # separation of duties was waived: say so where it is read
        sampled += (
            f"<div class='small'><b>approved by its own author "
            f"({escape(edit.decided_by or '')})</b></div>"
        )
    if edit.self_signed:
        sampled += (
            f"<div class='small'><b>signed off by its own author ({escape(edit.actor)})</b></div>"
        )
    if edit.cancels is not None:  # an edit and the undo that took it back
        sampled += f"<div class='small muted'>cancels out with {edit.cancels}</div>"
    if edit.redoes is not None:
        sampled += f"<div class='small muted'>brings back {edit.redoes}</div>"
    return (
        f"<tr><td class='n'>{edit.event_id}</td><td class='small'>"
        f"{escape(edit.time[:16].replace('T', ' '))}</td><td>{escape(edit.actor)}</td>"
        f"<td>{source}</td><td class='n'>{edit.line_id}</td><td>{_diff(edit.diff())}{note}</td>"
        f"<td><span class='state {edit.state}'>{escape(edit.state)}</span>{late}{sampled}</td>"
        "</tr>"
    )


def _diff(segments: Sequence[Segment]) -> str:
    parts = []
    for seg in segments:
        if seg.tag == "equal":
            parts.append(escape(seg.old))
            continue
        old = f"<del>{escape(seg.old)}</del>" if seg.old else ""
        new = f"<ins>{escape(seg.new)}</ins>" if seg.new else ""
        parts.append(old + new)
    return " ".join(parts) or "<span class='muted'>(empty line)</span>"


def _footer(data: AuditData) -> str:
    return (
        "<footer>This report was generated from the project file's hash-chained event log. "
        "Anyone holding the file can re-check it with <code>corrigenda verify "
        f"{escape(data.project.path.name)}</code>; sign-offs are Ed25519 signatures over the "
        "chain head and the approved pages, checked against each reviewer's public key.</footer>"
    )
