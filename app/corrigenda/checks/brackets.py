"""Brackets: an opening bracket closed by one of another kind on the same line.

OCR confuses the bracket shapes ("{Aho et al. 1974]" for "[Aho et al. 1974]"). The flag
covers the one bracket that is likely misread, with the other kind as its suggestion:

- a curly brace paired with a parenthesis or a square bracket is the misreading, and sure
  enough to auto-fix, unless the document closes a curly brace somewhere (then it uses them);
- a parenthesis against a square bracket ("(1974]") is only doubtful: mathematics writes
  half-open intervals that way ("[0, 1)"); the closing one is suggested to match the opening.

Brackets that open on one line and close on another are left alone: the pairing is only
judged within a line, where OCR's misreadings show.
"""

from __future__ import annotations

from collections.abc import Iterator

from corrigenda.checks.context import CheckContext, LineContext
from corrigenda.checks.flag import Flag
from corrigenda.checks.registry import register

PAIRS = {"(": ")", "[": "]", "{": "}"}
OPENERS = {closer: opener for opener, closer in PAIRS.items()}
CURLY_SCORE = 0.85  # a curly brace against another kind, in a document without curly pairs
MIXED_SCORE = 0.5  # a parenthesis against a square bracket: perhaps an interval


@register
class BracketCheck:
    name = "brackets"
    kinds = ("punctuation",)
    description = "brackets closed by a bracket of another kind"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        text = line.text
        stack: list[int] = []  # offsets (in the line) of brackets still open
        for at, ch in enumerate(text):
            if ch in PAIRS:
                stack.append(at)
            elif ch in OPENERS and stack:
                opened = stack.pop()
                if text[opened] != OPENERS[ch]:
                    yield self._mismatch(line, context, opened, at)

    def _mismatch(self, line: LineContext, context: CheckContext, opened: int, closed: int) -> Flag:
        text = line.text
        opener, closer = text[opened], text[closed]
        if opener == "{" or closer == "}":
            # The curly one is the misreading: give it the other's kind.
            at, suggestion = (opened, OPENERS[closer]) if opener == "{" else (closed, PAIRS[opener])
            score = MIXED_SCORE if context.curly_braces else CURLY_SCORE
        else:
            at, suggestion, score = closed, PAIRS[opener], MIXED_SCORE
        start = line.start + at
        return Flag(
            page=line.page.number,
            line=line.number,
            start=start,
            end=start + 1,
            text=text[at],
            kind="punctuation",
            score=score,
            explanation=f"{opener!r} closed by {closer!r}: a bracket misread",
            suggestions=(suggestion,),
            page_id=line.page.id,
            line_id=line.line.id,
            check=self.name,
        )
