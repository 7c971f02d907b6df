"""Lines of no words: the ink of a figure, an ornament or specks, read as text.

An engine reads a drawing or a smudge beside the text as fragments ("JL/ AAA L i 1 u-4",
"S@==+---", "' N4."). Word by word they slip past the other checks (a lone letter, a mark,
a code), but a line holding no word at all and mostly such fragments is no text: it is
flagged whole, with its removal as the suggestion (or a figure region drawn over it). On the
development book pages read by OCRopus, such lines held one wrong token in eight, none of
the text's. Page numbers and lines of numbers (a table's), separators ("* * *", "———") and
lines holding any word of three letters or more are left alone; a removal is a guess about
what the ink was, never auto-fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag
from corrigenda.checks.language import foreign
from corrigenda.checks.registry import make_flag, register

SCORE = 0.55
GUESS_SCORE = 0.75  # a removal is never applied unseen
JUNK_SHARE = 2 / 3  # at least this share of a line's tokens are fragments
_SYMBOLS = frozenset("=+@%<>|\\$#~^{}[]_")
_NUMBER = re.compile(r"^[\d.,:/\-–()½¼¾]+$|^[MDCLXVI]{2,}$|^[mdclxvi]{2,}$")
_SEPARATOR = re.compile(r"^[\s*·⁂—–\-_.]*$")
_SHORT_WORDS = frozenset({"a", "i", "o"})
# Marks that stand alone in text: a dash, an ellipsis, "|" a table's rule.
_ALONE = frozenset({"-", "--", "—", "–", "&", "...", "…", "§", "*", "/", "|"})


@register
class NoiseCheck:
    name = "noise"
    kinds = ("garbage",)
    description = "lines of fragments and symbols with no word: a figure or specks read as text"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        tokens = line.tokens
        if not tokens or _SEPARATOR.match(line.text) or foreign(line.page, context):
            return
        junk = marks = 0
        for token in tokens:
            kind = _kind(token.text, context)
            if kind == "word" or (kind == "number" and len(tokens) == 1):
                return  # a word, or a line that is a page number
            junk += kind == "junk"
            marks += kind == "mark"
        if marks == len(tokens):
            junk = marks  # rules and dashes alone, no separator's: no text ("| |")
        if junk == 0 or junk < JUNK_SHARE * len(tokens):
            return
        yield make_flag(
            line,
            tokens[0],
            tokens[-1],
            "garbage",
            SCORE,
            "a line of fragments and marks with no word: a figure or specks read as text?",
            [""],
            self.name,
            GUESS_SCORE,
        )


def _kind(text: str, context: CheckContext) -> str:
    """'word' (a known word of three letters or more, in one case or capitalised, or an
    unknown one of four or more), 'number', 'mark' (a dash, a table's rule), 'short' (a
    known short word: "a", "of") or 'junk'."""
    if text in _ALONE:
        return "mark"  # a dash, a table's rule: neither word nor fragment
    if any(ch in _SYMBOLS for ch in text):
        return "junk"
    word = core(text)
    if not word:
        return "junk"  # marks alone
    if _NUMBER.match(word):
        return "number"
    if not word.isalpha():
        return "junk"  # letters and digits mixed ("4Y", "N4"), inner marks
    sane = word.islower() or word.istitle() or word.isupper()
    known = word in context.lexicon or word.casefold() in context.names.tokens
    if sane and len(word) >= 4:
        return "word"  # a word, known or misread ("TREFACE", "struction"): the line is text
    if known and sane and (len(word) >= 4 or (len(word) == 3 and not word.isupper())):
        return "word"
    if known and sane and (len(word) > 1 or word.casefold() in _SHORT_WORDS):
        return "short"
    return "junk"
