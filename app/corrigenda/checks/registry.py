"""The one place checks are registered (`register`), and how a check makes a flag.

A check is a small object with a `name`, the `kinds` of flag it raises, a one-line
`description`, and `check_line(line, context) -> iterable of Flag`. Every check module
imports this one, never the other way round: the GUI and the CLI ask checks/catalogue.py,
which imports the built-in checks, never a check by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar, cast

from corrigenda.checks.context import CheckContext, LineContext
from corrigenda.checks.flag import Flag, Token


class Check(Protocol):
    name: str
    kinds: tuple[str, ...]
    description: str

    def check_line(self, line: LineContext, context: CheckContext) -> Iterable[Flag]: ...


_REGISTRY: dict[str, Check] = {}


_T = TypeVar("_T", bound=type)


def register(cls: _T) -> _T:
    """Class decorator: instantiate and register a check (names are unique)."""
    check = cast(Check, cls())
    if check.name in _REGISTRY:
        raise ValueError(f"a check named {check.name!r} is registered already")
    _REGISTRY[check.name] = check
    return cls


def registered() -> list[Check]:
    """The checks registered so far, in the order they were (checks/catalogue.py imports
    every built-in one)."""
    return list(_REGISTRY.values())


def make_flag(
    line: LineContext,
    first: Token,
    last: Token,
    kind: str,
    score: float,
    explanation: str,
    suggestions: Iterable[str],
    check: str,
    max_score: float = 1.0,
    rival: bool = False,
) -> Flag:
    """A flag over tokens first..last of a line (offsets into the page's text).

    `max_score` caps the score other checks' evidence can lift it to when flags merge: a
    word surely wrong whose right reading is a guess must not be auto-fixed. With `rival`,
    the cap stands for another reading this check alone weighs: only a check that sees the
    page or another copy lifts it.
    """
    text = line.text[first.start - line.start : last.end - line.start]
    unique = [s for s in dict.fromkeys(suggestions) if s != text]
    return Flag(
        page=line.page.number,
        line=line.number,
        start=first.start,
        end=last.end,
        text=text,
        kind=kind,
        score=max(0.0, min(1.0, score)),
        explanation=explanation,
        suggestions=tuple(unique),
        page_id=line.page.id,
        line_id=line.line.id,
        check=check,
        extra=(
            {"max_score": max_score, **({"rival": True} if rival else {})}
            if max_score < 1.0
            else {}
        ),
    )
