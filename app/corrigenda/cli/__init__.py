"""The `corrigenda` command: argument parsing, logging, error handling and exit codes.

Each command lives in its own module and registers itself with `add_parser(subparsers)`.
Progress goes to stderr; results to stdout or the file named with -o. Expected failures print
one line and exit with their code; a bug prints one line naming the log file, which has the
traceback (--debug shows it here too).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import corrigenda
from corrigenda import logs
from corrigenda.cli import (
    check_commands,
    gui_command,
    page_commands,
    project_commands,
    review_commands,
)
from corrigenda.errors import CorrigendaError, ExitCode

COMMAND_MODULES = [project_commands, review_commands, gui_command, check_commands, page_commands]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corrigenda",
        description="Correct OCR transcriptions of scanned documents.",
    )
    parser.add_argument("--version", action="store_true", help="show versions and exit")
    parser.add_argument(
        "--debug", action="store_true", help="log everything, on stderr too; show tracebacks"
    )
    parser.add_argument(
        "--log-level",
        type=str.upper,
        choices=logs.LEVELS,
        help="how much to write to the log file (default INFO), echoed on stderr",
    )
    parser.add_argument("--tesseract", metavar="PATH", help="use this Tesseract binary")
    parser.add_argument("--tessdata", metavar="DIR", help="use this folder of language data")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_parsers(subparsers)
    return parser


def version_text(args: argparse.Namespace) -> str:
    from corrigenda.cli.common import engine_from

    lines = [f"corrigenda {corrigenda.__version__}"]
    try:
        engine = engine_from(args)
        lines.append(engine.describe())
        lines.append(f"languages: {', '.join(engine.languages())}")
    except CorrigendaError as exc:
        lines.append(f"Tesseract: not usable ({exc.message})")
    return "\n".join(lines)


def _print_version(args: argparse.Namespace) -> int:
    print(version_text(args))
    return ExitCode.OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.setup_logging(args.log_level, debug=args.debug)
    logs.install_thread_hook()
    if args.version:
        args.run = _print_version
    elif args.command is None:
        args.run = gui_command.cmd_gui  # `corrigenda` alone opens the window
    logs.logger.debug("command line: %s", sys.argv if argv is None else list(argv))
    try:
        return int(args.run(args) or ExitCode.OK)
    except CorrigendaError as exc:
        logs.logger.info("%s failed: %s", args.command or "gui", exc.message)
        if args.debug:
            raise
        print(f"corrigenda: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("corrigenda: interrupted; finished work is kept", file=sys.stderr)
        return ExitCode.CANCELLED
    except BrokenPipeError:
        # The reader went away (`corrigenda review P | head`): stop quietly, as Unix tools do.
        # Python would otherwise complain again while flushing stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.BROKEN_PIPE
    except Exception as exc:
        # Logged with its traceback; with --debug the log's echo on stderr shows it too.
        logs.log_bug(type(exc), exc, exc.__traceback__, f"`corrigenda {args.command or 'gui'}`")
        print(f"corrigenda: error: {logs.describe_bug(exc)}", file=sys.stderr)
        return ExitCode.BUG
