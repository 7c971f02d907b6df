"""The `corrigenda` command: argument parsing, error handling and exit codes.

Each command lives in its own module and registers itself with `add_parser(subparsers)`.
Progress goes to stderr; results to stdout or the file named with -o.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from corrigenda import __version__
from corrigenda.cli import (
    check_commands,
    gui_command,
    page_commands,
    project_commands,
    region_commands,
    review_commands,
)
from corrigenda.errors import CorrigendaError

COMMAND_MODULES = [
    project_commands,
    review_commands,
    gui_command,
    check_commands,
    page_commands,
    region_commands,
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
        print(f"corrigenda: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("corrigenda: interrupted; finished work is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`corrigenda review P | head`): stop quietly, as Unix tools do.
        # Python would otherwise complain again while flushing stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
