"""User rules: regular expressions with a replacement, stored in the project ("rules").

A rule is {"pattern": ..., "replacement": ..., "explanation": ...}; patterns are matched
within one line, on RE2 (corrigenda.checks.safe_regex), so no rule can hang the program. A rule
that does not compile, or needs look-around or back-references, is reported by `parse_rules`
by its number and pattern, and refused; the others load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from corrigenda.checks.context import CheckContext, LineContext
from corrigenda.checks.flag import Flag
from corrigenda.checks.registry import register
from corrigenda.checks.safe_regex import MAX_PATTERN, Pattern, compile_pattern
from corrigenda.errors import InputError

__all__ = ["MAX_PATTERN", "Rule", "RuleCheck", "make_rule", "parse_rules"]
_GROUP_REF = re.compile(r"\\(\d+)|\\g<(\w+)>")


@dataclass(frozen=True)
class Rule:
    pattern: str
    replacement: str
    explanation: str = ""

    def compiled(self) -> Pattern:
        return compile_pattern(self.pattern, "rule")

    def to_json(self) -> dict[str, str]:
        return {
            "pattern": self.pattern,
            "replacement": self.replacement,
            "explanation": self.explanation,
        }


def make_rule(pattern: str, replacement: str, explanation: str = "", what: str = "rule") -> Rule:
    """A checked rule: raises InputError for a bad pattern or a bad group reference."""
    compiled = compile_pattern(pattern, what)
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
                    f"rule {n}",
                )
            )
        except InputError as exc:
            problems.append(f"{exc.message}; the rule is refused")
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
                except (re.error, IndexError, ValueError):
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
