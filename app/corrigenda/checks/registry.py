"""The one place checks are registered; the GUI and the CLI ask here, never a check by name.

A check is a small object with a `name`, the `kinds` of flag it raises, a one-line
`description`, and `check_line(line, context) -> iterable of Flag`.
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


def all_checks() -> list[Check]:
    _load_builtin()
    return list(_REGISTRY.values())


def all_kinds() -> list[str]:
    return sorted({kind for check in all_checks() for kind in check.kinds})


def checks_for(kinds: Iterable[str] | None) -> list[Check]:
    """The checks that raise any of `kinds` (all checks for None)."""
    if kinds is None:
        return all_checks()
    wanted = set(kinds) | {"confidence"}  # confidence strengthens the other kinds' flags
    return [c for c in all_checks() if wanted & set(c.kinds)]


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
) -> Flag:
    """A flag over tokens first..last of a line (offsets into the page's text).

    `max_score` caps the score other checks' evidence can lift it to when flags merge: a
    word surely wrong whose right reading is a guess must not be auto-fixed.
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
        extra={"max_score": max_score} if max_score < 1.0 else {},
    )


def _load_builtin() -> None:
    # Importing the modules registers their checks (once; imports are cached).
    from corrigenda.checks import (  # noqa: F401
        brackets,
        collation,
        confidence,
        dates,
        garbage,
        handwriting,
        lexicon_check,
        marks,
        name_check,
        patterns,
        reading_check,
        real_words,
        rules,
        sentences,
        vocabulary,
    )
