"""Dates: recognised as a category (so their parts are never "not a word") and checked.

A date is a day, a month (by name, abbreviated, or in the old clerical forms "Jany", "Octr")
and a year in the usual English orders ("June 4, 1776", "4th of June 1776", "June 4th",
"4 Jan. 1801"), or all in digits ("4/7/1776", "1776-07-04"). Month names, their
abbreviations and ordinals inside a date are not flagged by the lexicon. The check flags a
date that cannot be (June 31, February 30) and a year or day the OCR gave letters for
("l776", "I8th"), with the digits as the suggestion.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from corrigenda.checks.context import CheckContext, LineContext
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.registry import make_flag, register

_MONTHS = {
    1: "jan|janry|jany|january",
    2: "feb|feby|february",
    3: "mar|march",
    4: "apr|aprl|april",
    5: "may",
    6: "jun|june",
    7: "jul|july",
    8: "aug|augt|august",
    9: "sep|sept|septr|september",
    10: "oct|octr|october",
    11: "nov|novr|november",
    12: "dec|decr|december",
}
MONTH_NUMBER = {name: n for n, names in _MONTHS.items() for name in names.split("|")}
_MONTH_NAMES = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
_MONTH = rf"(?P<month>(?:{_MONTH_NAMES})\.?)"
# A day or year may hold letters OCR makes from digits (l I | O o S B): checked below.
_D = r"[0-9lI|OoSB]"
_DAY = rf"(?P<day>{_D}{{1,2}}(?:st|nd|rd|th|d)?)"
_YEAR = rf"(?P<year>{_D}{{4}})"
_NAMED = re.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?"
    rf"|{_MONTH.replace('month', 'month2')}\s+{_DAY.replace('day', 'day2')},?"
    rf"(?:\s+{_YEAR.replace('year', 'year2')})?"
    rf"|{_MONTH.replace('month', 'month3')},?\s+{_YEAR.replace('year', 'year3')})(?=\W|$)",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
_TO_DIGIT = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0", "S": "5", "B": "8"})


@dataclass(frozen=True)
class DateSpan:
    """A date found in a line (offsets within the line's text)."""

    start: int
    end: int
    day: str | None
    month: int | None
    year: str | None


def find_dates(text: str) -> list[DateSpan]:
    """The dates written in a line's text."""
    found = []
    for m in _NAMED.finditer(text):
        groups = {k: v for k, v in m.groupdict().items() if v}
        if not any(ch.isdigit() for ch in m.group()):
            continue  # "I may", "so March": words, not a date
        month = groups.get("month") or groups.get("month2") or groups.get("month3") or ""
        found.append(
            DateSpan(
                m.start(),
                m.end(),
                groups.get("day") or groups.get("day2"),
                MONTH_NUMBER.get(month.rstrip(".").casefold()),
                groups.get("year") or groups.get("year2") or groups.get("year3"),
            )
        )
    for m in _NUMERIC.finditer(text):
        if m.group(4):
            found.append(DateSpan(m.start(), m.end(), m.group(6), int(m.group(5)), m.group(4)))
        else:
            found.append(DateSpan(m.start(), m.end(), m.group(1), int(m.group(2)), m.group(3)))
    return found


def in_a_date(line: LineContext, token: Token) -> bool:
    """Whether the token is part of a date (the lexicon leaves such tokens alone)."""
    offset = token.start - line.start
    return any(d.start <= offset < d.end for d in find_dates(line.text))


@register
class DateCheck:
    name = "dates"
    kinds = ("date",)
    description = "dates that cannot be, and dates whose digits the OCR read as letters"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        text = line.text
        if not any(ch.isdigit() for ch in text):
            return
        for date in find_dates(text):
            tokens = [t for t in line.tokens if date.start <= t.start - line.start < date.end]
            if not tokens:
                continue
            flag = self._misread(line, tokens, date) or self._impossible(line, tokens, date)
            if flag is not None:
                yield flag

    def _misread(self, line: LineContext, tokens: list[Token], date: DateSpan) -> Flag | None:
        for part in (date.year, _digits(date.day)):
            if part and not part.isdigit() and any(ch.isdigit() for ch in part):
                token = next((t for t in tokens if part in t.text), None)
                if token is not None:
                    fixed = token.text.replace(part, part.translate(_TO_DIGIT), 1)
                    return make_flag(
                        line,
                        token,
                        token,
                        "date",
                        0.85,
                        f"{part!r} in a date: letters read for digits",
                        [fixed],
                        self.name,
                    )
        return None

    def _impossible(self, line: LineContext, tokens: list[Token], date: DateSpan) -> Flag | None:
        day = _digits(date.day)
        if not day or not day.isdigit() or date.month is None:
            return None
        if not 1 <= date.month <= 12:
            why = f"there is no month {date.month}"
        else:
            year = int(date.year) if date.year and date.year.isdigit() else 2000
            last = calendar.monthrange(year if year >= 1 else 2000, date.month)[1]
            if 1 <= int(day) <= last:
                return None
            why = f"{calendar.month_name[date.month]} has no day {int(day)}"
        return make_flag(
            line, tokens[0], tokens[-1], "date", 0.5, f"an impossible date: {why}", [], self.name
        )


def _digits(day: str | None) -> str | None:
    """A day without its ordinal suffix ("4th" -> "4")."""
    if day is None:
        return None
    return re.sub(r"(st|nd|rd|th|d)$", "", day, flags=re.IGNORECASE)
