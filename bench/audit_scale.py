"""Audit trail at archive scale: verify, per-page review listing and event append times.

Builds a project of synthetic pages (no Tesseract), appends N line edits (default 100,000)
through the one write path, then prints:
  - verify over all events (goal: under 5 s), and the quick verify an export runs first,
  - listing one page's edits for review, with diffs against OCR and approved state (< 100 ms),
  - what appending the hash-chained event adds to one edit (< 2 ms).

    .venv/bin/python bench/audit_scale.py [--events 100000] [--pages 50] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corrigenda.model import BBox, Line, OcrRun, PageImage, Word
from corrigenda.review.edits import EditFilter, list_edits
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

VOCAB = [
    "the",
    "General",
    "Secretary",
    "said",
    "I.I.",
    "L.I.",
    "Brezhnev",
    "rnessage",
    "message",
    "Moscow",
    "Vladivostok",
    "1974",
    "agreement",
    "strategic",
    "arms",
    "of",
]


def synthetic_run(rng: random.Random, lines: int) -> OcrRun:
    out, word_id = [], 1
    for n in range(lines):
        words = []
        for k in range(10):
            words.append(
                Word(
                    word_id, rng.choice(VOCAB), BBox(k * 90, n * 40, k * 90 + 80, n * 40 + 30), 85.0
                )
            )
            word_id += 1
        out.append(Line(n + 1, tuple(words), BBox(0, n * 40, 900, n * 40 + 30), 0, n // 8))
    return OcrRun("synthetic", "0", "eng", {}, "", tuple(out))


def build(path: Path, pages: int, events: int, seed: int) -> None:
    rng = random.Random(seed)
    data = b"synthetic page image"
    images = [
        PageImage(
            f"p{n:04}.png",
            data + bytes([n % 256]),
            "PNG",
            1000,
            1400,
            300,
            hashlib.sha256(data + bytes([n % 256])).hexdigest(),
        )
        for n in range(pages)
    ]
    with Project.create(path, images, actor="bench") as project:
        infos = project.pages()
        texts: dict[tuple[int, int], str] = {}
        for info in infos:
            run = synthetic_run(rng, 40)
            project.set_ocr(info.id, run, Source("ocr"))
            texts.update({(info.id, line.id): line.text for line in run.lines})
        keys = list(texts)
        made, started = 0, time.perf_counter()
        actors = ["anna", "boris", "chen"]
        while made < events:
            batch = []
            for _ in range(min(200, events - made)):
                key = rng.choice(keys)
                words = texts[key].split()
                i = rng.randrange(len(words))
                roll = rng.random()
                if roll < 0.8 or len(words) < 6:
                    words[i] = rng.choice(VOCAB)
                elif roll < 0.9:
                    words.insert(i, rng.choice(VOCAB))
                else:
                    del words[i]
                new = " ".join(words)
                if any(e.page_id == key[0] and e.line_id == key[1] for e in batch):
                    continue
                batch.append(LineEdit(key[0], key[1], texts[key], new))
                texts[key] = new
            project.actor = actors[made // 200 % 3]
            project.edit_lines(batch, Source("keyboard"))
            made += len(batch)
        print(
            f"built {made} edits on {pages} pages in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )


def time_verify(path: Path) -> None:
    # CPU time beside wall time: the bench machine is shared, and load shows up only in the wall.
    for quick, what in ((False, "verify"), (True, "the check before an export (quick verify)")):
        started, cpu = time.perf_counter(), time.process_time()
        report = verify(path, quick=quick)
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert report.ok, report.first_problem
        print(
            f"{what}: {report.events} events, {report.pages} pages: {took:.2f} s wall, "
            f"{cpu:.2f} s CPU (goal < 5 s)"
        )


def time_listing(path: Path) -> None:
    with Project.open(path, readonly=True) as project:
        infos = project.pages()
        listing, with_diffs, cpu = [], [], []
        for info in infos[:10]:
            started, cpu_started = time.perf_counter(), time.process_time()
            edits = list_edits(project, EditFilter(pages=[info.number]))
            listing.append(time.perf_counter() - started)
            for edit in edits:
                edit.diff_ocr()
                edit.diff_approved()
            with_diffs.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
    print(
        f"list one page's edits ({len(edits)} edits on the page): median "
        f"{statistics.median(listing) * 1000:.1f} ms, max {max(listing) * 1000:.1f} ms; "
        f"with every word diff against the OCR and the approved state: median "
        f"{statistics.median(with_diffs) * 1000:.1f} ms wall, "
        f"{statistics.median(cpu) * 1000:.1f} ms CPU (goal < 100 ms)"
    )


def time_append(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    appends: list[float] = []
    with Project.open(path, actor="bench") as project:
        original = project._append

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                appends.append(time.perf_counter() - started)

        project._append = timed  # type: ignore[method-assign]
        info = project.pages()[0]
        edits: list[float] = []
        for _ in range(200):
            page = project.page(info.id)
            line = rng.choice(page.lines)
            words = line.text.split()
            words[rng.randrange(len(words))] = rng.choice(VOCAB)
            started = time.perf_counter()
            project.edit_lines(
                [LineEdit(info.id, line.id, line.text, " ".join(words))], Source("keyboard")
            )
            edits.append(time.perf_counter() - started)
        events = sum(1 for _ in project.events())
    print(
        f"one edit at {events} events: median {statistics.median(edits) * 1000:.2f} ms, of "
        f"which appending its event {statistics.median(appends) * 1000:.3f} ms "
        f"(p95 {sorted(appends)[int(len(appends) * 0.95)] * 1000:.3f} ms; goal < 2 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the project in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        path = folder / f"audit-{args.events}.corrigenda"
        if not path.exists():
            build(path, args.pages, args.events, args.seed)
        time_verify(path)
        time_listing(path)
        time_append(path, args.seed)


if __name__ == "__main__":
    main()
