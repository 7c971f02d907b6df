"""Word alignment: the one place that lines up two sequences of words.

It serves every job that needs it (../DESIGN.md, "Words keep their boxes"): an edited line
against its old words, a plain transcript against OCR words, two copies of a passage, and OCR
against ground truth. Sequences are aligned with rapidfuzz's Levenshtein opcodes over tokens.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz.distance import Levenshtein

from corrigenda.model import BBox, Line, Word

Tag = Literal["equal", "replace", "insert", "delete"]


@dataclass(frozen=True, slots=True)
class Block:
    """One aligned stretch: old[a0:a1] corresponds to new[b0:b1]."""

    tag: Tag
    a0: int
    a1: int
    b0: int
    b1: int


def tokenize(text: str) -> list[str]:
    """Split a line's text into word tokens (whitespace separated, NFC-normalised)."""
    return unicodedata.normalize("NFC", text).split()


def align(old: Sequence[str], new: Sequence[str]) -> list[Block]:
    """Align two token sequences; every token of both sides is in exactly one block."""
    if not old and not new:
        return []
    return [
        Block(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)  # type: ignore[arg-type]
        for op in Levenshtein.opcodes(list(old), list(new))
    ]


def realign_line(line: Line, new_text: str, next_word_id: int) -> tuple[Line, int]:
    """Give `line` the text `new_text`, keeping each word tied to its box.

    Unchanged and substituted words keep their ids and boxes; a split word divides its box;
    merged words join their boxes; inserted words get new ids and no box. Returns the new line
    and the next free word id of the page.
    """
    tokens = tokenize(new_text)
    old = line.words
    words: list[Word] = []
    for block in grouped(align([w.text for w in old], tokens)):
        olds = old[block.a0 : block.a1]
        news = tokens[block.b0 : block.b1]
        if block.tag == "equal":
            words.extend(olds)
        elif len(olds) == len(news):
            words.extend(Word(w.id, t, w.bbox, None) for w, t in zip(olds, news))
        else:
            placed, next_word_id = _place(olds, news, next_word_id)
            words.extend(placed)
    return replace(line, words=tuple(words)), next_word_id


def grouped(blocks: list[Block]) -> list[Block]:
    """Join neighbouring non-equal blocks, so a split ("ab" -> "a b") or a merge is one block
    rather than an insertion beside a substitution."""
    result: list[Block] = []
    for block in blocks:
        if result and block.tag != "equal" and result[-1].tag != "equal":
            last = result[-1]
            result[-1] = Block("replace", last.a0, block.a1, last.b0, block.b1)
        else:
            result.append(block)
    return result


def _place(olds: Sequence[Word], news: Sequence[str], next_id: int) -> tuple[list[Word], int]:
    """Boxes for tokens that replace a different number of words, by aligning characters:
    each new token takes the part of the old boxes under the characters it came from."""
    old_text = " ".join(w.text for w in olds)
    owner: list[tuple[int, int]] = []  # old character -> (word index, offset in word)
    for index, word in enumerate(olds):
        owner.extend((index, offset) for offset in range(len(word.text)))
        owner.append((-1, 0))  # the space between words
    source: list[int | None] = []  # new character -> old character
    for op in Levenshtein.opcodes(old_text, " ".join(news)):
        span = op.dest_end - op.dest_start
        if op.tag == "insert":
            source.extend([None] * span)
        elif op.tag in ("equal", "replace"):
            width = op.src_end - op.src_start
            source.extend(op.src_start + (k * width) // max(span, 1) for k in range(span))
    placed, used, start = [], set(), 0
    for token in news:
        covered: dict[int, list[int]] = {}
        for char in source[start : start + len(token)]:
            if char is not None and owner[char][0] >= 0:
                index, offset = owner[char]
                covered.setdefault(index, []).append(offset)
        start += len(token) + 1
        box = BBox.enclosing([_slice(olds[i], min(o), max(o) + 1) for i, o in covered.items()])
        main = max(covered, key=lambda i: len(covered[i]), default=None)
        if main is not None and olds[main].id not in used:
            word_id = olds[main].id
            used.add(word_id)
        else:
            word_id, next_id = next_id, next_id + 1
        placed.append(Word(word_id, token, box, None))
    return placed, next_id


def _slice(word: Word, start: int, end: int) -> BBox | None:
    """The part of a word's box under its characters start..end."""
    if word.bbox is None:
        return None
    box, length = word.bbox, len(word.text)
    x0 = box.x0 + round(box.width * start / length)
    x1 = box.x0 + round(box.width * end / length)
    return BBox(x0, box.y0, max(x0, x1), box.y1)
