#!/usr/bin/env python3
"""Flagging quality: recall, precision, top-1/top-3 suggestions, CER before/after auto-fix.

Usage:
  python bench/flag_quality.py                      # the sample (OCRed here with Tesseract)
  python bench/flag_quality.py OCR_DIR GT_DIR       # NAME*.txt OCR output + NAME.gt.txt truth
      e.g. ../shared/data/oldbooks-pages/ocr-tesseract-2017-txt ../shared/data/oldbooks-pages/gt
  python bench/flag_quality.py IMAGE_DIR            # images + NAME.gt.txt: OCRed here (--psm)
      e.g. ../shared/data/uw3-lines/lines --psm 7
      ../shared/data/oldbooks-pages/images --gt ../shared/data/oldbooks-pages/gt --only a020,c023
      ... --ocr-from ../shared/data/oldbooks-pages/ocr-ocropus-hocr   (their real OCR output)
  options: --names FILE (repeatable), --threshold 0.8 (auto-fix), --psm N, --gt DIR, --only

A word is wrong when the OCR token differs from the ground truth after alignment
(corrigenda.align; quotes, dashes, ligatures and long s normalised, TeX quotes in the
ground truth read as quotes, line-end hyphens joined). Recall: wrong
words under a flag. Precision: flags over a wrong word. Suggestions count as right when the
first (top-1) or one of the first three (top-3) gives the ground truth's words.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

from corrigenda.align import Block, align
from corrigenda.checks import Flag, Flagger, build_context, read_name_list
from corrigenda.checks.decisions import best_first_suggestions, replace_in_line
from corrigenda.evaluation import Score, score
from corrigenda.model import Document, Line, Page, Word

ROOT = Path(__file__).resolve().parents[1]
# Typographic forms the ground truth writes plainly: quotes, dashes, ligatures, long s.
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
    """The ground truth normalised; UW3 writes typographic double quotes as TeX's `` and ''."""
    return norm(text.replace("``", '"').replace("''", '"'))


def text_page(number: int, name: str, text: str) -> Page:
    lines, paragraph = [], 0
    for raw in text.splitlines():
        if not raw.strip():
            paragraph += 1
            continue
        words = tuple(Word(i + 1, t) for i, t in enumerate(raw.split()))
        lines.append(Line(len(lines) + 1, words, None, 0, paragraph))
    return Page(number, number, name, 1000, 1000, None, tuple(lines))


def sample_document(
    psm: int, folder: Path, ocr_from: list[Path] = ()
) -> tuple[Document, list[str]]:
    """OCR the folder's images with the project's pipeline (or import `ocr_from` files)."""
    from corrigenda.cli import main
    from corrigenda.store import Project

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.corrigenda"
        imported = [arg for f in ocr_from for arg in ("--ocr-from", str(f))]
        if main(["new", str(path), str(folder), "--psm", str(psm), *imported]) not in (0, 5):
            sys.exit("cannot create the project")
        if not ocr_from:
            main(["ocr", str(path)])
        with Project.open(path, readonly=True) as project:
            document = project.document()
    truths = [
        (folder / (Path(p.name).stem + ".gt.txt")).read_text(encoding="utf-8")
        for p in document.pages
    ]
    return document, truths


def text_document(ocr_dir: Path, gt_dir: Path) -> tuple[Document, list[str]]:
    pages, truths = [], []
    for gt in sorted(gt_dir.glob("*.gt.txt")):
        stem = gt.name[: -len(".gt.txt")]
        found = sorted(ocr_dir.glob(stem + "*.txt"))
        if not found:
            continue
        pages.append(text_page(len(pages) + 1, found[0].name, found[0].read_text("utf-8")))
        truths.append(gt.read_text(encoding="utf-8"))
    return Document("bench", tuple(pages)), truths


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
            ):
                prev = tokens.pop()
                tok = (prev[0][:-1] + tok[0], prev[1], tok[2])
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


def evaluate(document: Document, truths: list[str], flags: list[Flag]) -> dict[str, float]:
    wrong = total_flags = flagged_wrong = on_wrong = top1 = top3 = judged = 0
    by_page: dict[int, list[Flag]] = {}
    for flag in flags:
        by_page.setdefault(flag.page_id, []).append(flag)
    for page, truth in zip(document.pages, truths):
        tokens = page_tokens(page)
        gt = [norm_truth(t) for t in truth.split()]
        expected: dict[int, str] = {}  # wrong token index -> the truth for its block
        blocks = merged_blocks(align([norm(t[0]) for t in tokens], gt))
        for block in blocks:
            if block.tag in ("replace", "delete"):
                for i in range(block.a0, block.a1):
                    expected[i] = (
                        " ".join(gt[block.b0 : block.b1]) if block.a1 - block.a0 == 1 else ""
                    )
        wrong += len(expected)
        flags_here = by_page.get(page.id, [])
        covered: set[int] = set()
        for flag in flags_here:
            hit = [i for i, t in enumerate(tokens) if t[1] < flag.end and flag.start < t[2]]
            total_flags += 1
            bad = [i for i in hit if i in expected]
            covered.update(bad)
            if bad:
                on_wrong += 1
                if len(hit) == 1 and expected[hit[0]] and tokens[hit[0]][1] == flag.start:
                    judged += 1
                    truth_text = expected[hit[0]]
                    tails = tokens[hit[0]][0][flag.end - flag.start :]
                    options = [norm(s + tails) for s in flag.suggestions]
                    top1 += bool(options[:1] == [truth_text])
                    top3 += truth_text in options[:3]
        flagged_wrong += len(covered)
    return {
        "wrong": wrong,
        "flags": total_flags,
        "recall": flagged_wrong / wrong if wrong else 1.0,
        "precision": on_wrong / total_flags if total_flags else 1.0,
        "top1": top1 / judged if judged else 0.0,
        "top3": top3 / judged if judged else 0.0,
        "judged": judged,
    }


