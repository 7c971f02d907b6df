"""Commands that make, import into, OCR and describe a project.

Each command imports what only it needs when it runs: `ocr` starts Tesseract on its first pages
before OpenCV (the clean-up variants), Pillow (image loading) or the OCR-file readers load, and
`new` loads none of those but Pillow.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corrigenda.cli.common import (
    Bar,
    check_pages_exist,
    engine_from,
    open_project,
    parse_pages,
    plural,
    settings,
)
from corrigenda.cli.text import shown
from corrigenda.errors import ExitCode, InputError, UsageError
from corrigenda.ocr.batch import DEFAULT_PSM, dask_executor, ocr_pages
from corrigenda.ocr.tesseract import ReadingPolicy
from corrigenda.store import Project, Source
from corrigenda.tempfiles import clean_leftovers

if TYPE_CHECKING:
    from corrigenda.ocr.inputs import Skipped


class _CleanupHelp(argparse.HelpFormatter):
    """Names the clean-up variants only when help is shown: they come with OpenCV, which a
    run of `ocr` imports only once its first pages are being read."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help
        if text and "{variants}" in text:
            from corrigenda.ocr.cleanup import VARIANTS

            text = text.replace("{variants}", ", ".join(VARIANTS))
        return text


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create a project from images, PDFs and folders")
    p.add_argument("project", help="the project file to create (NAME.corrigenda)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="PNG, JPEG, TIFF, PDF or folder")
    p.add_argument("--lang", default=None, help="Tesseract languages, e.g. eng or eng+deu")
    p.add_argument("--psm", type=int, default=DEFAULT_PSM, help="page segmentation mode")
    p.add_argument("--names", action="append", default=[], metavar="FILE", help="a name list")
    p.add_argument("--dpi", type=int, default=300, help="resolution for PDF pages")
    p.add_argument(
        "--ocr-from",
        action="append",
        default=[],
        metavar="FILE|DIR",
        help="take the OCR from hOCR, ALTO, PAGE or Tesseract TSV files instead of "
        "running it; plain-text transcripts are aligned onto their words",
    )
    p.set_defaults(run=cmd_new)

    p = sub.add_parser("import", help="import OCR files or a transcript into a project")
    p.add_argument("project")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE|DIR",
        help="hOCR, ALTO, PAGE, Tesseract TSV or plain-text transcript",
    )
    p.set_defaults(run=cmd_import)

    p = sub.add_parser(
        "ocr", help="run Tesseract on the pages not OCRed yet", formatter_class=_CleanupHelp
    )
    p.add_argument("project")
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="pages at a time (default: this machine's cores, or the Dask cluster's threads)",
    )
    p.add_argument("--pages", help="pages to OCR, e.g. 1-3,5")
    p.add_argument(
        "--force", action="store_true", help="OCR again pages already done (corrections are kept)"
    )
    p.add_argument("--scheduler", metavar="ADDR", help="a Dask scheduler, e.g. tcp://host:8786")
    p.add_argument(
        "--if-no-workers",
        choices=("stop", "wait"),
        default="stop",
        help="when the Dask cluster has no worker: stop (default; pages done are kept) or wait",
    )
    p.add_argument("--lang", help="change the project's Tesseract languages, e.g. eng+deu")
    p.add_argument("--psm", type=int, help="change the project's page segmentation mode")
    p.add_argument(
        "--cleanup",
        metavar="auto|none|NAME",
        help="clean-up of the scan before reading: auto (default: only pages the engine "
        "doubts, read again under variants), none, or one of {variants}",
    )
    p.set_defaults(run=cmd_ocr)

    p = sub.add_parser("info", help="pages, words, OCR state and confidence of a project")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_info)


