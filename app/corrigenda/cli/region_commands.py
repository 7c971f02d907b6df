"""`corrigenda regions`: list a page's regions, find handwriting, and add, retype, move or
delete a region, or type a line into a handwritten one.

Every change goes through the project's write path as an event; `--find --accept` makes all
proposed regions in one transaction, so a failure leaves none of them made.
"""

from __future__ import annotations

import argparse
import io
import json
import sys

from PIL import Image

from corrigenda.cli.common import open_project, plural
from corrigenda.errors import UsageError
from corrigenda.model import BBox, Line, PageStatus, RegionType
from corrigenda.regions.handwriting import Proposal, find_handwriting
from corrigenda.store import LineEdit, PageInfo, Project, Source
from corrigenda.store.regions import region_type


def add_parsers(sub: argparse._SubParsersAction) -> None:
    types = ", ".join(t.value for t in RegionType)
    p = sub.add_parser(
        "regions",
        help="list regions; find handwriting; add, retype, move or delete a region",
        description="Regions are typed areas of a page: printed text, handwriting (kept from "
        f"OCR, transcribed by a person), page furniture and marks. Types: {types}.",
    )
    p.add_argument("project")
    p.add_argument("--page", type=int, metavar="N", help="the page (all pages for a listing)")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--find", action="store_true", help="propose handwritten regions")
    act.add_argument("--add", metavar="X0,Y0,X1,Y1", help="add a region (with --type)")
    act.add_argument("--retype", type=int, metavar="ID", help="give region ID --type")
    act.add_argument("--move", type=int, metavar="ID", help="give region ID the box --box")
    act.add_argument("--delete", type=int, metavar="ID", help="delete region ID")
    act.add_argument(
        "--line",
        type=int,
        metavar="ID",
        help="add a new line, --text, at the end of handwritten region ID",
    )
    act.add_argument(
        "--set-line",
        type=int,
        metavar="LINE",
        help="replace the text of handwritten line LINE (its id, as the listing shows) by --text",
    )
    act.add_argument(
        "--remove-line", type=int, metavar="LINE", help="take handwritten line LINE out"
    )
    p.add_argument("--accept", action="store_true", help="with --find: make the regions")
    p.add_argument("--type", dest="kind", metavar="TYPE", help=f"one of {types}")
    p.add_argument("--box", metavar="X0,Y0,X1,Y1", help="the new box for --move")
    p.add_argument("--description", default="", help="what a mark shows (--add)")
    p.add_argument("--text", help="the line's text (--line, --set-line)")
    p.add_argument("--json", action="store_true", help="list as JSON")
    p.set_defaults(run=cmd_regions)


def cmd_regions(args: argparse.Namespace) -> int:
    changes = any(
        x is not None
        for x in (
            args.add,
            args.retype,
            args.move,
            args.delete,
            args.line,
            args.set_line,
            args.remove_line,
        )
    )
    if args.accept and not args.find:
        raise UsageError("--accept goes with --find")
    with open_project(args.project, readonly=not (changes or args.accept)) as project:
        if args.find:
            return _find(project, args)
        if not changes:
            return _list(project, args)
        if args.page is None:
            raise UsageError("say which page with --page N")
        info = _page(project, args.page)
        _warn_signed([info])
        source = Source("keyboard")
        if args.add is not None:
            kind = region_type(_need(args.kind, "--add needs --type"))
            region, event = project.add_region(
                info.id, kind, parse_box(args.add), source, args.description
            )
            print(f"event {event.id}: region {region.id} ({kind.value}) on page {info.number}")
        elif args.retype is not None:
            kind = region_type(_need(args.kind, "--retype needs --type"))
            event = project.retype_region(info.id, args.retype, kind, source)
            print(f"event {event.id}: region {args.retype} is {kind.value}")
        elif args.move is not None:
            box = parse_box(_need(args.box, "--move needs --box X0,Y0,X1,Y1"))
            event = project.move_region(info.id, args.move, box, source)
            print(f"event {event.id}: region {args.move} moved to {box.as_list()}")
        elif args.delete is not None:
            event = project.delete_region(info.id, args.delete, source)
            print(f"event {event.id}: region {args.delete} deleted")
        elif args.set_line is not None:
            text = _need(args.text, "--set-line needs --text").strip()
            line = _hand_line(project, info, args.set_line)
            if not text:
                raise UsageError("--text is empty: to take the line out, use --remove-line")
            project.write_lines([LineEdit(info.id, line.id, line.text, text)], source)
            print(f"line {line.id} of region {line.region} now reads: {text}")
        elif args.remove_line is not None:
            line = _hand_line(project, info, args.remove_line)
            event = project.remove_region_line(info.id, line.id, source)
            print(
                f"event {event.id}: line {line.id} ({line.text!r}) "
                f"taken out of region {line.region}"
            )
        else:
            line = project.add_region_line(
                info.id, args.line, _need(args.text, "--line needs --text"), source
            )
            print(f"line {line.id} typed into region {args.line}: {line.text}")
    return 0


