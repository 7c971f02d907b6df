"""Calibrated scores: a flag's score is the measured probability that its first suggestion
is right.

Each check scores its flags by its own reckoning (the raw score). `TABLE` maps, per check and
kind, bands of raw score to how often the first suggestion was right on the development pages
of bench/flag_quality.py (`--calibrate` prints the table; report-only pages never feed it).
Counts were shrunk toward the check's overall rate, so a band seen a few times does not swing
to 0 or 1, and made non-decreasing, so a surer raw score never calibrates lower.

A flag without a suggestion keeps its raw score (nothing to be right about; such a flag is
never auto-fixed), and so does a check and kind the table has not measured. The cap a check or
the ranking set (`max_score`: a guess, a possible name) still holds after calibration.
"""

from __future__ import annotations

from bisect import bisect_right

from corrigenda.checks.flag import Flag

BANDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9)  # lower edges of the raw-score bands
MIN_FLAGS = 20  # a check and kind measured on fewer flags keeps its raw scores
CEILING = 0.98  # no measurement on a few hundred flags makes a suggestion certain
# "check/kind" -> the calibrated score of each band (None: not measured, the raw score stays)
# Measured on the development pages of every set (bench/flag_quality.py --calibrate).
TABLE: dict[str, tuple[float | None, ...]] = {
    "garbage/garbage": (0.692, 0.692, 0.692, 0.692, 0.692, 0.801, 0.923),
    "lexicon/spelling": (0.581, 0.581, 0.581, 0.581, 0.674, 0.866, 0.93),
    "marks/punctuation": (0.787, 0.787, 0.787, 0.787, 0.787, 0.905, 0.905),
    "patterns/case": (0.077, 0.077, 0.077, 0.077, 0.271, 0.271, 0.271),
    "patterns/page-number": (0.022, 0.022, 0.022, 0.022, 0.022, 0.022, 0.022),
    "patterns/punctuation": (0.351, 0.351, 0.351, 0.747, 0.841, 0.875, 0.875),
}


def band(score: float) -> int:
    return max(0, bisect_right(BANDS, score) - 1)


def calibrate(flag: Flag) -> Flag:
    """The flag with its score replaced by the measured rate of its band."""
    if not flag.suggestions:
        return flag
    rates = TABLE.get(f"{flag.check}/{flag.kind}")
    rate = rates[band(flag.score)] if rates is not None else None
    if rate is None:
        return flag
    cap = flag.extra.get("max_score", 1.0)
    score = min(cap, rate)
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
    """A table from counts[check/kind][band] = [flags, first suggestion right]: rates shrunk
    toward the check's overall rate, then pooled where a surer band measured lower
    (pool-adjacent-violators), so the table never decreases."""
    table: dict[str, tuple[float | None, ...]] = {}
    for key, cells in sorted(counts.items()):
        total = sum(n for n, _ in cells)
        if total < MIN_FLAGS:
            continue  # too few to say anything: the raw score stays
        prior = sum(r for _, r in cells) / total
        blocks: list[tuple[float, float, list[int]]] = []  # (weight, rate, bands)
        for i, (n, right) in enumerate(cells):
            if not n:
                continue
            blocks.append((n + shrink, (right + shrink * prior) / (n + shrink), [i]))
            while len(blocks) > 1 and blocks[-2][1] > blocks[-1][1]:
                w2, r2, b2 = blocks.pop()
                w1, r1, b1 = blocks.pop()
                blocks.append((w1 + w2, (w1 * r1 + w2 * r2) / (w1 + w2), b1 + b2))
        rates: list[float | None] = [None] * len(cells)
        for _, rate, members in blocks:
            for i in members:
                rates[i] = round(min(rate, CEILING), 3)
        # A band never seen takes its nearest lower neighbour's rate (or the first one's).
        first = next(r for r in rates if r is not None)
        for i, measured in enumerate(rates):
            rates[i] = measured if measured is not None else (rates[i - 1] if i else first)
        table[key] = tuple(rates)
    return table