def auto_fix(document: Document, flags: list[Flag], threshold: float) -> Document:
    chosen: dict[tuple[int, int], list[tuple[Flag, str]]] = {}
    for flag, fix in best_first_suggestions(flags, threshold):  # what `fix` applies
        chosen.setdefault((flag.page_id, flag.line_id), []).append((flag, fix))
    pages = []
    for page in document.pages:
        _, spans = page.layout()
        starts = {s.line_id: s.start for s in spans}
        lines = []
        for line in page.lines:
            items = chosen.get((page.id, line.id))
            text = replace_in_line(line.text, starts[line.id], items) if items else line.text
            words = tuple(Word(i + 1, t) for i, t in enumerate(text.split()))
            lines.append(Line(line.id, words, None, line.block, line.paragraph))
        pages.append(Page(page.id, page.number, page.name, 1, 1, None, tuple(lines)))
    return Document(document.title, tuple(pages))


def page_scores(document: Document, truths: list[str]) -> list[Score]:
    return [
        score(norm(" ".join(t for t, _, _ in page_tokens(page))), norm_truth(truth))
        for page, truth in zip(document.pages, truths)
    ]


def cer(scores: list[Score]) -> float:
    return sum(scores[1:], scores[0]).cer if scores else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--names", action="append", default=[])
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--psm", type=int, default=3)
    ap.add_argument("--gt", help="the folder of NAME.gt.txt files, if not beside the images")
    ap.add_argument("--only", help="these image names only (comma-separated, no suffix)")
    ap.add_argument(
        "--ocr-from",
        metavar="DIR",
        help="import NAME.* OCR files (hOCR, ALTO, PAGE) instead of running OCR",
    )
    args = ap.parse_args()
    names = args.names or ([str(ROOT / "samples" / "names.txt")] if not args.inputs else [])
    if not args.inputs:
        label = "sample"
        document, truths = sample_document(args.psm, ROOT / "samples" / "memorandum")
    elif len(args.inputs) == 2:
        label = args.inputs[0]
        document, truths = text_document(Path(args.inputs[0]), Path(args.inputs[1]))
    else:
        label = args.inputs[0]
        with tempfile.TemporaryDirectory() as tmp:  # images and truths side by side
            images = sorted(Path(args.inputs[0]).glob("*.png"))
            if args.only:
                images = [i for i in images if i.name.split(".")[0] in args.only.split(",")]
            ocr_from: list[Path] = []
            for image in images:
                stem = image.name.split(".")[0]
                gt = (Path(args.gt) if args.gt else image.parent) / (stem + ".gt.txt")
                found = sorted(Path(args.ocr_from).glob(stem + ".*")) if args.ocr_from else []
                if gt.exists() and (found or not args.ocr_from):
                    shutil.copy(image, Path(tmp) / (stem + ".png"))
                    shutil.copy(gt, Path(tmp) / gt.name)
                    ocr_from += found[:1]
            document, truths = sample_document(args.psm, Path(tmp), ocr_from)
    lists = [read_name_list(Path(n)) for n in names]
    context, _ = build_context(document, {}, lists)
    flags = Flagger(document, context).flag_document()
    r = evaluate(document, truths, flags)
    fixed = auto_fix(document, flags, args.threshold)
    scores, fixed_scores = page_scores(document, truths), page_scores(fixed, truths)
    before, after = cer(scores), cer(fixed_scores)
    changed = [(a.cer, b.cer) for a, b in zip(scores, fixed_scores) if a.cer != b.cer]
    print(f"{label}: {len(document.pages)} pages, {r['wrong']} wrong words, {r['flags']} flags")
    print(
        f"  recall {r['recall']:.3f}  precision {r['precision']:.3f}  "
        f"top-1 {r['top1']:.3f}  top-3 {r['top3']:.3f}  (suggestions judged on {r['judged']})"
    )
    print(f"  CER before {before:.4%}  after fix --accept-above {args.threshold} {after:.4%}")
    print(
        f"  pages the fix changed: {len(changed)}; CER lower on "
        f"{sum(b < a for a, b in changed)}, higher on {sum(b > a for a, b in changed)}"
    )
    brezhnev = [f for f in flags if f.text in ("I.I. Brezhnev", "1.I. Brezhnev")]
    if brezhnev:
        tops = {f.suggestions[0] if f.suggestions else None for f in brezhnev}
        print(
            f"  'I.I. Brezhnev' flags: {len(brezhnev)}, top-1 {sorted(map(str, tops))}, "
            f"scores {sorted(round(f.score, 2) for f in brezhnev)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
