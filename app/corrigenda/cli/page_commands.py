"""`corrigenda pages`: list the document's pages, remove one, put a removed one back, or move
one to another place.

Removing keeps the page in the file for the audit trail (Project.remove_page), so it can be
restored; every change is an event in the hash chain, replayed by `verify`.
"""

from __future__ import annotations

import argparse
import sys

from corrigenda.cli.common import open_project, plural
from corrigenda.cli.text import shown
from corrigenda.errors import UsageError
from corrigenda.store import PageInfo, Project, Source


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "pages",
        help="list pages; remove a page, restore one, or move one to another place",
        description="Without an action, list the pages with their status. Removed pages stay "
        "in the file (and its audit trail) but leave the document; --removed lists them and "
        "--restore puts one back at its place.",
    )
    p.add_argument("project")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--remove", type=int, metavar="N", help="take page N out of the document")
    act.add_argument("--removed", action="store_true", help="list the removed pages")
    act.add_argument(
        "--restore",
        metavar="NAME",
        help="put the removed page of this file name (see --removed) back in the document",
    )
    act.add_argument("--move", type=int, metavar="N", help="move page N (needs --to M)")
    p.add_argument("--to", type=int, metavar="M", help="the page number N gets after the move")
    p.add_argument("--reason", help="a comment recorded with the change")
    p.set_defaults(run=cmd_pages)


def cmd_pages(args: argparse.Namespace) -> int:
    if args.move is not None and args.to is None:
        raise UsageError("--move N needs --to M, the page number it should get")
    if args.to is not None and args.move is None:
        raise UsageError("--to M goes with --move N")
    readonly = args.remove is None and args.move is None and args.restore is None
    with open_project(args.project, readonly=readonly) as project:
        if args.removed:
            removed = project.removed_pages()
            for info in removed:
                print(f"{shown(info.name):<32} (would be page {info.number})")
            if not removed:
                print(f"{project.path} has no removed pages", file=sys.stderr)
            return 0
        if readonly:
            infos = project.pages()
            for info in infos:
                print(f"{info.number:>4}  {shown(info.name):<32} {info.status.value}")
            if not infos:
                gone = len(project.removed_pages())
                print(
                    f"{project.path} has no pages"
                    + (f" ({plural(gone, 'page')} removed: see --removed)" if gone else ""),
                    file=sys.stderr,
                )
            return 0
        source = Source("pages", {"reason": args.reason} if args.reason else {})
        if args.restore is not None:
            info = _removed(project, args.restore)
            event = project.restore_page(info.id, source)
            print(
                f"event {event.id}: restored {shown(info.name)} as page {info.number}",
                file=sys.stderr,
            )
            return 0
        if args.remove is not None:
            info = _page(project, args.remove)
            event = project.remove_page(info.id, source)
            name = shown(info.name)
            print(
                f"event {event.id}: removed page {info.number} ({name}); "
                f"{plural(len(project.pages()), 'page')} left (--restore {name} puts it back)",
                file=sys.stderr,
            )
            return 0
        info = _page(project, args.move)
        _page(project, args.to)  # the place must exist too
        if args.to == info.number:
            print(f"page {info.number} ({shown(info.name)}) is there already: nothing changed")
            return 0
        event = project.move_page(info.id, args.to, source)
        print(
            f"event {event.id}: moved page {info.number} ({shown(info.name)}) to {args.to}",
            file=sys.stderr,
        )
    return 0


def _page(project: Project, number: int) -> PageInfo:
    infos = project.pages()
    if not 1 <= number <= len(infos):
        raise UsageError(
            f"{project.path} has {plural(len(infos), 'page')}; there is no page {number}"
        )
    return infos[number - 1]


def _removed(project: Project, name: str) -> PageInfo:
    removed = project.removed_pages()
    found = [info for info in removed if info.name == name]
    if not found:
        present = [info for info in project.pages() if info.name == name]
        if present:
            raise UsageError(f"{name} is page {present[0].number} of {project.path} already")
        names = ", ".join(info.name for info in removed) or "none"
        raise UsageError(
            f"{project.path} has no removed page named {name!r} (removed pages: {names})"
        )
    return found[0]  # a file added twice and removed twice: the first one first
