"""Lexicon: words the project's lexicon does not know, with ranked spelling suggestions.

Not flagged: names (any word of a name list), numbers, dates, roman numerals, abbreviations,
all-caps acronyms, the project's accepted words, and hyphenated compounds of known words. A
known but rare word one OCR confusion away from a far more common one ("cur" for "our") is
flagged too, more softly: a real-word error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.lexicon import is_plain_word
from corrigenda.checks.registry import make_flag, register

_NUMBER = re.compile(r"^[\d.,:/\-–%$£€()]+$|^\d+(st|nd|rd|th|d|s)$", re.IGNORECASE)
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_ROMAN_LOWER = re.compile(r"^(?=[mdclxvi])m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")
_ABBREVIATION = re.compile(r"^([A-Za-z]\.){2,}$|^[A-Z][a-z]{0,3}\.$")
_MIXED = re.compile(r"[^\W\d_]")
REAL_WORD_RATIO = 200  # how much more common the near word must be to suspect a real word


def skip_reason(token: str, word: str, context: CheckContext) -> str | None:
    """Why a token is not for the lexicon to judge (None: judge it)."""
    if not word or context.is_accepted(token):
        return "accepted"
    if _NUMBER.match(word) or _ROMAN.match(word) or _ABBREVIATION.match(token.strip("([")):
        return "number or abbreviation"
    if word.isupper() and len(word) <= 5:
        return "acronym"
    if word.casefold() in context.names.tokens:
        return "name"
    if not _MIXED.search(word):
        return "no letters"
    return None


@register
class LexiconCheck:
    name = "lexicon"
    kinds = ("spelling", "real-word")
    description = "words not in the project's lexicon, and rare words near common ones"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        for token in line.tokens:
            flag = self._token(line, context, token)
            if flag is not None:
                yield flag

    def _token(self, line: LineContext, context: CheckContext, token: Token) -> Flag | None:
        word = core(token.text)
        if token.text.endswith("-") and token.index == len(line.tokens) - 1:
            return None  # a word hyphenated at the line's end: its other half is on the next
        if skip_reason(token.text, word, context):
            return None
        lexicon = context.lexicon
        parts = [p for p in re.split(r"[-–]", word) if p]
        if len(parts) > 1:
            if all(p in lexicon or skip_reason(p, p, context) for p in parts):
                return None
        elif word in lexicon:
            return self._real_word(line, context, token, word)
        if not all(is_plain_word(p) or any(ch.isdigit() for ch in p) for p in parts):
            return None  # inner punctuation: the pattern checks judge it
        suggestions = lexicon.suggest(word) if len(parts) == 1 else []
        score = 0.75
        if suggestions and suggestions[0][1] <= 0.5:
            score = 0.9  # one OCR confusion from a known word
        elif not suggestions:
            score = 0.55
        if word[:1].isupper() and not word.isupper():
            # An unknown capitalised word is often a name not on the lists: never sure.
            score = min(score, 0.7) - (0.0 if suggestions and suggestions[0][1] <= 1 else 0.25)
        if len(word) <= 3:
            score = min(score, 0.6)  # short words: interjections, abbreviations, fragments
        return make_flag(
            line, token, token, "spelling", score, f"{word!r} is not in the lexicon",
            [_in_token(token.text, word, s) for s, _ in suggestions], self.name,
        )

    def _real_word(
        self, line: LineContext, context: CheckContext, token: Token, word: str
    ) -> Flag | None:
        lexicon = context.lexicon
        count = lexicon.frequency(word)
        if len(word) < 2 or count > lexicon.total * 1e-5:
            return None  # common words are left alone
        near = sorted(lexicon.confusion_neighbours(word), key=lambda w: -lexicon.frequency(w))
        best = [(_recase_like(word, s), 1.0) for s in near
                if lexicon.frequency(s) > REAL_WORD_RATIO * count]
        if not best:
            return None
        return make_flag(
            line, token, token, "real-word", 0.5,
            f"{word!r} is a rare word; OCR often makes it from {best[0][0]!r}",
            [_in_token(token.text, word, s) for s, _ in best], self.name,
        )


def _recase_like(source: str, word: str) -> str:
    return word[:1].upper() + word[1:] if source[:1].isupper() else word


def _in_token(token: str, word: str, suggestion: str) -> str:
    """The token with its word replaced (punctuation around it kept)."""
    return token.replace(word, suggestion, 1)
