"""`corrigenda pages`: list the document's pages, remove one, or move one to another place.

Removing keeps the page in the file for the audit trail (Project.remove_page); both changes
are events in the hash chain, replayed by `verify`.
"""

from __future__ import annotations

import argparse
import sys

from corrigenda.cli.common import open_project
from corrigenda.errors import CorrigendaError
from corrigenda.store import PageInfo, Project, Source


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "pages",
        help="list pages; remove a page or move it to another place",
        description="Without --remove or --move, list the pages with their status. Removed "
        "pages stay in the file (and its audit trail) but leave the document.",
    )
    p.add_argument("project")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--remove", type=int, metavar="N", help="take page N out of the document")
    act.add_argument("--move", type=int, metavar="N", help="move page N (needs --to M)")
    p.add_argument("--to", type=int, metavar="M", help="the page number N gets after the move")
    p.add_argument("--reason", help="a comment recorded with the change")
    p.set_defaults(run=cmd_pages)


def cmd_pages(args: argparse.Namespace) -> int:
    if args.move is not None and args.to is None:
        raise CorrigendaError("--move N needs --to M, the page number it should get")
    if args.to is not None and args.move is None:
        raise CorrigendaError("--to M goes with --move N")
    readonly = args.remove is None and args.move is None
    with open_project(args.project, readonly=readonly) as project:
        if readonly:
            for info in project.pages():
                print(f"{info.number:>4}  {info.name:<32} {info.status.value}")
            return 0
        source = Source("pages", {"reason": args.reason} if args.reason else {})
        if args.remove is not None:
            info = _page(project, args.remove)
            event = project.remove_page(info.id, source)
            print(
                f"event {event.id}: removed page {info.number} ({info.name}); "
                f"{len(project.pages())} pages remain",
                file=sys.stderr,
            )
            return 0
        info = _page(project, args.move)
        event = project.move_page(info.id, args.to, source)
        print(
            f"event {event.id}: moved page {info.number} ({info.name}) to {args.to}",
            file=sys.stderr,
        )
    return 0


def _page(project: Project, number: int) -> PageInfo:
    infos = project.pages()
    if not 1 <= number <= len(infos):
        raise CorrigendaError(f"{project.path} has {len(infos)} pages; there is no page {number}")
    return infos[number - 1]
