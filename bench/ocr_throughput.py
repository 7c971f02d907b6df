"""OCR throughput: `corrigenda ocr` against the bare `tesseract` binary at the same parallelism.

For each job size (4, 8 and 50 pages by default, the sample's pages repeated) both OCR the same
pages, J pages at a time, each Tesseract single-threaded, asking the engine for the same
reading: the languages and page segmentation mode of the project, TSV plus hOCR with the LSTM's
per-character choices (`-c lstm_choice_mode=2 tsv hocr`, what `corrigenda ocr` asks of it). The
bare runs start one `tesseract` per page from a thread pool and pay nothing else. Corrigenda
runs with `--cleanup none` and second readings off, so that both do the same engine work and
the ratio is Corrigenda's own overhead; `--default` adds its default run (doubtful pages and
lines read again), which does more engine work on purpose. Corrigenda's clocks start before its
process is spawned: Python's start-up, imports, the engine checks, the commits to the project.
Runs alternate in the order bare, corrigenda, corrigenda, bare, ... so that a noisy machine, and
load that grows or fades, hurt both alike; medians are compared, and the fastest runs too.
Goal: `ocr` within 5 % of bare Tesseract at every size, `new` + `ocr` within 10 %.

Wall ratios on a shared machine move by tens of percent from run to run. CPU time does not: each
process is timed from its spawn to its exit (os.waitid, before it is reaped), its own user+system
time read from /proc then, and with os.wait4 that of every child it waited for (Tesseract's).
Corrigenda's own CPU per run, without Tesseract's, is its overhead in seconds: the robust figure.
Tesseract's CPU in Corrigenda's runs against the bare runs' says whether the engine did the same
work (it should, give or take a few percent of noise: a loaded machine slows every process).

    python bench/ocr_throughput.py [--sizes 4,8,50] [--jobs 2] [--repeat 2] [--default]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))

from corrigenda.ocr.engine import find_engine  # noqa: E402

READING = ["-l", "eng", "--psm", "3", "-c", "lstm_choice_mode=2", "tsv", "hocr"]


def make_pages(source: Path, count: int, folder: Path) -> list[Path]:
    originals = sorted(p for p in source.iterdir() if p.suffix.lower() in {".png", ".jpg", ".tif"})
    if not originals:
        sys.exit(f"no page images in {source}")
    pages = []
    for i in range(count):
        original = originals[i % len(originals)]
        page = folder / f"page-{i + 1:04d}{original.suffix}"
        shutil.copyfile(original, page)
        pages.append(page)
    return pages


@dataclass(frozen=True)
class Timed:
    wall: float  # seconds from spawning the process(es) to their exit
    cpu: float  # user+system seconds of the process(es) and every child they waited for
    own: float  # of those, the process's own (without its children: Tesseract)


def timed(command: list[str], env: dict[str, str]) -> Timed:
    """Run `command` from spawn to exit; fail loudly with its stderr if it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # ended, not yet reaped
        wall = time.perf_counter() - start
        own = own_cpu(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{command[:4]} failed: {errors.read().decode(errors='replace')}")
    cpu = usage.ru_utime + usage.ru_stime
    return Timed(wall, cpu, cpu if own is None else own)


def own_cpu(pid: int) -> float | None:
    """User+system seconds of an ended, unreaped process itself, not of its children (Linux's
    /proc keeps them apart: utime and stime, fields 14 and 15); None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bare_tesseract(pages: list[Path], jobs: int, out: Path) -> Timed:
    engine = find_engine()
    env = engine.environment()

    def one(page: Path) -> Timed:
        return timed([engine.path, str(page), str(out / page.stem), *READING], env)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = list(pool.map(one, pages))
    return Timed(time.perf_counter() - start, sum(run.cpu for run in runs), 0.0)


def corrigenda_environment(settings: Path) -> dict[str, str]:
    """This checkout's code, with its bytecode cached as an installed package has it (pip
    compiles at install): without, every run would compile every module again. Its own
    settings folder says whether second readings are on."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), *sys.path[1:]])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["CORRIGENDA_CONFIG_DIR"] = str(settings)
    return env


def corrigenda_ocr(
    pages_dir: Path, jobs: int, work: Path, env: dict[str, str], cleanup: str
) -> tuple[Timed, Timed]:
    """`corrigenda new`, then `corrigenda ocr`, each timed from its spawn to its exit."""
    project = work / "bench.corrigenda"
    for leftover in work.glob("bench.corrigenda*"):
        leftover.unlink()
    command = [sys.executable, "-m", "corrigenda"]
    created = timed([*command, "new", str(project), str(pages_dir)], env)
    ocred = timed([*command, "ocr", str(project), "--jobs", str(jobs), "--cleanup", cleanup], env)
    return ocred, created


