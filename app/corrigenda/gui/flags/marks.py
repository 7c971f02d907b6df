"""How flags are marked on screen: underlines in the editor (each kind its colour and pattern),
boxes on the scan."""

from __future__ import annotations

from corrigenda.checks import Flag
from corrigenda.gui.editing.editor import TOKEN, Underline
from corrigenda.gui.flags.model import kind_colour, kind_underline
from corrigenda.model import Page


def underlines(page: Page, flags: list[Flag]) -> list[Underline]:
    starts = {s.line_id: s.start for s in page.layout()[1]}
    marks = []
    for flag in flags:
        start = starts.get(flag.line_id)
        if start is None:
            continue
        best = ", ".join(s or "(remove)" for s in flag.suggestions[:3])
        tip = f"{flag.kind}: {flag.explanation}" + (f"\nSuggestions: {best}" if best else "")
        marks.append(
            Underline(
                flag.line_id,
                flag.start - start,
                flag.end - start,
                kind_colour(flag.kind),
                tip,
                kind_underline(flag.kind),
            )
        )
    return marks


def flagged_words(page: Page, flags: list[Flag]) -> set[tuple[int, int]]:
    """(line id, word id) of the words a flag covers: their boxes are marked on the scan."""
    starts = {s.line_id: s.start for s in page.layout()[1]}
    words: set[tuple[int, int]] = set()
    for flag in flags:
        if flag.line_id not in starts:
            continue
        line = page.line(flag.line_id)
        a, b = flag.start - starts[flag.line_id], flag.end - starts[flag.line_id]
        for word, match in zip(line.words, TOKEN.finditer(line.text)):
            if match.start() < b and match.end() > a:
                words.add((line.id, word.id))
    return words
