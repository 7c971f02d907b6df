"""What the commands share: opening projects, the engine, page ranges, progress bars."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from corrigenda.errors import UsageError
from corrigenda.ocr.engine import Engine, find_engine
from corrigenda.settings import Settings
from corrigenda.store import Project

if TYPE_CHECKING:  # tqdm reads its own version from package metadata: only a bar pays
    from tqdm import tqdm


def plural(n: int, noun: str) -> str:
    """'1 page', '2 pages': the messages count in words a user would write."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def settings() -> Settings:
    return Settings.load()


def engine_from(args: argparse.Namespace) -> Engine:
    return find_engine(args.tesseract, args.tessdata, settings())


def open_project(path: str, *, readonly: bool = False) -> Project:
    return Project.open(Path(path), readonly=readonly, actor=settings().user_name or None)


def parse_numbers(spec: str, what: str = "page list", example: str = "1-3,5") -> list[int]:
    """'1-3,5' -> [1, 2, 3, 5], for lists of pages or of listed occurrences."""
    numbers: list[int] = []
    try:
        for part in spec.split(","):
            first, _, last = part.strip().partition("-")
            start, end = int(first), int(last or first)
            if start < 1 or end < start:
                raise ValueError
            numbers.extend(range(start, end + 1))
    except ValueError:
        raise UsageError(f"bad {what} {spec!r}: use numbers and ranges such as {example}") from None
    return numbers


def parse_pages(spec: str | None) -> list[int] | None:
    """The pages of a --pages option; None means every page."""
    return parse_numbers(spec) if spec else None


def check_pages_exist(project: Project, pages: list[int] | None) -> None:
    if pages is None:
        return
    count = len(project.pages())
    beyond = [n for n in pages if n > count]
    if beyond:
        raise UsageError(
            f"{project.path} has {plural(count, 'page')}; there is no page {beyond[0]}"
        )


class Bar:
    """A tqdm progress bar on stderr behind the core's Progress protocol."""

    def __init__(self) -> None:
        self._bar: tqdm | None = None

    def start(self, total: int, what: str) -> None:
        if not sys.stderr.isatty():
            return  # no bar off a terminal (tqdm's own rule), and no tqdm to import for it
        from tqdm import tqdm

        self._bar = tqdm(total=total, desc=what, unit="page", file=sys.stderr, dynamic_ncols=True)

    def advance(self, message: str) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(message, refresh=False)
            self._bar.update(1)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.close()
