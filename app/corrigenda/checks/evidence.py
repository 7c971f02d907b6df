"""What the image says about a suggestion: the engine's other readings and its per-character
alternatives (`corrigenda.model.Evidence`), weighed against a candidate text.

`support(evidence, text, candidate)` is None when the word carries no evidence (projects OCRed
before evidence was kept): then nothing changes. Otherwise it is a number in [0, 1]: how well
the image backs reading `candidate` where the engine gave `text`. A candidate another reading
gave is backed by that reading's confidence; otherwise each character the candidate changes
must be among the engine's alternatives at that place (a substitution is backed by the
alternative's probability relative to the engine's first choice there, a deletion by the
engine's doubt in the character it removes, an insertion is only half backed: the engine
offers no alternative for a character it did not see). `rerank` puts suggestions the image
supports first.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from corrigenda.model import Evidence

SUPPORTED = 0.85  # a candidate at least this well backed is supported by the image
# A mark at a word's edge the engine was less sure of than this is doubtful. Tesseract's
# choices rate real marks 0.92-0.97 and specks 0.81-0.89 on the degraded development pages.
UNSURE_MARK = 0.9
# The marks a speck is read as; others ("&" in "L.&.") are a letter misread, not a speck.
SPECK_MARKS = frozenset(".,:;'\"‘’“”*-")
_INSERTION = 0.5
DELETION_FLOOR = 0.05  # an inserted character: the engine had no alternative to offer there


def _probability(choices: Sequence[tuple[str, float]], ch: str) -> float:
    for alternative, p in choices:
        if alternative == ch:
            return p
    return 0.0


def support(evidence: Evidence | None, text: str, candidate: str) -> float | None:
    """How well the image backs `candidate` for the word read as `text` (None: no evidence)."""
    if not evidence:
        return None
    assert evidence is not None
    backed = 0.0
    for reading, conf in evidence.readings:
        if reading == candidate:
            backed = max(backed, min(1.0, conf / 100.0))
    choices = evidence.choices
    if len(choices) != len(text):
        return backed  # the alternatives belong to another text (an edited word)
    product = 1.0
    for op in Levenshtein.opcodes(text, candidate):
        if op.tag == "equal":
            continue
        if op.tag == "insert":
            product *= _INSERTION ** (op.dest_end - op.dest_start)
            continue
        for k in range(op.src_start, op.src_end):
            position = choices[k]
            if op.tag == "delete" or k - op.src_start >= op.dest_end - op.dest_start:
                # Removing a character is backed by the engine's doubt in it; its certainty
                # never rules a removal out (it reads specks at 0.8-0.95 as surely as marks).
                product *= max(1.0 - (position[0][1] if position else 1.0), DELETION_FLOOR)
            else:
                # Relative to the engine's own first choice: its scale runs high (0.7-0.95
                # for alternatives it hardly believes), so only a near rival backs a change.
                wanted = candidate[op.dest_start + k - op.src_start]
                top = position[0][1] if position else 1.0
                if wanted.isspace():
                    # A mark read where a space was ("the.President"): the engine offers
                    # no space as an alternative, so weigh it as a removal.
                    product *= max(1.0 - top, DELETION_FLOOR)
                    continue
                product *= min(1.0, _probability(position, wanted) / top) if top else 0.0
        extra = (op.dest_end - op.dest_start) - (op.src_end - op.src_start)
        if op.tag == "replace" and extra > 0:
            product *= _INSERTION**extra
    return max(backed, product)


def rerank(evidence: Evidence | None, text: str, suggestions: Sequence[str]) -> tuple[str, ...]:
    """Suggestions the image supports first; the others keep their order."""
    if not evidence or len(suggestions) < 2:
        return tuple(suggestions)

    def tier(candidate: str) -> int:
        # Only support moves a suggestion: the engine's alternatives often lack the right
        # letter ("mecting": no "e" offered), so their silence demotes nothing.
        backed = support(evidence, text, candidate)
        return 0 if backed is not None and backed >= SUPPORTED else 1

    return tuple(sorted(suggestions, key=tier))


def doubtful_marks(evidence: Evidence | None, text: str) -> list[int]:
    """Offsets of punctuation marks at the word's edges the engine was unsure of (specks:
    "‘by", "coming:"); marks inside a word ("Soviet—US", "L.I.") are left to other checks."""
    if not evidence or len(evidence.choices) != len(text):
        return []
    assert evidence is not None
    letters = [i for i, ch in enumerate(text) if ch.isalnum()]
    if len(letters) < 2:
        return []
    return [
        i
        for i, (ch, position) in enumerate(zip(text, evidence.choices))
        if (i < letters[0] or i > letters[-1])
        and ch in SPECK_MARKS
        and position
        and position[0][1] < UNSURE_MARK
    ]
