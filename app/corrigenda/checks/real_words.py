"""Real-word errors in context: a known word the words around it make unlikely, when a
reading one OCR slip away fits them far better ("can he seen" for "can be seen", "arc" for
"are").

No lexicon can see these: every word is a word. The bigram model can: a word is judged only
when a neighbour pair is missing from the bigram list (a pair the list holds is common
English, and is left alone), and flagged only when a reading beats it, in the same words and
after paying its OCR edit cost, by `MARGIN` orders of magnitude. Where OCR garbled one
neighbour ("nnd tool a step") the other alone is the context. Words of up to
`SHORT_WORD` letters are tried against every word one edit away (OCR's real-word errors are
mostly short words: "he", "tie", "lis"); longer ones against the typical OCR confusions
only, both ways, and the confusions measured on OCR's output, read back ("lad" for "had",
"lept" for "kept"). Capitalised words are left alone: too many are names; but the words of
a heading in capitals are judged as small letters ("TIE FISHERMAN'S SON" for "THE").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corrigenda.checks.bigrams import EDIT_WEIGHT, BigramModel, usable_word
from corrigenda.checks.casing import copy_case
from corrigenda.checks.confusions import MEASURED
from corrigenda.checks.context import CheckContext, LineContext
from corrigenda.checks.flag import Flag
from corrigenda.checks.folding import confusion_cost
from corrigenda.checks.language import foreign
from corrigenda.checks.lexicon import Lexicon
from corrigenda.checks.registry import make_flag, register
from corrigenda.checks.sentences import capitals_heading

MARGIN = 3.0  # log10 likelihood by which a reading must beat the word as printed
SHORT_WORD = 4
_MEASURED_FROM: dict[str, list[tuple[str, str]]] = {}  # OCR's first letter -> its confusions
for _ocr, _truth in MEASURED:
    _MEASURED_FROM.setdefault(_ocr[0], []).append((_ocr, _truth))
SCORE = 0.6
GUESS_SCORE = 0.75
TYPICAL_COST = 0.5  # a substitution OCR typically makes ("h" for "b") costs half an edit


@register
class RealWordCheck:
    name = "context"
    kinds = ("real-word",)
    description = "known words that the words around them make unlikely"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        model = context.bigrams
        if model is None:
            return
        if foreign(line.page, context):
            return  # another language: noted once for the page (checks/language.py)
        memo: dict[str, _Readings] = context.memo.setdefault(self.name, {})
        words: dict[str, str | None] = context.memo.setdefault("context.words", {})

        def known(token: str | None) -> str | None:
            # A neighbour with punctuation on it is no context: usable_word refuses it.
            if token is None:
                return None
            if token not in words:
                words[token] = usable_word(token, model)
            return words[token]

        tokens = line.tokens
        heading = capitals_heading(line)
        for i, token in enumerate(tokens):
            word = token.text  # a bare lowercase word: with punctuation it has no context
            if heading and word.isupper():
                word = word.lower()  # a heading in capitals: its words are no names' alone
            elif not word.islower():
                continue
            if len(word) < 2 or not word.isalpha():
                continue
            left = known(tokens[i - 1].text if i else line.previous_word)
            right = known(line.next_token(i))
            if (left is None and right is None) or not model.knows(word):
                continue
            fits_left = left is None or model.attested(left, word)
            fits_right = right is None or model.attested(word, right)
            if fits_left and fits_right:
                continue
            if word not in memo:
                memo[word] = _Readings(word, candidates(word, context.lexicon, model))
            # A reading must fit where the printed word does not: "can [he] seen" -> "be seen".
            near = memo[word]
            fitting = near.fitting(
                model, None if fits_left else left, None if fits_right else right
            )
            reading = best_reading(model, left, word, right, near.costed(fitting))
            if reading is not None:
                yield make_flag(
                    line,
                    token,
                    token,
                    "real-word",
                    SCORE,
                    f"{word!r} is a word, but {reading!r} fits the words around it",
                    [copy_case(token.text, reading)],
                    self.name,
                    GUESS_SCORE,  # every word is a word: never sure enough to auto-fix
                )


class _Readings:
    """A word's readings, each costed only when the words around it first make it fit: most
    readings never fit (costing every one took an eighth of the check's time)."""

    def __init__(self, word: str, found: tuple[tuple[str, bool], ...]) -> None:
        self.word = word
        self.candidates = found
        self._typical = dict(found)
        self._costs: dict[str, float] = {}

    def fitting(
        self, model: BigramModel, before: str | None, after: str | None
    ) -> list[tuple[str, bool]]:
        """`model.fitting(before, after, self.candidates)`, found by intersecting sets (in
        C, over the smaller side): nearly every reading of most words fits nowhere."""
        readings = self._typical.keys()
        fit = readings & model.followers.get(before, {}).keys() if before else set()
        if after:
            fit |= readings & model.preceders.get(after, set())
        if not fit:
            return []
        typical = self._typical
        return [(c, typical[c]) for c in sorted(fit)]  # the candidates are in sorted order

    def costed(self, fitting: Sequence[tuple[str, bool]]) -> list[tuple[str, float]]:
        costs = self._costs
        for c, typical in fitting:
            if c not in costs:
                costs[c] = _cost(self.word, c, typical)
        return [(c, costs[c]) for c, _ in fitting]


def _cost(word: str, reading: str, typical: bool) -> float:
    cost = confusion_cost(word, reading)
    return min(cost, TYPICAL_COST) if typical else cost


def candidates(word: str, lexicon: Lexicon, model: BigramModel) -> tuple[tuple[str, bool], ...]:
    """Known words the printed word may be a misreading of, in order, each with whether it
    is one typical or measured OCR confusion away (which makes it cheaper)."""
    typical = set(lexicon.confusion_neighbours(word))  # "he" for "be", "arc" for "are"
    # The confusions measured on OCR's output, one way: "lad" for "had", "lept" for "kept".
    # Only plain words the model counts can be readings: asked of its dict, not the lexicon's
    # lenient membership (variants, long s), which is slow on the many non-words made here.
    typical.update(c for c in measured_neighbours(word) if model.knows(c))
    near = typical | set(lexicon.folded_twins(word))
    if len(word) <= SHORT_WORD:
        near.update(lexicon.one_edit(word))
    near.discard(word)
    return tuple((c, c in typical) for c in sorted(near) if c.isalpha() and model.knows(c))


def measured_neighbours(word: str) -> set[str]:
    """The words one measured OCR confusion away, read back ("tool" -> "took": OCR reads a
    k as l); one way, as the development pages showed OCR making them."""
    found = set()
    for at, letter in enumerate(word):
        for ocr, truth in _MEASURED_FROM.get(letter, ()):
            if word.startswith(ocr, at):
                found.add(word[:at] + truth + word[at + len(ocr) :])
    return found


def best_reading(
    model: BigramModel,
    left: str | None,
    word: str,
    right: str | None,
    options: Sequence[tuple[str, float]],
) -> str | None:
    """The reading among `options` that beats `word` between `left` and `right` (None: no
    word known on that side) by MARGIN."""
    if not options:
        return None

    def chain(middle: str) -> list[str]:
        return [w for w in (left, middle, right) if w is not None]

    printed = model.logprob(chain(word))
    score, reading = max((model.logprob(chain(c)) - EDIT_WEIGHT * cost, c) for c, cost in options)
    return reading if score - printed >= MARGIN else None
