"""What a check sees: the line it checks (`LineContext`) and the document around it
(`CheckContext`, precomputed once: lexicon, name index, collation twins, project decisions).

Checks work line by line so that re-flagging after an edit touches only the edited line; the
little they need from outside the line (the word before and after it, document-wide counts)
is precomputed here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from corrigenda.checks.casing import in_capitals
from corrigenda.checks.flag import Token, line_tokens
from corrigenda.checks.lexicon import Lexicon
from corrigenda.checks.names import NameIndex
from corrigenda.checks.word_lists import ABBREVIATIONS, TITLES
from corrigenda.model import Document, Line, Page

if TYPE_CHECKING:
    from corrigenda.checks.bigrams import BigramModel
    from corrigenda.checks.collation import CollationIndex
    from corrigenda.checks.rules import Rule
    from corrigenda.checks.vocabulary import VocabularyIndex

_EDGE_PUNCT = "\"'“”‘’()[]{}<>«»,.;:!?*"
_BREAKS = ".,;:!?)]}\"'”’-–—"  # punctuation that parts a word from the next one
_OPENINGS = "([{\"'“‘"
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")


@lru_cache(maxsize=200_000)
def core(text: str) -> str:
    """A token without surrounding punctuation and without a possessive 's.

    Cached: every check asks for the core of every token, and documents repeat their words.
    """
    text = text.strip(_EDGE_PUNCT)
    if text[-2:].casefold() in ("'s", "’s"):
        text = text[:-2]
    return text


def ends_sentence(token: str | None) -> bool:
    return token is None or bool(_SENTENCE_END.search(token))


def opens_sentence(before: str | None) -> bool:
    """The word after `before` starts a sentence: nothing is before it, or `before` ends in
    a full stop, question or exclamation mark that is no abbreviation's, title's or
    initial's ("e.g.", "Fig.", "Mr.", "J."). Stricter than ends_sentence(), which counts a
    colon and any stop: for choosing a capital, not for whether a stop may stand."""
    if before is None:
        return True
    if before.rstrip("\"'”’)]")[-1:] not in ".!?":
        return False
    bare = core(before).casefold()
    return len(bare) > 1 and "." not in bare and bare not in ABBREVIATIONS and bare not in TITLES


_DASH = re.compile(r"—|--")


def dash_parts(token: Token) -> list[Token]:
    """A token whose words a dash joins ("people.”—Extract", "Persia—What") as one
    token per word, each judged on its own; any other token as itself."""
    if "—" not in token.text and "--" not in token.text:
        return [token]
    parts, at = [], 0
    for match in [*_DASH.finditer(token.text), None]:
        end = match.start() if match else len(token.text)
        text = token.text[at:end]
        if any(ch.isalpha() for ch in text):
            start = token.start + at
            parts.append(Token(text, start, start + len(text), token.index, token.conf))
        at = match.end() if match else end
    return parts if len(parts) > 1 else [token]


@dataclass
class Thresholds:
    """Confidence levels in percent: below `low` is low, below `doubtful` is doubtful."""

    low: float = 60.0
    doubtful: float = 85.0


@dataclass
class CheckContext:
    """The document-level knowledge checks share, built once per flagging run."""

    lexicon: Lexicon
    names: NameIndex = field(default_factory=NameIndex)
    accepted: set[str] = field(default_factory=set)  # casefolded accepted words
    ignored: set[str] = field(default_factory=set)  # Flag.key of flags ignored at their place
    ignored_forms: set[str] = field(default_factory=set)  # texts ignored everywhere
    thresholds: Thresholds = field(default_factory=Thresholds)
    rules: list[Rule] = field(default_factory=list)
    collation: CollationIndex | None = None
    forms: dict[str, Counter[str]] = field(default_factory=dict)  # casefold -> exact forms
    # Per-form results of checks whose verdict depends on the form alone: documents repeat
    # their words, so each distinct form is judged once (keyed by check, then form).
    form_counts: Counter[str] = field(default_factory=Counter)  # core form -> occurrences
    memo: dict[str, dict[str, Any]] = field(default_factory=dict)
    curly_braces: bool = False  # the document closes a curly brace somewhere: it uses them
    bigrams: BigramModel | None = None  # the lexicon language's word pairs, if it has any
    vocabulary: VocabularyIndex | None = None  # the forms the document teaches
    unlearned: set[str] = field(default_factory=set)  # forms the user said it must not teach
    calibrated: bool = True  # scores as measured probabilities (False: the checks' own)
    notes: list[str] = field(default_factory=list)  # what flagging found about whole pages
    noise: float = 1.0  # share of the document's ordinary words the lexicon lacks

    def is_accepted(self, text: str) -> bool:
        return text.casefold() in self.accepted or core(text).casefold() in self.accepted


@dataclass
class LineContext:
    """One line to check, with its tokens' offsets into the page's text and its neighbours."""

    page: Page
    line: Line
    number: int  # 1-based line number within the page
    start: int  # offset of the line's text in the page's text
    tokens: list[Token]
    previous_word: str | None  # the last token before the line (None at the document start)
    next_word: str | None  # the first token after the line
    paragraph_end: bool  # the line ends its paragraph (or the page)
    paragraph_start: bool  # the line starts its paragraph (or the page)
    first_on_page: bool
    last_on_page: bool
    text: str = ""  # the line's text, joined once (a Line joins its words at every ask)
    # Tokens inside a proposed handwritten region not yet decided: not typing, so no check of
    # typing looks at them, nor takes them for the words around a typed one.
    pending: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.line.text

    @cached_property
    def starts(self) -> list[int]:
        """Where each token starts, for finding a token by offset (bisect)."""
        return [token.start for token in self.tokens]

    def previous_token(self, index: int) -> str | None:
        """The word before token `index`, skipping stray punctuation (". Countries")."""
        return self._previous[index] if index > 0 else self.previous_word

    @cached_property
    def _previous(self) -> list[str | None]:
        # Every check asks for the word before most tokens: found for all of them in one pass
        # (a line of 20,000 words stays linear), not by a walk back at each ask.
        found: list[str | None] = []
        last = self.previous_word
        for at, token in enumerate(self.tokens):
            found.append(last)
            if at not in self.pending and any(ch.isalnum() for ch in token.text):
                last = token.text
        found.append(last)
        return found

    @cached_property
    def all_capitals(self) -> bool:
        """The line's text is in capitals (`casing.in_capitals`), as several checks ask."""
        return in_capitals(self.text)

    def next_token(self, index: int) -> str | None:
        at = index + 1
        while at in self.pending:
            at += 1
        return self.tokens[at].text if at < len(self.tokens) else self.next_word

    def before_token(self, index: int) -> str | None:
        """The token just before token `index` (punctuation too), past pending ones."""
        at = index - 1
        while at in self.pending:
            at -= 1
        return self.tokens[at].text if at >= 0 else self.previous_word


