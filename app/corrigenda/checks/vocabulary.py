"""The document's own vocabulary: forms it repeats that no lexicon holds, as evidence.

A document that prints "Dobrynin" five times and "Dobrynim" once has told us which is right.
Forms the document repeats (`LEARN_REPEATS` times or more; letters only, four or more, not
all capitals, unknown to the lexicon in any case, and no common word's typical misreading)
are its learned vocabulary. A rarer form one edit or a few OCR confusions away from a learned
form is flagged with the learned form first.

Learned forms are shown to the user (`learned_forms`, `corrigenda flag --learned`) and can be
unlearned (only a learned form: `check_unlearn`; only an unlearned one is relearned:
`check_relearn`); an unlearned form teaches nothing, and the lexicon no longer excuses it as a name
nobody listed. Unlearning is a decision recorded through the project's write path (setting
"unlearned_forms", see checks/flag_decisions.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator

from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag
from corrigenda.checks.folding import confusion_cost
from corrigenda.checks.language import foreign
from corrigenda.checks.lexicon import Lexicon
from corrigenda.checks.lexicon_check import run_together
from corrigenda.checks.registry import make_flag, register
from corrigenda.errors import CorrigendaError

LEARN_REPEATS = 3  # a form seen this often is the document's own
RATIO = 3  # the learned form must be at least this much more frequent than the variant
MAX_COST = 1.0  # one plain edit, or up to four OCR confusions
SCORE = 0.85
COMMON = 1e-6  # a word this frequent (of all words) is in common use
MAX_LEARNED = 20_000  # bounds the index on huge documents: the most frequent forms win


def learned_forms(
    form_counts: Counter[str], lexicon: Lexicon, unlearned: Iterable[str] = ()
) -> dict[str, int]:
    """The forms the document teaches, with how often it prints them."""
    dropped = set(unlearned)
    learned: dict[str, int] = {}
    for form, count in form_counts.most_common():
        if count < LEARN_REPEATS or len(learned) >= MAX_LEARNED:
            break
        if form in dropped or len(form) < 4 or not form.isalpha() or form.isupper():
            continue
        if form in lexicon or form.lower() in lexicon:
            continue
        # OCR repeats its errors too: a form one edit from a word in common use ("thhe",
        # "Turlish", "coflec") is that word misread, not vocabulary.
        if _misreads_common(form, lexicon):
            continue
        if " " in (run_together(form, lexicon) or ""):
            continue  # "ofthe": two words run together
        learned[form] = count
    return learned


def check_unlearn(form: str, learned: Collection[str], unlearned: Collection[str]) -> None:
    """Refuse to unlearn a form the document did not learn: the decision would be recorded
    and mean nothing (a typing slip in the form is the usual cause)."""
    if form in learned or form in unlearned:
        return
    raise CorrigendaError(
        f"{form!r} is not a learned form of this document: nothing to unlearn, nothing was "
        "recorded. 'corrigenda flag PROJECT --learned' lists the learned forms"
    )


def check_relearn(form: str, unlearned: Collection[str]) -> None:
    """Refuse to relearn a form that was never unlearned."""
    if form in unlearned:
        return
    shown = ", ".join(sorted(unlearned)) or "none"
    raise CorrigendaError(
        f"{form!r} was not unlearned: nothing to relearn, nothing was recorded "
        f"(unlearned forms: {shown})"
    )


def _misreads_common(form: str, lexicon: Lexicon) -> bool:
    """A word in common use is one edit or a few OCR confusions from the form.

    Every word that near is one edit away or folds onto the same OCR key as the form (see
    folding.confusion_cost): looked up directly, not through the lexicon's suggestion index,
    whose building costs a second or more on documents that may never need it.
    """
    key = form.casefold()
    floor = lexicon.total * COMMON

    def misread(words: Iterable[str]) -> bool:
        return any(lexicon.frequency(w) > floor and confusion_cost(key, w) <= 1.0 for w in words)

    # The folding index first: a form it explains needs no one-edit search (a millisecond
    # a long form, for each of the hundreds a long document repeats).
    return misread(lexicon.folded_twins(key)) or misread(lexicon.one_edit(key))


def _deletes(word: str) -> set[str]:
    key = word.casefold()
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


def _inflected(a: str, b: str) -> bool:
    """One is the other with an ending ("Mahommedans" beside "Mahommedan"): both are right."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short) :] in ("s", "es", "n", "an", "ian")


class VocabularyIndex:
    """Learned forms, found from a variant by shared single deletions (SymSpell's idea)."""

    def __init__(self, learned: dict[str, int]) -> None:
        self.learned = learned
        self._by_delete: dict[str, list[str]] = {}
        for form in learned:
            for key in _deletes(form):
                self._by_delete.setdefault(key, []).append(form)

    def nearest(self, word: str, count: int) -> str | None:
        """The most printed learned form near `word`, if it outnumbers it enough."""
        best: tuple[int, str] | None = None
        seen: set[str] = set()
        for key in _deletes(word):
            for form in self._by_delete.get(key, ()):
                if form in seen or form == word or _inflected(word, form):
                    continue
                seen.add(form)
                if form[:1].isupper() != word[:1].isupper():
                    continue
                if self.learned[form] < RATIO * max(count, 1):
                    continue
                if confusion_cost(word, form) > MAX_COST:
                    continue
                if best is None or self.learned[form] > best[0]:
                    best = (self.learned[form], form)
        return best[1] if best else None


@register
class VocabularyCheck:
    name = "vocabulary"
    kinds = ("vocabulary",)
    description = "rare variants of a form the document itself repeats"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        index = context.vocabulary
        if index is None or not index.learned:
            return
        if foreign(line.page, context):
            return  # another language: noted once for the page (checks/language.py)
        memo: dict[str, str | None] = context.memo.setdefault(self.name, {})
        for token in line.tokens:
            word = core(token.text)
            if word not in memo:
                memo[word] = self._judge(word, context, index)
            form = memo[word]
            if form is not None:
                yield make_flag(
                    line,
                    token,
                    token,
                    "vocabulary",
                    SCORE,
                    f"the document prints {form!r} {index.learned[form]} times",
                    [token.text.replace(word, form, 1)],
                    self.name,
                )

    @staticmethod
    def _judge(word: str, context: CheckContext, index: VocabularyIndex) -> str | None:
        if len(word) < 4 or not word.isalpha() or word in index.learned:
            return None
        if word in context.lexicon or word.casefold() in context.names.tokens:
            return None
        return index.nearest(word, context.form_counts.get(word, 0))
