"""Fuzz soak: many mutated hOCR/ALTO/PAGE/TSV/text files, name lists, images and damaged
project files, counted.

The same seeds, mutations and targets as tests/robustness/test_fuzz_*.py, with many more
examples and hypothesis's randomness on. Each example has a wall-clock bound (SIGALRM) and the
whole run an address-space limit, so a hang or a runaway allocation counts as a failure
instead of stopping the run. Prints one line per target and the total:

    fuzz cases run: N, failures: 0

    python bench/fuzz_soak.py [--examples 2000] [--seconds 10] [--memory-mb 2000]
    python bench/fuzz_soak.py --targets damaged --examples 3000

The `damaged` target (tests/robustness/damaged_projects.py) flips bytes in and truncates a
signed project file, seeded, runs verify, info, pages, export, review, audit and concordance
on each copy, and prints files tried, how many changed content verify caught, and tracebacks.
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from tests.robustness import fuzzing  # noqa: E402


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang()


def _where(exc: BaseException) -> str:
    """The innermost frame of the application code that raised (for the report)."""
    cause = exc.__cause__ or exc
    frames = [f for f in traceback.extract_tb(cause.__traceback__) if "/corrigenda/" in f.filename]
    return f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""


def soak(
    name: str,
    target: Callable[[Path], object],
    seeds: list[fuzzing.Seed],
    examples: int,
    seconds: int,
    folder: Path,
    keep: Path | None = None,
) -> tuple[collections.Counter[str], dict[str, str]]:
    counts: collections.Counter[str] = collections.Counter()
    failures: dict[str, str] = {}
    structured = name != "loaders"

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(fuzzing.mutated(seeds, structured=structured))
    def one(seed: fuzzing.Seed) -> None:
        signal.alarm(seconds)
        try:
            counts[fuzzing.run_target(target, folder, seed)] += 1
        except Hang:
            counts["failed"] += 1
            failures.setdefault("hang", seed.name)
        except (fuzzing.Bug, MemoryError) as exc:
            counts["failed"] += 1
            key = str(exc).split(" reading ")[0][:160] + _where(exc)
            failures.setdefault(key, seed.name)
            if keep is not None:  # the input that failed, to turn into a regression test
                keep.mkdir(parents=True, exist_ok=True)
                (keep / f"{counts['failed']:04d}-{seed.name}").write_bytes(seed.data)
        finally:
            signal.alarm(0)
            for leftover in folder.iterdir():
                leftover.unlink()

    one()
    return counts, failures


def _damaged(folder: Path, examples: int) -> int:
    """Damaged project files; returns the failures (tracebacks, bad exits, missed changes)."""
    from tests.robustness import damaged_projects

    # The sign-off in the base project makes a key: not in the user's own config folder.
    os.environ["CORRIGENDA_CONFIG_DIR"] = str(folder / "config")
    os.environ["CORRIGENDA_LOG_DIR"] = str(folder / "log")  # bugs found go here, not the user's
    start = time.perf_counter()
    outcome = damaged_projects.soak(folder, range(examples))
    print(f"damaged: {outcome.line()} ({time.perf_counter() - start:.0f} s)")
    problems = outcome.tracebacks + outcome.bad_exits + outcome.missed
    for problem in problems[:10]:
        print(f"  FAILURE {problem.splitlines()[0]}")
    print(f"  missed (content changed, verify passed): {len(outcome.missed)}")
    return len(problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="per target")
    parser.add_argument("--seconds", type=int, default=10, help="bound per example")
    parser.add_argument("--memory-mb", type=int, default=2000)
    parser.add_argument("--targets", default="importers,project,names,loaders,damaged")
    parser.add_argument("--keep", type=Path, help="save the inputs that failed in this folder")
    args = parser.parse_args()
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _alarm)
    warnings.simplefilter("ignore")  # Pillow's warnings about damaged files are expected here
    total = failed = 0
    with tempfile.TemporaryDirectory(prefix="corrigenda-fuzz-") as tmp:
        work = Path(tmp)
        (work / "seeds").mkdir()
        (work / "sandbox").mkdir()
        markup = fuzzing.exported_seeds(work / "seeds") + fuzzing.text_seeds()
        markup += fuzzing.real_seeds()
        targets = [
            ("importers", fuzzing.import_target, markup),
            ("project", fuzzing.ProjectTarget(work / "seeds"), markup),
            ("names", fuzzing.names_target, fuzzing.name_seeds()),
            ("loaders", fuzzing.loader_target, fuzzing.image_seeds()),
        ]
        if "damaged" in args.targets.split(","):
            failed += _damaged(work / "damaged", args.examples)
            total += args.examples
        for name, target, seeds in targets:
            if name not in args.targets.split(","):
                continue
            start = time.perf_counter()
            counts, failures = soak(
                name, target, seeds, args.examples, args.seconds, work / "sandbox", args.keep
            )
            runs = sum(counts.values())
            total += runs
            failed += counts["failed"]
            print(
                f"{name}: {runs} cases from {len(seeds)} seeds in "
                f"{time.perf_counter() - start:.0f} s: {counts['ok']} read, "
                f"{counts['refused']} refused with a clear error, {counts['failed']} failed"
            )
            for key, seed in failures.items():
                print(f"  FAILURE ({seed}): {key}")
    print(f"fuzz cases run: {total}, failures: {failed}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
