"""Commands for the archivist: verify the audit trail, review edits, write the audit report."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from corrigenda.cli.common import open_project, parse_pages
from corrigenda.cli.text import shown
from corrigenda.cli.trust_commands import write_receipt
from corrigenda.errors import UsageError
from corrigenda.fileio import output
from corrigenda.review import decisions, report
from corrigenda.review.diff import marked
from corrigenda.review.edits import STATES, EditFilter, EditView, list_edits
from corrigenda.review.own_edits import signoffs_with_own_edits
from corrigenda.review.receipts import latest as latest_receipt
from corrigenda.review.sampling import draw_sample, qc_summary
from corrigenda.store import Event, Project


def add_parsers(sub: argparse._SubParsersAction) -> None:
    add_review_parser(sub)
    add_audit_parser(sub)


# -- review ------------------------------------------------------------------------------


def add_review_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="list edits for review; approve, reject, sign off, sample",
        description="Without an action, --list is assumed. Approving a page (--page) or the "
        "whole document (--document) signs it off with your Ed25519 key, made on first use in "
        "your config folder.",
    )
    p.add_argument("project")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--list", action="store_true", help="list edits (the default)")
    act.add_argument(
        "--approve",
        nargs="+",
        type=int,
        metavar="EVENT",
        help="approve edits (refused while their page is returned to its transcriber)",
    )
    act.add_argument(
        "--reject",
        nargs="+",
        type=int,
        metavar="EVENT",
        help="reject edits (needs --reason); each is reverted (refused while their page is "
        "returned to its transcriber)",
    )
    act.add_argument(
        "--page",
        type=int,
        metavar="N",
        help="approve page N's pending edits and sign the page off (refused "
        "while the page is returned to its transcriber)",
    )
    act.add_argument(
        "--document",
        action="store_true",
        help="approve every pending edit and sign the document off; pages "
        "returned to their transcriber are skipped (listed on stderr) until "
        "resubmitted (--submit N) or edited",
    )
    act.add_argument(
        "--return",
        dest="return_page",
        type=int,
        metavar="N",
        help="return page N to its transcriber (needs --reason)",
    )
    act.add_argument("--submit", type=int, metavar="N", help="hand page N over for review")
    act.add_argument(
        "--sample",
        type=float,
        metavar="PERCENT",
        help="draw a quality-control sample of each transcriber's pending edits",
    )
    act.add_argument(
        "--summary",
        action="store_true",
        help="per transcriber: totals over all edits (approved, rejected, "
        "pending) and the QC sample's counts and error rate",
    )
    p.add_argument("--reason", help="why (required to reject or return)")
    p.add_argument(
        "--allow-own-edits",
        action="store_true",
        help="let --approve, --page and --document approve edits you made yourself "
        "(refused otherwise; recorded in the review event and shown as "
        "self-approved)",
    )
    p.add_argument("--seed", type=int, help="seed for --sample (recorded; default random)")
    p.add_argument(
        "--key",
        metavar="NAME",
        help="sign with this key (see 'corrigenda keys list'); default: the one named after you",
    )
    p.add_argument(
        "--receipt",
        metavar="FILE",
        help="where --page and --document write the sign-off's receipt (default: your "
        "config folder); keep it outside the project",
    )
    flt = p.add_argument_group("filters for --list")
    flt.add_argument("--pages", help="page numbers, e.g. 1-3,5")
    flt.add_argument("--user", action="append", help="who made the edit (repeatable)")
    flt.add_argument("--since", metavar="DATE", help="from this date or time (UTC, ISO 8601)")
    flt.add_argument("--until", metavar="DATE", help="up to this date or time, inclusive")
    flt.add_argument(
        "--source",
        action="append",
        help="what made the edit (repeatable): keyboard, suggestion, auto-fix, "
        "replace-all, import, re-ocr, undo, redo, review",
    )
    flt.add_argument("--check", action="append", help="the check behind a suggestion")
    flt.add_argument(
        "--state",
        action="append",
        choices=list(STATES),
        help="repeatable; default: all but undone (an edit and the undo that took it back)",
    )
    flt.add_argument("--sampled", action="store_true", help="only edits drawn in a QC sample")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    if (args.reject or args.return_page) and not args.reason:
        raise UsageError("--reject and --return need --reason TEXT for the transcriber")
    readonly = not (
        args.approve
        or args.reject
        or args.page
        or args.document
        or args.return_page
        or args.submit
        or args.sample
    )
    with open_project(args.project, readonly=readonly) as project:
        if readonly and args.summary:
            return _print_summary(project, args.json)
        if readonly:
            return _print_list(project, _filters(args), args.json)
        if args.sample is not None:
            drawn = draw_sample(project, args.sample, args.seed)
            print(
                f"sampled {len(drawn)} edits ({args.sample:g}% of each transcriber's pending "
                "edits)",
                file=sys.stderr,
            )
            return _print_edits(drawn, args.json)
        events = _decide(project, args)
        signed = [e for e in events if e.kind == "sign-off"]
        made = latest_receipt(project) if signed else None
    for event in events:
        shown = event.after if event.kind != "sign-off" else ""  # a signature is noise here
        print(f"event {event.id}: {event.kind} {shown}".rstrip())
    if made is not None:
        write_receipt(made, args.receipt)
    return 0


def _decide(project: Project, args: argparse.Namespace) -> list[Event]:
    own = bool(args.allow_own_edits)
    key = args.key
    if args.approve:
        return decisions.approve(project, args.approve, args.reason, allow_own_edits=own)
    if args.reject:
        return decisions.reject(project, args.reject, args.reason)
    if args.page:
        return decisions.approve_pages(
            project, [args.page], args.reason, allow_own_edits=own, key_name=key
        )
    if args.document:
        for number, note in decisions.returned_pages(project).items():
            print(
                f"corrigenda: skipped page {number}: returned to its transcriber ({note}); "
                f"not signed off until resubmitted (--submit {number}) or edited",
                file=sys.stderr,
            )
        return decisions.approve_document(project, args.reason, allow_own_edits=own, key_name=key)
    if args.return_page:
        return [decisions.return_page(project, args.return_page, args.reason)]
    return [decisions.submit_page(project, args.submit, args.reason)]


def _filters(args: argparse.Namespace) -> EditFilter:
    return EditFilter(
        pages=parse_pages(args.pages),
        actors=args.user,
        since=args.since,
        until=args.until,
        sources=args.source,
        checks=args.check,
        states=args.state,
        sampled=True if args.sampled else None,
    )


def _print_list(project: Project, filters: EditFilter, as_json: bool) -> int:
    edits = list_edits(project, filters)
    code = _print_edits(edits, as_json)
    if not as_json:
        _print_self_signed(project, {e.page_id for e in edits} if filters.pages else None)
    return code


def _print_self_signed(project: Project, page_ids: set[int] | None) -> None:
    """Separation of duties: name each sign-off that covered its signer's own edits."""
    numbers = {info.id: info.number for info in project.pages()}
    for event, found in signoffs_with_own_edits(project):
        if page_ids is not None and not page_ids & set(found.pages):
            continue
        pages = "; ".join(
            f"page {numbers.get(pid, '(removed)')}: {', '.join(map(str, ids))}"
            for pid, ids in found.pages.items()
        )
        print(
            f"sign-off #{event.id} by {found.reviewer} covers {found.count} of their own "
            f"edits ({pages})"
            + (
                f"; self-approved: {', '.join(map(str, found.self_approved))}"
                if found.self_approved
                else ""
            )
        )


