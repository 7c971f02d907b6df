"""Case as OCR spoils it: a lowercase "i" as a word, capitals inside a word ("tOWn"), and a
case form the rest of the document never uses mid-sentence ("the Harbour" where the document
writes "harbour")."""

from __future__ import annotations

import re

from corrigenda.checks.context import CheckContext, LineContext, core, ends_sentence
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.patterns.common import token_flag
from corrigenda.checks.word_lists import FUNCTION_WORDS

_NAME_PREFIX = re.compile(r"^(Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von)[A-Z]")


def odd_case(
    line: LineContext, context: CheckContext, i: int, token: Token, word: str
) -> Flag | None:
    """The first of the case rules that holds for the token, if any."""
    if token.text == "i":
        return token_flag(line, token, "case", 0.7, "lowercase 'i' as a word", ["I"])
    if re.search(r"[a-z][A-Z]", word) and not _NAME_PREFIX.match(word):
        return _mid_word_capital(line, context, token, word)
    return _unusual_form(line, context, i, token, word)


def _title_case(token: str | None) -> bool:
    word = core(token or "")
    return word[:1].isupper() and word.casefold() not in FUNCTION_WORDS


def _unusual_form(
    line: LineContext, context: CheckContext, i: int, token: Token, word: str
) -> Flag | None:
    """A case form the document never uses mid-sentence elsewhere."""
    forms = context.forms.get(word.casefold())
    if not forms:
        return None
    best_forms = context.memo.setdefault("patterns.best", {})
    if word.casefold() not in best_forms:
        best_forms[word.casefold()] = forms.most_common(1)[0]
    best, count = best_forms[word.casefold()]
    if best == word or word.isupper() or word.casefold() in context.names.tokens:
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
    return token_flag(
        line,
        token,
        "case",
        0.7 if known else 0.45,
        "capital letters inside a word",
        [token.text.replace(word, lowered, 1)] if known else [],
    )
