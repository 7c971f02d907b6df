"""Garbage characters inside words: digits and symbols for letters ("c0untry", "0F",
"¢xclusiveness") and the splinters OCR makes of wide letters ("\\Ve" for "We", "l\\Iy" for
"My", "TIIE" for "THE").

Specks inside a word ("oppr.essor", "dying:r") are dropped. A token is rewritten with the
usual readings of those characters; when a rewriting is a
known word, the token is flagged with it first. Tokens that are numbers, dates or ordinals
("4th", "1776", "3rd") are left alone. Verdicts depend on the token alone, so each distinct
token is judged once per flagging run.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from corrigenda.checks.casing import copy_case
from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.lexicon import Lexicon
from corrigenda.checks.registry import make_flag, register

# What a character that does not belong in a word usually is, best reading first: digits,
# and the symbols OCR makes of letters ("¢xclusiveness").
_READINGS = {
    "0": "oO",
    "1": "lIir",  # "f01" for "for", "a1e" for "are": a worn r
    "5": "sS",
    "8": "B",
    "6": "b",
    "¢": "ce",
    "£": "Ef",
    "§": "S",
    "©": "ceo",
    "®": "R",
    "€": "eE",
}
# Wide letters OCR breaks into punctuation and narrow letters.
_SPLINTERS = (
    ("l\\I", "M"),
    ("I\\I", "M"),
    ("\\V", "W"),
    ("\\v", "w"),
    ("\\N", "N"),
    ("l\\l", "M"),
    ("|\\/|", "M"),
    ("\\/\\/", "W"),
    ("\\/", "V"),
)
_ROMAN = re.compile(r"^[MDCLXVI]+$")
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th|d|s|er|e)?$", re.IGNORECASE)
MAX_VARIANTS = 64
_STROKES = re.compile(r"^[01]+s?$")  # digits OCR makes of strokes: "111", "011", "1s"
_WORD_READINGS = {"0": "o", "1": "il"}
_COUNTED = {"page", "pages", "chapter", "number", "no", "vol", "volume", "year", "section"}
_COUNTED |= {"fig", "figure", "plate", "line", "verse", "article", "room", "table"}
GUESS_WORD = 0.6  # a number read as a word: never sure (a page may cite "page 111")
GUESS_SCORE = 0.75  # the most a reading scores when the token may as well be a number
_AS_DIGITS = str.maketrans("oOlIiSsBZzg", "00111558229")


_INNER = re.compile(r"(?<=[^\W\d_])[.,:;/‘](?=[^\W\d_])")
_TAIL = re.compile(r"^([^\W\d_]{2,})[.,:;]([^\W\d_])$")


def readings(word: str, lexicon: Lexicon) -> list[str]:
    """Known words the token may be, most frequent first."""
    if len(word) > 2 and word.isupper() and "II" in word and not _ROMAN.match(word):
        fixed = word.replace("II", "H")  # "TIIE": the H of a capital heading split in two
        return [fixed] if fixed in lexicon else []
    if "IVI" in word and word.replace("IVI", "M") in lexicon:
        return [word.replace("IVI", "M")]  # "IVIagic": an M split in three strokes
    if word.isalpha() or word in lexicon:
        return []
    tail = _TAIL.match(word)
    if tail and tail.group(1) in lexicon and tail.group(2) not in "aAI":
        return [tail.group(1)]  # "dying:r": a speck read as a letter
    joined = _INNER.sub("", word)
    if joined != word and joined.isalpha() and len(joined) > 3 and joined in lexicon:
        parts = _INNER.split(word)
        if not all(p in lexicon and len(p) > 1 for p in parts):
            return [joined]  # "oppr.essor": a speck inside a word
    if "\\" in word or "/" in word:
        fixed = word
        for old, new in _SPLINTERS:
            fixed = fixed.replace(old, new)
        if fixed != word and fixed in lexicon:
            return [fixed]
        word = fixed
    if not any(ch in _READINGS for ch in word) or not any(ch.isalpha() for ch in word):
        return []
    options = [_READINGS.get(ch, ch) for ch in word]
    found = []
    # A rare word ("fol" for "f01") is no likelier than an unknown one; but a symbol inside
    # a word is surely a letter misread, whatever the word's frequency.
    symbol = any(ch in _READINGS and not ch.isdigit() for ch in word)
    floor = 0 if symbol else lexicon.total * 1e-6
    for letters in itertools.islice(itertools.product(*options), MAX_VARIANTS):
        candidate = "".join(letters)
        if candidate in lexicon and lexicon.frequency(candidate) > floor:
            found.append(copy_case(word, candidate.lower()))
    return sorted(dict.fromkeys(found), key=lambda w: -lexicon.frequency(w))


@register
class GarbageCheck:
    name = "garbage"
    kinds = ("garbage",)
    description = "digits and splinters inside words that read as a known word"

    def _digits_for_letters(
        self, line: LineContext, token: Token, word: str, context: CheckContext
    ) -> Flag | None:
        if not _between_words(line, token.index):
            return None
        reading = as_word(word, context.lexicon)
        if reading is None:
            return None
        return make_flag(
            line,
            token,
            token,
            "garbage",
            GUESS_WORD,
            f"{word!r} between words: letters read as digits ({reading!r})",
            [token.text.replace(word, reading, 1)],
            self.name,
            GUESS_WORD,
        )

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        memo = context.memo.setdefault(self.name, {})
        for token in line.tokens:
            word = core(token.text)
            if not word:
                continue
            if _ORDINAL.match(word):
                flag = self._digits_for_letters(line, token, word, context)
                if flag is not None:
                    yield flag
                continue
            if word not in memo:
                memo[word] = readings(word, context.lexicon)
            found = memo[word]
            if not found:
                continue
            following = line.next_token(token.index)
            if (
                token.text == word
                and _INNER.search(word)
                and "." in word
                and found[0].isalpha()
                and (following is None or following[:1].isupper())
            ):
                # "oppr.essor The": the stop was the sentence's, misplaced by a speck.
                found = [f"{found[0]}.", *found]
            why = f"{word!r} holds characters OCR makes of letters; reads as {found[0]!r}"
            number = as_number(word)
            if number is not None:
                # "5o" is "so" or "50": a guess either way, never auto-fixed.
                found = [*found, number]
                why += f" or as the number {number!r}"
            yield make_flag(
                line,
                token,
                token,
                "garbage",
                0.85,
                why,
                [token.text.replace(word, s, 1) for s in found],
                self.name,
                GUESS_SCORE if number is not None else 1.0,
            )


def as_word(word: str, lexicon: Lexicon) -> str | None:
    """A short common word a run of 0s and 1s may be ("111" in, "011" on, "1s" is): the
    strokes of an n read as "11", an i as "1", an o as "0"."""
    if len(word) > 5 or not _STROKES.match(word):
        return None
    found = []
    # The n's strokes pair from the left or from the right ("111": "n1" or "1n").
    for text in dict.fromkeys([word.replace("11", "n"), word[::-1].replace("11", "n")[::-1]]):
        options = [_WORD_READINGS.get(ch, ch) for ch in text]
        for letters in itertools.islice(itertools.product(*options), MAX_VARIANTS):
            if "".join(letters) in lexicon:
                found.append("".join(letters))
    common = [w for w in found if lexicon.frequency(w) > lexicon.total * 1e-4]
    return max(common, key=lexicon.frequency) if common else None


def _between_words(line: LineContext, index: int) -> bool:
    """Between two lowercase words ("was 111 the"): running text, not a count or a date."""
    before = line.tokens[index - 1].text if index else None
    after = line.next_token(index)
    return bool(
        before
        and after
        and before.isalpha()
        and before.islower()
        and before not in _COUNTED
        and after.isalpha()
        and after.islower()
    )


def as_number(word: str) -> str | None:
    """The number a token of digits and digit-like letters may be ("5o" -> "50")."""
    digits = word.translate(_AS_DIGITS)
    return digits if digits.isdigit() and digits != word else None
