"""Plain-text transcripts placed onto a page's OCR words, so an existing transcript gets boxes.

The transcript's words are aligned with the OCR words through `corrigenda.align` (rapidfuzz on
word sequences); each transcript word goes to the line of the OCR word it aligns with, and the
lines' new text is then applied through the one write path, where `realign_line` gives each word
its box. Words that align with nothing join the line before them and keep no box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corrigenda.align import align, tokenize
from corrigenda.model import Page
from corrigenda.store import LineEdit


@dataclass(frozen=True)
class Slot:
    page: int  # index in the pages given
    line: int  # index in the page's lines


def transcript_edits(pages: Sequence[Page], text: str) -> list[LineEdit]:
    """Line edits that give `pages` the words of `text`.

    A transcript with one form feed-separated part per page is aligned page by page; otherwise
    the whole transcript is aligned with the pages' words in order (a paragraph that runs over a
    page break lands on both pages).
    """
    parts = text.split("\f")
    if len(parts) == len(pages) > 1:
        return [edit for page, part in zip(pages, parts) for edit in _edits([page], part)]
    return _edits(pages, text)


def _edits(pages: Sequence[Page], text: str) -> list[LineEdit]:
    slots = [
        Slot(p, i)
        for p, page in enumerate(pages)
        for i, line in enumerate(page.lines)
        for _ in line.words
    ]
    if not slots:
        return []
    old = [word.text for page in pages for word in page.words()]
    new = tokenize(text)
    placed: dict[Slot, list[str]] = {}
    for block in align(old, new):
        count_a, count_b = block.a1 - block.a0, block.b1 - block.b0
        for k in range(count_b):
            if count_a:
                slot = slots[block.a0 + (k * count_a) // count_b]
            else:  # an inserted word joins the line before it (the first line at the start)
                slot = slots[max(block.a0 - 1, 0)]
            placed.setdefault(slot, []).append(new[block.b0 + k])
    edits = []
    for p, page in enumerate(pages):
        for i, line in enumerate(page.lines):
            after = " ".join(placed.get(Slot(p, i), []))
            if after != line.text:
                edits.append(LineEdit(page.id, line.id, line.text, after))
    return edits
