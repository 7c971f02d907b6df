"""The one way a reading takes the case of the token OCR read: `copy_case`.

Every suggestion a check makes from a list (the lexicon's words, a name list's variants, the
readings of garbage characters) goes through it, so "THE" is offered as "THE", "Tlie" as
"The" and "tlie" as "the" whichever check found the reading.
"""

from __future__ import annotations

import re

# A speck read as a lowercase letter before a capitalised word ("bThe", "lErivan").
_SPECKED_CAPITAL = re.compile(r"^[^\W\d_][A-Z][a-z]+$")
_SMALL_LETTER = re.compile("[a-z]")  # a letter, and not a capital


def copy_case(source: str, target: str) -> str:
    """`target` in the case pattern of `source`, the token as read.

    - all capitals (two letters or more, or one after a digit or mark: "0F") -> all capitals;
    - capitalised (its first letter, or the one after a speck read as a small letter:
      "bThe" for "The") -> the target's first letter a capital, the rest as it is;
    - lowercase, or capitals only inside the word ("tOWn": noise) -> the target as it is.

    One exception: "Inceting" is "meeting", the I a stroke of the m, not a capital ("Ile" is
    "He": there the I and l are the capital's strokes, and it stays a capital). Digits and
    marks in `source` are no letters: "F01" read as "for" is "For".
    """
    letters = [ch for ch in source if ch.isalpha()]
    if not letters:
        return target
    if all(ch.isupper() for ch in letters) and (len(letters) > 1 or not source[:1].isalpha()):
        return target.upper()
    if source[:2] == "In" and source[2:].islower() and target[:1] == "m":
        return target
    capitalised = letters[0].isupper() or (
        _SPECKED_CAPITAL.match(source) is not None and target.casefold() == source[1:].casefold()
    )
    return target[:1].upper() + target[1:] if capitalised else target


def in_capitals(text: str) -> bool:
    """Six letters or more, all capitals: a heading's or a title's line."""
    if _SMALL_LETTER.search(text):
        return False  # most lines: one small letter says no without listing the letters
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 6 and all(ch.isupper() for ch in letters)