def context_words(line: LineContext, token: Token) -> tuple[str | None, str | None]:
    """The words just before and after a token, where no punctuation parts them from it."""
    text = token.text
    before = line.before_token(token.index)
    after = line.next_token(token.index)
    if before is None or before[-1:] in _BREAKS or text[:1] in _OPENINGS:
        before = None
    if after is None or text[-1:] in _BREAKS or after[:1] in _OPENINGS:
        after = None
    return before, after


def page_lines(
    page: Page,
    previous_word: str | None = None,
    next_word: str | None = None,
    pending: Mapping[int, frozenset[int]] | None = None,
) -> Iterator[LineContext]:
    """The lines of a page as contexts; `previous_word`/`next_word` come from the pages around.

    `pending` gives, by line id, the indices of words inside a proposed handwritten region
    not yet decided: they are not typing, and a line of nothing else is not the typed lines'
    neighbour.
    """
    _, spans = page.layout()
    count = len(page.lines)
    pending = pending or {}
    # A handwritten note and the typed text beside it are not one sentence: each line's
    # neighbours are the lines of its own hand.
    hand = {r.id for r in page.regions if r.type.ocr_keeps_out}
    own = [
        "hand"
        if line.region in hand
        else "pending"
        if line.words and len(pending.get(line.id, ())) >= len(line.words)
        else "typed"
        for line in page.lines
    ]

    def typed(j: int) -> list[str]:
        skip = pending.get(page.lines[j].id, frozenset()) if own[j] == "typed" else frozenset()
        if not skip:
            return [w.text for w in page.lines[j].words]
        return [w.text for k, w in enumerate(page.lines[j].words) if k not in skip]

    # Each line's typed words once (not once for the line below and once for the line above).
    texts = [typed(j) for j in range(count)]
    for i, (line, span) in enumerate(zip(page.lines, spans)):
        prev_words = next(
            (w for j in range(i - 1, -1, -1) if own[j] == own[i] and (w := texts[j])), None
        )
        next_words = next(
            (w for j in range(i + 1, count) if own[j] == own[i] and (w := texts[j])), None
        )
        prev_line = next((page.lines[j] for j in range(i - 1, -1, -1) if own[j] == own[i]), None)
        next_line = next((page.lines[j] for j in range(i + 1, count) if own[j] == own[i]), None)
        before = prev_words[-1] if prev_words else previous_word
        after = next_words[0] if next_words else next_word
        paragraph_end = next_line is None or (next_line.block, next_line.paragraph) != (
            line.block,
            line.paragraph,
        )
        paragraph_start = prev_line is None or (prev_line.block, prev_line.paragraph) != (
            line.block,
            line.paragraph,
        )
        text = line.text  # joined once, for the tokens and the context
        tokens = line_tokens(text, span.start, [w.conf for w in line.words])
        yield LineContext(
            page,
            line,
            i + 1,
            span.start,
            tokens,
            before,
            after,
            paragraph_end,
            paragraph_start,
            i == 0,
            i == count - 1,
            text,
            pending=pending.get(line.id, frozenset()),
        )


def document_forms(document: Document) -> tuple[dict[str, Counter[str]], Counter[str]]:
    """How often each form of each word occurs mid-sentence (for case consistency), and how
    often each form occurs at all (for names nobody listed); one pass over the words."""
    forms: dict[str, Counter[str]] = {}
    counts: Counter[str] = Counter()
    raws = [word.text for page in document.pages for line in page.lines for word in line.words]
    # Documents repeat their words: each distinct token is stripped, folded and judged once,
    # as (core, its casefold, whether it holds a letter or digit, whether it ends a sentence),
    # and counted once with its occurrences (the forms keep the order they first occur in).
    seen: dict[str, tuple[str, str, bool, bool]] = {}
    for raw, times in Counter(raws).items():
        text = core(raw)
        alnum = any(ch.isalnum() for ch in raw)
        seen[raw] = (text, text.casefold(), alnum, alnum and ends_sentence(raw))
        counts[text] += times
    after_end = True  # the document's start is a sentence's
    for raw in raws:
        text, folded, alnum, ends = seen[raw]
        if text and not after_end:
            bucket = forms.get(folded)
            if bucket is None:
                bucket = forms[folded] = Counter()
            bucket[text] += 1
        if alnum:
            after_end = ends
    return forms, counts
