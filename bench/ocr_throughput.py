"""OCR throughput: `corrigenda ocr` against the bare `tesseract` binary at the same parallelism.

For each job size (4, 8 and 50 pages by default, the sample's pages repeated) both OCR the same
pages with the same languages, page segmentation mode and TSV output, J pages at a time, each
Tesseract single-threaded. The bare runs start one `tesseract` per page from a thread pool and
pay nothing else. Corrigenda's clocks start before its process is spawned, so they include
Python's start-up, imports, the engine checks and the commits to the project. Runs alternate
(bare, corrigenda, bare, ...) so that a noisy machine hurts both alike; medians are compared.
Goal: `ocr` within 5 % of bare Tesseract at every size, `new` + `ocr` within 10 %.

    python bench/ocr_throughput.py [--sizes 4,8,50] [--jobs 2] [--repeat 2] [--source DIR]
"""

from __future__ import annotations

import argparse
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
            [engine.path, str(page), str(out / page.stem), "-l", "eng", "--psm", "3", "tsv"],
            env=env,
            check=True,
            capture_output=True,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, pages))
    return time.perf_counter() - start


def corrigenda_environment() -> dict[str, str]:
    """This checkout's code, with its bytecode cached as an installed package has it (pip
    compiles at install): without, every run would compile every module again."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), *sys.path[1:]])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def corrigenda_ocr(pages_dir: Path, jobs: int, work: Path) -> tuple[float, float]:
    project = work / "bench.corrigenda"
    for leftover in work.glob("bench.corrigenda*"):
        leftover.unlink()
    command = [sys.executable, "-m", "corrigenda"]
    env = corrigenda_environment()
    start = time.perf_counter()
    subprocess.run(
        [*command, "new", str(project), str(pages_dir)], check=True, capture_output=True, env=env
    )
    created = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(
        [*command, "ocr", str(project), "--jobs", str(jobs)],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - start, created


def one_size(source: Path, count: int, jobs: int, repeat: int, work: Path) -> None:
    pages_dir = work / f"pages-{count}"
    out_dir = work / f"tsv-{count}"
    pages_dir.mkdir()
    out_dir.mkdir()
    pages = make_pages(source, count, pages_dir)
    bare, ours, creates = [], [], []
    for _ in range(repeat):
        bare.append(bare_tesseract(pages, jobs, out_dir))
        ocr_time, create_time = corrigenda_ocr(pages_dir, jobs, work)
        ours.append(ocr_time)
        creates.append(create_time)
    b, o, n = statistics.median(bare), statistics.median(ours), statistics.median(creates)
    runs = ", ".join(f"{x:.2f}/{y:.2f}" for x, y in zip(bare, ours))
    print(
        f"{count:>5} pages  bare {b:7.2f} s  ocr {o:7.2f} s  new {n:5.2f} s  "
        f"ocr/bare {o / b:.3f}  (new+ocr)/bare {(n + o) / b:.3f}   [bare/ocr runs: {runs}]",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="4,8,50", help="page counts, comma-separated")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--source", type=Path, default=ROOT / "samples" / "memorandum")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]

    engine = find_engine()
    print(
        f"pages from {args.source}, {args.jobs} at a time, {args.repeat} runs each (medians), "
        f"Tesseract {engine.version()} ({engine.origin})"
    )
    print("goal: ocr/bare <= 1.05 and (new+ocr)/bare <= 1.10 at every size")
    # Untimed: writes the bytecode cache, as installing does.
    subprocess.run(
        [sys.executable, "-m", "corrigenda", "ocr", "--help"],
        check=True,
        capture_output=True,
        env=corrigenda_environment(),
    )
    with tempfile.TemporaryDirectory(prefix="corrigenda-bench-") as tmp:
        for count in sizes:
            one_size(args.source, count, args.jobs, args.repeat, Path(tmp))


if __name__ == "__main__":
    main()
