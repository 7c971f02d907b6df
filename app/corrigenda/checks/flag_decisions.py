"""Decisions on flags, each recorded through the project's one write path.

Accepting a suggestion is a line edit (source "suggestion" with the check); ignoring a flag
here or everywhere, accepting a word, adding a name and adding a rule are project settings
(one "setting" event each), and so is unlearning a form of the document's own vocabulary.
`apply_flags` applies many suggestions as one undoable step.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from corrigenda.checks.flag import Flag
from corrigenda.checks.rules import make_rule
from corrigenda.checks.vocabulary import check_relearn, check_unlearn
from corrigenda.errors import CorrigendaError
from corrigenda.model import Page
from corrigenda.store import LineEdit, Project
from corrigenda.store.events import Event, Source

PROJECT_NAME_LIST = "project"  # the name list that "add to name list" grows


def line_edits(project: Project, choices: Sequence[tuple[Flag, str]]) -> list[LineEdit]:
    """Line edits that put each chosen replacement in place of its flag's text.

    Several choices on one line are applied right to left; one that overlaps another, or
    whose text no longer matches the line, is refused with a clear message.
    """
    by_line: dict[tuple[int, int], list[tuple[Flag, str]]] = {}
    for flag, replacement in choices:
        by_line.setdefault((flag.page_id, flag.line_id), []).append((flag, replacement))
    edits = []
    pages: dict[int, tuple[Page, dict[int, int]]] = {}  # each page read once, not once a line
    for (page_id, line_id), items in by_line.items():
        if page_id not in pages:
            page = project.page(page_id)
            pages[page_id] = (page, {s.line_id: s.start for s in page.layout()[1]})
        page, starts = pages[page_id]
        before = page.line(line_id).text
        after = replace_in_line(before, starts[line_id], items)
        if after != before:
            edits.append(LineEdit(page_id, line_id, before, after))
    return edits


def best_first_suggestions(flags: Sequence[Flag], above: float) -> list[tuple[Flag, str]]:
    """Each flag scoring above `above` with its first suggestion, in page order; where two
    such flags overlap (a name over two words, a spelling in one of them) only the surer one,
    so what is listed is what gets applied."""
    taken: dict[tuple[int, int], list[Flag]] = {}  # (page, line) -> flags kept there
    for flag in sorted(flags, key=lambda f: -f.score):
        if flag.score <= above or not flag.suggestions or flag.kind == "handwriting":
            continue  # a proposed region is no text to put in: `regions --find --accept`
        kept = taken.setdefault((flag.page_id, flag.line_id), [])
        if all(flag.end <= k.start or k.end <= flag.start for k in kept):
            kept.append(flag)
    chosen = [f for kept in taken.values() for f in kept]
    chosen.sort(key=lambda f: (f.page, f.start))
    return [(f, f.suggestions[0]) for f in chosen]


def replace_in_line(before: str, offset: int, items: Sequence[tuple[Flag, str]]) -> str:
    """A line's text with each flag's text replaced (right to left; overlaps skipped).

    `offset` is where the line starts in the page's text (the flags' offsets are the page's).
    """
    after, limit = before, len(before) + 1
    for flag, replacement in sorted(items, key=lambda item: -item[0].start):
        a, b = flag.start - offset, flag.end - offset
        if b > limit:
            continue  # overlaps a change already made on this line
        if before[a:b] != flag.text:
            raise CorrigendaError(
                f"page {flag.page} line {flag.line} changed since it was flagged "
                f"(expected {flag.text!r}): flag again"
            )
        after = after[:a] + replacement + after[b:]
        limit = a
    return after


def accept(project: Project, flag: Flag, choice: int = 0) -> list[Event]:
    """Apply the flag's suggestion number `choice` (0: the best)."""
    if not 0 <= choice < len(flag.suggestions):
        raise CorrigendaError(f"the flag on {flag.text!r} has no suggestion {choice + 1}")
    return apply_flags(
        project,
        [(flag, flag.suggestions[choice])],
        Source("suggestion", {"check": flag.check, "kind": flag.kind}),
    )


def apply_flags(
    project: Project,
    choices: Sequence[tuple[Flag, str]],
    source: Source,
    comment: str | None = None,
) -> list[Event]:
    """Apply many replacements as one recorded, undoable step."""
    edits = line_edits(project, choices)
    return project.edit_lines(edits, source, comment) if edits else []


def _append_setting(project: Project, key: str, value: Any, detail: dict[str, Any]) -> None:
    items = list(project.setting(key, []) or [])
    if value not in items:
        items.append(value)
        project.set_setting(key, items, Source("decision", detail))


def ignore(project: Project, flag: Flag) -> None:
    """Ignore this flag at this place (it comes back if the text there changes)."""
    _append_setting(project, "ignored_flags", flag.key, {"flag": flag.kind, "text": flag.text})


def ignore_everywhere(project: Project, text: str) -> None:
    """Never flag this exact text again, anywhere in the project."""
    _append_setting(project, "ignored_forms", text, {"text": text})


def accept_word(project: Project, word: str) -> None:
    """Add a word to the project's accepted words (the lexicon checks pass it)."""
    _append_setting(project, "accepted_words", word, {"word": word})


def unlearn(project: Project, form: str, learned: Collection[str]) -> None:
    """The document's repeats of this form teach nothing: it is no vocabulary, no name.
    `learned` is the document's learned vocabulary: any other form is refused."""
    if not form.strip() or any(ch.isspace() for ch in form):
        raise CorrigendaError(f"not a word form: {form!r}")
    check_unlearn(form, learned, unlearned_forms(project))
    _append_setting(project, "unlearned_forms", form, {"unlearn": form})


def relearn(project: Project, form: str) -> None:
    """Undo `unlearn`: the document's repeats of this form count again. A form that was not
    unlearned is refused."""
    before = unlearned_forms(project)
    check_relearn(form, before)
    items = [f for f in before if f != form]
    project.set_setting("unlearned_forms", items, Source("decision", {"relearn": form}))


def unlearned_forms(project: Project) -> list[str]:
    return [str(f) for f in project.setting("unlearned_forms", []) or []]


def add_name(project: Project, name: str, variants: Sequence[str] = ()) -> None:
    """Add an entity to the project's own name list."""
    entry = " | ".join([name.strip(), *(v.strip() for v in variants if v.strip())])
    if not name.strip() or "\n" in entry:
        raise CorrigendaError(f"not a name: {name!r}")
    lists = [dict(item) for item in project.setting("name_lists", []) or []]
    own = next((item for item in lists if item.get("file") == PROJECT_NAME_LIST), None)
    if own is None:
        own = {"file": PROJECT_NAME_LIST, "text": ""}
        lists.append(own)
    if entry in own["text"].splitlines():
        return
    own["text"] = own["text"] + entry + "\n"
    project.set_setting("name_lists", lists, Source("decision", {"name": name}))


def keep_name_list(project: Project, setting: dict[str, str]) -> None:
    """Keep a checked name list (`name_list_setting`) in the project, replacing a list of the
    same file name: later runs and the window use it without being told."""
    lists = [
        dict(item)
        for item in project.setting("name_lists", []) or []
        if isinstance(item, dict) and item.get("file") != setting["file"]
    ]
    lists.append(setting)
    project.set_setting("name_lists", lists, Source("decision", {"name list": setting["file"]}))


def add_rule(project: Project, pattern: str, replacement: str, explanation: str = "") -> None:
    """Add a checked regular-expression rule (a bad pattern raises InputError)."""
    rule = make_rule(pattern, replacement, explanation)
    _append_setting(project, "rules", rule.to_json(), {"rule": pattern})