def report(label: str, bare: list[Timed], ours: list[Timed], creates: list[Timed]) -> None:
    def median(runs: list[Timed]) -> float:
        return statistics.median(run.wall for run in runs)

    b, o, n = median(bare), median(ours), median(creates)
    runs = ", ".join(f"{x.wall:.2f}/{y.wall:.2f}" for x, y in zip(bare, ours))
    print(
        f"  {label:<8} bare {b:7.2f} s  ocr {o:7.2f} s  new {n:5.2f} s  "
        f"ocr/bare {o / b:.3f}  (new+ocr)/bare {(n + o) / b:.3f}  (medians)",
        flush=True,
    )
    # On a shared machine the least disturbed run of each says most about the code itself.
    b, o, n = (min(run.wall for run in runs) for runs in (bare, ours, creates))
    print(
        f"  {'':<8} fastest runs: ocr/bare {o / b:.3f}  (new+ocr)/bare {(n + o) / b:.3f}"
        f"   [bare/ocr runs: {runs}; load average {os.getloadavg()[0]:.1f}]",
        flush=True,
    )
    # CPU seconds: Corrigenda's processes' own (without Tesseract), which load hardly moves,
    # and the engine's CPU in Corrigenda's runs against the bare run beside each.
    own_ocr = statistics.median(r.own for r in ours)
    own_new = statistics.median(r.own for r in creates)
    engine = statistics.median((y.cpu - y.own) - x.cpu for x, y in zip(bare, ours))
    extra = [y.cpu - x.cpu for x, y in zip(bare, ours)]
    print(
        f"  {'':<8} CPU overhead per run: ocr {own_ocr:.3f} s, new {own_new:.3f} s, "
        f"new+ocr {own_ocr + own_new:.3f} s (own CPU without Tesseract, medians); "
        f"Tesseract in ocr - bare {engine:+.3f} s of {statistics.median(r.cpu for r in bare):.2f} s"
        f"   [ocr - bare, all CPU: {', '.join(f'{x:+.3f}' for x in extra)}]",
        flush=True,
    )


def one_size(source: Path, count: int, args: argparse.Namespace, work: Path) -> None:
    pages_dir = work / f"pages-{count}"
    out_dir = work / f"out-{count}"
    pages_dir.mkdir()
    out_dir.mkdir()
    pages = make_pages(source, count, pages_dir)
    modes = {"same": ("none", work / "same"), "default": ("auto", work / "default")}
    if not args.default:
        del modes["default"]
    results: dict[str, tuple[list[Timed], list[Timed], list[Timed]]] = {
        mode: ([], [], []) for mode in modes
    }
    for run in range(args.repeat):
        for mode, (cleanup, settings) in modes.items():
            bare, ours, creates = results[mode]
            env = corrigenda_environment(settings)
            # Bare first, then Corrigenda first, and so on: load that rises or falls during a
            # size's runs then weighs on both sides alike.
            if run % 2 == 0:
                bare.append(bare_tesseract(pages, args.jobs, out_dir))
            ocred, created = corrigenda_ocr(pages_dir, args.jobs, work, env, cleanup)
            ours.append(ocred)
            creates.append(created)
            if run % 2 == 1:
                bare.append(bare_tesseract(pages, args.jobs, out_dir))
    print(f"{count} pages", flush=True)
    for mode, (bare, ours, creates) in results.items():
        report(mode, bare, ours, creates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="4,8,50", help="page counts, comma-separated")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--source", type=Path, default=ROOT / "samples" / "memorandum")
    parser.add_argument(
        "--default", action="store_true", help="also time the default run (second readings)"
    )
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]

    engine = find_engine()
    print(
        f"pages from {args.source}, {args.jobs} at a time, {args.repeat} runs each, "
        f"Tesseract {engine.version()} ({engine.origin}); 'same': corrigenda ocr --cleanup none, "
        "second readings off (the bare engine's work); 'default': clean-up auto, second readings"
    )
    print("goal: ocr/bare <= 1.05 and (new+ocr)/bare <= 1.10 at every size ('same')")
    with tempfile.TemporaryDirectory(prefix="corrigenda-bench-") as tmp:
        work = Path(tmp)
        (work / "same").mkdir()
        (work / "same" / "settings.json").write_text(json.dumps({"second_readings": False}))
        (work / "default").mkdir()
        # Untimed: writes the bytecode cache, as installing does.
        subprocess.run(
            [sys.executable, "-m", "corrigenda", "ocr", "--help"],
            check=True,
            capture_output=True,
            env=corrigenda_environment(work / "same"),
        )
        for count in sizes:
            one_size(args.source, count, args, work)


if __name__ == "__main__":
    main()
