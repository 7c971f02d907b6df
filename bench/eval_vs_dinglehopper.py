"""`eval` against dinglehopper on every page pair of ../shared/data/oldbooks-pages.

Two sets of 77 pairs: the bundled Tesseract-2017 text files (scored by `evaluation.score`),
and the bundled OCRopus hOCR imported into a project and scored by the `eval` command, whose
page texts dinglehopper then scores from the exported text files. Each in both modes: lines
kept (dinglehopper's own reading of the files) and lines joined (dinglehopper's score of the
texts written on one line). Prints the largest difference in CER and WER, and, for scale, how
far the formula `eval` used before (whitespace collapsed, code points, words split at spaces)
was from dinglehopper.

Nothing is tuned here; the pages are still split by book into development books (a, c, d)
and report-only books (e, f, g, j), and the figures are printed for both.

    python bench/eval_vs_dinglehopper.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dinglehopper.character_error_rate import character_error_rate_n
from dinglehopper.ocr_files import extract
from dinglehopper.word_error_rate import word_error_rate_n, words_normalized
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))

from corrigenda.evaluation import compared_text, read_text, score  # noqa: E402

BOOKS = ROOT.parent / "shared" / "data" / "oldbooks-pages"
GROUPS = {"development": ("a", "c", "d"), "report-only": ("e", "f", "g", "j")}


def dinglehopper(ocr: Path, gt: Path) -> tuple[float, float]:
    """dinglehopper's CER and WER of two plain-text files, as its `process` computes them."""
    gt_text = extract(str(gt), plain_encoding="utf-8")
    ocr_text = extract(str(ocr), plain_encoding="utf-8")
    cer, _ = character_error_rate_n(gt_text, ocr_text)
    wer, _ = word_error_rate_n(list(words_normalized(gt_text)), list(words_normalized(ocr_text)))
    return cer, wer


def previous_formula(ocr: str, gt: str) -> tuple[float, float]:
    """What `eval` computed before: NFC, whitespace collapsed, code points, space-split words."""
    ocr, gt = (" ".join(unicodedata.normalize("NFC", t).split()) for t in (ocr, gt))
    return (
        Levenshtein.distance(ocr, gt) / len(gt),
        Levenshtein.distance(ocr.split(), gt.split()) / len(gt.split()),
    )


def one_line(text: str, folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(compared_text(text), encoding="utf-8")
    return path


Row = tuple[Any, ...]


def tesseract_pairs(folder: Path) -> dict[str, list[Row]]:
    """Per page and mode: (stem, |CER - dinglehopper|, |WER - dinglehopper|, the same for the
    formula before, the same for this mode against dinglehopper on the files as they are)."""
    rows: dict[str, list[Row]] = {"kept": [], "joined": []}
    for gt in sorted((BOOKS / "gt").glob("*.gt.txt")):
        stem = gt.name.split(".")[0]
        ocr = BOOKS / "ocr-tesseract-2017-txt" / f"{stem}.tess.txt"
        ocr_text, gt_text = read_text(ocr), read_text(gt)
        old = previous_formula(ocr_text, gt_text)
        raw = dinglehopper(ocr, gt)
        for mode, keep in (("kept", True), ("joined", False)):
            if keep:
                cer, wer = raw
            else:
                cer, wer = dinglehopper(
                    one_line(ocr_text, folder, "o.txt"), one_line(gt_text, folder, "g.txt")
                )
            ours = score(ocr_text, gt_text, keep_line_breaks=keep)
            rows[mode].append(
                (
                    stem,
                    abs(ours.cer - cer),
                    abs(ours.wer - wer),
                    abs(old[0] - cer),
                    abs(old[1] - wer),
                    abs(ours.cer - raw[0]),
                    abs(ours.wer - raw[1]),
                )
            )
    return rows


def ocropus_through_eval(folder: Path) -> list[tuple[str, float, float]]:
    """The `eval` command on a project of the 77 scans with OCRopus's hOCR, joined lines."""
    project = folder / "books.corrigenda"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "app")}
    command = [sys.executable, "-m", "corrigenda"]
    hocr = [f"--ocr-from={p}" for p in sorted((BOOKS / "ocr-ocropus-hocr").glob("*.html"))]
    images = sorted(str(p) for p in (BOOKS / "images").glob("*.png"))
    subprocess.run(
        [*command, "new", str(project), *images, *hocr], env=env, check=True, capture_output=True
    )
    report = json.loads(
        subprocess.run(
            [*command, "eval", str(project), "--gt", str(BOOKS / "gt"), "--json"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    texts = folder / "texts"
    texts.mkdir()
    subprocess.run(
        [*command, "export", str(project), "-o", f"{texts}/"],
        env=env,
        check=True,
        capture_output=True,
    )
    rows = []
    for name, page in report["pages"].items():
        stem = Path(name).stem
        ocr = one_line(read_text(texts / f"{stem}.txt"), folder, "o.txt")
        gt = one_line(read_text(BOOKS / "gt" / f"{stem}.gt.txt"), folder, "g.txt")
        cer, wer = dinglehopper(ocr, gt)
        rows.append((stem, abs(page["cer"] - cer), abs(page["wer"] - wer)))
    return rows


def main() -> None:
    if not BOOKS.is_dir():
        sys.exit(f"{BOOKS} is absent")
    with tempfile.TemporaryDirectory(prefix="eval-dh-") as tmp:
        folder = Path(tmp)
        pairs = tesseract_pairs(folder)
        ocropus = ocropus_through_eval(folder)
    for group, books in GROUPS.items():
        print(f"{group} books {', '.join(books)}:")
        for mode, rows in pairs.items():
            chosen = [r for r in rows if r[0][0] in books]
            print(f"  Tesseract-2017 text, lines {mode} ({len(chosen)} pages): {_worst(chosen)}")
            print(f"    the formula before this change: {_worst(chosen, 3, '.4f')}")
        chosen = [r for r in pairs["joined"] if r[0][0] in books]
        print(f"  lines joined, against dinglehopper on the raw files: {_worst(chosen, 5, '.4f')}")
        chosen_o = [r for r in ocropus if r[0][0] in books]
        print(f"  OCRopus hOCR through `eval` ({len(chosen_o)} pages): {_worst(chosen_o)}")


def _worst(rows: Sequence[Row], first: int = 1, spec: str = ".2e") -> str:
    cer, wer = max(r[first] for r in rows), max(r[first + 1] for r in rows)
    return f"max |CER - dinglehopper| {cer:{spec}}, max |WER - dinglehopper| {wer:{spec}}"


if __name__ == "__main__":
    main()
