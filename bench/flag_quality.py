#!/usr/bin/env python3
"""Flagging quality, development and report-only pages apart (see bench/flag_sets.py).

Usage:
  python bench/flag_quality.py                         # every set found
  python bench/flag_quality.py --sets oldbooks-tess2017,sample
  python bench/flag_quality.py --set degraded=DIR:memorandum   # images + NAME.gt.txt,
      OCRed here (made by bench/degraded_pages.py; after the colon, the development documents)
  options: --data DIR (../shared/data), --cache DIR (OCR made here is kept),
           --threshold 0.8 (auto-fix), --bands (first-suggestion accuracy by score band,
           per kind), --misses N (print N missed words, N damaging flags, N wrong first
           suggestions and N flags on right words, development only),
           --side development (only that side's documents: what a tuning run looks at),
           --by-check (precision and first-suggestion figures per check and kind)

Each set is split BY DOCUMENT (a book, the memorandum): tune only on development pages.
A word is wrong when its OCR token differs from the ground truth after alignment
(corrigenda.align; quotes, dashes, ligatures and long s normalised, TeX quotes read as
quotes, line-end hyphens joined). Recall: wrong words under a flag. Precision: flags over a
wrong word (also printed without flags on the layout, page numbers and handwriting). Top-1/
top-3: the first / one of the first three suggestions gives the truth (layout flags, which
offer no word, are not judged). `--calibrate` prints checks/calibration.py's table from the
development pages.
Auto-fix applies what `fix --accept-above T` applies; "damaged" counts correct words it
changed. Score bands: of the flags with a suggestion scoring in a band, how often the first
suggestion was right (a calibrated score matches its band); a flag on part of a stretch the
alignment cannot split word for word is left out (it cannot be judged).
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from flag_sets import (
    ROOT,
    BenchDocument,
    degraded_set,
    image_set,
    oldbooks_sets,
    sample_set,
    uw3_set,
)

from corrigenda.align import Block, align
from corrigenda.checks import Flag, Flagger, build_context, calibration, read_name_list
from corrigenda.checks.flag_decisions import best_first_suggestions, replace_in_line
from corrigenda.evaluation import Score, score
from corrigenda.model import Document, Line, Page, Word

SETS = ("sample", "oldbooks-tess2017", "oldbooks-ocropus", "oldbooks-ours", "uw3", "degraded")
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\n(?=\w)")


def _joined(text: str) -> str:
    """Line-end hyphens joined as page_tokens joins them (the hyphen kept before a capital
    after small letters, or a digit)."""

    def join(m: re.Match[str]) -> str:
        head = text[: m.start()].rsplit(None, 1)[-1]
        after = text[m.end() : m.end() + 1]
        kept = after.isdigit() or (after.isupper() and not head.isupper())
        return "-" if kept else ""

    return _LINE_END_HYPHEN.sub(join, text)


LAYOUT_KINDS = ("page-number", "handwriting")  # flags on the page's layout, not its words
BANDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
_NORM = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "—": "-",
        "–": "-",
        "ſ": "s",
        "ﬁ": "fi",
        "ﬂ": "fl",
        "ﬀ": "ff",
        "ﬃ": "ffi",
        "ﬄ": "ffl",
        "ﬅ": "st",
        "ﬆ": "st",
    }
)


def norm(token: str) -> str:
    return token.translate(_NORM)


def norm_truth(text: str) -> str:
    return norm(text.replace("``", '"').replace("''", '"'))


@dataclass
class Tally:
    """Counts of one set's side, added over its documents."""

    pages: int = 0
    words: int = 0
    wrong: int = 0
    covered: int = 0
    flags: int = 0
    on_wrong: int = 0
    judged: int = 0
    top1: int = 0
    top3: int = 0
    damaged: int = 0
    fixed: int = 0
    seconds: float = 0.0
    foreign: int = 0  # pages noted as in another language than the lexicon's
    page_numbers: int = 0  # page-number flags (the oldbooks truth keeps page numbers)
    page_numbers_on_wrong: int = 0
    before: Score = field(default_factory=Score)
    after: Score = field(default_factory=Score)
    bands: dict[tuple[str, int], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )
    raw: dict[str, list[list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: [[0, 0] for _ in calibration.BANDS])
    )
    misses: list[str] = field(default_factory=list)
    damages: list[str] = field(default_factory=list)
    wrong_first: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    # check/kind -> [flags, on a wrong word, judged, first right, one of three right]
    by_check: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0] * 5))


