"""Big collections: a synthetic project of 2,000 pages through every stage, timed and measured.

Pages are small rendered text images (1000x300 px, four lines of the sample's ground truth,
different on every page). Each stage runs as its own `corrigenda` process, and its peak
memory is that process's maximum resident set (from wait4, which includes the OCR workers it
waited for):

    create   corrigenda new PROJECT FOLDER
    ocr      corrigenda ocr PROJECT --pages 1-K (a subset; the whole is extrapolated, and says so)
    fill     the other pages get a copy of an OCRed page's result through Project.set_ocr
             (in this process: the one write path, as an import would)
    gui      corrigenda gui PROJECT --screenshot (offscreen: opens, shows the first page, quits)
    flag     corrigenda flag PROJECT
    export   corrigenda export --format X, for every registered exporter
    verify   corrigenda verify PROJECT

The same is done at 500 pages first, and the ratio of each stage's time (2,000 / 500) is
printed: about 4 is linear, about 16 quadratic. Targets: every stage under 1 GB, no stage
far above linear.

    python bench/big_collection.py [--pages 2000] [--small 500] [--ocr-pages 40] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))

from corrigenda.formats import EXPORTERS  # noqa: E402
from corrigenda.store import Project, Source  # noqa: E402

LIMIT_MB = 1024
SAMPLE = ROOT / "samples" / "memorandum"


@dataclass
class Stage:
    name: str
    seconds: float
    peak_mb: float
    note: str = ""
    fixed: float | None = None  # the time of the same command on one page (start-up, opening)


def sample_lines() -> list[str]:
    lines = []
    for path in sorted(SAMPLE.glob("*.gt.txt")):
        lines += [line.strip() for line in path.read_text().splitlines() if line.strip()]
    return [line[:60] for line in lines]


def make_pages(folder: Path, count: int) -> None:
    lines = sample_lines()
    font = ImageFont.load_default(size=28)
    for n in range(1, count + 1):
        image = Image.new("L", (1000, 300), 255)
        draw = ImageDraw.Draw(image)
        for row in range(4):
            text = lines[(n * 4 + row) % len(lines)]
            draw.text((30, 30 + 62 * row), f"{text} {n}" if row == 3 else text, fill=0, font=font)
        image.save(folder / f"page-{n:05d}.png", dpi=(300, 300))


def run(argv: list[str], name: str, cwd: Path, note: str = "") -> Stage:
    """Run one `corrigenda` command; its time and peak resident memory."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "app"))
    command = [sys.executable, "-m", "corrigenda", *argv]
    with open(cwd / f"{name}.out", "wb") as out, open(cwd / f"{name}.err", "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = (cwd / f"{name}.err").read_text(errors="replace")[-800:]
        sys.exit(f"{name} failed ({process.returncode}): {tail}")
    return Stage(name, seconds, usage.ru_maxrss / 1024, note)


def fill_ocr(path: Path, done: int) -> Stage:
    """Give every page not OCRed the OCR result of an OCRed one (pages 1..done cycled)."""
    import resource

    start = time.perf_counter()
    with Project.open(path) as project:
        infos = project.pages()
        runs = [project.ocr_run(info.id) for info in infos[:done]]
        for i, info in enumerate(infos[done:]):
            run = runs[i % done]
            assert run is not None
            project.set_ocr(info.id, run, Source("import", {"file": "bench-copy"}))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Stage(
        "fill", time.perf_counter() - start, peak, "this bench's own process (peak so far)"
    )


def collection(pages: int, ocr_pages: int, jobs: int, work: Path) -> list[Stage]:
    folder = work / "scans"
    folder.mkdir()
    start = time.perf_counter()
    make_pages(folder, pages)
    print(f"  {pages} page images made in {time.perf_counter() - start:.0f} s", flush=True)
    project = work / "big.corrigenda"
    stages = [run(["new", str(project), str(folder)], "create", work)]
    ocr = run(["ocr", str(project), "--pages", f"1-{ocr_pages}", "--jobs", str(jobs)], "ocr", work)
    whole = ocr.seconds * pages / ocr_pages
    ocr.note = f"{ocr_pages} pages; all {pages} would take about {whole / 60:.0f} min"
    stages.append(ocr)
    stages.append(fill_ocr(project, ocr_pages))
    shot = work / "gui.png"
    stages.append(run(["gui", str(project), "--screenshot", str(shot)], "gui", work))
    stages.append(run(["flag", str(project)], "flag", work))
    flags = sum(1 for _ in (work / "flag.out").open(errors="replace"))
    stages[-1].note = f"{flags} lines of output"
    for name, exporter in sorted(EXPORTERS.items()):
        out = work / f"export{exporter.suffix}"
        argv = ["export", str(project), "--format", name, "-o", str(out)]
        one = run([*argv, "--pages", "1"], f"export {name} 1", work)
        stage = run(argv, f"export {name}", work)
        stage.fixed = one.seconds
        stage.note = f"{out.stat().st_size / 1e6:.1f} MB; one page alone {one.seconds:.1f} s"
        stages.append(stage)
        out.unlink()
    stages.append(run(["verify", str(project)], "verify", work))
    stages[-1].note = f"project file {project.stat().st_size / 1e6:.0f} MB"
    return stages


def show(pages: int, stages: list[Stage]) -> None:
    print(f"{pages} pages:")
    for s in stages:
        over = "  OVER 1 GB" if s.peak_mb > LIMIT_MB else ""
        note = f"  ({s.note})" if s.note else ""
        print(f"  {s.name:<14} {s.seconds:8.1f} s  peak {s.peak_mb:6.0f} MB{over}{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--ocr-pages", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    results: dict[int, list[Stage]] = {}
    for pages in (args.small, args.pages):
        with tempfile.TemporaryDirectory(prefix="corrigenda-big-") as tmp:
            print(f"running {pages} pages...", flush=True)
            results[pages] = collection(pages, args.ocr_pages, args.jobs, Path(tmp))
        show(pages, results[pages])
    linear = args.pages / args.small
    print(
        f"time ratio {args.pages} / {args.small} pages (linear = {linear:.0f}, quadratic = "
        f"{linear**2:.0f}; the OCR stage does {args.ocr_pages} pages at both sizes; for exports "
        "also the ratio of the time beyond exporting one page):"
    )
    worst = 0.0
    for small, big in zip(results[args.small], results[args.pages]):
        ratio = big.seconds / small.seconds
        extra = ""
        if small.fixed is not None and big.fixed is not None:
            beyond = (big.seconds - big.fixed) / max(small.seconds - small.fixed, 0.05)
            extra = f"   beyond one page {beyond:5.1f}"
        if small.name != "ocr":
            worst = max(worst, ratio)
        print(f"  {small.name:<14} {ratio:5.1f}{extra}")
    peak = max(s.peak_mb for s in results[args.pages])
    print(
        f"peak memory of any stage: {peak:.0f} MB (limit {LIMIT_MB} MB); "
        f"worst time ratio {worst:.1f}"
    )


if __name__ == "__main__":
    main()