def parse_box(spec: str) -> BBox:
    try:
        x0, y0, x1, y1 = (int(v) for v in spec.split(","))
    except ValueError:
        raise UsageError(
            f"a box is four whole numbers X0,Y0,X1,Y1 in pixels, not {spec!r}"
        ) from None
    if x1 < x0 or y1 < y0:
        raise UsageError(f"box {spec} ends before it starts: give X0,Y0 (top left) first")
    return BBox(x0, y0, x1, y1)


def proposals(project: Project, info: PageInfo) -> list[Proposal]:
    """The page's proposed handwritten regions, from its words and its scan."""
    page = project.page(info.id)
    with Image.open(io.BytesIO(project.image(info.id).data)) as image:
        found = find_handwriting(page, image)
    return [
        p
        for p in found
        if not any(r.bbox and r.bbox.intersection_area(p.box) for r in page.regions)
    ]


def _find(project: Project, args: argparse.Namespace) -> int:
    infos = [_page(project, args.page)] if args.page else project.pages()
    found = [(info, p) for info in infos for p in proposals(project, info)]
    if args.json:
        print(json.dumps([_proposal_json(info, p) for info, p in found], ensure_ascii=False))
    else:
        for info, p in found:
            print(f"page {info.number} {p.box.as_list()} {p.score:.2f} {p.reason}: {p.text!r}")
    if args.accept and found:
        _warn_signed(list({info.number: info for info, _ in found}.values()))
        with project.batch():
            for info, p in found:
                project.accept_handwriting(info.id, p.box, p.score)
        print(f"made {plural(len(found), 'handwritten region')}", file=sys.stderr)
    elif not found:
        print("no handwriting found", file=sys.stderr)
    return 0


def _proposal_json(info: PageInfo, p: Proposal) -> dict[str, object]:
    return {
        "page": info.number,
        "box": p.box.as_list(),
        "score": round(p.score, 3),
        "reason": p.reason,
        "text": p.text,
        "lines": list(p.lines),
    }


def _list(project: Project, args: argparse.Namespace) -> int:
    infos = [_page(project, args.page)] if args.page else project.pages()
    rows = []
    for info in infos:
        page = project.page(info.id)
        for region in page.regions:
            own = [line for line in page.lines if line.region == region.id]
            # `box`, as a proposal's box is named here (--find) and in `flag --json`; the
            # model's JSON (export --format json, the project file) keeps its `bbox`.
            data = {("box" if k == "bbox" else k): v for k, v in region.to_json().items()}
            rows.append(
                {
                    "page": info.number,
                    **data,
                    "lines": [line.text for line in own],
                    "line_ids": [line.id for line in own],
                }
            )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for row in rows:
        text = " / ".join(f"[{n}] {t}" for n, t in zip(row["line_ids"], row["lines"])) or row.get(
            "description", ""
        )
        where = row["box"] or (
            f"(no box yet: give it one with `corrigenda regions {args.project} --page "
            f"{row['page']} --move {row['id']} --box X0,Y0,X1,Y1`)"
        )
        print(f"page {row['page']} region {row['id']} {row['type']} {where}: {text}")
    if not rows:
        print("no regions", file=sys.stderr)
    return 0


def _hand_line(project: Project, info: PageInfo, line_id: int) -> Line:
    """Line `line_id` of the page, which must be a line of a handwritten region."""
    page = project.page(info.id)
    line = next((line for line in page.lines if line.id == line_id), None)
    if line is None:
        raise UsageError(f"page {info.number} has no line {line_id}: list the regions to see ids")
    if page.region_type(line) != RegionType.HANDWRITTEN:
        raise UsageError(
            f"line {line_id} on page {info.number} is no handwritten line: correct printed "
            "text in the window (corrigenda gui) or with 'corrigenda fix'"
        )
    return line


def _warn_signed(infos: list[PageInfo]) -> None:
    """A region change sends a signed-off page back to review, as an edit does: say so."""
    for info in infos:
        if info.status == PageStatus.APPROVED:
            print(
                f"corrigenda: page {info.number} was signed off: this region change sends it "
                "back to review (in-review); it must be approved and signed again",
                file=sys.stderr,
            )


def _page(project: Project, number: int) -> PageInfo:
    infos = project.pages()
    if not 1 <= number <= len(infos):
        raise UsageError(f"{project.path} has {plural(len(infos), 'page')}; no page {number}")
    return infos[number - 1]


def _need(value: str | None, message: str) -> str:
    if value is None:
        raise UsageError(message)
    return value
