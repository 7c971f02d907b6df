"""Commands for the archivist: verify the audit trail, review edits, write the audit report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corrigenda.review.verify import VerifyReport, verify

EXIT_NOT_VERIFIED = 6


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify",
        help="check the hash chain, rebuild every page from OCR + events, check images and "
        "sign-offs",
    )
    p.add_argument("project")
    p.add_argument("--all", action="store_true", help="list every problem, not only the first 10")
    p.set_defaults(run=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    report = verify(Path(args.project))
    print_verify(report, limit=None if args.all else 10)
    if report.ok:
        return 0
    print(f"corrigenda: verify failed: {report.first_problem}", file=sys.stderr)
    return EXIT_NOT_VERIFIED


def print_verify(report: VerifyReport, limit: int | None) -> None:
    print(f"{report.path}: {report.events} events, {report.pages} pages, "
          f"chain head {report.head[:16]}")
    for check in report.signoffs:
        pages = ", ".join(map(str, check.page_numbers)) or "-"
        line = (f"  sign-off event {check.event_id} by {check.reviewer} ({check.scope}, "
                f"pages {pages}, key {check.key_fingerprint}): {check.state}")
        if not check.valid:
            line += f": {check.reason}"
        elif check.changed_since:
            line += f" (pages {', '.join(map(str, check.changed_since))})"
        print(line)
    for note in report.notes:
        print(f"  note: {note}")
    if report.ok:
        print("OK: chain intact, every transcript rebuilds from OCR + events, images match, "
              "sign-offs valid")
        return
    shown = report.problems if limit is None else report.problems[:limit]
    for problem in shown:
        print(f"  FAIL {problem}")
    if len(report.problems) > len(shown):
        print(f"  ... and {len(report.problems) - len(shown)} more (--all lists them)")
