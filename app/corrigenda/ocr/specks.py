"""Specks read as punctuation where no punctuation can be: between two words, before one, and
as quotation marks nothing opens or closes.

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
written so ("etc. and", "cf. the"). A quotation mark at a word's edge that no mark on the
same line pairs ("'our", "the'") is a speck too; an apostrophe after an s is a possessive. A
hyphen joining a little word that no compound has in that place ("a-great", "in-the") is a
speck in the space. Where the page is not read as English, apostrophes and hyphens are left
alone ("dell'arte").

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
# A hyphen between two words one of which is a little word no compound has in that place
# ("a-great", "in-the", "interests-of"): a speck in the space. "long-term", "built-in",
# "would-be", "ill-will", "to-day" and "by-law" stay.
HYPHENED = re.compile(r"^(?P<left>[^\W\d_]+)(?P<mark>-)(?P<right>[^\W\d_]+[.,:;!?]*)$")
BEFORE_NO_HYPHEN = frozenset({"a", "an", "the", "of", "and", "are", "is", "was", "were", "that"})
AFTER_NO_HYPHEN = frozenset(
    {"the", "a", "an", "of", "and", "that", "has", "are", "is", "was", "were", "which", "their"}
)
STOPPED = re.compile(r"^[^\W\d_]{2,}\.$")  # "are.": letters and one full stop
ABBREVIATIONS = frozenset(
    {"al", "approx", "ca", "cf", "ch", "col", "cp", "ed", "eds", "esp", "etc", "ff", "fig"}
    | {"ibid", "id", "incl", "loc", "nos", "op", "pp", "resp", "sq", "viz", "vol", "vs"}
)


def parted(lines: list[Line], english: bool = True) -> tuple[list[Line], int]:
    """`lines` with the specks read as marks between, before and after words removed, and how
    many words were mended. Word ids are left for the caller to renumber when any were
    parted. The rules that know English words (contractions, the little words a hyphen never
    joins) apply only with `english`; without, apostrophes and hyphens are left alone."""
    result, mended = [], 0
    for line in lines:
        words: list[Word] = []
        for index, word in enumerate(line.words):
            fixed = _mended(word, english)
            following = line.words[index + 1].text if index + 1 < len(line.words) else ""
            if fixed == [word] and _stray_stop(word.text, following):
                fixed = [_without(word, len(word.text) - 1)]
            if fixed != [word]:
                mended += 1
            words.extend(fixed)
        for index in _unpaired_quotes([w.text for w in words]):
            text = words[index].text
            at = 0 if text[0] in QUOTES else len(text.rstrip(TRAILING)) - 1
            words[index] = _without(words[index], at)
            mended += 1
        result.append(replace(line, words=tuple(words)))
    return result, mended


def _without(word: Word, at: int) -> Word:
    """`word` without its character at `at`; what it was read as stays its other reading."""
    text = word.text[:at] + word.text[at + 1 :]
    evidence = word.evidence
    if evidence is not None and len(evidence.choices) == len(word.text):
        evidence = Evidence(evidence.readings, evidence.choices[:at] + evidence.choices[at + 1 :])
    elif evidence is not None:
        evidence = Evidence(evidence.readings)
    shorter = replace(word, text=text, evidence=evidence if evidence else None)
    return with_evidence(shorter, readings=[(word.text, word.conf or 0.0)])


QUOTES = frozenset("'‘’")
TRAILING = ".,:;!?"


def _unpaired_quotes(texts: list[str]) -> list[int]:
    """The words of a line that open a quotation in single quotes no word after them closes,
    or close one no word before them opened (a speck beside a word, read as a quote: "'our",
    "the'"). An apostrophe after an s is a plural's possessive ("countries'"), not a closing
    quote. Double quotes are left alone: a quotation in them often runs over several lines."""
    opening = [i for i, t in enumerate(texts) if len(t) > 1 and t[0] in "'‘" and t[1].isalpha()]
    closing = []
    for i, t in enumerate(texts):
        body = t.rstrip(TRAILING)
        inner = body[:-1].rstrip(TRAILING)
        if body[-1:] in ("'", "’") and inner[-1:].isalpha() and inner[-1:].lower() not in "sz":
            closing.append(i)
    lone = [i for i in opening if not any(j >= i for j in closing)]
    lone += [j for j in closing if not any(i <= j for i in opening)]
    return sorted(set(lone))


def _mended(word: Word, english: bool) -> list[Word]:
    if OPENING.match(word.text):
        return [_without(word, 0)]
    joined = JOINED.match(word.text) or (HYPHENED.match(word.text) if english else None)
    if joined is None:
        return [word]
    left, mark, right = joined["left"], joined["mark"], joined["right"]
    bare = right.rstrip(".,:;!?)]»\"”’'").lower()
    if mark in APOSTROPHES and (not english or bare in CONTRACTIONS):
        return [word]
    if mark == "-" and left.lower() not in BEFORE_NO_HYPHEN and bare not in AFTER_NO_HYPHEN:
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