def page_tokens(page: Page) -> list[tuple[str, int, int]]:
    """(token, start, end) over the page's text, line-end hyphenations joined."""
    text, spans = page.layout()
    tokens: list[tuple[str, int, int]] = []
    for span in spans:
        for m in re.finditer(r"\S+", text[span.start : span.end]):
            tok = (m.group(), span.start + m.start(), span.start + m.end())
            if (
                tokens
                and tokens[-1][0].endswith("-")
                and tokens[-1][0][:-1].isalpha()
                and text[tokens[-1][2]] == "\n"
                and tok[0][:1].isalnum()
            ):
                # Joined as the text export joins them: the hyphen kept before a capital
                # or a digit ("anti-Semitic", "pre-1914").
                prev = tokens.pop()
                kept = tok[0][:1].isdigit() or (tok[0][:1].isupper() and not prev[0].isupper())
                head = prev[0] if kept else prev[0][:-1]
                tok = (head + tok[0], prev[1], tok[2])
            tokens.append(tok)
    return tokens


def merged_blocks(blocks: list[Block]) -> list[Block]:
    """Adjacent differences as one block: "ofthe" against "of" + "the" is one replacement."""
    merged: list[Block] = []
    for block in blocks:
        if merged and block.tag != "equal" and merged[-1].tag != "equal":
            last = merged.pop()
            block = Block("replace", last.a0, block.a1, last.b0, block.b1)
        merged.append(block)
    return merged


def band(score_: float) -> int:
    return next(i for i in range(len(BANDS) - 1) if score_ < BANDS[i + 1])


def evaluate_page(
    page: Page, truth: str, flags: list[Flag], fixes: set[int], tally: Tally, keep: int
) -> None:
    """Add one page's figures; `fixes` holds the ids of the flags auto-fix applies."""
    text = page.layout()[0]
    tokens = page_tokens(page)
    gt = [norm_truth(t) for t in truth.split()]
    expected: dict[int, str] = {}  # wrong token index -> the truth for its block ("" if several)
    spans: dict[int, tuple[int, int, int, int]] = {}  # token -> (a0, a1, b0, b1) of its block
    for block in merged_blocks(align([norm(t[0]) for t in tokens], gt)):
        for i in range(block.a0, block.a1):
            if block.tag == "equal":
                at = block.b0 + i - block.a0
                spans[i] = (i, i + 1, at, at + 1)
            elif block.tag == "replace" and block.a1 - block.a0 == block.b1 - block.b0:
                # As many words on both sides: word for word ("pcrfcctly hidcous").
                at = block.b0 + i - block.a0
                spans[i] = (i, i + 1, at, at + 1)
                expected[i] = gt[at]
            else:
                spans[i] = (block.a0, block.a1, block.b0, block.b1)
                one = block.a1 - block.a0 == 1
                expected[i] = " ".join(gt[block.b0 : block.b1]) if one else ""
    tally.pages += 1
    tally.words += len(tokens)
    tally.wrong += len(expected)
    covered: set[int] = set()
    for flag in flags:
        hit = [i for i, t in enumerate(tokens) if t[1] < flag.end and flag.start < t[2]]
        bad = [i for i in hit if i in expected]
        covered.update(bad)
        tally.flags += 1
        tally.on_wrong += bool(bad)
        row = tally.by_check[f"{flag.check}/{flag.kind}"]
        row[0] += 1
        row[1] += bool(bad)
        if not bad and len(tally.false) < keep:
            tally.false.append(
                f"{page.name}: {flag.check}/{flag.kind} {flag.score:.2f} {flag.text!r} -> "
                f"{flag.suggestions[:2]!r} ({flag.explanation})"
            )
        if flag.kind in LAYOUT_KINDS:
            tally.page_numbers += 1
            tally.page_numbers_on_wrong += bool(bad)
        right = bool(flag.suggestions) and first_right(flag, text, hit, tokens, gt, spans)
        if bad and whole_blocks(hit, spans) and flag.kind not in LAYOUT_KINDS:
            tally.judged += 1
            tally.top1 += right
            row[2] += 1
            row[3] += right
            if not right and len(tally.wrong_first) < keep:
                truth = " ".join(expected.get(i, tokens[i][0]) for i in hit)
                tally.wrong_first.append(
                    f"{page.name}: {flag.kind} {flag.score:.2f} {flag.text!r} -> "
                    f"{flag.suggestions[:3]!r} (truth {truth!r}; {flag.explanation})"
                )
            three = any(
                first_right(flag, text, hit, tokens, gt, spans, k)
                for k in range(len(flag.suggestions[:3]))
            )
            tally.top3 += three
            row[4] += three
        if flag.suggestions and hit and (not bad or whole_blocks(hit, spans)):
            counts = tally.bands[(flag.kind, band(flag.score))]
            counts[0] += 1
            counts[1] += right
            own = flag.extra.get("own", flag.score)
            cell = tally.raw[calibration.key(flag)][calibration.band(own)]
            cell[0] += 1
            cell[1] += right
        if id(flag) in fixes:
            tally.fixed += 1
            damaged = [] if right else changed(flag, text, hit, tokens, set(expected))
            tally.damaged += len(damaged)
            if damaged and len(tally.damages) < keep:
                tally.damages.append(
                    f"{page.name}: {flag.kind} {flag.score:.2f} {flag.text!r} -> "
                    f"{flag.suggestions[0]!r} ({flag.explanation})"
                )
    for i in sorted(set(expected) - covered):
        if len(tally.misses) < keep:
            tally.misses.append(f"{page.name}: {tokens[i][0]!r} (truth {expected[i]!r})")
    tally.covered += len(covered)


