"""`corrigenda gui`: open the correction workspace (also what `corrigenda` alone does)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the correction workspace (the desktop window)")
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="PROJECT | IMAGES",
        help="a project file, or scans, PDFs and folders to make one from",
    )
    p.add_argument(
        "--screenshot",
        metavar="FILE",
        type=Path,
        help="open, wait until the page is shown, save the window as PNG and quit",
    )
    p.set_defaults(run=cmd_gui)


def cmd_gui(args: argparse.Namespace) -> int:
    # Qt is imported only here, so the other commands start fast and work without a display.
    from corrigenda.gui.app import run

    return run(list(getattr(args, "inputs", []) or []), getattr(args, "screenshot", None))
