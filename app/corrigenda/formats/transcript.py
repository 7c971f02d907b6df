"""Plain-text transcripts placed onto a page's OCR words, so an existing transcript gets boxes.

The transcript's words are aligned with the OCR words through `corrigenda.align` (rapidfuzz on
word sequences); each transcript word goes to the line of the OCR word it aligns with, and the
lines' new text is then applied through the one write path, where `realign_line` gives each word
its box. Words that align with nothing join the line before them and keep no box; the first
words of a paragraph never end the OCR line before it when the rest of their line is on the
next one.

Handwritten passages, marked *like this* as the seed does, are split off first
(`split_handwriting`) and become handwritten lines (corrigenda.formats.notes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corrigenda.align import align, tokenize
from corrigenda.errors import InputError
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
    placed: dict[Slot, list[str]] = {}
    for token, slot in zip(tokenize(text), token_slots(pages, text)):
        placed.setdefault(slot, []).append(token)
    edits = []
    for p, page in enumerate(pages):
        for i, line in enumerate(page.lines):
            after = " ".join(placed.get(Slot(p, i), []))
            if after != line.text:
                edits.append(LineEdit(page.id, line.id, line.text, after))
    return edits


def token_slots(pages: Sequence[Page], text: str) -> list[Slot]:
    """The line each token of `text` lands on, aligned with the pages' words."""
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
    result: list[Slot] = []
    for block in align(old, new):
        count_a, count_b = block.a1 - block.a0, block.b1 - block.b0
        for k in range(count_b):
            if count_a:
                result.append(slots[block.a0 + (k * count_a) // count_b])
            else:  # an inserted word joins the line before it (the first line at the start)
                result.append(slots[max(block.a0 - 1, 0)])
    return _keep_paragraph_starts(result, _paragraph_starts(text))


def _keep_paragraph_starts(result: list[Slot], starts: list[int]) -> list[Slot]:
    """A transcript paragraph's first words that landed at the end of the OCR line before
    (OCR read "The" as "|" there, or missed it) go to the next OCR line with the rest of
    their line: a paragraph's first word never ends the paragraph before it."""
    result = list(result)
    for s, e in zip(starts, [*starts[1:], len(result)]):
        if not 0 < s < e <= len(result) or result[s] != result[s - 1]:
            continue
        here = result[s]
        k = next((i for i in range(s, e) if result[i] != here), None)
        if k is None:
            continue
        there = result[k]
        if there.page == here.page and there.line == here.line + 1:
            result[s:k] = [there] * (k - s)
    return result


def _paragraph_starts(text: str) -> list[int]:
    """The index of the first token of each paragraph of `text` (after a blank line)."""
    starts: list[int] = []
    count = 0
    blank = True
    for line in text.splitlines():
        tokens = tokenize(line)
        if tokens and blank:
            starts.append(count)
        blank = not tokens
        count += len(tokens)
    return starts


@dataclass(frozen=True)
class Passage:
    """A handwritten passage of a transcript, marked *like this* (the seed's convention):
    its lines, and how many printed words of the transcript come before it."""

    lines: tuple[str, ...]
    anchor: int


def split_handwriting(text: str, name: str) -> tuple[str, list[Passage]]:
    """The transcript's printed text (each passage replaced by a paragraph break) and its
    handwritten passages. A '*' inside a word or number (5*3, a*b) is text, not a mark.
    Unbalanced marks are refused, naming the line where the unclosed passage starts (and the
    line of the mark that showed it: a second opening, or a closing with none open)."""
    pairs = _passages(text, name)
    printed: list[str] = []
    passages: list[Passage] = []
    at = 0
    words = 0
    for start, end in pairs:
        before = text[at:start]
        printed.append(before)
        words += len(tokenize(before))
        lines = tuple(ln.strip() for ln in text[start + 1 : end].splitlines() if ln.strip())
        if not lines:
            raise InputError(
                f"{name}: the passage on line {_line_of(text, start)} marked '**' is empty"
            )
        passages.append(Passage(lines, words))
        printed.append("\n\n")
        at = end + 1
    printed.append(text[at:])
    return "".join(printed), passages


def _passages(text: str, name: str) -> list[tuple[int, int]]:
    """The (opening, closing) offsets of each *...* passage. A mark after a space (or at a
    line's start) and before a word opens one; a mark right after a word and before a space
    closes one; a mark between two letters or digits is text; any other mark ('"*', ' * ')
    opens or closes as the passages need."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for at in (i for i, ch in enumerate(text) if ch == "*"):
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # 5*3, a*b: text
        opens = before.isspace() and not after.isspace()
        closes = after.isspace() and not before.isspace()
        if opened is None and closes and not opens:
            raise InputError(
                f"{name}: the '*' on line {_line_of(text, at)} closes a handwritten passage "
                "that no '*' opened (mark each note *like this*); nothing was imported"
            )
        if opened is not None and opens:
            raise InputError(
                f"{name}: the '*' on line {_line_of(text, opened)} opens a handwritten passage "
                f"that is not closed before the '*' on line {_line_of(text, at)} opens another "
                "(mark each note *like this*); nothing was imported"
            )
        if opened is None:
            opened = at
        else:
            pairs.append((opened, at))
            opened = None
    if opened is not None:
        raise InputError(
            f"{name}: the '*' on line {_line_of(text, opened)} opens a handwritten passage that "
            "no '*' closes (mark each note *like this*); nothing was imported"
        )
    return pairs


def _line_of(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1
