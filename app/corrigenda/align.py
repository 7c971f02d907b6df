"""Word alignment: the one place that lines up two sequences of words.

It serves every job that needs it (../DESIGN.md, "Words keep their boxes"): an edited line
against its old words, a plain transcript against OCR words, two copies of a passage, and OCR
against ground truth. Sequences are aligned with rapidfuzz's Levenshtein opcodes over tokens.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
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

    Unchanged and substituted words keep their ids and boxes; a split word divides its box by
    character counts; merged words join their boxes; inserted words get new ids and no box.
    Returns the new line and the next free word id of the page.
    """
    tokens = tokenize(new_text)
    old = line.words
    words: list[Word] = []
    for block in align([w.text for w in old], tokens):
        olds = old[block.a0 : block.a1]
        news = tokens[block.b0 : block.b1]
        if block.tag == "equal":
            words.extend(olds)
        elif block.tag == "delete":
            continue
        elif block.tag == "insert":
            for token in news:
                words.append(Word(next_word_id, token))
                next_word_id += 1
        elif len(olds) == len(news):
            words.extend(Word(w.id, t, w.bbox, None) for w, t in zip(olds, news))
        else:
            box = BBox.enclosing([w.bbox for w in olds])
            boxes = box.split([len(t) for t in news]) if box else [None] * len(news)
            for i, (token, part) in enumerate(zip(news, boxes)):
                if i < len(olds):
                    word_id = olds[i].id
                else:
                    word_id = next_word_id
                    next_word_id += 1
                words.append(Word(word_id, token, part, None))
    return (
        Line(line.id, tuple(words), line.bbox, line.block, line.paragraph),
        next_word_id,
    )
