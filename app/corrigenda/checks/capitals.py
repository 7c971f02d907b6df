"""Which English words are written only in small letters: `small_only`.

The lexicons are casefolded and cannot tell "Vienna" from "view". Webster's New International
Dictionary, Second Edition (1934; the web2 list, public domain, shipped in the english-words
package) spells its headwords as print does: proper nouns and their adjectives capitalised
("Christian", "Saxon"), common words small ("clasp", "chapter"), words used both ways twice
("South", "south"). Its words are uninflected, so a plural or a verb's ending is taken off
before asking ("Clasps" -> "clasp", "Christians" -> "Christian").
"""

from __future__ import annotations

from functools import lru_cache

# Inflections web2 leaves out, each with what it replaces: "curtains", "churches",
# "armies", "carried", "moved", "viewing", "moving".
_ENDINGS = (
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ed", ""),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)


@lru_cache(maxsize=1)
def _web2() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=False))


def _listed(word: str) -> bool:
    words = _web2()
    if word in words:
        return True
    return any(
        word.endswith(end) and len(word) - len(end) >= 3 and word[: -len(end)] + base in words
        for end, base in _ENDINGS
    )


def small_only(word: str) -> bool:
    """The dictionary writes `word` only in small letters: no name, no people's adjective."""
    lower = word.lower()
    return _listed(lower) and not _listed(lower.capitalize())