def cmd_new(args: argparse.Namespace) -> int:
    from corrigenda.ocr.inputs import load_pages

    languages = args.lang or settings().languages
    names = [_name_list(Path(path)) for path in args.names]
    skipped: list[Skipped] = []
    images = load_pages(args.inputs, pdf_dpi=args.dpi, skipped=skipped)
    project_settings: dict[str, Any] = {"languages": languages, "psm": args.psm}
    if names:
        project_settings["name_lists"] = names
    count = Project.build(
        args.project, images, settings=project_settings, actor=settings().user_name or None
    )
    if count and args.ocr_from:
        with open_project(args.project) as project:
            _import_or_remove(project, args.ocr_from)
    for item in skipped:
        print(f"corrigenda: skipped: {item.reason}", file=sys.stderr)
    if count == 0:
        Path(args.project).unlink()
        raise InputError("no page could be read from the inputs: no project was created")
    print(f"created {args.project} with {plural(count, 'page')}")
    return ExitCode.SOME_SKIPPED if skipped else 0


def _import_or_remove(project: Project, paths: list[str]) -> None:
    """Import the OCR into a project just made; a failed import leaves no project behind."""
    from corrigenda.formats.ocrimport import import_files

    try:
        report = import_files(project, paths)
    except BaseException:
        project.close()
        project.path.unlink(missing_ok=True)
        raise
    for line in report.summary():
        print(line, file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from corrigenda.formats.ocrimport import import_files

    with open_project(args.project) as project:
        report = import_files(project, args.files)
    for line in report.summary():
        print(line)
    return ExitCode.SOME_SKIPPED if report.unmatched else 0


def _name_list(path: Path) -> dict[str, str]:
    """A name list checked now, so a bad file is refused before the project exists."""
    from corrigenda.checks import name_list_setting

    setting, warnings = name_list_setting(path)
    for warning in warnings:
        print(f"corrigenda: warning: {warning}", file=sys.stderr)
    return setting


def cmd_ocr(args: argparse.Namespace) -> int:
    pages = parse_pages(args.pages)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: give 1 or more pages at a time")
    user = settings()
    given = args.cleanup is not None  # "" is given, and refused: it is not "auto"
    cleanup = args.cleanup if given else user.cleanup
    if cleanup.lower() not in ("auto", "none"):  # a variant's name: checked with OpenCV loaded
        from corrigenda.ocr.choice import check_cleanup

        try:
            cleanup = check_cleanup(cleanup)
        except ValueError as exc:
            where = "--cleanup" if given else "the 'cleanup' setting in settings.json"
            raise UsageError(f"{where}: {exc}") from exc
    cleanup = cleanup.lower()
    engine = engine_from(args)
    with open_project(args.project) as project:
        check_pages_exist(project, pages)
        if args.lang:
            engine.check_languages(args.lang)  # before the project remembers a bad choice
        for key, value in (("languages", args.lang), ("psm", args.psm)):
            if value is not None and value != project.setting(key):
                project.set_setting(key, value, Source("keyboard", {"command": "ocr"}))
        options = project.settings()
        context = (
            dask_executor(args.scheduler, wait=args.if_no_workers == "wait", say=_say)
            if args.scheduler
            else nullcontext(None)
        )
        with context as executor:
            report = ocr_pages(
                project,
                engine,
                page_numbers=pages,
                languages=options.get("languages", "eng"),
                psm=int(options.get("psm", DEFAULT_PSM)),
                force=args.force,
                jobs=args.jobs,
                executor=executor,
                progress=Bar(),
                cleanup=cleanup,
                policy=ReadingPolicy.from_settings(user),
                second_readings=user.second_readings,
            )
    clean_leftovers()  # the pool's workers have ended: their scratch folders can go
    for number, reason in sorted(report.failed.items()):
        print(f"corrigenda: page {number} not OCRed: {reason}", file=sys.stderr)
    if report.cancelled:
        print(
            f"corrigenda: cancelled; {plural(len(report.done), 'page')} done and kept, "
            "run again to finish",
            file=sys.stderr,
        )
        return ExitCode.CANCELLED
    already = f", {report.skipped} already done" if report.skipped else ""
    print(f"OCRed {plural(len(report.done), 'page')}{already}")
    return ExitCode.SOME_SKIPPED if report.failed else 0


def _say(message: str) -> None:
    print(f"corrigenda: {message}", file=sys.stderr, flush=True)


def project_info(project: Project) -> dict[str, Any]:
    pages: list[dict[str, Any]] = []
    for info in project.pages():
        page = project.page(info.id)
        confs = [w.conf for w in page.words() if w.conf is not None]
        pages.append(
            {
                "number": info.number,
                "name": info.name,
                "size": [info.width, info.height],
                "dpi": info.dpi,
                "status": info.status.value,
                "ocr": info.has_ocr,
                "lines": len(page.lines),
                "words": sum(len(line.words) for line in page.lines),
                "mean_confidence": round(sum(confs) / len(confs), 1) if confs else None,
                "reading": _reading(project, info.id) if info.has_ocr else None,
            }
        )
    confs_all = [p["mean_confidence"] for p in pages if p["mean_confidence"] is not None]
    return {
        "project": str(project.path),
        "pages": len(pages),
        "ocred": sum(p["ocr"] for p in pages),
        "words": sum(p["words"] for p in pages),
        "mean_confidence": round(sum(confs_all) / len(confs_all), 1) if confs_all else None,
        "settings": {k: v for k, v in project.settings().items() if k != "name_lists"},
        "page_list": pages,
    }


def _reading(project: Project, page_id: int) -> dict[str, Any] | None:
    """How the page's OCR was read: the clean-up variant chosen (None: the scan as it is) and
    the engine's confidence before and after; None for OCR from before this was recorded."""
    run = project.ocr_run(page_id)
    record = run.params.get("reading") if run else None
    if not isinstance(record, dict):
        return None
    before, after = record.get("before") or {}, record.get("after") or {}
    return {
        "cleanup": record.get("cleanup"),
        "variant": record.get("variant"),
        "params": record.get("params", {}),
        "confidence_before": before.get("conf"),
        "confidence_after": after.get("conf"),
        "tried": [t.get("variant") for t in record.get("tried", [])],
        "lines_read_again": (record.get("lines") or {}).get("read", 0),
        "notes": record.get("notes", []),
    }


def _page_text(page: dict[str, Any]) -> str:
    """What `info` says after a page's word count: the mean confidence of its words now, and
    how OCR read it with the engine's confidence then. Nothing about confidence for a page
    with no words, which has none."""
    parts = []
    if page["mean_confidence"] is not None:
        parts.append(f"words' mean confidence {page['mean_confidence']:.1f}")
    if page["reading"] is not None:
        parts.append(_reading_text(page["reading"], page["words"] > 0))
    return "  " + "; ".join(parts) if parts else ""


def _reading_text(reading: dict[str, Any], words: bool) -> str:
    """How the page was read: "read as scanned (engine's confidence 90.2)", or "read cleaned
    with despeckle (engine's confidence 61.2 -> 84.0)"."""
    before, after = reading["confidence_before"], reading["confidence_after"]
    if not words:
        before = after = None
    if reading["variant"] is None:
        text = "read as scanned"
        confidence = f"{before:.1f}" if before is not None else ""
    else:
        text = f"read cleaned with {reading['variant']}"
        shown = [f"{c:.1f}" for c in (before, after) if c is not None]
        confidence = " -> ".join(shown)
    if confidence:
        text += f" (engine's confidence {confidence})"
    if reading["variant"] is None and reading["tried"]:
        text += f", tried {', '.join(reading['tried'])}"
    if reading["lines_read_again"]:
        text += f", {plural(reading['lines_read_again'], 'line')} read again"
    if reading["notes"]:
        text += f" [{'; '.join(reading['notes'])}]"
    return text


def cmd_info(args: argparse.Namespace) -> int:
    with open_project(args.project, readonly=True) as project:
        info = project_info(project)
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return 0
    conf = info["mean_confidence"]
    print(
        f"{shown(info['project'])}: {plural(info['pages'], 'page')}, {info['ocred']} OCRed, "
        f"{info['words']} words" + ("" if conf is None else f", words' mean confidence {conf:.1f}")
    )
    for page in info["page_list"]:
        print(
            f"  {page['number']:>4}  {shown(page['name']):<30} {page['status']:<12} "
            f"{page['words']:>6} words{_page_text(page)}"
        )
    return 0
