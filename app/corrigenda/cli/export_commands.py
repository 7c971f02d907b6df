"""Commands that take the transcript out of a project: `export` in a format, and `eval`
against ground truth."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from corrigenda.cli.common import check_pages_exist, open_project, parse_pages, plural
from corrigenda.errors import InputError
from corrigenda.evaluation import Score, find_ground_truth, read_text, score
from corrigenda.fileio import atomic_write, output
from corrigenda.formats import EXPORTERS, get_exporter
from corrigenda.formats.common import page_file_names
from corrigenda.formats.registry import Exporter, check_output, export_pages, unboxed_warning
from corrigenda.model import Page
from corrigenda.review.before_export import checked_for_export, forced_warning
from corrigenda.store import Project


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the transcript in a format")
    p.add_argument("project")
    p.add_argument("--format", default="text", choices=sorted(EXPORTERS), help="output format")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        help="output file ('-' for stdout), or a folder (existing, or ending in /) for one "
        "file per page",
    )
    p.add_argument("--pages", help="pages to export, e.g. 1-3,5")
    p.add_argument(
        "--join-hyphens", action="store_true", help="text: join words hyphenated across line ends"
    )
    p.add_argument(
        "--drop-running-heads",
        action="store_true",
        help="text: leave out page numbers and running heads and feet",
    )
    p.add_argument("--no-line-breaks", action="store_true", help="text: one line per paragraph")
    p.add_argument(
        "--no-handwriting", action="store_true", help="text: leave out the handwritten notes"
    )
    p.add_argument(
        "--join-pages",
        action="store_true",
        help="text, TEI: paragraphs read on: across a page break (TEI: <pb/> inside them) "
        "and over the breaks OCR guessed inside a page",
    )
    p.add_argument(
        "--pdf-plain",
        action="store_true",
        help="pdf: plain PDF instead of PDF/A-2b (no output intent, no XMP metadata)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="export even if the project does not verify (its text may have been changed "
        "outside Corrigenda); a warning says what failed",
    )
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("eval", help="error rates against ground truth (as dinglehopper)")
    p.add_argument("project")
    p.add_argument("--gt", required=True, help="a folder of NAME.gt.txt files, or one file")
    p.add_argument(
        "--keep-line-breaks",
        action="store_true",
        help="count line breaks as characters (for line-level ground truth); by default "
        "lines are joined by spaces, for paragraph-flowed ground truth",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_eval)


def cmd_export(args: argparse.Namespace) -> int:
    fmt = get_exporter(args.format)
    numbers = parse_pages(args.pages)
    options = _export_options(args)
    with open_project(args.project, readonly=True) as project:
        check_pages_exist(project, numbers)
        problem = checked_for_export(project.path, args.force, "--force")
        if problem is not None:
            print(f"corrigenda: warning: {forced_warning(project.path, problem)}", file=sys.stderr)
            options["unverified"] = problem
        document = project.document()
        pages = [p for p in document.pages if numbers is None or p.number in numbers]
        folder = Path(args.output)
        if args.output != "-" and (folder.is_dir() or args.output.endswith(("/", "\\"))):
            _export_to_folder(project, fmt, pages, folder, options)
            return 0
        check_output(fmt, len(pages), args.output)
        with output(args.output) as out:
            export_pages(fmt, project, pages, out, options)
        if args.output != "-":
            what = f"a ZIP of {len(pages)} {fmt.name} files" if fmt.several_suffix else fmt.name
            print(
                f"wrote {plural(len(pages), 'page')} as {what} to {args.output}",
                file=sys.stderr,
            )
        elif fmt.several_suffix and len(pages) > 1:
            print(f"wrote a ZIP of {len(pages)} {fmt.name} files to stdout", file=sys.stderr)
    _warn_unboxed(fmt, pages)
    return 0


def _export_to_folder(
    project: Project, fmt: Exporter, pages: list[Page], folder: Path, options: dict[str, Any]
) -> None:
    if not folder.is_dir():
        raise InputError(f"cannot write into {folder}: there is no such folder; create it first")
    names = page_file_names(pages, fmt.suffix)
    for page, name in zip(pages, names):
        with atomic_write(folder / name) as out:
            export_pages(fmt, project, [page], out, options)
    print(
        f"wrote {plural(len(pages), 'page')} as {fmt.name} into {folder}, one file per page "
        f"({names[0]}{', …' if len(names) > 1 else ''})",
        file=sys.stderr,
    )
    _warn_unboxed(fmt, pages)


def _warn_unboxed(fmt: Exporter, pages: list[Page]) -> None:
    """Words without boxes in a format that places words on the scan: said, naming the pages
    (the window says the same: formats.registry.unboxed_warning)."""
    warning = unboxed_warning(fmt, pages)
    if warning:
        print(f"corrigenda: warning: {warning}", file=sys.stderr)


def _export_options(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "join_hyphens": args.join_hyphens,
        "drop_running_heads": args.drop_running_heads,
        "line_breaks": not args.no_line_breaks,
        "pdf_plain": args.pdf_plain,
        "handwriting": not args.no_handwriting,
        "join_pages": args.join_pages,
    }


def cmd_eval(args: argparse.Namespace) -> int:
    gt = Path(args.gt)
    if not gt.exists():
        raise InputError(f"ground truth {gt} does not exist")
    with open_project(args.project, readonly=True) as project:
        document = project.document()
    keep = args.keep_line_breaks
    rows: list[tuple[str, Score]] = []
    if gt.is_file():
        # A page's own file (page-001.gt.txt) scores that page; any other, the whole document.
        page = next((p for p in document.pages if find_ground_truth(p, gt.parent) == gt), None)
        if page is not None:
            rows.append((page.name, score(page.text(), read_text(gt), keep_line_breaks=keep)))
        else:
            text = document.text().replace("\f", "\n")
            rows.append(("document", score(text, read_text(gt), keep_line_breaks=keep)))
    else:
        for page in document.pages:
            found = find_ground_truth(page, gt)
            if found is not None:
                truth = read_text(found)
                rows.append((page.name, score(page.text(), truth, keep_line_breaks=keep)))
        if not rows:
            raise InputError(
                f"no ground truth in {gt} matches a page: name files like "
                f"{Path(document.pages[0].name).stem if document.pages else 'page'}.gt.txt"
            )
    total = sum((s for _, s in rows), Score())
    if args.json:
        _print_json(rows, total)
    else:
        _print_table(rows, total)
    return 0


def _rate(value: float) -> float | None:
    return value if math.isfinite(value) else None  # JSON has no infinity


def _print_json(rows: list[tuple[str, Score]], total: Score) -> None:
    confusions = total.confusions.most_common(10)
    report = {
        "pages": {
            name: {
                "cer": _rate(s.cer),
                "wer": _rate(s.wer),
                "n_characters": s.chars,
                "n_words": s.words,
            }
            for name, s in rows
        },
        "cer": _rate(total.cer),
        "wer": _rate(total.wer),
        "n_characters": total.chars,
        "n_words": total.words,
        "confusions": [{"ocr": o, "gt": g, "count": n} for (o, g), n in confusions],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


def _print_table(rows: list[tuple[str, Score]], total: Score) -> None:
    width = max(len("overall"), *(len(name) for name, _ in rows))
    for name, s in rows:
        print(
            f"{name:<{width}}  CER {s.cer:6.2%}  WER {s.wer:6.2%}  "
            f"({s.chars} characters, {s.words} words)"
        )
    print(f"{'overall':<{width}}  CER {total.cer:6.2%}  WER {total.wer:6.2%}")
    confusions = total.confusions.most_common(10)
    if confusions:
        print("most frequent confusions (OCR -> ground truth):")
        for (ocr, truth), count in confusions:
            print(f"  {count:>4}  {ocr!r} -> {truth!r}")
