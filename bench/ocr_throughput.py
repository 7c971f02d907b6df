"""OCR throughput: `corrigenda ocr` against the bare `tesseract` binary at the same parallelism.

Both OCR the same N pages (the sample repeated) with the same languages, page segmentation
mode and TSV output, J pages at a time, each Tesseract single-threaded. Runs alternate
(bare, corrigenda, bare, corrigenda, ...) so that a noisy machine hurts both alike; the
median of each is compared. Target: Corrigenda within 10 % of bare Tesseract.

    python bench/ocr_throughput.py [--pages 20] [--jobs 2] [--repeat 2] [--source DIR]
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


def corrigenda_ocr(pages_dir: Path, jobs: int, work: Path) -> tuple[float, float]:
    project = work / "bench.corrigenda"
    for leftover in work.glob("bench.corrigenda*"):
        leftover.unlink()
    command = [sys.executable, "-m", "corrigenda"]
    start = time.perf_counter()
    subprocess.run([*command, "new", str(project), str(pages_dir)], check=True, capture_output=True)
    created = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(
        # The pipeline's own overhead: the scan read once, as bare Tesseract does. What reading
        # doubtful and speckled pages again costs is measured by bench/ocr_quality.py.
        [*command, "ocr", str(project), "--jobs", str(jobs), "--cleanup", "none"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start, created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--source", type=Path, default=ROOT / "samples" / "memorandum")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="corrigenda-bench-") as tmp:
        work = Path(tmp)
        pages_dir = work / "pages"
        out_dir = work / "tsv"
        pages_dir.mkdir()
        out_dir.mkdir()
        pages = make_pages(args.source, args.pages, pages_dir)
        engine = find_engine()
        print(
            f"{args.pages} pages from {args.source}, {args.jobs} at a time, "
            f"Tesseract {engine.version()} ({engine.origin})"
        )
        bare, ours, creates = [], [], []
        for run in range(args.repeat):
            bare.append(bare_tesseract(pages, args.jobs, out_dir))
            ocr_time, create_time = corrigenda_ocr(pages_dir, args.jobs, work)
            ours.append(ocr_time)
            creates.append(create_time)
            print(
                f"  run {run + 1}: bare tesseract {bare[-1]:.2f} s, "
                f"corrigenda ocr {ours[-1]:.2f} s (corrigenda new {create_time:.2f} s)"
            )
        b, o = statistics.median(bare), statistics.median(ours)
        print(f"bare tesseract:  {b:.2f} s  ({args.pages / b:.2f} pages/s)")
        print(f"corrigenda ocr:  {o:.2f} s  ({args.pages / o:.2f} pages/s)")
        print(f"ratio corrigenda/bare: {o / b:.3f}  (target <= 1.10)")
        print(f"corrigenda new (import {args.pages} images): {statistics.median(creates):.2f} s")


if __name__ == "__main__":
    main()
