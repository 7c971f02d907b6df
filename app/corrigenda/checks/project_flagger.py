"""Building a flagger for a project: its name lists, lexicon, thresholds and decisions.

Project settings used (all written through `Project.set_setting`, so each is an event):
"name_lists" [{"file", "text"}], "lexicon" ("en" or a file), "accepted_words" [str],
"ignored_flags" [Flag.key], "ignored_forms" [str], "unlearned_forms" [str], "rules"
[{"pattern", "replacement", "explanation"}], "confidence" {"low", "doubtful"}.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from corrigenda.checks.bigrams import load_bigrams
from corrigenda.checks.collation import build_collation
from corrigenda.checks.context import CheckContext, Thresholds, document_forms
from corrigenda.checks.engine import Flagger, collector_paused
from corrigenda.checks.lexicon import DEFAULT_LEXICON, Lexicon, load_lexicon
from corrigenda.checks.names import NameIndex, NameList, parse_name_list
from corrigenda.checks.rules import parse_rules
from corrigenda.checks.vocabulary import VocabularyIndex, learned_forms
from corrigenda.errors import InputError
from corrigenda.model import Document
from corrigenda.settings import Settings
from corrigenda.store import Project

MAX_NAME_FILE = 200 * 1024 * 1024


def read_name_list(path: Path) -> NameList:
    """Read and parse a name list file: the one loader, for `new`, `flag`, `fix` and the GUI.

    A file that cannot be read, is too big, is not Unicode (UTF-8, or UTF-16/32 with a
    byte-order mark) or holds no names is refused (InputError naming the file, and for bad
    bytes the line and byte): an 8-bit list would lose its accented names silently. Blank
    lines, comments and duplicates are fine; overlong lines are skipped and reported in the
    result's problems.
    """
    try:
        if path.stat().st_size > MAX_NAME_FILE:
            raise InputError(f"name list {path} is over {MAX_NAME_FILE >> 20} MB: split it")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read name list {path}: {exc.strerror}") from exc
    encoding = _unicode_encoding(data)
    if encoding == "utf-8-sig" and b"\x00" in data[:4096]:
        # UTF-16 without its byte-order mark decodes as UTF-8 with a NUL after every letter,
        # and then matches nothing: say so instead of flagging nothing.
        raise InputError(
            f"name list {path} holds NUL bytes: it looks like UTF-16 without a byte-order "
            "mark; save it as UTF-8"
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        # Checked before parsing: a Latin-1 list would otherwise lose its accented names
        # silently, or read as "holds no names" when every line has one.
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"name list {path} is not UTF-8 (line {line}, byte {exc.start}): save it as UTF-8"
        ) from exc
    result = parse_name_list(text, path.name)
    if not result.entries:
        why = "".join(f"; {problem}" for problem in result.problems[:3])
        raise InputError(
            f"name list {path} holds no names{why}. Give one name a line, variants after ' | '"
        )
    return result


def _unicode_encoding(data: bytes) -> str:
    """UTF-8 (with or without its BOM), or the UTF-16/32 a byte-order mark announces
    (Windows editors save "Unicode" text as UTF-16 with one)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def name_list_setting(path: Path) -> tuple[dict[str, str], list[str]]:
    """A name list checked before a project remembers it: ({"file", "text"}, warnings).

    Refused (InputError) as `read_name_list` refuses; the text kept is the valid entries, one
    a line, so the project stores no junk.
    """
    parsed = read_name_list(path)
    text = "".join(" | ".join(entry.variants) + "\n" for entry in parsed.entries)
    warnings = [p for p in parsed.problems if "duplicate" not in p]
    return {"file": path.name, "text": text}, warnings


def stored_name_lists(project_settings: dict[str, Any]) -> list[NameList]:
    lists = []
    for item in project_settings.get("name_lists", []) or []:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            lists.append(parse_name_list(item["text"], str(item.get("file", "names"))))
    return lists


def build_context(
    document: Document,
    project_settings: dict[str, Any],
    name_lists: Sequence[NameList] = (),
    user: Settings | None = None,
) -> tuple[CheckContext, list[str]]:
    """The checks' shared context; returns it with the problems found in lists and rules."""
    with collector_paused():
        return _build_context(document, project_settings, name_lists, user)


def _build_context(
    document: Document,
    project_settings: dict[str, Any],
    name_lists: Sequence[NameList],
    user: Settings | None,
) -> tuple[CheckContext, list[str]]:
    lists = [*stored_name_lists(project_settings), *name_lists]
    problems = [p for lst in lists for p in lst.problems]
    rules, rule_problems = parse_rules(project_settings.get("rules", []) or [])
    problems += rule_problems
    conf = project_settings.get("confidence") or {}
    user = user or Settings()
    thresholds = Thresholds(
        float(conf.get("low", user.confidence_low)),
        float(conf.get("doubtful", user.confidence_doubtful)),
    )
    forms, form_counts = document_forms(document)
    lexicon = load_lexicon(str(project_settings.get("lexicon") or DEFAULT_LEXICON))
    unlearned = {str(f) for f in project_settings.get("unlearned_forms", []) or []}
    context = CheckContext(
        lexicon=lexicon,
        names=NameIndex(lists),
        accepted={w.casefold() for w in project_settings.get("accepted_words", []) or []},
        ignored=set(project_settings.get("ignored_flags", []) or []),
        ignored_forms=set(project_settings.get("ignored_forms", []) or []),
        thresholds=thresholds,
        rules=rules,
        collation=build_collation(document),
        forms=forms,
        form_counts=form_counts,
        curly_braces=any("}" in w.text for page in document.pages for w in page.words()),
        bigrams=load_bigrams(lexicon),
        unlearned=unlearned,
    )
    context.vocabulary = VocabularyIndex(learned_forms(form_counts, lexicon, unlearned))
    context.noise = unknown_share(form_counts, lexicon)
    return context, problems


def unknown_share(form_counts: Counter[str], lexicon: Lexicon) -> float:
    """How much of the document's ordinary running text (lowercase words of three letters or
    more) the lexicon lacks: a measure of how noisy its OCR is."""
    known = unknown = 0
    for form, count in form_counts.items():
        if len(form) < 3 or not form.isalpha() or not form.islower():
            continue
        if form in lexicon:
            known += count
        else:
            unknown += count
    return unknown / (known + unknown) if known + unknown else 1.0


def flagger_for(
    project: Project,
    kinds: Iterable[str] | None = None,
    extra_names: Sequence[Path] = (),
    user: Settings | None = None,
) -> tuple[Flagger, list[str]]:
    """A flagger over the project's current document, with its lists and decisions."""
    document = project.document()
    lists = [read_name_list(path) for path in extra_names]
    context, problems = build_context(document, project.settings(), lists, user)
    return Flagger(document, context, kinds), problems
