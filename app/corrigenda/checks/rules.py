"""User rules: regular expressions with a replacement, stored in the project ("rules").

A rule is {"pattern": ..., "replacement": ..., "explanation": ...}; patterns are matched
within one line. A rule that does not compile is reported by `parse_rules` and skipped; the
others load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from corrigenda.checks.context import CheckContext, LineContext
from corrigenda.checks.flag import Flag
from corrigenda.checks.registry import register
from corrigenda.errors import InputError

MAX_PATTERN = 1000
_GROUP_REF = re.compile(r"\\(\d+)|\\g<(\w+)>")


@dataclass(frozen=True)
class Rule:
    pattern: str
    replacement: str
    explanation: str = ""

    def compiled(self) -> re.Pattern[str]:
        return _compile(self.pattern)

    def to_json(self) -> dict[str, str]:
        return {
            "pattern": self.pattern,
            "replacement": self.replacement,
            "explanation": self.explanation,
        }


def _compile(pattern: str) -> re.Pattern[str]:
    if len(pattern) > MAX_PATTERN:
        raise InputError(f"rule pattern is {len(pattern)} characters long: at most {MAX_PATTERN}")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise InputError(f"rule {pattern!r} is not a valid regular expression: {exc}") from exc


def make_rule(pattern: str, replacement: str, explanation: str = "") -> Rule:
    """A checked rule: raises InputError for a bad pattern or a bad group reference."""
    compiled = _compile(pattern)
    if compiled.search(""):
        raise InputError(f"rule {pattern!r} matches the empty string: it would match anywhere")
    for ref in _GROUP_REF.findall(replacement):
        number, name = ref
        if (
            (number and int(number) > compiled.groups)
            or (name and not name.isdigit() and name not in compiled.groupindex)
            or (name.isdigit() and int(name) > compiled.groups)
        ):
            raise InputError(
                f"rule replacement {replacement!r} refers to a group {number or name!r} that "
                f"pattern {pattern!r} does not have"
            )
    return Rule(pattern, replacement, explanation)


def parse_rules(items: Iterable[Any]) -> tuple[list[Rule], list[str]]:
    """Rules from the project setting; bad ones are reported and skipped."""
    rules, problems = [], []
    for n, item in enumerate(items, 1):
        try:
            if not isinstance(item, dict) or "pattern" not in item:
                raise InputError(f"rule {n} is not an object with a 'pattern'")
            rules.append(
                make_rule(
                    str(item["pattern"]),
                    str(item.get("replacement", "")),
                    str(item.get("explanation", "")),
                )
            )
        except InputError as exc:
            problems.append(f"{exc.message}; the rule is skipped")
    return rules, problems


@register
class RuleCheck:
    name = "rules"
    kinds = ("rule",)
    description = "the project's own regular expressions with replacements"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        text = line.text
        for rule in context.rules:
            compiled = rule.compiled()
            for match in compiled.finditer(text):
                try:
                    replacement = match.expand(rule.replacement)
                except (re.error, IndexError):
                    continue
                if replacement == match.group():
                    continue
                yield Flag(
                    page=line.page.number,
                    line=line.number,
                    start=line.start + match.start(),
                    end=line.start + match.end(),
                    text=match.group(),
                    kind="rule",
                    score=0.8,
                    explanation=rule.explanation or f"rule {rule.pattern!r}",
                    suggestions=(replacement,),
                    page_id=line.page.id,
                    line_id=line.line.id,
                    check=self.name,
                )
