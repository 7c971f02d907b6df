"""The flagger: runs the registered checks over a document, a page or one edited line.

Flags on the same stretch of text are merged into one (the strongest check's kind and
explanation, suggestions from all, a score combined from the checks that agree on the best
reading), and decisions the project remembers
(ignored here, ignored everywhere, accepted words) are applied. After an edit, `update_line`
re-flags only that line and its collation twins.
"""

from __future__ import annotations

import gc
import heapq
import multiprocessing
import sys
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from corrigenda.checks.calibration import calibrate
from corrigenda.checks.catalogue import checks_for
from corrigenda.checks.context import CheckContext, LineContext, core, page_lines
from corrigenda.checks.flag import Flag
from corrigenda.checks.handwriting import pending_words
from corrigenda.checks.language import foreign
from corrigenda.checks.ranking import GUESS_SCORE, unexplained_capital, weigh
from corrigenda.checks.registry import Check
from corrigenda.model import Document, Line, Page

LineKey = tuple[int, int]
# Checks that read from the page image or another copy of the passage, not the text alone.
SEEING = frozenset({"collation", "image", "reading"})
MIN_PAGES_PER_WORKER = 50  # below this, starting a process costs more than it saves
# Pages go out in small chunks, several a worker: on a shared machine one worker may get less
# of a core than the other, and with one half each the slower one sets the time.
CHUNKS_PER_WORKER = 8
_FORKED: Flagger | None = None  # the flagger a forked worker inherits


def _can_fork() -> bool:
    # Forking a process with other threads running (a GUI, a thread pool) can deadlock the
    # child on a lock some thread held; then flag in this process.
    return (
        sys.platform != "win32"
        and threading.active_count() == 1
        and ("fork" in multiprocessing.get_all_start_methods())
    )


def _flag_chunk(page_ids: list[int]) -> list[Flag]:
    assert _FORKED is not None, "a flagging worker runs only in a forked process"
    return _FORKED._flag_pages(page_ids)


