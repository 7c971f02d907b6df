"""What the engine nearly read: a letter or a mark its per-character alternatives (kept from
the scan, `Word.evidence.choices`) offered nearly as surely as the one it chose, when that
alternative makes a likelier text.

- A known word one such letter away from a commoner word that fits the words around it at
  least as well ("hame" with an "o" offered -> "home", "toy" with a "b" -> "boy", "can he
  seen" with a "b" -> "be"); and an unknown word one such letter away from a known one
  ("Jined" with an "l" offered -> "lined": the image's own lowercase reading, so no name is
  replaced by a word the image did not offer).
- A comma the engine nearly read as a full stop, before a capitalised word that is no name
  ("blow, Hardly" -> "blow. Hardly").

No lexicon or bigram list sees these alone (every word is a word, a comma is a mark); the
image does. On the development book pages (bench/flag_quality.py, our OCR) a comma with a
stop offered before such a capital was a stop every time (12 of 12), while a stop offered
where a stop stands before a small letter was an abbreviation's as often as not ("in."), so
only the comma is read; a letter offered that makes a rarer word, or only changes a letter's
case, was right far less often than wrong and is not read either. Readings from words
around are guesses: never auto-fixed.
"""

from __future__ import annotations

from collections.abc import Iterator

from corrigenda.checks.bigrams import BigramModel, usable_word
from corrigenda.checks.context import CheckContext, LineContext, context_words, core
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.language import foreign
from corrigenda.checks.registry import make_flag, register
from corrigenda.checks.word_lists import FUNCTION_WORDS
from corrigenda.model import Word

NEAR = 0.5  # an alternative offered with at least this share of the chosen one's probability
WORD_SCORE = 0.6
STOP_SCORE = 0.6
GUESS_SCORE = 0.75  # read from the words around: never auto-fixed
_EDGE = "\"'“”‘’()[]"


@register
class AlternativesCheck:
    name = "image"
    kinds = ("spelling", "real-word", "punctuation")
    description = "a letter or a stop the engine nearly read that makes a likelier text"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        words = line.line.words
        if not any(w.evidence and w.evidence.choices for w in words):
            return
        if foreign(line.page, context):
            return
        for i, token in enumerate(line.tokens):
            word = words[i] if i < len(words) else None
            if word is None or word.text != token.text or not word.evidence:
                continue
            choices = word.evidence.choices
            if len(choices) != len(token.text) or i in line.pending:
                continue
            flag = self._stop(line, i, token, choices, context) or self._letter(
                line, i, token, word, context
            )
            if flag is not None:
                yield flag

    def _stop(
        self,
        line: LineContext,
        i: int,
        token: Token,
        choices: tuple[tuple[tuple[str, float], ...], ...],
        context: CheckContext,
    ) -> Flag | None:
        text = token.text
        if len(text) < 3 or not text.endswith(",") or not text[-2].isalpha():
            return None
        if offered(choices[-1], ".") < NEAR:
            return None
        following = line.next_token(i)
        if following is None or not _ordinary_capital(following, context):
            return None
        return make_flag(
            line,
            token,
            token,
            "punctuation",
            STOP_SCORE,
            f"the engine nearly read a full stop here, and {following!r} starts a sentence",
            [text[:-1] + "."],
            self.name,
            GUESS_SCORE,
        )

    def _letter(
        self, line: LineContext, i: int, token: Token, word: Word, context: CheckContext
    ) -> Flag | None:
        text = token.text
        stem = core(text)
        if len(stem) < 2 or not stem.isalpha():
            return None
        at = text.find(stem)
        evidence = word.evidence
        assert evidence is not None
        lexicon = context.lexicon
        known = stem in lexicon
        printed = lexicon.frequency(stem) if known else 0
        model = context.bigrams
        best: tuple[float, str] | None = None
        for k in range(len(stem)):
            for alternative, _ in evidence.choices[at + k][1:]:
                if offered(evidence.choices[at + k], alternative) < NEAR:
                    continue
                if not alternative.isalpha() or alternative.casefold() == stem[k].casefold():
                    continue  # a letter's case is no reading ("THe", "ofF")
                if k == 0 and stem[0].islower() and alternative.isupper():
                    continue  # a capital for a small letter would make a name ("lon", "Jon")
                if k > 0:  # inside a word, the word's own case ("Tue": "THe" is "The")
                    alternative = alternative.upper() if stem[k].isupper() else alternative.lower()
                candidate = stem[:k] + alternative + stem[k + 1 :]
                count = lexicon.frequency(candidate)
                if not count or (known and count <= printed):
                    continue
                if known and model is not None and not _fits(line, i, stem, candidate, model):
                    continue
                if best is None or count > best[0]:
                    best = (count, candidate)
        if best is None:
            return None
        candidate = best[1]
        why = (
            f"the engine nearly read {candidate!r}, a commoner word that fits here"
            if known
            else f"{stem!r} is not in the lexicon; the engine nearly read {candidate!r}"
        )
        return make_flag(
            line,
            token,
            token,
            "real-word" if known else "spelling",
            WORD_SCORE,
            why,
            [text[:at] + candidate + text[at + len(stem) :]],
            self.name,
            GUESS_SCORE,
        )


def offered(position: tuple[tuple[str, float], ...], wanted: str) -> float:
    """The probability the engine gave `wanted` at a place, relative to its first choice."""
    if not position or position[0][1] <= 0:
        return 0.0
    top = position[0][1]
    return max((p / top for ch, p in position if ch == wanted), default=0.0)


def _fits(line: LineContext, i: int, printed: str, candidate: str, model: BigramModel) -> bool:
    """The candidate reads at least as well as the printed word between its neighbours."""
    before, after = context_words(line, line.tokens[i])
    left, right = usable_word(before, model), usable_word(after, model)
    if left is None and right is None:
        return True  # no context to say otherwise; the commoner word and the image agree
    chain = [w for w in (left,) if w]
    tail = [w for w in (right,) if w]
    as_printed = model.logprob([*chain, printed.casefold(), *tail])
    as_offered = model.logprob([*chain, candidate.casefold(), *tail])
    return as_offered >= as_printed


def _ordinary_capital(token: str, context: CheckContext) -> bool:
    """A capitalised word no name: its lowercase form is a common word, no list names it,
    and it is a function word or the document writes it in lowercase mid-sentence at least
    as often as capitalised (besides here)."""
    word = token.strip(_EDGE).rstrip(".,;:!?")
    if word != token.rstrip(".,;:!?") or len(word) < 2 or not word.isalpha():
        return False
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    if word.casefold() in context.names.tokens:
        return False
    lexicon = context.lexicon
    if lexicon.frequency(word.lower()) <= lexicon.total * 1e-5:
        return False
    if word.lower() in FUNCTION_WORDS:
        return True  # "The", "They": no name
    # This one counts among the capitalised forms mid-sentence (after a comma); a name the
    # document writes capitalised there again and again ("we saw Paris") is no sentence start.
    forms = context.forms.get(word.casefold())
    return forms is None or forms[word.lower()] >= forms[word] - 1
