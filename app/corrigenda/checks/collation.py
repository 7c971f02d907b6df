"""Collation: a passage the document holds more than once is compared copy against copy.

Repeated passages are found once per document by shared runs of folded words (shingles), and
their lines are paired through `corrigenda.align`. Each line then knows its twin lines; the
check aligns the line with its twins' current text, so re-flagging an edited line (and its
twins) stays cheap. Where the copies disagree, the less plausible reading is flagged with the
other copy's reading as the suggestion.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from corrigenda.align import Block, align
from corrigenda.checks.context import CheckContext, LineContext, core, ends_sentence
from corrigenda.checks.flag import Flag
from corrigenda.checks.folding import name_key
from corrigenda.checks.registry import make_flag, register
from corrigenda.model import Document, Line

SHINGLE = 5  # words in a run that marks a repeat
MIN_PASSAGE = 15  # words a repeated passage must span
LineKey = tuple[int, int]  # (page id, line id)


@dataclass
class CollationIndex:
    """Which lines are copies of which, and the current text of every twinned line."""

    twins: dict[LineKey, list[LineKey]] = field(default_factory=dict)
    lines: dict[LineKey, Line] = field(default_factory=dict)

    def update_line(self, page_id: int, line: Line) -> list[LineKey]:
        """Record an edited line's new text; returns its twins (to re-flag them too)."""
        key = (page_id, line.id)
        if key in self.lines:
            self.lines[key] = line
        return list(self.twins.get(key, ()))

    def twin_tokens(self, key: LineKey) -> list[str]:
        return [w.text for twin in self.twins.get(key, ()) for w in self.lines[twin].words]


def build_collation(document: Document) -> CollationIndex:
    """Find repeated passages and pair their lines."""
    stream: list[tuple[str, LineKey]] = []
    lines: dict[LineKey, Line] = {}
    keyed: dict[str, str] = {}  # documents repeat their words: each distinct one keyed once
    for page in document.pages:
        for line in page.lines:
            lines[(page.id, line.id)] = line
            for word in line.words:
                key = keyed.get(word.text)
                if key is None:
                    key = keyed[word.text] = name_key(word.text)
                if key:
                    stream.append((key, (page.id, line.id)))
    keys = [k for k, _ in stream]
    first: dict[tuple[str, ...], int] = {}
    pairs: list[tuple[int, int]] = []
    # Every run of SHINGLE keys, made in C (zip over the keys shifted by 0 to SHINGLE - 1).
    for i, shingle in enumerate(zip(*(keys[t:] for t in range(SHINGLE)))):
        j = first.setdefault(shingle, i)
        if i - j >= SHINGLE:
            pairs.append((j, i))
    twins: dict[LineKey, dict[LineKey, None]] = defaultdict(dict)
    for passage in _passages(pairs):
        for j, i in passage:
            for t in range(SHINGLE):
                a, b = stream[j + t][1], stream[i + t][1]
                if a != b:
                    twins[a][b] = None
                    twins[b][a] = None
    used = {k for k in twins} | {t for v in twins.values() for t in v}
    return CollationIndex(
        {k: list(v) for k, v in twins.items()}, {k: v for k, v in lines.items() if k in used}
    )


