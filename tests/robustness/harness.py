"""Kill a worker with SIGKILL at random moments and check that nothing reported done is lost.

Used by tests/robustness/test_crash_safety.py (a few kills) and bench/crash_soak.py (many).
After each kill: the project opens for writing, `verify` passes, every step the worker said
it had finished is in the file, and a resumed OCR does only the pages that were left.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from corrigenda.errors import ProjectError
from corrigenda.ocr.batch import ocr_pages
from corrigenda.ocr.engine import find_engine
from corrigenda.review.verify import verify
from corrigenda.store import Project

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = ("edits", "batch", "ocr", "export", "gui")
# Orphaned pool workers notice their parent is gone within about half a second; a Tesseract
# they started finishes its page first.
ORPHAN_GRACE_S = 15.0


@dataclass
class Outcome:
    tried: int = 0
    survived: int = 0
    failures: list[str] = field(default_factory=list)
    steps_checked: int = 0


def run_and_kill(argv: list[str], delay: float) -> tuple[list[str], bool]:
    """Start the worker, SIGKILL it (only it, as a crash would) after `delay` seconds.

    Returns the lines it printed, and whether everything it started went away by itself
    (orphaned OCR workers would keep its output pipe open).
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "app")]))
    worker = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(worker.stdout or []), daemon=True)
    reader.start()
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        worker.send_signal(signal.SIGKILL)
    worker.wait()
    reader.join(timeout=ORPHAN_GRACE_S)
    clean = not reader.is_alive()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)  # whatever is left of its process group
    reader.join(timeout=5)
    if worker.stdout and not reader.is_alive():
        worker.stdout.close()
    # A line cut short by the kill was never fully reported: only whole lines count.
    return [line.strip() for line in lines if line.endswith("\n")], clean


def check(operation: str, path: Path, lines: list[str], output: Path) -> tuple[list[str], int]:
    """What does not hold after the kill (empty when all is well), and how many steps held."""
    problems: list[str] = []
    done = [line.split(" ", 4) for line in lines if line.startswith("done")]
    try:
        project = Project.open(path)
    except Exception as exc:
        return [f"does not open: {exc}"], 0
    with project:
        if operation in ("edits", "gui"):
            for _, event_id, _page_id, line_id, text in done:
                try:
                    event = project.event(int(event_id))
                except ProjectError:
                    event = None
                if (
                    event is None
                    or event.after != text
                    or event.location.get("line") != int(line_id)
                ):
                    problems.append(f"reported edit {event_id} is not in the file")
            if done and operation == "edits":  # the window's later steps may change the line
                _, _, page_id, line_id, text = done[-1]
                current = project.page(int(page_id)).line(int(line_id)).text
                if current.split(" #")[0] != text.split(" #")[0]:
                    problems.append(f"line {line_id} lost its text: {current!r}")
        elif operation == "batch":
            for _, event_id, _page_id, count in done:
                event = project.event(int(event_id))
                ids = range(int(event_id) - int(count) + 1, int(event_id) + 1)
                if any(project.event(i).source.get("type") != "batch" for i in ids):
                    problems.append(f"batch ending at event {event.id} is incomplete")
        elif operation == "ocr":
            finished = {int(d[1]) for d in done}
            pages = {p.number: p for p in project.pages()}
            missing = [n for n in finished if not pages[n].has_ocr]
            if missing:
                problems.append(f"pages reported OCRed have no OCR: {missing}")
            runs = {n: project.ocr_run(p.id) for n, p in pages.items() if p.has_ocr}
            report = ocr_pages(project, find_engine(), jobs=2)
            if set(report.done) & set(runs):
                problems.append(f"resumed OCR redid finished pages {set(report.done) & set(runs)}")
            if report.failed or not all(p.has_ocr for p in project.pages()):
                problems.append(f"resumed OCR did not finish: {report.failed}")
            for number, run in runs.items():
                if project.ocr_run(pages[number].id) != run:
                    problems.append(f"page {number}'s finished OCR was replaced")
        elif operation == "export" and output.exists():
            text = output.read_text(encoding="utf-8")
            if text.count("\f") != len(project.pages()) - 1 or not text.endswith("\n"):
                problems.append("the export file is half-written")
    report = verify(path)
    if not report.ok:
        problems.append(f"verify fails: {report.first_problem}")
    return problems, len(done)


def soak(
    base: Path,
    fresh: Path,
    work: Path,
    kills: int,
    seed: int,
    operations: tuple[str, ...] = OPERATIONS,
    max_delay: float = 3.0,
) -> Outcome:
    """`kills` rounds; each copies a project, runs one operation and kills it."""
    rng = random.Random(seed)
    outcome = Outcome()
    for round_number in range(kills):
        operation = operations[round_number % len(operations)]
        path = work / f"round-{round_number}.corrigenda"
        shutil.copy(fresh if operation == "ocr" else base, path)
        output = work / f"round-{round_number}.txt"
        argv = [
            sys.executable,
            "-m",
            "tests.robustness.crash_driver",
            operation,
            str(path),
            str(output),
        ]
        slow_start = {"ocr": 3.0, "gui": 3.0}.get(operation, 1.0)  # workers, a window
        delay = rng.uniform(0.3, max_delay) * slow_start
        lines, clean = run_and_kill(argv, delay)
        problems, steps = check(operation, path, lines, output)
        if not clean:
            problems.append("processes it started outlived it")
        outcome.tried += 1
        outcome.steps_checked += steps
        if problems:
            outcome.failures.append(
                f"round {round_number} ({operation}, killed at "
                f"{delay:.2f} s): {'; '.join(problems)}"
            )
        else:
            outcome.survived += 1
        for leftover in work.glob(f"round-{round_number}.*"):
            leftover.unlink()
    return outcome
