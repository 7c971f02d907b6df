"""What the pattern rules share: the name their flags carry and a flag over one token."""

from __future__ import annotations

from corrigenda.checks.context import LineContext
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.registry import make_flag

CHECK = "patterns"  # the flags' `check`; calibration's table is keyed by it


def token_flag(
    line: LineContext, token: Token, kind: str, score: float, why: str, suggestions: list[str]
) -> Flag:
    return make_flag(line, token, token, kind, score, why, suggestions, CHECK)