def _passages(pairs: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """Group matching shingles into passages: runs with a steady offset between copies."""
    current: list[tuple[int, int]] = []
    for j, i in sorted(pairs, key=lambda p: (p[1] - p[0], p[1])):
        if current:
            pj, pi = current[-1]
            if abs((i - j) - (pi - pj)) <= 3 and i - pi <= 2 * SHINGLE:
                current.append((j, i))
                continue
            if _span(current) >= MIN_PASSAGE:
                yield current
        current = [(j, i)]
    if current and _span(current) >= MIN_PASSAGE:
        yield current


def _span(run: list[tuple[int, int]]) -> int:
    # Pairs come sorted by offset: where one copy gains a word midway, the later part
    # (one offset) comes before the earlier part (the next), so first and last are no ends.
    starts = [i for _, i in run]
    return max(starts) - min(starts) + SHINGLE


@register
class CollationCheck:
    name = "collation"
    kinds = ("collation",)
    description = "places where two copies of a repeated passage disagree"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        index = context.collation
        if index is None:
            return
        theirs = index.twin_tokens((line.page.id, line.line.id))
        if not theirs:
            return
        mine = [t.text for t in line.tokens]
        blocks = _merged(align(mine, theirs), mine, theirs)
        equal = [n for n, b in enumerate(blocks) if b.tag == "equal"]
        if not equal:
            return
        for n, block in enumerate(blocks):
            if block.tag in ("equal", "insert"):
                continue
            a0, a1, b0, b1 = block.a0, block.a1, block.b0, block.b1
            if n < equal[0] or n > equal[-1]:
                # At the line's edges the twin lines may run on: compare only as many words
                # as both sides have, next to the agreeing part, and only if they look alike.
                if block.tag != "replace":
                    continue
                ours_letters, their_letters = _letters(mine[a0:a1]), _letters(theirs[b0:b1])
                if ours_letters != their_letters and their_letters in ours_letters:
                    continue  # "and’the" for a twin whose "and" ends the line before
                # The same letters parted otherwise ("and’the"): the block stays whole.
                k = 0 if ours_letters == their_letters else min(a1 - a0, b1 - b0)
                if k and n < equal[0]:
                    a0, b0 = a1 - k, b1 - k
                elif k:
                    a1, b1 = a0 + k, b0 + k
                if fuzz.ratio(name_key(mine[a0]), name_key(theirs[b0])) < 60:
                    continue
            ours = mine[a0:a1]
            other = theirs[b0:b1]
            if _letters(other) != _letters(ours) and _letters(other) in _letters(ours):
                # "and’the" for a twin's "the": its "and" aligned elsewhere. Taking the twin's
                # reading would lose letters that are right; the glue is the patterns' to see.
                continue
            if len(ours) == len(other) > 1:
                # Word for word: each word is judged on its own, so a wrong word of the twin
                # ("Soviet-uUSs") never rides along with a right one ("friendly").
                pairs = [
                    (a0 + i, a0 + i + 1, [w], [o]) for i, (w, o) in enumerate(zip(ours, other))
                ]
            else:
                pairs = [(a0, a1, ours, other)]
            for start, end, these, those in pairs:
                worse = self._worse(line, context, start, these, those)
                if worse is None:
                    continue
                yield make_flag(
                    line,
                    line.tokens[start],
                    line.tokens[end - 1],
                    "collation",
                    worse,
                    f"the other copy of this passage reads {' '.join(those)!r}",
                    [" ".join(those)],
                    self.name,
                )

    def _worse(
        self,
        line: LineContext,
        context: CheckContext,
        at: int,
        ours: list[str],
        other: list[str],
    ) -> float | None:
        """How sure we are that our reading is the wrong one (None: it is not worse)."""
        if not other:
            return 0.6 if all(not core(t) for t in ours) else None
        if len(ours) == len(other) and all(
            a.casefold() == b.casefold() for a, b in zip(ours, other)
        ):
            word = ours[0]
            if word[:1].isupper() and other[0][:1].islower():
                return None if ends_sentence(line.previous_token(at)) else 0.55
            forms = context.forms.get(core(word).casefold())
            if forms and forms[core(other[0])] > forms[core(word)]:
                return 0.5
            return None
        mine, theirs = _plausibility(ours, context), _plausibility(other, context)
        if mine + 1.0 >= theirs:
            return None
        return 0.75 if mine <= 0 else 0.5


def _merged(blocks: list[Block], mine: list[str], theirs: list[str]) -> list[Block]:
    """A replacement takes in an insertion of a word or two beside it when that makes the
    two sides' letters agree: "and’the" against "and" + "the" is one replacement, not "the"
    for "and’the" beside an inserted "and" (which would lose the "and")."""
    out: list[Block] = []
    for block in blocks:
        if out and {block.tag, out[-1].tag} == {"replace", "insert"}:
            last = out[-1]
            joined = Block("replace", last.a0, block.a1, last.b0, block.b1)
            inserted = block if block.tag == "insert" else last
            if inserted.b1 - inserted.b0 <= 2 and _letters(mine[joined.a0 : joined.a1]) == (
                _letters(theirs[joined.b0 : joined.b1])
            ):
                out[-1] = joined
                continue
        out.append(block)
    return out


def _letters(tokens: list[str]) -> str:
    return "".join(ch for token in tokens for ch in token.casefold() if ch.isalnum())


def _plausibility(tokens: list[str], context: CheckContext) -> float:
    """Known words score their frequency (zipf), unknown words 0, stray punctuation less."""
    total = 0.0
    for token in tokens:
        word = core(token)
        if not word:
            total -= 2
        elif word.casefold() in context.names.tokens or word.isdigit():
            total += 5
        elif word in context.lexicon:
            total += context.lexicon.zipf(word)
    return total / len(tokens)
