"""The `corrigenda` command: argument parsing, error handling and exit codes.

Each command lives in its own module and registers itself with `add_parser(subparsers)`.
Progress goes to stderr; results to stdout or the file named with -o.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from corrigenda import __version__
from corrigenda.cli import (
    check_commands,
    gui_command,
    page_commands,
    project_commands,
    review_commands,
    trust_commands,
)
from corrigenda.cli.text import shown
from corrigenda.errors import CorrigendaError
from corrigenda.store.database import damaged
from corrigenda.tempfiles import clean_leftovers

COMMAND_MODULES = [
    project_commands,
    trust_commands,
    review_commands,
    gui_command,
    check_commands,
    page_commands,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corrigenda",
        description="Correct OCR transcriptions of scanned documents.",
    )
    parser.add_argument("--version", action="store_true", help="show versions and exit")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--tesseract", metavar="PATH", help="use this Tesseract binary")
    parser.add_argument("--tessdata", metavar="DIR", help="use this folder of language data")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_parsers(subparsers)
    return parser


def version_text(args: argparse.Namespace) -> str:
    from corrigenda.cli.common import engine_from

    lines = [f"corrigenda {__version__}"]
    try:
        engine = engine_from(args)
        lines.append(engine.describe())
        lines.append(f"languages: {', '.join(engine.languages())}")
    except CorrigendaError as exc:
        lines.append(f"Tesseract: not usable ({exc.message})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    clean_leftovers()  # scratch files of OCR runs that were killed
    if args.version:
        print(version_text(args))
        return 0
    if args.command is None:
        args.run = gui_command.cmd_gui  # `corrigenda` alone opens the window
    try:
        return int(args.run(args) or 0)
    except CorrigendaError as exc:
        if args.debug:
            raise
        print(f"corrigenda: error: {shown(exc.message)}", file=sys.stderr)
        return exc.exit_code
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # The last line of defence for a damaged project: the readers name most damage
        # themselves (corrigenda.store.reading.reads); SQLite may still meet a bad page later.
        if args.debug:
            raise
        damage = damaged(Path(getattr(args, "project", None) or "the project"), exc)
        print(f"corrigenda: error: {shown(damage.message)}", file=sys.stderr)
        return damage.exit_code
    except KeyboardInterrupt:
        print("corrigenda: interrupted; finished work is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`corrigenda review P | head`): stop quietly, as Unix tools do.
        # Python would otherwise complain again while flushing stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
