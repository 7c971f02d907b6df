"""Every built-in check, and the questions asked of them all: `all_checks`, `all_kinds`,
`checks_for`.

Importing a check's module registers it (checks/registry.py); this module imports them all.
"""

from __future__ import annotations

from collections.abc import Iterable

from corrigenda.checks import (  # noqa: F401  (imported to register their checks)
    alternatives,
    brackets,
    collation,
    confidence,
    dates,
    garbage,
    handwriting,
    lexicon_check,
    marks,
    name_check,
    noise,
    patterns,
    reading_check,
    real_words,
    rules,
    sentences,
    vocabulary,
)
from corrigenda.checks.registry import Check, registered


def all_checks() -> list[Check]:
    return registered()


def all_kinds() -> list[str]:
    return sorted({kind for check in all_checks() for kind in check.kinds})


def checks_for(kinds: Iterable[str] | None) -> list[Check]:
    """The checks that raise any of `kinds` (all checks for None)."""
    if kinds is None:
        return all_checks()
    wanted = set(kinds) | {"confidence"}  # confidence strengthens the other kinds' flags
    return [c for c in all_checks() if wanted & set(c.kinds)]