class Flagger:
    """Flags a document with a precomputed context; keeps pages current across edits."""

    def __init__(
        self, document: Document, context: CheckContext, kinds: Iterable[str] | None = None
    ) -> None:
        self.context = context
        self.kinds = set(kinds) if kinds is not None else None
        self.checks: Sequence[Check] = checks_for(self.kinds)
        self._pages = {page.id: page for page in document.pages}
        self._order = [page.id for page in document.pages]

    def flag_document(self, workers: int = 1) -> list[Flag]:
        """Flags of every page, in page order.

        With `workers` > 1 (and where processes can fork: not on Windows, and never from a
        GUI process with threads running), pages are split among forked worker processes
        that inherit the context, so nothing big is pickled but the flags coming back.
        """
        if workers > 1 and len(self._order) >= workers * MIN_PAGES_PER_WORKER and _can_fork():
            return self._flag_forked(workers)
        return self._flag_pages(self._order)

    def _flag_pages(self, page_ids: Sequence[int]) -> list[Flag]:
        flags: list[Flag] = []
        for page_id in page_ids:
            flags.extend(self.flag_page(page_id))
        return flags

    def _flag_forked(self, workers: int) -> list[Flag]:
        global _FORKED
        with collector_paused():
            self.context.lexicon.prepare()  # once here, shared by the workers copy-on-write
        # What the workers inherit is left out of their collector's passes (Python's way
        # before a fork, gc.freeze): else each one's first full pass walks the whole context
        # (0.4 s a worker for 1,000 pages and 100,000 names), copying the pages it touches.
        freeze = gc.get_freeze_count() == 0  # (objects frozen by others are theirs to thaw)
        if freeze:
            gc.freeze()
        _FORKED = self
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_flag_chunk, chunked(self._order, workers), chunksize=1)
        finally:
            _FORKED = None
            if freeze:
                gc.unfreeze()
        return [flag for part in parts for flag in part]

    def flag_page(self, page_id: int) -> list[Flag]:
        page = self._pages[page_id]
        before, after = self._neighbours(page_id)
        flags: list[Flag] = []
        for line in page_lines(page, before, after, pending_words(page, self.context)):
            flags.extend(self._flag(line))
        return flags

    def flag_line(self, page_id: int, line_id: int) -> list[Flag]:
        """The flags of one line, as the page stands now."""
        page = self._pages[page_id]
        before, after = self._neighbours(page_id)
        for line in page_lines(page, before, after, pending_words(page, self.context)):
            if line.line.id == line_id:
                return self._flag(line)
        raise KeyError(f"page {page.number} has no line {line_id}")

    def update_line(self, page_id: int, line: Line) -> dict[LineKey, list[Flag]]:
        """Take an edited line; return fresh flags for it and for its collation twins."""
        page = self._pages[page_id]
        lines = tuple(line if old.id == line.id else old for old in page.lines)
        self._pages[page_id] = replace(page, lines=lines)  # its regions too
        keys = [(page_id, line.id)]
        if self.context.collation is not None:
            keys += self.context.collation.update_line(page_id, line)
        return {key: self.flag_line(*key) for key in keys}

    def notes(self) -> list[str]:
        """What flagging found about whole pages (one in another language, say)."""
        for page_id in self._order:
            foreign(self._pages[page_id], self.context)  # cached; done here if workers did it
        return list(dict.fromkeys(self.context.notes))

    def page(self, page_id: int) -> Page:
        return self._pages[page_id]

    def _neighbours(self, page_id: int) -> tuple[str | None, str | None]:
        at = self._order.index(page_id)
        before = after = None
        if at > 0:
            words = list(self._pages[self._order[at - 1]].words())
            before = words[-1].text if words else None
        if at + 1 < len(self._order):
            following = next(self._pages[self._order[at + 1]].words(), None)
            after = following.text if following else None
        return before, after

    def _flag(self, line: LineContext) -> list[Flag]:
        raw: list[Flag] = []
        kinds = self.kinds
        for check in self.checks:
            found = check.check_line(line, self.context)
            raw.extend(found if kinds is None else (f for f in found if f.kind in kinds))
        # An ignored flag was the merge of every check's flag on its stretch of text: ignoring
        # it ignores them all, not only the one whose kind it showed.
        ignored = {(f.page_id, f.start, f.end) for f in raw if f.key in self.context.ignored}
        raw = [f for f in raw if (f.page_id, f.start, f.end) not in ignored]
        if line.pending:
            # Words in a proposed handwritten region are no typing until it is decided.
            spans = [(t.start, t.end) for t in line.tokens if t.index in line.pending]
            raw = [
                f
                for f in raw
                if f.kind == "handwriting" or not any(f.start < e and s < f.end for s, e in spans)
            ]
        merged = readings_aside(merge(self._keep(f) for f in raw))
        flags = [weigh(f, line, self.context) for f in merged]
        flags = [f for f in flags if not unexplained_capital(f, self.context)]
        if self.context.calibrated:
            flags = [calibrate(f) for f in flags]
        if self.kinds is None or "confidence" not in self.kinds:
            # Alone, a doubtful word is mostly a correct one: confidence strengthens other
            # flags (merged above) and is listed on its own only when asked for.
            flags = [f for f in flags if f.kind != "confidence"]
        return nested_aside(flags)  # on the scores as shown: the surer of two readings wins

    def _keep(self, flag: Flag) -> Flag | None:
        context = self.context
        if flag.key in context.ignored or flag.text in context.ignored_forms:
            return None
        if flag.kind not in ("rule", "collation", "page-number") and context.is_accepted(flag.text):
            return None
        return flag


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the context's indexes are built: they make
    hundreds of thousands of objects that live as long as the context, and each pass of the
    collector walks every one made so far (0.7 s of a 4 s build for 1,000 pages and 100,000
    names went to passes that found nothing to free)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def chunked(page_ids: Sequence[int], workers: int) -> list[list[int]]:
    """The pages in order, cut into about `CHUNKS_PER_WORKER` chunks a worker."""
    size = max(1, -(-len(page_ids) // (workers * CHUNKS_PER_WORKER)))
    return [list(page_ids[i : i + size]) for i in range(0, len(page_ids), size)]


def composed(group: Sequence[Flag], suggestions: tuple[str, ...]) -> tuple[tuple[str, ...], float]:
    """Both repairs of a token wrong twice over first: its marks and its word ("hitm.''":
    "him.”", not "hitm.”" or "him.''"), when one check mends only the marks and another
    only the word; with the most the word's reading may score (a capitalised word may be a
    name: a guess)."""
    text = group[0].text
    word = core(text)
    marks = [
        s
        for f in group
        if f.kind == "punctuation"
        for s in f.suggestions[:1]
        if s != text and _letters(s) == _letters(text) and word and word in s
    ]
    readers = [f for f in group if f.kind in ("spelling", "real-word", "vocabulary")]
    words = [
        s
        for f in readers
        for s in f.suggestions
        if core(s) and core(s) != word and s.replace(core(s), word, 1) == text
    ]
    if not marks or not words:
        return suggestions, 1.0
    both = [marks[0].replace(word, core(s), 1) for s in words]
    cap = min(f.extra.get("max_score", 1.0) for f in readers)
    if word[:1].isupper():
        cap = min(cap, GUESS_SCORE)
    if cap < max(f.score for f in group):
        # The word's reading is a guess: leaving the marks' repair first keeps it applied.
        return tuple(dict.fromkeys([*suggestions, *both])), 1.0
    return tuple(dict.fromkeys([*both, *suggestions])), cap


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def merge(flags: Iterable[Flag | None]) -> list[Flag]:
    """One flag per stretch of text; evidence from several checks adds up."""
    by_span: dict[tuple[int, int, int, bool], list[Flag]] = {}
    for flag in flags:
        if flag is not None:
            # A proposed region is no reading of the text: it takes no other check's words.
            key = (flag.page_id, flag.start, flag.end, flag.kind == "handwriting")
            by_span.setdefault(key, []).append(flag)
    merged = []
    for group in by_span.values():
        # The kind and explanation come from the strongest real check; confidence only adds.
        group.sort(key=lambda f: (f.kind == "confidence", -f.score))
        best = group[0]
        miss = own = 1.0
        for flag in group:
            # Evidence adds up for the same reading only: a check that suggests another one
            # ("Harut": "Hart" as a spelling, "Haruta" as a name) does not make either surer.
            if best.suggestions and flag.suggestions and flag.suggestions[0] != best.suggestions[0]:
                continue
            miss *= 1.0 - flag.score
            if flag.kind != "confidence":
                own *= 1.0 - flag.score
        suggestions = tuple(dict.fromkeys(s for f in group for s in f.suggestions))
        suggestions, word_cap = composed(group, suggestions)
        # A check's cap says its reading alone is a guess; another real check that reads the
        # same lifts it ("che": a real-word guess, but the other copy of the passage reads
        # "the" too). Checks suggesting something else, or only hinting, cap nothing.
        agreeing = [
            f
            for f in group
            if f.kind != "confidence"
            and best.suggestions
            and f.suggestions[:1] == best.suggestions[:1]
        ]
        cap = (
            max(f.extra.get("max_score", 1.0) for f in agreeing)
            if agreeing
            else min(f.extra.get("max_score", 1.0) for f in group)
        )
        # A cap that stands for a rival reading only the capping check weighs ("5o": "so" or
        # the number "50") is lifted by the page itself or another copy, never by a check
        # that reads the text alone and never thought of the rival.
        if not any(f.check in SEEING for f in agreeing):
            cap = min([cap, *(f.extra["max_score"] for f in agreeing if f.extra.get("rival"))])
        cap = min(cap, word_cap)
        merged.append(
            Flag(
                best.page,
                best.line,
                best.start,
                best.end,
                best.text,
                best.kind,
                min(cap, 1.0 - miss),
                "; ".join(dict.fromkeys(f.explanation for f in group)),
                suggestions,
                best.page_id,
                best.line_id,
                best.check,
                # The checks' own score, without the engine's doubt: calibration measures
                # how often a suggestion is right, which a doubtful word says little about.
                {
                    **_kept(best.extra),
                    "own": 1.0 - own,
                    **({"max_score": cap} if cap < 1.0 else {}),
                },
            )
        )
    merged.sort(key=lambda f: (f.page, f.start, f.end))
    return merged


def readings_aside(flags: list[Flag]) -> list[Flag]:
    """Without the `reading` flags another check's flag overlaps on another stretch (a mark
    in the word): one flag per place; the other reading still ranks that flag's
    suggestions (checks/ranking.py). Flags on the same stretch were merged already."""
    others = [f for f in flags if f.kind != "reading"]
    return [
        f
        for f in flags
        if f.kind != "reading"
        or not any(
            o.page_id == f.page_id
            and o.start < f.end
            and f.start < o.end
            and o.kind != "confidence"
            for o in others
        )
    ]


def nested_aside(flags: list[Flag]) -> list[Flag]:
    """Without a flag that lies inside a longer one whose first suggestion already changes its
    words ("Sovict" inside "The Sovict Union" -> "The Soviet Union") and that is as sure:
    one flag per place, and the longer reading wins, as it sees more. A flag inside one that
    leaves its words as they are (a name flag that mends another word of the name), or a
    surer one with a suggestion of its own ("{" -> "[" inside "{Aho"), stays.

    Only the flags that overlap a flag's start are asked whether they cover it (a sweep
    along the line): a line of thousands of flags side by side is not compared pair by pair.
    """
    outers = sorted(
        (o.start, n, o) for n, o in enumerate(flags) if o.suggestions and o.kind != "confidence"
    )
    active: list[tuple[int, int, Flag]] = []  # (end, index, flag): outers begun, by end
    dropped: set[int] = set()
    changed: dict[int, list[tuple[int, int]]] = {}  # each outer's changed words, once

    def changed_of(m: int, outer: Flag) -> list[tuple[int, int]]:
        changed[m] = changed_words(outer)
        return changed[m]

    at = 0
    for n in sorted(range(len(flags)), key=lambda n: flags[n].start):
        f = flags[n]
        while at < len(outers) and outers[at][0] <= f.start:
            _, m, o = outers[at]
            heapq.heappush(active, (o.end, m, o))
            at += 1
        while active and active[0][0] < f.start:
            heapq.heappop(active)  # ends before this flag starts: covers no flag from here on
        if any(
            o is not f
            and (not f.suggestions or o.score >= f.score)
            and _covers(
                o, f, changed[m] if m in changed else changed.setdefault(m, changed_words(o))
            )
            for _, m, o in active
        ):
            dropped.add(n)
    return [f for n, f in enumerate(flags) if n not in dropped]


def _covers(outer: Flag, inner: Flag, changed: list[tuple[int, int]] | None = None) -> bool:
    """The outer flag spans the inner one and its first reading changes a word there.
    `changed` is changed_words(outer), passed in by a caller that asks about one outer
    flag many times."""
    if (
        outer.page_id != inner.page_id
        or not outer.suggestions
        or outer.kind == "confidence"
        or not (outer.start <= inner.start and inner.end <= outer.end)
        or (outer.start, outer.end) == (inner.start, inner.end)
    ):
        return False
    spans = changed_words(outer) if changed is None else changed
    # The changed words lie apart, in order: of those that start before the inner flag ends,
    # the last reaches farthest.
    at = bisect_right(spans, (inner.end,))
    return at > 0 and spans[at - 1][1] > inner.start


def changed_words(outer: Flag) -> list[tuple[int, int]]:
    """Where (page offsets) the outer flag's first reading changes a word of its text, in
    order; the whole stretch if the reading joins or splits words."""
    words, readings = outer.text.split(), outer.suggestions[0].split()
    if len(words) != len(readings):
        return [(outer.start, outer.end)]  # words joined or split: the stretch rewritten
    spans, pos = [], 0  # pos: in outer.text
    for word, reading in zip(words, readings):
        pos = outer.text.index(word, pos)
        start, pos = outer.start + pos, pos + len(word)
        if word != reading:
            spans.append((start, outer.start + pos))
    return spans


def _kept(extra: dict[str, object]) -> dict[str, object]:
    """What a flag's extra carries through a merge besides its score cap (a region's box)."""
    return {key: value for key, value in extra.items() if key not in ("max_score", "rival")}
