"""Pages in a language the lexicon lacks: said once, not flagged word by word.

A page most of whose ordinary words (lowercase, three letters or more) the lexicon does not
know is in another language, or is no running text at all. Flagging every word there would
bury the page in flags and suggest English words for foreign ones; instead the spelling checks
leave the page alone and the flagger notes it once (`CheckContext.notes`), so the user can
choose the project's lexicon.
"""

from __future__ import annotations

from corrigenda.checks.context import CheckContext, core
from corrigenda.model import Page

FOREIGN_SHARE = 0.5  # this share of unknown ordinary words marks a page as foreign
MIN_WORDS = 20  # fewer ordinary words than this say nothing about a page's language


def foreign(page: Page, context: CheckContext) -> bool:
    """Whether the page reads as another language than the lexicon's (cached per page)."""
    cache = context.memo.setdefault("language", {})
    key = str(page.id)
    held = cache.get(key)
    if held is not None and held[0] is page.lines:
        return bool(held[1])
    # Each distinct word judged once for the whole document (None: no ordinary word).
    judged: dict[str, bool | None] = context.memo.setdefault("language.words", {})
    known = unknown = 0
    for word in page.words():
        verdict = judged.get(word.text, _UNSEEN)
        if verdict is _UNSEEN:
            verdict = judged[word.text] = _known(word.text, context)
        if verdict is None:
            continue
        if verdict:
            known += 1
        else:
            unknown += 1
    total = known + unknown
    share = unknown / total if total else 0.0
    verdict = total >= MIN_WORDS and share >= FOREIGN_SHARE
    cache[key] = (page.lines, verdict)
    if verdict:
        context.notes.append(
            f"page {page.number}: {share:.0%} of its words are unknown to the "
            f"{context.lexicon.name} lexicon (another language?): spelling is not flagged "
            "there; choose the project's lexicon"
        )
    return verdict


_UNSEEN = object()


def _known(token: str, context: CheckContext) -> bool | None:
    """Whether an ordinary word (lowercase, three letters or more) is known; None for others."""
    text = core(token)
    if len(text) < 3 or not text.isalpha() or not text.islower():
        return None
    return text in context.lexicon or context.is_accepted(text)
