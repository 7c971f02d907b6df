"""Letters of two scripts in one word (a Cyrillic "о" in "wоrd"): garbage, not spelling."""

from __future__ import annotations

import unicodedata

from corrigenda.checks.context import CheckContext, LineContext
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.patterns.common import token_flag


def script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "?"


def mixed_scripts(line: LineContext, context: CheckContext, token: Token, word: str) -> Flag | None:
    memo = context.memo.setdefault("patterns.scripts", {})
    if word not in memo:
        memo[word] = {script(ch) for ch in word if ch.isalpha()} if not word.isascii() else ()
    scripts = memo[word]
    if len(scripts) <= 1:
        return None
    return token_flag(
        line,
        token,
        "garbage",
        0.7,
        f"letters of several scripts ({', '.join(sorted(scripts))})",
        [],
    )
