"""Words split by a hyphen: inside a line ("conver- sation"), and at a line's end with the
hyphen lost or misread ("appoint" + "ment", "con~" + "tinued")."""

from __future__ import annotations

from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.patterns.common import CHECK, token_flag
from corrigenda.checks.registry import make_flag

_BAD_HYPHENS = "~=¬‐‑"  # what OCR makes of a line-end hyphen (¬ and soft forms too)


def split_in_line(line: LineContext, context: CheckContext, i: int) -> Flag | None:
    """'conver- sation' inside a line: a hyphenation that lost its line break."""
    tokens = line.tokens
    if i + 1 >= len(tokens) or not tokens[i].text.endswith("-"):
        return None
    left, right = tokens[i].text[:-1], tokens[i + 1].text
    word = core(right)
    if not left.isalpha() or not word[:1].islower() or left in context.lexicon:
        return None
    if (left + word).casefold() not in context.lexicon:
        return None
    return make_flag(
        line,
        tokens[i],
        tokens[i + 1],
        "hyphenation",
        0.6,
        "a word split by a hyphen inside the line",
        [right.replace(word, left + word, 1)],
        CHECK,
    )


def broken_at_line_end(line: LineContext, context: CheckContext, token: Token) -> Flag | None:
    """A word broken at the line's end with its hyphen lost or misread ("appoint" +
    "ment", "con~" + "tinued"): the two halves make a word that neither is alone."""
    after = line.next_word
    if after is None or line.paragraph_end:
        return None
    head, tail = core(token.text), core(after)
    if not tail.isalpha() or not tail[:1].islower() or tail in context.lexicon:
        return None
    mark = token.text[len(token.text.rstrip(_BAD_HYPHENS)) :]
    if mark and head.rstrip(_BAD_HYPHENS).isalpha():
        head = head.rstrip(_BAD_HYPHENS)
        why = f"{mark!r} at the line's end: a hyphen misread"
    elif token.text == head and head.isalpha() and not mark:
        why = "a word broken at the line's end without its hyphen"
    else:
        return None
    if (head + tail) not in context.lexicon or (not mark and len(head) < 2):
        return None
    return token_flag(line, token, "hyphenation", 0.7 if mark else 0.6, why, [head + "-"])