def _print_edits(edits: list[EditView], as_json: bool) -> int:
    if as_json:
        print(json.dumps([e.to_json() for e in edits], indent=2, ensure_ascii=False))
        return 0
    page = None
    for edit in edits:
        if edit.page_id != page:
            page = edit.page_id
            print(f"page {edit.page_number} ({shown(edit.page_name)})")
        source = edit.source_type + (f"/{edit.check}" if edit.check else "")
        flags = " after-approval" if edit.after_approval else ""
        flags += " sampled" if edit.sampled else ""
        flags += " self-approved" if edit.self_approved else ""
        flags += " self-signed" if edit.self_signed else ""
        flags += f" (with #{edit.cancels})" if edit.cancels is not None else ""
        flags += f" redo-of-#{edit.redoes}" if edit.redoes is not None else ""
        print(
            f"  #{edit.event_id:<6} {shown(edit.time[:16].replace('T', ' '))}  "
            f"{shown(edit.actor):<12} "
            f"{source:<18} {edit.state}{flags}"
        )
        if edit.is_region_change:
            print(f"          {edit.where}  {edit.kind}: {marked(edit.diff())}")
        else:
            print(f"          {edit.where}  vs OCR: {marked(edit.diff_ocr())}")
        if edit.approved_text != edit.ocr_text:
            print(f"          vs approved: {marked(edit.diff_approved())}")
        if edit.decided_by:
            print(
                f"          {edit.state} by {shown(edit.decided_by)}"
                + (" (the edit's own author)" if edit.self_approved else "")
            )
        if edit.self_signed:
            print("          signed off by the edit's own author")
        if edit.reason:
            print(f"          reason: {shown(edit.reason)}")
    if not edits:
        print("no edits match", file=sys.stderr)
    return 0


