"""Pages made from plain text for the checks' tests, and flagging them."""

from __future__ import annotations

from corrigenda.checks import Flag, Flagger, build_context
from corrigenda.checks.names import NameList
from corrigenda.model import Document, Line, Page, Word

FILLER = "the people of the town said that the country was at peace"


def page(text: str, number: int = 1) -> Page:
    """One line of words per line of `text`."""
    lines = []
    for raw in text.splitlines():
        words = tuple(Word(i + 1, t) for i, t in enumerate(raw.split()))
        lines.append(Line(len(lines) + 1, words, None, 0, 0))
    return Page(number, number, f"p{number}.png", 100, 100, None, tuple(lines))


def flags_of(
    *texts: str, names: tuple[NameList, ...] = (), noise: float | None = None
) -> list[Flag]:
    """The flags of a document with one page per text; `noise` sets how much of its
    running text the lexicon lacks (a few lines of filler read as clean OCR)."""
    document = Document("t", tuple(page(t, n + 1) for n, t in enumerate(texts)))
    context, _ = build_context(document, {}, names)
    if noise is not None:
        context.noise = noise
    return Flagger(document, context).flag_document()


def by_text(flags: list[Flag]) -> dict[str, Flag]:
    return {f.text: f for f in flags}
