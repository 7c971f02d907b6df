"""Concordance: every occurrence of a form or pattern across the pages, with its line.

A query is literal text (whole words when it is all letters, e.g. "cur"; anywhere otherwise,
e.g. "I.I." or "rn"), or a regular expression written between slashes ("/\\bI\\.I\\./").
The user ticks occurrences and applies one replacement to them as one recorded step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corrigenda.checks.flag import Flag
from corrigenda.checks.flag_decisions import apply_flags
from corrigenda.checks.safe_regex import MAX_PATTERN, Pattern, compile_pattern
from corrigenda.errors import InputError
from corrigenda.model import Document
from corrigenda.store import LineEdit, Project
from corrigenda.store.events import Event, Source


@dataclass(frozen=True)
class Occurrence:
    """One hit: where it is (offsets into the page's text) and the line around it."""

    number: int  # 1-based, for --select
    page: int
    line: int
    start: int
    end: int
    text: str
    context: str  # the line's text
    page_id: int
    line_id: int
    replacement: str | None = None  # with a replacement: what this hit would become
    column: int = 0  # where the hit starts in `context`

    def marked(self, left: str = "«", right: str = "»") -> str:
        """The line with this hit marked, so hits on one line can be told apart."""
        end = self.column + len(self.text)
        return f"{self.context[: self.column]}{left}{self.text}{right}{self.context[end:]}"

    def as_flag(self) -> Flag:
        return Flag(
            self.page,
            self.line,
            self.start,
            self.end,
            self.text,
            "concordance",
            1.0,
            "",
            (),
            self.page_id,
            self.line_id,
            "concordance",
        )


def compile_query(query: str, inside_words: bool = False, ignore_case: bool = False) -> Pattern:
    """A /pattern/ runs on RE2 (corrigenda.checks.safe_regex), so it cannot hang; literal
    text is escaped and needs no backtracking, so Python's `re` (Unicode word boundaries)
    serves it."""
    if not query:
        raise InputError("the concordance needs a word or a pattern")
    compiled: Pattern
    if len(query) > 2 and query.startswith("/") and query.endswith("/"):
        compiled = compile_pattern(query[1:-1], "the pattern", ignore_case=ignore_case)
    else:
        pattern = re.escape(query)
        if query.isalpha() and not inside_words:
            pattern = rf"\b{pattern}\b"
        if len(pattern) > MAX_PATTERN:
            raise InputError(f"pattern is {len(pattern)} characters long: at most {MAX_PATTERN}")
        compiled = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    if compiled.search(""):
        raise InputError(f"{query!r} matches the empty string: give a word or a tighter pattern")
    return compiled


def concordance(
    document: Document,
    query: str,
    replacement: str | None = None,
    inside_words: bool = False,
    ignore_case: bool = False,
) -> list[Occurrence]:
    """Every occurrence of `query` in reading order."""
    compiled = compile_query(query, inside_words, ignore_case)
    hits: list[Occurrence] = []
    for page in document.pages:
        _, spans = page.layout()
        for number, (line, span) in enumerate(zip(page.lines, spans), 1):
            text = line.text
            for match in compiled.finditer(text):
                new = None
                if replacement is not None:
                    try:
                        new = match.expand(replacement)
                    except (re.error, IndexError, ValueError) as exc:
                        raise InputError(f"replacement {replacement!r}: {exc}") from exc
                hits.append(
                    Occurrence(
                        len(hits) + 1,
                        page.number,
                        number,
                        span.start + match.start(),
                        span.start + match.end(),
                        match.group(),
                        text,
                        page.id,
                        line.id,
                        new,
                        match.start(),
                    )
                )
    return hits


@dataclass(frozen=True)
class LineReplacement:
    """A line that replacing occurrences changes: the edit, and how many occurrences."""

    page_number: int
    edit: LineEdit
    count: int


def literal_query(text: str) -> str:
    """The query that finds `text` as it is written (regex characters, several words)."""
    return f"/{re.escape(text)}/"


def form_query(text: str) -> str:
    """The query that finds a flagged form: a word as a whole word, anything else (several
    words, punctuation, regex characters) as it is written."""
    if len(text) > 2 and text.startswith("/") and text.endswith("/"):
        return literal_query(text)  # would otherwise be read as a regular expression
    return text


def literal_replacement(text: str) -> str:
    """A replacement that puts `text` in as it is written (no group references)."""
    return text.replace("\\", "\\\\")


def line_replacements(
    document: Document,
    query: str,
    replacement: str,
    inside_words: bool = True,
    ignore_case: bool = False,
) -> list[LineReplacement]:
    """Every line where `query` occurs, with its text once each occurrence is replaced."""
    hits = concordance(document, query, replacement, inside_words, ignore_case)
    numbers = {page.id: page.number for page in document.pages}
    by_line: dict[tuple[int, int], list[Occurrence]] = {}
    for hit in hits:
        by_line.setdefault((hit.page_id, hit.line_id), []).append(hit)
    found = []
    for (page_id, line_id), line_hits in by_line.items():
        before = after = line_hits[0].context
        for hit in reversed(line_hits):  # right to left: earlier columns stay where they are
            end = hit.column + len(hit.text)
            after = after[: hit.column] + (hit.replacement or "") + after[end:]
        edit = LineEdit(page_id, line_id, before, after)
        found.append(LineReplacement(numbers[page_id], edit, len(line_hits)))
    return found


def apply_concordance(
    project: Project, hits: Sequence[Occurrence], query: str, replacement: str
) -> list[Event]:
    """Replace the chosen occurrences as one undoable step (one event per line)."""
    choices = [
        (hit.as_flag(), hit.replacement if hit.replacement is not None else replacement)
        for hit in hits
    ]
    return apply_flags(
        project, choices, Source("replace-all", {"pattern": query, "replacement": replacement})
    )