def _print_summary(project: Project, as_json: bool) -> int:
    rows = qc_summary(list_edits(project))
    if as_json:
        print(
            json.dumps(
                [{**asdict(r), "error_rate": r.error_rate} for r in rows],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    # Two groups, each column named for what it counts: a reviewer reads "approved 0" after
    # approving edits outside the sample as a bug unless the header says "sampled".
    print(f"{'':<16} {'all edits':-^35}  {'QC-sampled edits only (the error rate is theirs)':-^67}")
    print(
        f"{'transcriber':<16} {'edits':>6} {'approved':>9} {'rejected':>9} {'pending':>8}  "
        f"{'sampled':>8} {'s+approved':>11} {'s+rejected':>11} {'s+changed':>10} "
        f"{'s+pending':>10}  {'error rate':>10}"
    )
    for r in rows:
        rate = "-" if r.error_rate is None else f"{r.error_rate:.0%}"
        print(
            f"{r.actor:<16} {r.edits:>6} {r.all_approved:>9} {r.all_rejected:>9} "
            f"{r.all_pending:>8}  {r.sampled:>8} {r.approved:>11} {r.rejected:>11} "
            f"{r.changed:>10} {r.pending:>10}  {rate:>10}"
        )
    print("s+ = sampled and ...; s+changed = sampled, and the line later edited by someone else")
    print("error rate = (s+rejected + s+changed) / (s+approved + s+rejected + s+changed)")
    signed = [f"{r.actor} {r.self_signed}" for r in rows if r.self_signed]
    if signed:  # separation of duties: say whose edits their own author signed off
        print(f"self-signed (edits their own author signed off): {', '.join(signed)}")
    return 0


# -- audit -------------------------------------------------------------------------------


def add_audit_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="write the audit report: every event, review and sign-off")
    p.add_argument("project")
    p.add_argument("--format", default="html", choices=report.FORMATS, help="report format")
    p.add_argument("-o", "--output", required=True, help="output file ('-' for stdout)")
    p.set_defaults(run=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    with open_project(args.project, readonly=True) as project:
        with output(args.output) as out:
            report.write(project, args.format, out)
        if args.output == "-":
            return 0
    print(f"wrote the audit report ({args.format}) to {args.output}", file=sys.stderr)
    return 0
