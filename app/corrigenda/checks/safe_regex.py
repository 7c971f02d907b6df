"""User regular expressions on an engine that cannot backtrack catastrophically.

A pattern a user types (concordance, find/replace, a stored rule) runs on RE2 (google-re2),
whose matching time grows linearly with the text: `(a+)+$` on a line of many a's returns at
once instead of running until killed. RE2 has no back-references or look-around, the
features that need backtracking; a pattern using them is refused with a message saying so.

Python's `re` reads `\\w`, `\\d` and `\\s` (and their negations) as Unicode classes, RE2 as
ASCII; they are rewritten into RE2's Unicode classes so "/\\w+/" still matches "Müller" whole.
`\\b` stays ASCII in RE2.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, Protocol

import re2

from corrigenda.errors import InputError

MAX_PATTERN = 1000
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print its own parse errors to stderr

# Outside a class, and inside one (where a negated class cannot be nested).
_OUTSIDE = {
    "w": r"[\p{L}\p{N}_]",
    "W": r"[^\p{L}\p{N}_]",
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": r"[\s\p{Z}\x0b]",
    "S": r"[^\s\p{Z}\x0b]",
}
_INSIDE = {"w": r"\p{L}\p{N}_", "d": r"\p{Nd}", "s": r"\s\p{Z}\x0b"}
_BACKTRACKING = ("(?=", "(?!", "(?<=", "(?<!", "(?P=")


class Match(Protocol):
    def start(self, group: int = 0) -> int: ...
    def end(self, group: int = 0) -> int: ...
    def group(self, *groups: Any) -> Any: ...
    def expand(self, template: str) -> str: ...


class Pattern(Protocol):
    """What both RE2's and `re`'s compiled patterns offer and our callers use."""

    @property
    def groups(self) -> int: ...
    @property
    def groupindex(self) -> Any: ...
    @property
    def pattern(self) -> str: ...

    def search(self, text: str) -> Match | None: ...
    def finditer(self, text: str) -> Iterator[Any]: ...


def unicode_classes(pattern: str) -> str:
    """`\\w`, `\\d`, `\\s`, their negations (and `\\Z`) in RE2's spelling with Python's meaning."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            code = pattern[i + 1]
            table = _INSIDE if in_class else _OUTSIDE
            out.append(table.get(code, r"\z" if code == "Z" else char + code))
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            # A "]" first in a class (or after "^") is a literal, not its end.
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                out.append("]")
                i += 1
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=512)
def compile_pattern(pattern: str, what: str = "pattern", *, ignore_case: bool = False) -> Pattern:
    """Compile a user's pattern on RE2, or raise InputError naming `what` and the reason.
    (The window's find/replace uses it too: `ignore_case` is its "match case" box, off.)"""
    if len(pattern) > MAX_PATTERN:
        raise InputError(f"{what} is {len(pattern)} characters long: at most {MAX_PATTERN}")
    try:
        translated = ("(?i)" if ignore_case else "") + unicode_classes(pattern)
        compiled: Pattern = re2.compile(translated, options=_OPTIONS)
    except re2.error as exc:
        raise InputError(f"{what} {pattern!r} {_reason(pattern, exc)}") from exc
    return compiled


def _reason(pattern: str, exc: Exception) -> str:
    detail = exc.args[0] if exc.args else exc
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    if any(mark in pattern for mark in _BACKTRACKING) or _has_backreference(pattern):
        return (
            "uses look-around or a back-reference, which can make matching run for ever: "
            "write it without them"
        )
    return f"is not a valid regular expression: {detail}"


def _has_backreference(pattern: str) -> bool:
    return any(
        pattern[i] == "\\" and pattern[i + 1 : i + 2].isdigit() and pattern[i + 1] != "0"
        for i in range(len(pattern) - 1)
    )