def whole_blocks(hit: list[int], spans: dict[int, tuple[int, int, int, int]]) -> bool:
    """The flag covers whole aligned blocks: its tokens can be judged against the truth."""
    return bool(hit) and all(set(range(spans[i][0], spans[i][1])) <= set(hit) for i in hit)


def changed(
    flag: Flag, text: str, hit: list[int], tokens: list[tuple[str, int, int]], wrong: set[int]
) -> list[int]:
    """The correct tokens under a flag that its first suggestion changes ("L.I, Brezhnev" ->
    "L.I. Brezhnev" changes the first token only); all of them if it changes their number."""
    right = [i for i in hit if i not in wrong]
    start, end = tokens[hit[0]][1], tokens[hit[-1]][2]
    fixed = text[start : flag.start] + flag.suggestions[0] + text[flag.end : end]
    fixed = _joined(fixed).split()
    if len(fixed) != len(hit):
        return right
    return [i for i, new in zip(hit, fixed) if i in right and new != tokens[i][0]]


def first_right(
    flag: Flag,
    text: str,
    hit: list[int],
    tokens: list[tuple[str, int, int]],
    gt: list[str],
    spans: dict[int, tuple[int, int, int, int]],
    k: int = 0,
) -> bool:
    """Whether suggestion `k`, put in place of the flag's text, gives the truth's words."""
    if not whole_blocks(hit, spans) or k >= len(flag.suggestions):
        return False
    start, end = tokens[hit[0]][1], tokens[hit[-1]][2]
    fixed = text[start : flag.start] + flag.suggestions[k] + text[flag.end : end]
    fixed = _joined(fixed)
    truth = gt[min(spans[i][2] for i in hit) : max(spans[i][3] for i in hit)]
    return norm(fixed).split() == truth


def auto_fix(document: Document, chosen: list[tuple[Flag, str]]) -> Document:
    by_line: dict[tuple[int, int], list[tuple[Flag, str]]] = {}
    for flag, fix in chosen:
        by_line.setdefault((flag.page_id, flag.line_id), []).append((flag, fix))
    pages = []
    for page in document.pages:
        starts = {s.line_id: s.start for s in page.layout()[1]}
        lines = []
        for line in page.lines:
            items = by_line.get((page.id, line.id))
            text = replace_in_line(line.text, starts[line.id], items) if items else line.text
            words = tuple(Word(i + 1, t) for i, t in enumerate(text.split()))
            lines.append(Line(line.id, words, None, line.block, line.paragraph))
        pages.append(Page(page.id, page.number, page.name, 1, 1, None, tuple(lines)))
    return Document(document.title, tuple(pages))


def page_score(page: Page, truth: str) -> Score:
    return score(norm(" ".join(t for t, _, _ in page_tokens(page))), norm_truth(truth))


def run_document(
    item: BenchDocument, threshold: float, tally: Tally, keep: int, raw: bool = False
) -> None:
    lists = [read_name_list(n) for n in item.names]
    started = time.perf_counter()
    context, _ = build_context(item.document, {}, lists)
    context.calibrated = not raw
    flagger = Flagger(item.document, context)
    flags = flagger.flag_document()
    tally.seconds += time.perf_counter() - started
    tally.foreign += len(flagger.notes())
    chosen = best_first_suggestions(flags, threshold)
    fixes = {id(f) for f, _ in chosen}
    fixed = auto_fix(item.document, chosen)
    by_page: dict[int, list[Flag]] = defaultdict(list)
    for flag in flags:
        by_page[flag.page_id].append(flag)
    for page, after, truth in zip(item.document.pages, fixed.pages, item.truths):
        evaluate_page(page, truth, by_page[page.id], fixes, tally, keep)
        tally.before += page_score(page, truth)
        tally.after += page_score(after, truth)


