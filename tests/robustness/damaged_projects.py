"""Damaged project files: seeded byte flips and truncations, and what each command makes of
them. Used by tests/robustness/test_damaged_projects.py (a few hundred, in CI) and
bench/fuzz_soak.py --projects (many more).

A damaged file must meet every command with a one-line error and its exit code, never a
traceback; and whenever the damage changed what the file holds (its tables' rows), `verify`
must fail. A flip in free space or in bytes SQLite does not read changes nothing a reader can
see: it is counted as harmless, not as caught.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import sqlite3
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corrigenda.cli import main
from corrigenda.errors import ExitCode
from corrigenda.model import BBox, RegionType
from corrigenda.review import decisions
from corrigenda.store import LineEdit, Project, Source
from tests.review.helpers import make_project

TABLES = ("meta", "settings", "images", "pages", "ocr_runs", "lines", "events")
# Exit codes a damaged file may give: 0 (the damage did not matter to this command), 2 (an
# input such as a receipt), 3 (project refused), 6 (verify failed). 1 is a refused request.
ALLOWED = {0, 1, 2, 3, 6}


def base_project(folder: Path) -> Path:
    """A small project with edits, a review and a sign-off: every table has rows."""
    folder.mkdir(parents=True, exist_ok=True)
    path = make_project(folder, actor="transcriber")
    with Project.open(path, actor="transcriber") as project:
        page = project.pages()[0]
        line = project.page(page.id).lines[1]
        project.edit_lines(
            [LineEdit(page.id, line.id, line.text, line.text.replace("I.I.", "L.I."))],
            Source("suggestion", {"check": "names"}),
        )
        project.set_setting("rules", [{"pattern": "rn", "replacement": "m"}], Source("kb"))
        project.add_region(
            project.pages()[1].id, RegionType.STAMP, BBox(40, 60, 58, 78), Source("kb"), "seal"
        )
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [1])
    return path


def content(path: Path) -> list[tuple[str, list[tuple[object, ...]]]] | None:
    """Every row of every table, or None when SQLite cannot read them all."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        # Text and blobs stay apart: a flipped bit can turn one into the other.
        conn.text_factory = lambda raw: ("text", raw)
        try:
            return [
                (table, conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall())
                for table in TABLES
            ]
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):  # a damaged schema: column names fail too
        return None


def damage(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One seeded damage: a truncation, or one to four flipped bytes."""
    if rng.random() < 0.2:
        cut = rng.randrange(0, len(data))
        return f"truncated at {cut}", data[:cut]
    changed = bytearray(data)
    spots = sorted(rng.randrange(len(data)) for _ in range(rng.randint(1, 4)))
    for spot in spots:
        changed[spot] ^= 1 << rng.randrange(8)
    return f"bits flipped at {spots}", bytes(changed)


COMMANDS = (
    ("verify", "{p}"),
    ("info", "{p}"),
    ("pages", "{p}"),
    ("export", "{p} --format alto -o {null}"),
    ("review", "{p} --list"),
    ("audit", "{p} --format jsonl -o {null}"),
    ("concordance", "{p} /I.I./"),
    ("pages", "{p} --move 2 --to 1"),  # a write, last: the damaged copy is thrown away
)


@dataclass
class Outcome:
    tried: int = 0
    flips: int = 0
    truncations: int = 0
    changed: int = 0  # damages that changed what the file holds
    caught: int = 0  # of those, verify failed
    harmless: int = 0  # the rows are the same as before: nothing to catch
    tracebacks: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # changed, yet verify passed
    bad_exits: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"damaged project files tried: {self.tried} ({self.flips} byte flips, "
            f"{self.truncations} truncations); content changed: {self.changed}, caught by "
            f"verify: {self.caught}; harmless: {self.harmless}; tracebacks: "
            f"{len(self.tracebacks)}; bad exit codes: {len(self.bad_exits)}"
        )


def run(argv: list[str]) -> tuple[int, str]:
    """Run one command in this process; a traceback is returned as the error text."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
        except Exception:  # exactly what this harness looks for
            return -1, traceback.format_exc()
    return code, err.getvalue()


def try_one(base: bytes, original: object, seed: int, folder: Path, outcome: Outcome) -> None:
    rng = random.Random(seed)
    what, data = damage(base, rng)
    path = folder / f"damaged-{seed}.corrigenda"
    path.write_bytes(data)
    outcome.tried += 1
    if what.startswith("truncated"):
        outcome.truncations += 1
    else:
        outcome.flips += 1
    changed = content(path) != original
    try:
        for name, template in COMMANDS:
            argv = [name, *template.format(p=path, null=os.devnull).split()]
            code, err = run(argv)
            label = f"seed {seed} ({what}): {name}"
            if code in (-1, ExitCode.BUG):  # escaped, or caught by main() as a bug
                outcome.tracebacks.append(f"{label}\n{err}")
            elif code not in ALLOWED:
                outcome.bad_exits.append(f"{label}: exit {code}: {err.strip()}")
            elif code != 0 and "\n" in err.strip() and "warning" not in err:
                outcome.bad_exits.append(f"{label}: more than one line: {err.strip()}")
            if name == "verify" and changed:
                outcome.changed += 1
                if code != 0:
                    outcome.caught += 1
                else:
                    outcome.missed.append(f"{label}: content changed, verify passed")
            elif name == "verify":
                outcome.harmless += 1
    finally:
        for leftover in folder.glob(f"damaged-{seed}.corrigenda*"):
            leftover.unlink()


@contextlib.contextmanager
def quiet_progress() -> Iterator[None]:
    previous = os.environ.get("TQDM_DISABLE")
    os.environ["TQDM_DISABLE"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("TQDM_DISABLE", None)
        else:
            os.environ["TQDM_DISABLE"] = previous


def soak(folder: Path, seeds: range) -> Outcome:
    base_path = base_project(folder / "base")
    base = base_path.read_bytes()
    original = content(base_path)
    outcome = Outcome()
    with quiet_progress():
        for seed in seeds:
            try_one(base, original, seed, folder, outcome)
    return outcome
