"""Specks read as punctuation where no punctuation can be: between two words, and before one.

On a speckled page a dot of toner in the space between two words bridges it, and the engine
reads the two words as one around a mark: "the.President", "to.Mr.", "his'election". A speck
just before a word is read as a mark that opens it: ".due", ".Carter". The engine is as sure
of these marks as of real ones (0.92-0.95 on the development pages), and every reading of the
page sees the same ink, so neither the confidence nor the vote removes them; the place does.
A word of two or more letters, one mark, and another word of two or more letters is two words
(English contractions keep their apostrophe: "you'll", "they're", "we've"); a full stop,
comma, colon or semicolon never opens a word. Abbreviations ("L.I.", "e.g.", "Ph.D."),
hyphens and dashes, numbers ("3.5") and contractions with one letter ("don't", "O'Neill") are
left alone. A full stop closing a word of small letters that a word of small letters follows
on the same line ("are. ready") ends no sentence: it goes, unless the word is an abbreviation
written so ("etc. and", "cf. the").

Applied only to pages that were read again (a doubtful or speckled scan: the evidence that
specks are about), never to a page read well the first time.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corrigenda.model import BBox, Evidence, Line, Word
from corrigenda.ocr.choices import with_evidence

JOINED = re.compile(
    r"""^(?P<left>[(\[«"“‘']?[^\W\d_]{2,})(?P<mark>[.,:;'’‘])(?P<right>[^\W\d_]{2,}[.,:;!?)\]»"”’']*)$"""
)
OPENING = re.compile(r"^[.,:;](?=[^\W\d_])")  # one mark: an ellipsis ("...and") is print
CONTRACTIONS = frozenset({"ll", "re", "ve", "er"})  # you'll, they're, we've, ne'er
APOSTROPHES = frozenset("'’‘")
STOPPED = re.compile(r"^[^\W\d_]{2,}\.$")  # "are.": letters and one full stop
ABBREVIATIONS = frozenset(
    {"al", "approx", "ca", "cf", "ch", "col", "cp", "ed", "eds", "esp", "etc", "ff", "fig"}
    | {"ibid", "id", "incl", "loc", "nos", "op", "pp", "resp", "sq", "viz", "vol", "vs"}
)


def parted(lines: list[Line]) -> tuple[list[Line], int]:
    """`lines` with the specks read as marks between and before words removed, and how many
    words were mended. Word ids are left for the caller to renumber when any were parted."""
    result, mended = [], 0
    for line in lines:
        words: list[Word] = []
        for index, word in enumerate(line.words):
            fixed = _mended(word)
            following = line.words[index + 1].text if index + 1 < len(line.words) else ""
            if fixed == [word] and _stray_stop(word.text, following):
                dropped = replace(word, text=word.text[:-1], evidence=_sliced(word, 0, -1, True))
                fixed = [with_evidence(dropped, readings=[(word.text, word.conf or 0.0)])]
            if fixed != [word]:
                mended += 1
            words.extend(fixed)
        result.append(replace(line, words=tuple(words)))
    return result, mended


def _mended(word: Word) -> list[Word]:
    opening = OPENING.match(word.text)
    if opening:
        cut = opening.end()
        rest = replace(
            word, text=word.text[cut:], evidence=_sliced(word, cut, len(word.text), True)
        )
        return [with_evidence(rest, readings=[(word.text, word.conf or 0.0)])]
    joined = JOINED.match(word.text)
    if joined is None:
        return [word]
    left, mark, right = joined["left"], joined["mark"], joined["right"]
    if mark in APOSTROPHES and right.rstrip(".,:;!?)]»\"”’'").lower() in CONTRACTIONS:
        return [word]
    cut, size = len(left), len(word.text)
    # The other readings were of the joined word: the parts keep only their characters' choices.
    first = replace(
        word, text=left, bbox=_part(word.bbox, 0, cut, size), evidence=_sliced(word, 0, cut, False)
    )
    second = replace(
        word,
        id=-1,
        text=right,
        bbox=_part(word.bbox, cut + 1, size, size),
        evidence=_sliced(word, cut + 1, size, False),
    )
    return [first, second]


def _stray_stop(text: str, following: str) -> bool:
    """A full stop after a word of small letters, before another: a speck, not a sentence's end."""
    return (
        STOPPED.match(text) is not None
        and text.islower()
        and following[:1].islower()
        and text[:-1].lower() not in ABBREVIATIONS
    )


def _sliced(word: Word, start: int, end: int, readings: bool) -> Evidence | None:
    """The word's evidence for its characters start:end (choices are per character), with
    its other readings or without."""
    evidence = word.evidence
    if evidence is None:
        return None
    choices = evidence.choices[start:end] if len(evidence.choices) == len(word.text) else ()
    kept = Evidence(evidence.readings if readings else (), choices)
    return kept if kept else None


def _part(box: BBox | None, start: int, end: int, length: int) -> BBox | None:
    """The share of the word's box its characters start:end take, at even widths."""
    if box is None:
        return None
    width = box.x1 - box.x0
    x0 = box.x0 + round(width * start / length)
    x1 = box.x0 + round(width * end / length)
    return BBox(x0, box.y0, max(x0 + 1, x1), box.y1)
