"""Page numbers and running heads left in the running text ("3.", "- 12 -")."""

from __future__ import annotations

import re

from corrigenda.checks.context import LineContext
from corrigenda.checks.flag import Flag
from corrigenda.checks.patterns.common import CHECK
from corrigenda.checks.registry import make_flag

_PAGE_NUMBER = re.compile(r"^[-–—(]?\s*\d{1,4}\s*[-–—).]?$")


def page_number(line: LineContext) -> Flag | None:
    """The page's first or last line, when it is only a number (the whole line is flagged)."""
    tokens = line.tokens
    if not (line.first_on_page or line.last_on_page) or len(line.page.lines) <= 1:
        return None
    if not tokens or not _PAGE_NUMBER.match(line.text.replace(" ", "")):
        return None
    return make_flag(
        line,
        tokens[0],
        tokens[-1],
        "page-number",
        0.5,
        "a page number or running head in the text",
        [""],
        CHECK,
    )
