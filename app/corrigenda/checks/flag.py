"""Flags and the tokens they point at.

A flag marks a stretch of one line that is likely wrong: where it is (page, line, character
offsets into the page's text exactly as `Page.layout()` gives it), what kind of check raised
it, how sure it is (score in [0, 1]), a one-line explanation, and ranked suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Token:
    """A whitespace-separated token of a line, with its offsets into the page's text."""

    text: str
    start: int
    end: int
    index: int  # position of the token within its line
    conf: float | None = None  # the OCR engine's confidence in percent, if any


@dataclass(frozen=True)
class Flag:
    """A likely error. `start`/`end` are offsets into the page's text (end exclusive);
    `page` is the 1-based page number, `line` the 1-based line number within the page;
    `page_id`/`line_id` are the stable ids the store and the GUI use."""

    page: int
    line: int
    start: int
    end: int
    text: str
    kind: str
    score: float
    explanation: str
    suggestions: tuple[str, ...] = ()
    page_id: int = 0
    line_id: int = 0
    check: str = ""  # the registered check that raised it
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"a flag's score is in [0, 1]: {self.score}")
        if self.end < self.start:
            raise ValueError(f"a flag ends before it starts: {self.start}..{self.end}")

    @property
    def key(self) -> str:
        """Identifies the place and the form, to remember an 'ignore' across sessions."""
        return f"{self.page_id}:{self.line_id}:{self.kind}:{self.text}"

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON object: exactly the documented keys."""
        return {
            "page": self.page,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "score": round(self.score, 3),
            "explanation": self.explanation,
            "suggestions": list(self.suggestions),
            **({"box": self.extra["box"]} if "box" in self.extra else {}),  # handwriting
        }


def line_tokens(text: str, offset: int, confs: list[float | None] | None = None) -> list[Token]:
    """Tokens of a line whose text starts at `offset` in the page's text.

    `confs` gives each word's confidence when the line's words are the tokens (they are: a
    line's text is its words joined by single spaces).
    """
    tokens = []
    for i, match in enumerate(_TOKEN.finditer(text)):
        conf = confs[i] if confs is not None and i < len(confs) else None
        tokens.append(Token(match.group(), offset + match.start(), offset + match.end(), i, conf))
    return tokens


def shifted(flag: Flag, delta: int) -> Flag:
    """The flag moved by `delta` characters (an earlier line of its page changed length)."""
    if not delta:
        return flag
    return replace(flag, start=flag.start + delta, end=flag.end + delta)


def page_flags_after_edit(
    flags: Sequence[Flag],
    fresh: Sequence[Flag],
    changed: set[int],
    old_starts: dict[int, int],
    new_starts: dict[int, int],
) -> list[Flag]:
    """A page's flags once lines `changed` were flagged again: their flags are `fresh`; the
    other lines' flags move along by how much the lines before them grew or shrank (offsets
    are into the page's text: `old_starts`/`new_starts` give each line's start before and
    after the edit)."""
    kept = [
        shifted(f, new_starts.get(f.line_id, 0) - old_starts.get(f.line_id, 0))
        for f in flags
        if f.line_id not in changed
    ]
    return kept + list(fresh)
