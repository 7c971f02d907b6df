#!/usr/bin/env python3
"""Reading quality: bare Tesseract against Corrigenda's reading, on degraded and real pages.

    python bench/ocr_quality.py [--per-book 3] [--pages-per-document 2] [--shared DIR] [--jobs 1]

Both sides read every page with the same Tesseract, languages (eng) and page segmentation (3),
and their text is made the same way (lines from the TSV, Page.text()). "bare" is one Tesseract
run on the scan; "corrigenda" is `run_task` as `corrigenda ocr` runs it (clean-up auto, second
readings on). CER = Levenshtein / ground-truth length, after collapsing whitespace, joining
line-end hyphens and mapping typographic quotes and dashes to ASCII (the book pages' ground
truth is flowed and dehyphenated). Times are wall-clock seconds per side, summed over pages.

Sets, each split BY DOCUMENT into development pages (tuned on) and report-only pages:
- degraded: bench/degraded_pages.py, rendered into a temporary folder. Development: the
  memorandum; report-only: the declaration and the Lincoln texts (three levels each).
- books: ../shared/data/oldbooks-pages (skipped when absent), --per-book pages per book, evenly
  spaced. Development: books a, c, d; report-only: books e, f, g, j.

Goals on report-only pages: degraded CER at most 1/5 of bare; books no worse as a set and no
page more than 0.1 points worse; time at most 1.15x bare on book pages, 3x on degraded ones.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))
sys.path.insert(0, str(ROOT / "bench"))

from degraded_pages import DEVELOPMENT, make_set  # noqa: E402

from corrigenda.evaluation import score  # noqa: E402
from corrigenda.model import Line, Page  # noqa: E402
from corrigenda.ocr.engine import find_engine  # noqa: E402
from corrigenda.ocr.tesseract import OcrTask, ReadingPolicy, read_image  # noqa: E402
from corrigenda.ocr.worker import run_task  # noqa: E402

DEV_BOOKS = ("a", "c", "d")
ASCII = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "—": "--", "–": "-"})


@dataclass
class Result:
    name: str
    group: str  # the set and side of the split
    bare_cer: float
    ours_cer: float
    chars: int
    bare_s: float
    ours_s: float
    variant: str | None
    conf: str  # the engine's confidence before (and after, when a variant was chosen)


def text_of(lines: tuple[Line, ...]) -> str:
    return Page(1, 1, "page", 1, 1, lines=lines).text()


def normalised(text: str) -> str:
    return " ".join(text.replace("-\n", "").translate(ASCII).split())


def measure(path: Path, gt: Path, group: str, task: OcrTask) -> Result:
    data = path.read_bytes()
    fmt = "JPEG" if path.suffix.lower() in (".jpg", ".jpeg") else "PNG"
    task = OcrTask(**{**task.__dict__, "image": data, "image_format": fmt})
    truth = normalised(gt.read_text(encoding="utf-8"))
    started = time.perf_counter()
    bare = read_image(task, data, path.suffix)
    bare_s = time.perf_counter() - started
    started = time.perf_counter()
    outcome = run_task(task)
    ours_s = time.perf_counter() - started
    if outcome.run is None:
        sys.exit(f"{path}: {outcome.error}")
    bare_score = score(normalised(text_of(bare.lines)), truth)
    ours_score = score(normalised(text_of(outcome.run.lines)), truth)
    record = outcome.run.params.get("reading", {})
    variant = record.get("variant")
    conf = f"{record.get('before', {}).get('conf', 0):.1f}"
    if record.get("after"):
        conf += f"->{record['after']['conf']:.1f}"
    return Result(
        path.name,
        group,
        bare_score.cer,
        ours_score.cer,
        bare_score.chars,
        bare_s,
        ours_s,
        variant,
        conf,
    )


def report(results: list[Result]) -> None:
    print(
        f"{'set / split':<24} {'pages':>5} {'CER bare':>9} {'CER ours':>9} {'ratio':>6} "
        f"{'s bare':>7} {'s ours':>7} {'time x':>6} {'worst page':>11}"
    )
    for group in dict.fromkeys(r.group for r in results):
        rows = [r for r in results if r.group == group]
        chars = sum(r.chars for r in rows)
        bare = sum(r.bare_cer * r.chars for r in rows) / chars
        ours = sum(r.ours_cer * r.chars for r in rows) / chars
        bare_s, ours_s = sum(r.bare_s for r in rows), sum(r.ours_s for r in rows)
        worst = max(rows, key=lambda r: r.ours_cer - r.bare_cer)
        print(
            f"{group:<24} {len(rows):>5} {bare:>8.2%} {ours:>8.2%} "
            f"{(ours / bare if bare else 0):>6.2f} {bare_s:>7.1f} {ours_s:>7.1f} "
            f"{ours_s / bare_s:>6.2f} {100 * (worst.ours_cer - worst.bare_cer):>+10.2f}p"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-book", type=int, default=3, help="book pages per book")
    parser.add_argument("--pages-per-document", type=int, default=2, help="degraded pages")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--jobs", type=int, default=1, help="pages measured at once")
    parser.add_argument("--pages", action="store_true", help="print every page's figures")
    args = parser.parse_args(argv)
    engine = find_engine()
    base = OcrTask(
        0, b"", "PNG", engine.path, engine.tessdata, "eng", 3, engine.version(),
        cleanup="auto", policy=ReadingPolicy(), second_readings=True,
    )  # fmt: skip
    jobs: list[tuple[Path, Path, str]] = []
    with tempfile.TemporaryDirectory(prefix="corrigenda-degraded-") as folder:
        for image in make_set(Path(folder), args.pages_per_document):
            side = "dev" if image.name.split("-")[0] in DEVELOPMENT else "report-only"
            level = image.name.split("-")[1]
            gt = image.with_name(image.name.removesuffix(".jpg") + ".gt.txt")
            jobs.append((image, gt, f"degraded {side} {level}"))
        books = args.shared / "oldbooks-pages"
        if books.is_dir():
            by_book: dict[str, list[Path]] = {}
            for image in sorted((books / "images").glob("*.png")):
                by_book.setdefault(image.name[0], []).append(image)
            for book, images in sorted(by_book.items()):
                step = max(1, len(images) // max(1, args.per_book))
                for image in images[::step][: args.per_book]:
                    side = "dev" if book in DEV_BOOKS else "report-only"
                    gt = books / "gt" / (image.stem + ".gt.txt")
                    jobs.append((image, gt, f"books {side}"))
        else:
            print(f"{books} is absent: book pages skipped", file=sys.stderr)
        with ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda job: measure(*job, base), jobs))
    results.sort(key=lambda r: (r.group, r.name))
    if args.pages:
        for r in results:
            print(
                f"{r.group:<28} {r.name:<28} {r.bare_cer:7.2%} {r.ours_cer:7.2%} "
                f"{r.bare_s:5.1f}s {r.ours_s:5.1f}s {r.variant or '-':<10} {r.conf}"
            )
    report(results)
    deg = [r for r in results if r.group.startswith("degraded")]
    for side in ("dev", "report-only"):
        rows = [r for r in deg if f" {side} " in r.group]
        if rows:
            chars = sum(r.chars for r in rows)
            bare = sum(r.bare_cer * r.chars for r in rows) / chars
            ours = sum(r.ours_cer * r.chars for r in rows) / chars
            bare_s, ours_s = sum(r.bare_s for r in rows), sum(r.ours_s for r in rows)
            print(
                f"degraded {side} (all levels): CER {bare:.2%} -> {ours:.2%} "
                f"(ratio {ours / bare:.2f}), time x{ours_s / bare_s:.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