def report(label: str, side: str, t: Tally, threshold: float, bands: bool) -> None:
    recall = t.covered / t.wrong if t.wrong else 1.0
    precision = t.on_wrong / t.flags if t.flags else 1.0
    correct = t.words - t.wrong
    print(f"{label} [{side}]: {t.pages} pages, {t.words} words, {t.wrong} wrong, {t.flags} flags")
    print(
        f"  recall {recall:.3f}  precision {precision:.3f}  top-1 "
        f"{t.top1 / t.judged if t.judged else 0:.3f}  top-3 "
        f"{t.top3 / t.judged if t.judged else 0:.3f}  (suggestions judged on {t.judged})"
    )
    lower = 1 - t.after.cer / t.before.cer if t.before.cer else 0.0
    rate = f"1 in {correct // t.damaged}" if t.damaged else "none"
    print(
        f"  CER {t.before.cer:.3%} -> {t.after.cer:.3%} after fix --accept-above {threshold}"
        f" ({lower:+.1%} lower); {t.fixed} fixes, {t.damaged} correct words damaged ({rate})"
    )
    if t.page_numbers:
        rest = t.flags - t.page_numbers
        kept = (t.on_wrong - t.page_numbers_on_wrong) / rest if rest else 1.0
        print(
            f"  precision without its {t.page_numbers} page-number and handwriting flags "
            f"{kept:.3f} (flags on the layout, not on words; a truth that keeps page numbers "
            "counts them false)"
        )
    print(f"  flagging took {t.seconds:.2f} s; pages taken for another language: {t.foreign}")
    kinds = sorted({k for k, _ in t.bands}) if bands else []
    for kind in ["all", *kinds]:
        cells = []
        for b in range(len(BANDS) - 1):
            n = right = 0
            for (k, i), (count, ok) in t.bands.items():
                if i == b and kind in ("all", k):
                    n, right = n + count, right + ok
            if n:
                cells.append(f"{BANDS[b]:.1f}+ {right}/{n}={right / n:.2f}")
        if cells:
            print(f"  first suggestion right by score ({kind}): " + "  ".join(cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default=",".join(SETS), help="which built-in sets (comma list)")
    ap.add_argument("--set", action="append", default=[], metavar="LABEL=DIR")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "corrigenda-bench")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--bands", action="store_true")
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument(
        "--by-check", action="store_true", help="precision and top-1/top-3 per check and kind"
    )
    ap.add_argument(
        "--side",
        choices=("development", "report-only"),
        help="only this side's documents (tuning runs: --side development)",
    )
    ap.add_argument(
        "--calibrate",
        action="store_true",
        help="flag with the checks' raw scores; print the calibration table that the "
        "development pages give (for checks/calibration.py)",
    )
    args = ap.parse_args()
    if not args.data.is_dir() and Path("/work/shared/data").is_dir():
        args.data = Path("/work/shared/data")
    which = set(args.sets.split(",")) if args.sets else set()
    documents: list[BenchDocument] = []
    if "sample" in which:
        documents += sample_set(args.cache)
    documents += oldbooks_sets(args.data, args.cache, which)
    if "uw3" in which:
        documents += uw3_set(args.data, args.cache)
    if "degraded" in which:
        documents += degraded_set(args.cache)
    for spec in args.set:
        label, _, rest = spec.partition("=")
        folder, _, docs = rest.partition(":")
        documents += image_set(label, Path(folder), args.cache, docs.split(",") if docs else None)
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    if args.side:
        documents = [item for item in documents if item.side == args.side]
    for item in documents:
        keep = args.misses if item.side == "development" else 0
        run_document(item, args.threshold, tallies[(item.set, item.side)], keep, args.calibrate)
    if args.calibrate:
        pooled: dict[str, list[list[int]]] = defaultdict(
            lambda: [[0, 0] for _ in calibration.BANDS]
        )
        for (_, side), tally in tallies.items():
            if side == "development":  # report-only pages never feed the calibration
                for key, cells in tally.raw.items():
                    for i, (n, right) in enumerate(cells):
                        pooled[key][i][0] += n
                        pooled[key][i][1] += right
        print("TABLE = {")
        for key, rates in calibration.fit(pooled).items():
            print(f"    {key!r}: {rates!r},")
        print("}")
    for (label, side), tally in sorted(tallies.items()):
        report(label, side, tally, args.threshold, args.bands)
        if args.by_check:
            for key, (n, on_wrong, judged, top1, top3) in sorted(tally.by_check.items()):
                print(
                    f"    {key}: {n} flags, {on_wrong} on wrong words; first right "
                    f"{top1}/{judged}, one of three {top3}/{judged}"
                )
        for line in tally.misses:
            print(f"    missed {line}")
        for line in tally.damages:
            print(f"    damaged {line}")
        for line in tally.wrong_first:
            print(f"    first wrong {line}")
        for line in tally.false:
            print(f"    false {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
