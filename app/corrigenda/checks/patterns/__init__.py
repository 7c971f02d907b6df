"""The pattern check: what OCR does to punctuation, case and layout, one module per kind.

- `punctuation.py`: speckle standing alone or glued to words ("he.and", "certain." mid-
  sentence), marks set apart from their word, double quotes read as two marks;
- `case.py`: a lowercase "i", capitals inside a word, a case form the rest of the document
  never uses mid-sentence;
- `scripts.py`: letters of two scripts in one word (garbage);
- `hyphenation.py`: words split by a hyphen inside a line or broken at its end;
- `page_numbers.py`: page numbers left in the running text ("3.").

This module holds only their order: a line that is a page number is that and nothing else;
otherwise each token gets the first flag of punctuation, scripts, case, then hyphenation
(the line's last token: its end too). One flag per token, all under the check's one name
(`patterns`), which calibration's table is keyed by.
"""

from __future__ import annotations

from collections.abc import Iterator

from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag
from corrigenda.checks.patterns import case, hyphenation, page_numbers, punctuation, scripts
from corrigenda.checks.patterns.common import CHECK
from corrigenda.checks.registry import register


@register
class PatternCheck:
    name = CHECK
    kinds = ("punctuation", "case", "garbage", "page-number", "hyphenation")
    description = "speckle punctuation, odd case, mixed scripts, split words, page numbers"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        number = page_numbers.page_number(line)
        if number is not None:
            yield number
            return
        tokens = line.tokens
        for i, token in enumerate(tokens):
            flag = self._token(line, context, i) or hyphenation.split_in_line(line, context, i)
            if flag is None and i == len(tokens) - 1:
                flag = hyphenation.broken_at_line_end(line, context, token)
            if flag is not None:
                yield flag

    @staticmethod
    def _token(line: LineContext, context: CheckContext, i: int) -> Flag | None:
        token = line.tokens[i]
        word = core(token.text)
        if not word or not any(ch.isalnum() for ch in token.text):
            return punctuation.standing_alone(line, i)
        return (
            punctuation.in_word(line, context, i)
            or scripts.mixed_scripts(line, context, token, word)
            or case.odd_case(line, context, i, token, word)
        )
