#!/usr/bin/env python3
"""Flagging speed: a synthetic 1,000-page document (~300 words a page, ~3 % OCR-style errors)
against a 100,000-entry name list and the full English lexicon.

Prints the time to build the context (lexicon, name index, collation), to flag everything,
words per second, and the time to re-flag one edited line (median and worst of 200).
The synthetic document is made in a child process: making it reads the lexicon, and a lexicon
already in memory here would leave its loading out of the clock that claims to include it.
Usage: python bench/flag_speed.py [--pages 1000] [--names 100000]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from corrigenda.checks import Flagger, build_context, parse_name_list
from corrigenda.checks.lexicon import load_lexicon
from corrigenda.model import Document, Line, Page, Word

CONFUSIONS = [("e", "c"), ("m", "rn"), ("l", "1"), ("i", "l"), ("o", "0"), ("h", "li")]


def synthetic(pages: int, names: int, seed: int = 7) -> tuple[Document, str]:
    rng = random.Random(seed)
    lexicon = load_lexicon()
    common = sorted(lexicon.counts, key=lexicon.counts.__getitem__, reverse=True)[:20000]
    weights = [lexicon.counts[w] ** 0.5 for w in common]
    first = [w.capitalize() for w in common[5000:8000]]
    last = [w.capitalize() + "son" for w in common[8000:20000]]
    # Sorted: a set's order changes with string hashing, and so would the document.
    name_lines = sorted({f"{rng.choice(first)} {rng.choice(last)}" for _ in range(names * 2)})
    name_text = "\n".join(name_lines[:names])
    people = name_lines[:2000]
    doc_pages = []
    for p in range(pages):
        words = rng.choices(common, weights, k=300)
        for k in range(0, 300, 60):  # a few names per page
            words[k : k + 2] = rng.choice(people).split()
        for k in range(len(words)):
            if rng.random() < 0.03:
                a, b = rng.choice(CONFUSIONS)
                words[k] = words[k].replace(a, b, 1)
        lines = tuple(
            Line(
                n + 1,
                tuple(Word(i + 1, w) for i, w in enumerate(words[s : s + 10])),
                None,
                0,
                n // 6,
            )
            for n, s in enumerate(range(0, len(words), 10))
        )
        doc_pages.append(Page(p + 1, p + 1, f"p{p + 1}.png", 1, 1, None, lines))
    return Document("synthetic", tuple(doc_pages)), name_text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--names", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2, help="flagging processes (the goal: 2)")
    args = ap.parse_args()
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing loaded here
    with ProcessPoolExecutor(1, mp_context=spawn) as maker:
        document, name_text = maker.submit(synthetic, args.pages, args.names).result()
    assert load_lexicon.cache_info().currsize == 0, "the lexicon must load inside the clock"
    maker_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)  # not the flagging workers' time
    words = sum(len(line.words) for page in document.pages for line in page.lines)
    t0, c0 = time.perf_counter(), time.process_time()
    lists = [parse_name_list(name_text, "synthetic")]
    context, _ = build_context(document, {}, lists)
    t1 = time.perf_counter()
    flagger = Flagger(document, context)
    flags = flagger.flag_document(workers=args.workers)
    t2, c2 = time.perf_counter(), time.process_time()
    print(
        f"{len(document.pages)} pages, {words} words, {len(lists[0].entries)} names, "
        f"{len(flags)} flags"
    )
    print(
        f"context (lists, lexicon, index, collation) {t1 - t0:.2f} s; flagging {t2 - t1:.2f} s;"
        f" total {t2 - t0:.2f} s; {words / (t2 - t0):,.0f} words/s"
    )
    # The machine is shared: CPU time says what the work costs when others load the cores.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = (children.ru_utime + children.ru_stime) - (
        maker_cpu.ru_utime + maker_cpu.ru_stime
    )
    print(
        f"CPU time: this process {c2 - c0:.2f} s, flagging workers "
        f"{workers_cpu:.2f} s (workers: {args.workers}); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    rng = random.Random(1)
    times = []
    for _ in range(200):
        page = rng.choice(document.pages)
        line = rng.choice(page.lines)
        edited = Line(
            line.id,
            (*line.words[:-1], Word(99, line.words[-1].text + "x")),
            None,
            line.block,
            line.paragraph,
        )
        start = time.perf_counter()
        flagger.update_line(page.id, edited)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"re-flag one edited line: median {statistics.median(times):.2f} ms, "
        f"worst {max(times):.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
