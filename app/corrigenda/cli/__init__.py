"""The `corrigenda` command: argument parsing, logging, error handling and exit codes.

Each command lives in its own module and registers itself with `add_parser(subparsers)`.
Progress goes to stderr; results to stdout or the file named with -o. Expected failures print
one line and exit with their code; a bug prints one line naming the log file, which has the
traceback (--debug shows it here too).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import importlib
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import corrigenda
from corrigenda import logs
from corrigenda.cli.text import shown
from corrigenda.errors import CorrigendaError, ExitCode
from corrigenda.tempfiles import clean_leftovers

# The module that registers each command. A run imports only its own command's module: the
# others bring in most of the core (flagging, review, formats), a good part of every start.
# A command or a module missing here still works (then every module of this package with an
# `add_parsers` is loaded); tests/test_cli.py keeps the table complete.
COMMANDS: dict[str, tuple[str, ...]] = {
    "project_commands": ("new", "import", "ocr", "info"),
    "export_commands": ("export", "eval"),
    "review_commands": ("review", "audit"),
    "trust_commands": ("verify", "receipt", "keys"),
    "gui_command": ("gui",),
    "check_commands": ("flag", "fix", "concordance"),
    "page_commands": ("pages",),
    "region_commands": ("regions",),
}


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"corrigenda.cli.{name}")


def all_command_modules() -> list[str]:
    """The table's modules, then any other module here that registers commands."""
    import pkgutil

    others = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name not in COMMANDS)
    return [*COMMANDS, *(n for n in others if hasattr(command_module(n), "add_parsers"))]


def _add_global_options(parser: argparse.ArgumentParser) -> None:
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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with a `command` from the table, only that command's module is loaded."""
    parser = argparse.ArgumentParser(
        prog="corrigenda",
        description="Correct OCR transcriptions of scanned documents.",
    )
    _add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = [name for name, commands in COMMANDS.items() if command in commands]
    for name in names or all_command_modules():
        command_module(name).add_parsers(subparsers)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command an argument list asks for, read past the global options (None for none,
    for --help, or when the options themselves are wrong: the full parser says why)."""
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--version", "--debug", action="store_true")
    for option in ("--log-level", "--tesseract", "--tessdata"):
        early.add_argument(option)
    try:
        _, rest = early.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return rest[0] if rest and not rest[0].startswith("-") else None


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


# A list of numbers whose first is negative, e.g. a box "-10,-10,50,50" reaching off the page.
NEGATIVE_LIST = re.compile(r"-\d+(\.\d+)?(,-?\d+(\.\d+)?)+")


def joined_negative_values(arguments: Sequence[str]) -> list[str]:
    """`--add -10,-10,50,50` as `--add=-10,-10,50,50`: argparse takes a value starting with
    "-" for an option unless it is a single number, and would say "expected one argument"
    instead of letting the command say what is wrong with the box."""
    joined: list[str] = []
    for argument in arguments:
        previous = joined[-1] if joined else ""
        an_option = previous.startswith("--") and "=" not in previous
        # After "--" every argument is positional.
        if an_option and "--" not in joined and NEGATIVE_LIST.fullmatch(argument):
            joined[-1] = f"{previous}={argument}"
        else:
            joined.append(argument)
    return joined


def main(argv: Sequence[str] | None = None) -> int:
    arguments = joined_negative_values(sys.argv[1:] if argv is None else argv)
    args = build_parser(command_named(arguments)).parse_args(arguments)
    logs.setup_logging(args.log_level, debug=args.debug)
    logs.install_thread_hook()
    clean_leftovers()  # scratch files of OCR runs that were killed
    if args.version:
        args.run = _print_version
    elif args.command is None:
        args.run = command_module("gui_command").cmd_gui  # `corrigenda` alone opens the window
    logs.logger.debug("command line: %s", arguments)
    try:
        return int(args.run(args) or ExitCode.OK)
    except CorrigendaError as exc:
        logs.logger.info("%s failed: %s", args.command or "gui", exc.message)
        if args.debug:
            raise
        print(f"corrigenda: error: {shown(exc.message)}", file=sys.stderr)
        return exc.exit_code
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # The last line of defence for a damaged project: the readers name most damage
        # themselves (corrigenda.store.reading.reads); SQLite may still meet a bad page later.
        if args.debug:
            raise
        from corrigenda.store.database import damaged

        damage = damaged(Path(getattr(args, "project", None) or "the project"), exc)
        print(f"corrigenda: error: {shown(damage.message)}", file=sys.stderr)
        return damage.exit_code
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


def run() -> NoReturn:
    """The `corrigenda` program: `main`, then a quick exit.

    When a command returns, its files are closed and its workers have ended; what is left for
    the interpreter is to take every module apart one by one, a few hundredths of a second
    on every run once NumPy and OpenCV are loaded. So the exit handlers (the log's last
    records, the scratch folder) run and the streams are flushed here, and the process ends.
    A window (Qt) or a thread still working gets Python's full exit instead."""
    code = main()
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    if "PySide6" in sys.modules or any(not t.daemon for t in others):
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader gone, or a stream closed
            stream.flush()
    os._exit(code)
