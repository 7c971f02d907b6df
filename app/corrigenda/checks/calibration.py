"""Calibrated scores: a flag's score is the measured probability that its first suggestion
is right.

Each check scores its flags by its own reckoning (the raw score). `TABLE` maps, per check and
kind, bands of raw score to how often the first suggestion was right on the development pages
of bench/flag_quality.py (`--calibrate` prints the table; report-only pages never feed it).
Counts were shrunk toward the band's own raw score, so a band seen a few times does not swing
to 0 or 1, and made non-decreasing, so a surer raw score never calibrates lower.

The band is that of the checks' own score, before the engine's doubt in the word was added
(it tells whether a word is wrong, not whether a suggestion is right). A flag without a
suggestion keeps its raw score (nothing to be right about; it is never auto-fixed); a check and
kind (or band) the table has not measured keeps the checks' own score (a user's rule, a
bracket of the wrong kind), which the engine's doubt never lifts. The cap
a check or the ranking set (`max_score`: a guess, a possible name) still holds.
"""

from __future__ import annotations

from bisect import bisect_right

from corrigenda.checks.flag import Flag

BANDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9)  # lower edges of the raw-score bands
MIN_FLAGS = 5  # a check and kind measured on fewer flags is not measured
SHORT = 4  # words of this many letters or fewer are calibrated apart
CEILING = 0.98  # no measurement on a few hundred flags makes a suggestion certain
# "check/kind[/short]" -> the calibrated score of each band (None: not measured)
# Measured on the development pages of every set (bench/flag_quality.py --calibrate).
TABLE: dict[str, tuple[float | None, ...]] = {
    "collation/collation": (None, None, None, None, 0.518, None, 0.933),
    "collation/collation/short": (None, None, None, None, 0.544, None, 0.867),
    "context/real-word/short": (None, None, None, 0.821, None, 0.88, None),
    "garbage/garbage": (None, None, None, None, None, 0.855, 0.975),
    "garbage/garbage/short": (None, None, None, 0.6, None, 0.903, 0.903),
    "lexicon/spelling": (None, 0.529, 0.529, 0.529, 0.674, 0.9, 0.93),
    "lexicon/spelling/short": (None, None, None, 0.63, 0.717, 0.838, 0.838),
    "marks/case": (None, None, 0.621, None, 0.621, None, None),
    "marks/case/short": (None, None, 0.38, None, 0.614, None, None),
    "marks/punctuation": (None, None, 0.914, None, 0.914, 0.945, 0.96),
    "marks/punctuation/short": (None, None, 0.602, 0.602, 0.786, 0.886, None),
    "names/name": (None, 0.52, None, None, None, None, 0.98),
    "patterns/case": (None, 0.147, None, None, 0.492, 0.88, None),
    "patterns/case/short": (None, 0.1, None, None, 0.4, None, None),
    "patterns/page-number/short": (None, None, 0.093, None, None, None, None),
    "patterns/punctuation": (None, None, 0.41, 0.453, 0.855, 0.855, None),
    "patterns/punctuation/short": (None, None, 0.36, 0.781, 0.831, 0.831, None),
    "reading/reading": (0.178, 0.289, None, 0.6, None, None, 0.967),
    "reading/reading/short": (0.3, 0.3, None, 0.533, None, None, None),
    "sentences/punctuation": (None, None, 0.888, 0.888, 0.888, 0.888, None),
    "sentences/punctuation/short": (None, None, 0.711, None, 0.711, None, None),
    "vocabulary/vocabulary": (None, None, None, None, None, 0.723, None),
}


def key(flag: Flag) -> str:
    """The table's key: check and kind, and whether the word is short (four letters or
    fewer: "cf", "tne", "lis" have many near readings, long words few)."""
    letters = sum(ch.isalpha() for ch in flag.text)
    return f"{flag.check}/{flag.kind}" + ("/short" if letters <= SHORT else "")


def band(score: float) -> int:
    return max(0, bisect_right(BANDS, score) - 1)


def calibrate(flag: Flag) -> Flag:
    """The flag with its score replaced by the measured rate of its band."""
    if not flag.suggestions:
        return flag
    cap = flag.extra.get("max_score", 1.0)
    rates = TABLE.get(key(flag))
    own = min(flag.score, flag.extra.get("own", flag.score))
    rate = rates[band(own)] if rates is not None else None
    # Never measured: the checks' own score, which the engine's doubt does not lift.
    score = min(cap, rate if rate is not None else own)
    if score == flag.score:
        return flag
    return Flag(
        flag.page,
        flag.line,
        flag.start,
        flag.end,
        flag.text,
        flag.kind,
        score,
        flag.explanation,
        flag.suggestions,
        flag.page_id,
        flag.line_id,
        flag.check,
        flag.extra,
    )


def fit(
    counts: dict[str, list[list[int]]], shrink: float = 4.0
) -> dict[str, tuple[float | None, ...]]:
    """A table from counts[check/kind][band] = [flags, first suggestion right].

    Each band's rate is shrunk toward the band's own raw score (its middle), as if `shrink`
    flags had scored as the check claims: a band seen a few times stays near the check's
    reckoning; one never seen stays unmeasured (None). Bands are then pooled where a surer one
    measured lower (pool-adjacent-violators), so the table never decreases.
    """
    table: dict[str, tuple[float | None, ...]] = {}
    for key, cells in sorted(counts.items()):
        if sum(n for n, _ in cells) < MIN_FLAGS:
            continue  # too few to say anything: the key stays unmeasured
        blocks: list[tuple[float, float, list[int]]] = []  # (weight, rate, bands)
        for i, (n, right) in enumerate(cells):
            middle = (BANDS[i] + (BANDS[i + 1] if i + 1 < len(BANDS) else 1.0)) / 2
            blocks.append((n + shrink, (right + shrink * middle) / (n + shrink), [i]))
            while len(blocks) > 1 and blocks[-2][1] > blocks[-1][1]:
                w2, r2, b2 = blocks.pop()
                w1, r1, b1 = blocks.pop()
                blocks.append((w1 + w2, (w1 * r1 + w2 * r2) / (w1 + w2), b1 + b2))
        rates: list[float | None] = [None] * len(cells)
        for _, rate, members in blocks:
            for i in members:
                # A band never seen stays unmeasured (None): nothing vouches for it.
                rates[i] = round(min(rate, CEILING), 3) if cells[i][0] else None
        table[key] = tuple(rates)
    return table
