"""Crash soak: SIGKILL Corrigenda at random moments many times and count what survived.

Each round copies a project, starts one kind of work in a subprocess (typed edits, batch
edits, batch OCR, export, a scripted transcriber in the real window), kills it at a random
moment (seeded), and checks that the project opens, `verify` passes, every step the worker
reported done is in the file, a resumed OCR redoes no finished page, and no process it
started outlives it.

    python bench/crash_soak.py [--kills 200] [--seed 1] [--max-delay 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.robustness.harness import OPERATIONS, soak  # noqa: E402

from corrigenda.cli import main as corrigenda  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=3.0)
    args = parser.parse_args()
    sample = ROOT / "samples" / "memorandum"
    with tempfile.TemporaryDirectory(prefix="corrigenda-soak-") as tmp:
        work = Path(tmp)
        base, fresh = work / "base.corrigenda", work / "fresh.corrigenda"
        pages = [str(sample / f"page-00{n}.png") for n in (1, 2, 3)]
        if corrigenda(["new", str(base), str(sample)]) or corrigenda(["ocr", str(base)]):
            sys.exit("could not prepare the sample project")
        if corrigenda(["new", str(fresh), *pages]):
            sys.exit("could not prepare the fresh project")
        start = time.perf_counter()
        outcome = soak(base, fresh, work, args.kills, args.seed, OPERATIONS, args.max_delay)
        elapsed = time.perf_counter() - start
    for failure in outcome.failures:
        print(f"FAILED {failure}")
    print(
        f"kills survived / tried: {outcome.survived} / {outcome.tried} "
        f"({', '.join(OPERATIONS)}; seed {args.seed}); {outcome.steps_checked} reported "
        f"steps checked; {elapsed:.0f} s"
    )
    sys.exit(1 if outcome.failures else 0)


if __name__ == "__main__":
    main()
