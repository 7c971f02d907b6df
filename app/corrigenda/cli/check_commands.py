"""Commands that flag likely errors, fix them in bulk, and list a form's concordance."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Collection
from pathlib import Path

from corrigenda.checks import (
    Flag,
    all_kinds,
    apply_concordance,
    apply_flags,
    concordance,
    flagger_for,
)
from corrigenda.checks.flag_decisions import (
    best_first_suggestions,
    keep_name_list,
    relearn,
    unlearn,
    unlearned_forms,
)
from corrigenda.checks.project_flagger import name_list_setting
from corrigenda.checks.vocabulary import check_relearn, check_unlearn
from corrigenda.cli.common import open_project, parse_numbers, plural, settings
from corrigenda.errors import UsageError
from corrigenda.store import Project
from corrigenda.store.events import Source


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("flag", help="list likely OCR errors with ranked suggestions")
    p.add_argument("project")
    p.add_argument(
        "--names",
        action="append",
        default=[],
        metavar="FILE",
        help="also use this name list (text or CSV); may be repeated",
    )
    p.add_argument(
        "--keep-names",
        action="store_true",
        help="keep the --names lists in the project (recorded), for later runs and the window",
    )
    p.add_argument(
        "--learned",
        action="store_true",
        help="list the forms the document teaches (its own vocabulary) instead of flags",
    )
    p.add_argument(
        "--unlearn",
        action="append",
        default=[],
        metavar="FORM",
        help="the document's repeats of FORM teach nothing (recorded); may be repeated",
    )
    p.add_argument(
        "--relearn", action="append", default=[], metavar="FORM", help="undo --unlearn FORM"
    )
    _kinds(p)
    p.add_argument("--json", action="store_true", help="one JSON object per line per flag")
    p.set_defaults(run=cmd_flag)

    p = sub.add_parser("fix", help="apply the first suggestion of every flag above a score")
    p.add_argument("project")
    p.add_argument(
        "--accept-above",
        type=float,
        required=True,
        metavar="SCORE",
        help="apply flags scoring above this (0..1)",
    )
    p.add_argument("--names", action="append", default=[], metavar="FILE", help="a name list")
    _kinds(p)
    p.add_argument("--dry-run", action="store_true", help="list what would change, change nothing")
    p.set_defaults(run=cmd_fix)

    p = sub.add_parser("concordance", help="every occurrence of a form or /regex/, to fix together")
    p.add_argument("project")
    p.add_argument(
        "query",
        metavar="WORD_OR_PATTERN",
        help="literal text (whole words if all letters) or /regular expression/",
    )
    p.add_argument("--apply", metavar="REPLACEMENT", help="replace the selected occurrences")
    p.add_argument("--select", metavar="LIST", help="occurrences to replace, e.g. 1,3-7 (all)")
    p.add_argument("--inside-words", action="store_true", help="match letters inside words too")
    p.set_defaults(run=cmd_concordance)


def _kinds(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--kinds",
        metavar="KIND,...",
        type=_kind_list,
        help=f"only these kinds of flag: {', '.join(all_kinds())}",
    )


def _kind_list(text: str) -> list[str]:
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in all_kinds()]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown kind {unknown[0]!r}: choose from {', '.join(all_kinds())}"
        )
    return kinds


def _flags(args: argparse.Namespace, readonly: bool) -> tuple[list[Flag], Project]:
    project = open_project(args.project, readonly=readonly)
    try:
        flagger, problems = flagger_for(
            project, args.kinds, [Path(n) for n in args.names], settings()
        )
    except BaseException:
        project.close()  # a refused name list must not leave the project (and its lock) open
        raise
    for problem in problems:
        print(f"corrigenda: warning: {problem}", file=sys.stderr)
    # One flagging process per core (at most 4): whole-document flagging is CPU-bound.
    flags = flagger.flag_document(workers=min(4, os.cpu_count() or 1))
    for note in flagger.notes():
        print(f"corrigenda: note: {note}", file=sys.stderr)
    return flags, project


def cmd_flag(args: argparse.Namespace) -> int:
    if args.keep_names:
        if not args.names:
            raise UsageError("--keep-names keeps the lists --names FILE gives: give one")
        with open_project(args.project) as project:
            checked = [name_list_setting(Path(name)) for name in args.names]  # all, then keep
            for setting, warnings in checked:
                for warning in warnings:
                    print(f"corrigenda: warning: {warning}", file=sys.stderr)
                keep_name_list(project, setting)
        print(f"{project.path} keeps {plural(len(args.names), 'name list')}", file=sys.stderr)
        args.names = []  # kept: the project reads them now
    if args.unlearn or args.relearn:
        with open_project(args.project) as project:
            learned: Collection[str] = ()
            if args.unlearn:  # only a learned form is unlearned: learn them first
                flagger, _ = flagger_for(
                    project, ["vocabulary"], [Path(n) for n in args.names], settings()
                )
                index = flagger.context.vocabulary
                learned = index.learned if index is not None else {}
            unlearned = unlearned_forms(project)
            for form in args.unlearn:  # every form checked before any is recorded
                check_unlearn(form, learned, unlearned)
            for form in args.relearn:
                check_relearn(form, [*unlearned, *args.unlearn])
            for form in args.unlearn:
                unlearn(project, form, learned)
            for form in args.relearn:
                relearn(project, form)
    if args.learned:
        return _print_learned(args)
    flags, project = _flags(args, readonly=True)
    project.close()
    if args.kinds and "handwriting" in args.kinds:
        flags = _with_unread_ink(project.path, flags)
    for flag in flags:
        if args.json:
            print(json.dumps(flag.to_json(), ensure_ascii=False))
        else:
            best = f" -> {flag.suggestions[0]!r}" if flag.suggestions else ""
            if flag.kind == "handwriting":
                best = f" -> handwritten region {flag.extra.get('box')}"
            print(
                f"p{flag.page} l{flag.line} [{flag.start}:{flag.end}] {flag.kind:<11} "
                f"{flag.score:.2f} {flag.text!r}{best}  ({flag.explanation})"
            )
    if not args.json:
        print(plural(len(flags), "flag"), file=sys.stderr)
    return 0


def _with_unread_ink(path: Path, flags: list[Flag]) -> list[Flag]:
    """The flags with the `handwriting` proposals of the ink OCR left unread, in page order:
    asked for by `--kinds handwriting` only, as the search looks at every scan (about a second
    a page) where the other checks read words."""
    from corrigenda.checks.flag_process import ink_flags_of

    print("corrigenda: looking for ink OCR left unread (about a second a page)", file=sys.stderr)
    ink = ink_flags_of(path, {})
    return sorted([*flags, *ink], key=lambda flag: (flag.page, flag.line, flag.start))


def _print_learned(args: argparse.Namespace) -> int:
    with open_project(args.project, readonly=True) as project:
        flagger, _ = flagger_for(project, ["vocabulary"], [Path(n) for n in args.names], settings())
    index = flagger.context.vocabulary
    learned = index.learned if index is not None else {}
    for form, count in learned.items():
        if args.json:
            print(json.dumps({"form": form, "count": count}, ensure_ascii=False))
        else:
            print(f"{count:>6}  {form}")
    unlearned = sorted(flagger.context.unlearned)
    note = f"; unlearned: {', '.join(unlearned)}" if unlearned else ""
    print(f"{plural(len(learned), 'learned form')}{note}", file=sys.stderr)
    return 0


def cmd_fix(args: argparse.Namespace) -> int:
    if not 0.0 <= args.accept_above <= 1.0:
        raise UsageError(f"--accept-above {args.accept_above}: give a score from 0 to 1")
    flags, project = _flags(args, readonly=args.dry_run)
    chosen = best_first_suggestions(flags, args.accept_above)
    with project:
        for flag, replacement in chosen:
            print(
                f"p{flag.page} l{flag.line} {flag.text!r} -> {replacement!r} "
                f"({flag.kind}, {flag.score:.2f})"
            )
        if args.dry_run:
            print(
                f"would change {plural(len(chosen), 'place')} (dry run: nothing changed)",
                file=sys.stderr,
            )
            return 0
        events = apply_flags(
            project,
            chosen,
            Source("auto-fix", {"above": args.accept_above}),
            f"fix --accept-above {args.accept_above}",
        )
    print(
        f"changed {plural(len(chosen), 'place')} on {plural(len(events), 'line')}", file=sys.stderr
    )
    return 0


def cmd_concordance(args: argparse.Namespace) -> int:
    if args.select is not None and args.apply is None:
        raise UsageError(
            "--select chooses which occurrences --apply replaces: give --apply REPLACEMENT "
            "too, or leave out --select to list them all"
        )
    wanted = (
        set(parse_numbers(args.select, "occurrence list", "1,3-7"))
        if args.select is not None
        else None
    )
    with open_project(args.project, readonly=args.apply is None) as project:
        hits = concordance(project.document(), args.query, args.apply, args.inside_words)
        chosen = hits
        if wanted is not None:
            beyond = sorted(n for n in wanted if n > len(hits))
            if beyond:
                raise UsageError(
                    f"there {'is' if len(hits) == 1 else 'are'} {plural(len(hits), 'occurrence')}"
                    f" of {args.query!r}; no number {beyond[0]}"
                )
            chosen = [h for h in hits if h.number in wanted]
        numbers = {h.number for h in chosen} if args.apply is not None else set()
        for hit in hits:
            selected = hit.number in numbers
            mark = "*" if selected else " "
            # Only what will be replaced shows its replacement: the others stay as they are.
            arrow = f"  -> {hit.replacement!r}" if selected else ""
            print(f"{mark}{hit.number:>4}  p{hit.page} l{hit.line}  {hit.marked()}{arrow}")
        if args.apply is None:
            print(f"{plural(len(hits), 'occurrence')} of {args.query!r}", file=sys.stderr)
            return 0
        events = apply_concordance(project, chosen, args.query, args.apply)
    print(
        f"replaced {plural(len(chosen), 'occurrence')} on {plural(len(events), 'line')} (one step)",
        file=sys.stderr,
    )
    return 0
