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
Runs alternate (bare, corrigenda, bare, ...) so that a noisy machine hurts both alike; medians
are compared, and the fastest runs too. Goal: `ocr` within 5 % of bare Tesseract at every size,
`new` + `ocr` within 10 %.

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


def bare_tesseract(pages: list[Path], jobs: int, out: Path) -> float:
    engine = find_engine()
    env = engine.environment()

    def one(page: Path) -> None:
        subprocess.run(
            [engine.path, str(page), str(out / page.stem), *READING],
            env=env,
            check=True,
            capture_output=True,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, pages))
    return time.perf_counter() - start


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
) -> tuple[float, float]:
    project = work / "bench.corrigenda"
    for leftover in work.glob("bench.corrigenda*"):
        leftover.unlink()
    command = [sys.executable, "-m", "corrigenda"]
    start = time.perf_counter()
    subprocess.run(
        [*command, "new", str(project), str(pages_dir)], check=True, capture_output=True, env=env
    )
    created = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(
        [*command, "ocr", str(project), "--jobs", str(jobs), "--cleanup", cleanup],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - start, created


def report(label: str, bare: list[float], ours: list[float], creates: list[float]) -> None:
    b, o, n = statistics.median(bare), statistics.median(ours), statistics.median(creates)
    runs = ", ".join(f"{x:.2f}/{y:.2f}" for x, y in zip(bare, ours))
    print(
        f"  {label:<8} bare {b:7.2f} s  ocr {o:7.2f} s  new {n:5.2f} s  "
        f"ocr/bare {o / b:.3f}  (new+ocr)/bare {(n + o) / b:.3f}  (medians)",
        flush=True,
    )
    # On a shared machine the least disturbed run of each says most about the code itself.
    b, o, n = min(bare), min(ours), min(creates)
    print(
        f"  {'':<8} fastest runs: ocr/bare {o / b:.3f}  (new+ocr)/bare {(n + o) / b:.3f}"
        f"   [bare/ocr runs: {runs}; load average {os.getloadavg()[0]:.1f}]",
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
    results: dict[str, tuple[list[float], list[float], list[float]]] = {
        mode: ([], [], []) for mode in modes
    }
    for _ in range(args.repeat):
        for mode, (cleanup, settings) in modes.items():
            bare, ours, creates = results[mode]
            bare.append(bare_tesseract(pages, args.jobs, out_dir))
            env = corrigenda_environment(settings)
            ocr_time, create_time = corrigenda_ocr(pages_dir, args.jobs, work, env, cleanup)
            ours.append(ocr_time)
            creates.append(create_time)
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
