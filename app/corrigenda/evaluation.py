"""Scoring a transcript against ground truth: character and word error rates, and confusions,
computed as dinglehopper (the OCR-D evaluation tool) computes them for plain-text files.

- Each line is stripped and normalised as dinglehopper does: NFC, then its ligatures unjoined
  and its equivalences substituted (the "SBB" normalisation, below).
- CER is the Levenshtein distance between the two texts' extended grapheme clusters (uniseg,
  as dinglehopper) over the ground truth's number of clusters.
- WER is the same over words: Unicode word segmentation (UAX #29, uniseg), leaving out the
  segments made only of whitespace, punctuation, symbols, marks and control characters.
- With `keep_line_breaks` the lines are joined by line breaks, each of which counts as a
  character: dinglehopper's own reading of a plain-text file, right for line-level ground
  truth. Without it (the default) the non-empty lines are joined by single spaces, so
  paragraph-flowed ground truth is not charged for the OCR's line ends; that is dinglehopper's
  score of the two texts written each on one line.

tests/test_evaluation.py checks both against dinglehopper itself on the shared page pairs.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from uniseg.graphemecluster import grapheme_clusters
from uniseg.wordbreak import words as uax29_words

from corrigenda.errors import InputError
from corrigenda.model import Page

GT_SUFFIXES = (".gt.txt", ".txt")

# dinglehopper's normalisation tables (extracted_text.py: unjoin_ligatures and
# substitute_equivalences; Apache-2.0), applied in this order after NFC. Most keys are MUFI
# private-use characters of historical print.
LIGATURES = (
    ("\ueba6", "\u017f\u017f"),
    ("\ueba7", "\u017f\u017fi"),
    ("\uf502", "ch"),
    ("\ueec4", "ck"),
    ("\uf4f9", "ll"),
    ("\ueba2", "\u017fi"),
    ("\ueada", "\u017ft"),
    ("\ufb01", "fi"),
    ("\ufb00", "ff"),
    ("\ufb02", "fl"),
    ("\ufb03", "ffi"),
    ("\ueec5", "ct"),
    ("\ueedc", "tz"),
    ("\uf532", "as"),
    ("\uf533", "is"),
    ("\uf534", "us"),
    ("\uf535", "Qu"),
    ("\u0133", "ij"),
    ("\ue8bf", "q&"),
    ("\ueba5", "\u017fp"),
    ("\ufb06", "st"),
)
EQUIVALENCES = (
    ("\ue72b", "\xfc"),
    ("\ue42c", "\xe4"),
    ("==", "\u2013"),
    ("\u2014", "\u2013"),
    ("\ue644", "\xf6"),
    ("\u2019", "'"),
    ("\u2e17", "-"),
    ("a\u0364", "\xe4"),
    ("o\u0364", "\xf6"),
    ("u\u0364", "\xfc"),
    ("\uf50e", "q\u0301"),
)
# Word segments made only of these (general categories, or their first letter) are not words.
NOT_WORD_CATEGORIES = ("O", "M", "P", "Z", "S")
NOT_WORD_SUBCATEGORIES = ("Cc", "Cf")


def normalize(text: str) -> str:
    """One line as dinglehopper normalises it (NFC, ligatures unjoined, equivalences).

    The result is NFC-normalised once more: unjoining a ligature before a combining mark
    ("ﬁ" + acute) can leave a text that is not NFC, on which dinglehopper stops with an error;
    everywhere else this is a no-op."""
    text = unicodedata.normalize("NFC", text)
    for before, after in LIGATURES + EQUIVALENCES:
        text = text.replace(before, after)
    return unicodedata.normalize("NFC", text)


def lines(text: str) -> list[str]:
    """The lines of a text as dinglehopper reads a plain-text file: universal newlines, each
    line stripped and normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()  # the end of the last line, not an empty line of its own
    return [normalize(part.strip()) for part in parts]


def compared_text(text: str, keep_line_breaks: bool = False) -> str:
    """The text that is scored: its normalised lines, joined by line breaks or by spaces."""
    if keep_line_breaks:
        return "\n".join(lines(text))
    return " ".join(line for line in lines(text) if line)


def _is_word(segment: str) -> bool:
    return not all(
        unicodedata.category(c)[0] in NOT_WORD_CATEGORIES
        or unicodedata.category(c) in NOT_WORD_SUBCATEGORIES
        for c in segment
    )


def words(text: str) -> list[str]:
    """The words of a (compared) text by Unicode word segmentation, without punctuation."""
    return [w for w in uax29_words(unicodedata.normalize("NFC", text)) if _is_word(w)]


def _rate(errors: int, length: int) -> float:
    """dinglehopper's rate: 0 without errors, infinite when there is nothing to compare to."""
    if errors == 0:
        return 0.0
    return errors / length if length else math.inf


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
        return _rate(self.char_errors, self.chars)

    @property
    def wer(self) -> float:
        return _rate(self.word_errors, self.words)

    def __add__(self, other: Score) -> Score:
        return Score(
            self.char_errors + other.char_errors,
            self.chars + other.chars,
            self.word_errors + other.word_errors,
            self.words + other.words,
            self.confusions + other.confusions,
        )


def score(ocr: str, gt: str, *, keep_line_breaks: bool = False) -> Score:
    """The OCR text (or transcript) `ocr` scored against the ground truth `gt`."""
    ocr_text = compared_text(ocr, keep_line_breaks)
    gt_text = compared_text(gt, keep_line_breaks)
    ocr_chars = list(grapheme_clusters(ocr_text))
    gt_chars = list(grapheme_clusters(gt_text))
    gt_words = words(gt_text)
    confusions: Counter[tuple[str, str]] = Counter()
    for op in Levenshtein.opcodes(ocr_chars, gt_chars):
        if op.tag != "equal":
            was = "".join(ocr_chars[op.src_start : op.src_end])
            wanted = "".join(gt_chars[op.dest_start : op.dest_end])
            confusions[(was, wanted)] += 1
    return Score(
        Levenshtein.distance(gt_chars, ocr_chars),
        len(gt_chars),
        Levenshtein.distance(gt_words, words(ocr_text)),
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
