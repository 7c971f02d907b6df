"""Readings: words the image was read as differently by a second reading of the same ink.

When OCR reads a page again (a clean-up variant, a line re-read on its own; corrigenda.ocr.choice
and corrigenda.ocr.lines), the readings that disagree with the chosen one are kept in the word's
`Evidence.readings`. Where they disagree, the word gets a flag of kind `reading` whose
suggestions are the other readings, ranked by agreement (how many readings give the same text)
and then by the lexicon (a word it knows before one it does not, a common one before a rare
one), then by the engine's confidence.

The raw score is how often such a first suggestion is right: several readings agreeing against
the chosen one, the lexicon knowing the other reading and not the chosen one, and an other
reading the engine was surer of all raise it; a chosen reading the lexicon knows, against an
other it does not, lowers it. A reading flag is raised only where the other reading is
plausible (the lexicon knows it, another reading agrees with it, or the engine was as sure of
it as of the chosen one): a lone unsure reading of a speck is no evidence worth a flag, and
neither is a reading that only adds marks to the chosen one ("the." for "the"), changes
only its case, or, alone against a word the lexicon knows, is no word or a far rarer one
("mceting", "arc" for "are").

Words a person edited carry no evidence (align.realign_line drops it), so they are never
flagged here. Flags on the same word from other checks merge with this one (checks/engine.py);
one over only part of the word (a mark) wins over the reading flag, which then only ranks its
suggestions (checks/ranking.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag
from corrigenda.checks.registry import make_flag, register

BASE = 0.3  # one other reading, both or neither known to the lexicon, equally sure
AGREEMENT = 0.15  # each further reading that agrees with the first suggestion
LEXICON = 0.3  # the lexicon knows the other reading and not the chosen one
SPECK = 0.3  # the other reading is the chosen one without a mark at its edge
SPECKS = ".,:;'\"‘’“”*_"  # marks a speck is read as (not "-": a line-end hyphen is print)
AGAINST = 0.2  # the lexicon knows the chosen reading and not the other
SURER = 0.2  # at most this much for an other reading the engine was surer of
MAX_RAW = 0.95
RARER = 100  # a known word this many times commoner than the other reading is not doubted
_ABBREVIATION = re.compile(r"^[A-Z][a-z]{0,3}\.$")  # "Mr.", "Dr.", "St.": the stop is print
GUESS_SCORE = 0.75  # one lone reading against another: never auto-fixed on its own


@dataclass(frozen=True)
class Candidate:
    text: str
    votes: int  # readings that give this text
    conf: float  # the engine's best confidence in it, in percent
    known: bool  # the lexicon (or a name list) knows it
    frequency: int


def known(text: str, context: CheckContext) -> bool:
    """The lexicon or a name list knows every word of `text` (a split reading has two)."""
    words = [core(part) for part in text.split()]
    if not words or not all(words):
        return False
    lexicon = context.lexicon
    return all(
        w in lexicon or w.lower() in lexicon or w.casefold() in context.names.tokens for w in words
    )


def candidates(
    readings: tuple[tuple[str, float], ...], text: str, context: CheckContext
) -> list[Candidate]:
    """The other readings of a word read as `text`, best first: by agreement, lexicon, conf."""
    votes: Counter[str] = Counter()
    confs: dict[str, float] = {}
    for reading, conf in readings:
        if reading and reading != text:
            votes[reading] += 1
            confs[reading] = max(confs.get(reading, 0.0), conf)
    found = [
        Candidate(
            r,
            n,
            confs[r],
            known(r, context),
            min((context.lexicon.frequency(core(w)) for w in r.split()), default=0),
        )
        for r, n in votes.items()
    ]
    found.sort(key=lambda c: (-c.votes, not c.known, -c.frequency, -c.conf, c.text))
    return found


def drops_a_speck(candidate: str, text: str) -> bool:
    """The other reading is the word without a mark at its edge ("various." read "various"),
    not an abbreviation without its full stop ("Mr." read "Mr")."""
    if _ABBREVIATION.match(text):
        return False
    return (
        len(candidate) < len(text)
        and bool(candidate)
        and candidate
        in (
            text.lstrip(SPECKS),
            text.rstrip(SPECKS),
            text.strip(SPECKS),
        )
    )


def raw_score(best: Candidate, text: str, conf: float | None, context: CheckContext) -> float:
    """How likely the first other reading is right, by the checks' own reckoning."""
    score = BASE + AGREEMENT * (best.votes - 1)
    chosen_known = known(text, context)
    if drops_a_speck(best.text, text):
        score += SPECK
    elif best.known and not chosen_known:
        score += LEXICON
    elif chosen_known and not best.known:
        score -= AGAINST
    if conf is not None:
        score += SURER * max(-1.0, min(1.0, (best.conf - conf) / 50.0))
    return max(0.05, min(MAX_RAW, score))


def plausible(best: Candidate, text: str, conf: float | None, context: CheckContext) -> bool:
    """Worth a flag: readings that agree, one without a mark at the word's edge (a speck
    read as a mark), or one the lexicon knows or the engine was as sure of. Never one lone
    reading that only adds or swaps a mark at the edge ("the" read "the." once: specks add
    marks), changes only the case, or reads a known word as an unknown or far rarer one ("the"
    as "che"): on the development pages those were nearly always wrong."""
    if best.votes > 1 or drops_a_speck(best.text, text):
        return True
    if core(best.text).casefold() == core(text).casefold():
        return False  # the same word, its case or a mark at its edge read otherwise, once
    if known(text, context) and (not best.known or _far_commoner(text, best, context)):
        return False  # a known word read once as an unknown or a far rarer one
    return best.known or (
        conf is not None and best.conf >= conf and any(ch.isalnum() for ch in best.text)
    )


def _far_commoner(text: str, best: Candidate, context: CheckContext) -> bool:
    frequency = min((context.lexicon.frequency(core(w)) for w in text.split()), default=0)
    return frequency > RARER * max(1, best.frequency)


@register
class ReadingCheck:
    name = "reading"
    kinds = ("reading",)
    description = "words a second reading of the scan read differently"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        words = line.line.words
        for token in line.tokens:
            word = words[token.index] if token.index < len(words) else None
            if word is None or word.text != token.text or not word.evidence:
                continue
            found = candidates(word.evidence.readings, token.text, context)
            if not found or not plausible(found[0], token.text, word.conf, context):
                continue
            best = found[0]
            agreeing = (
                f"{best.votes} other readings give" if best.votes > 1 else "another reading gives"
            )
            yield make_flag(
                line,
                token,
                token,
                "reading",
                raw_score(best, token.text, word.conf, context),
                f"read differently on a second look: {agreeing} “{best.text}”",
                [c.text for c in found],
                self.name,
                # One lone reading is a guess between two; agreeing ones or the lexicon decide.
                1.0
                if best.votes > 1 or (best.known and not known(token.text, context))
                else GUESS_SCORE,
            )
