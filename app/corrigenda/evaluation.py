"""Scoring a transcript against ground truth: character and word error rates, and confusions.

Texts are NFC-normalised and whitespace-collapsed before comparing (as dinglehopper does, on
rapidfuzz). CER = Levenshtein(ocr, gt) / len(gt); WER likewise over words.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from corrigenda.errors import InputError
from corrigenda.model import Page

GT_SUFFIXES = (".gt.txt", ".txt")


def normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Score:
    """Error counts of one page (or of several, added up)."""

    char_errors: int = 0
    chars: int = 0
    word_errors: int = 0
    words: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def cer(self) -> float:
        return self.char_errors / self.chars if self.chars else 0.0

    @property
    def wer(self) -> float:
        return self.word_errors / self.words if self.words else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.char_errors + other.char_errors,
            self.chars + other.chars,
            self.word_errors + other.word_errors,
            self.words + other.words,
            self.confusions + other.confusions,
        )


def score(ocr: str, gt: str) -> Score:
    ocr, gt = normalize(ocr), normalize(gt)
    ocr_words, gt_words = ocr.split(), gt.split()
    confusions: Counter[tuple[str, str]] = Counter()
    for op in Levenshtein.opcodes(ocr, gt):
        if op.tag != "equal":
            confusions[(ocr[op.src_start : op.src_end], gt[op.dest_start : op.dest_end])] += 1
    return Score(
        Levenshtein.distance(ocr, gt),
        len(gt),
        Levenshtein.distance(ocr_words, gt_words),
        len(gt_words),
        confusions,
    )


def find_ground_truth(page: Page, gt: Path) -> Path | None:
    """The ground-truth file of a page in folder `gt`: NAME.gt.txt or NAME.txt, where NAME is
    the image's name without its extension ('scan.pdf#3' looks for 'scan-3')."""
    base, _, frame = page.name.partition("#")
    stem = Path(base).stem + (f"-{frame}" if frame else "")
    for suffix in GT_SUFFIXES:
        candidate = gt / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (byte {exc.start}): convert it") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
