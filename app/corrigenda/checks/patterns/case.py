"""Case as OCR spoils it: a lowercase "i" as a word, capitals inside a word ("tOWn"), and a
case form the rest of the document never uses mid-sentence ("the Harbour" where the document
writes "harbour")."""

from __future__ import annotations

import re

from corrigenda.checks.context import (
    CheckContext,
    LineContext,
    context_words,
    core,
    ends_sentence,
)
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.patterns.common import token_flag
from corrigenda.checks.word_lists import FUNCTION_WORDS

_MID_CAPITAL = re.compile(r"[a-z][A-Z]")
_NAME_PREFIX = re.compile(r"^(Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von)[A-Z]")


def odd_case(
    line: LineContext, context: CheckContext, i: int, token: Token, word: str
) -> Flag | None:
    """The first of the case rules that holds for the token, if any."""
    if token.text == "i":
        return token_flag(
            line, token, "case", 0.7, "lowercase 'i' as a word", _i(line, context, token)
        )
    if _MID_CAPITAL.search(word) and not _NAME_PREFIX.match(word):
        return _mid_word_capital(line, context, token, word)
    return _unusual_form(line, context, i, token, word)


def _title_case(token: str | None) -> bool:
    word = core(token or "")
    return word[:1].isupper() and word.casefold() not in FUNCTION_WORDS


def _unusual_form(
    line: LineContext, context: CheckContext, i: int, token: Token, word: str
) -> Flag | None:
    """A case form the document never uses mid-sentence elsewhere."""
    folded = word.casefold()
    forms = context.forms.get(folded)
    if not forms:
        return None
    best_forms = context.memo.setdefault("patterns.best", {})
    if folded not in best_forms:
        best_forms[folded] = forms.most_common(1)[0]
    best, count = best_forms[folded]
    if best == word or word.isupper() or folded in context.names.tokens:
        return None
    if _sentence_start(line, i):
        return None
    if (line.previous_token(i) or "")[-1:] in ",;" and word.casefold() in FUNCTION_WORDS:
        return None  # "race, Are they": the comma is the misread (checks/marks.py)
    if not best[:1].islower() or word.endswith("-"):
        return None  # capitalised elsewhere, lowercase here: rarely an OCR error
    if _title_case(line.next_token(i)):
        return None  # "The Lebanon", "Data Structures": a name or a title
    if best not in FUNCTION_WORDS and (
        forms[word] > 1 or count < 2 or _title_case(line.previous_token(i))
    ):
        # A noun capitalised more than once, or next to other capitals, is a title ("the
        # Tower", "Data Structures"), not noise.
        return None
    if count > forms[word]:
        return token_flag(
            line,
            token,
            "case",
            0.45,
            f"elsewhere in the document this reads {best!r}",
            [token.text.replace(word, best, 1)],
        )
    return None


# A lone "i": the pronoun's capital lost, or a short word's letter ("i" for "in", "is").
_I_READINGS = (("I", 0.25), ("in", 1.0), ("is", 1.0), ("it", 1.0))


def _i(line: LineContext, context: CheckContext, token: Token) -> list[str]:
    """The readings of a lone "i", the likeliest between the words around it first."""
    if context.bigrams is None:
        return [reading for reading, _ in _I_READINGS]
    before, after = context_words(line, token)
    return [reading for reading, _ in context.bigrams.rank(before, after, _I_READINGS)]


def _sentence_start(line: LineContext, i: int) -> bool:
    """After a full stop, at a paragraph's start, after a heading or an opening quote."""
    before = line.previous_token(i)
    if ends_sentence(before):
        return True
    if i == 0 and (line.paragraph_start or not any(ch.islower() for ch in before or "")):
        return True
    token = line.tokens[i].text
    return token[:1] in "\"“‘'(" or (i > 0 and line.tokens[i - 1].text in "\"“‘'(")


def _mid_word_capital(
    line: LineContext, context: CheckContext, token: Token, word: str
) -> Flag | None:
    """'tOWn', 'resPectable': capitals inside a word are OCR noise, not spelling."""
    if word.casefold() in context.names.tokens or context.names.is_name(word):
        return None
    lowered = word.lower() if word[:1].islower() else word.capitalize()
    known = lowered in context.lexicon
    if not known and (word[:1].isupper() or sum(ch.isupper() for ch in word) > 1):
        return None  # "McAdam", "PhD", "LaSalle": names and abbreviations
    suggestions = [token.text.replace(word, lowered, 1)] if known else []
    if known and _small_caps(line, context, word):
        # "wEAVING", "CANiNG", "oF" in a heading: small capitals read as small letters.
        suggestions.insert(0, token.text.replace(word, word.upper(), 1))
    return token_flag(
        line,
        token,
        "case",
        0.7 if known else 0.45,
        "capital letters inside a word",
        suggestions,
    )


def _small_caps(line: LineContext, context: CheckContext, word: str) -> bool:
    """The word is mostly capitals, or stands in a line mostly of words in capitals (a
    heading: worked out once a line, so a line of thousands of words stays linear)."""
    if 2 * sum(ch.isupper() for ch in word) > len(word):
        return True
    memo = context.memo.setdefault("patterns.capitals", {})
    key = f"{line.page.id}:{line.line.id}"
    held = memo.get(key)
    if held is None or held[0] != line.text:
        words = [core(t.text) for t in line.tokens]
        words = [w for w in words if len(w) > 1 and w.isalpha()]
        held = memo[key] = (line.text, 10 * sum(w.isupper() for w in words) >= 6 * len(words))
    return bool(held[1])
