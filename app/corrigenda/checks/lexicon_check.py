"""Lexicon: words the project's lexicon does not know, with ranked spelling suggestions.

Not flagged: names (any word of a name list), numbers, dates, roman numerals, abbreviations,
all-caps acronyms, the project's accepted words, and hyphenated compounds of known words. A
word hyphenated at a line's end is judged whole ("con-" + "tinued"): the first half is left
alone, the second is judged joined to it. A capitalised unknown form the document uses again
and again is taken for a name nobody listed. A known but rare word one OCR confusion away
from a far more common one ("cur" for "our") is flagged too, more softly: a real-word error.

The verdict on a token depends on the token alone (its position only for line-end
hyphenation), so each distinct token is judged once per flagging run; only the order of its
suggestions then follows the words around each occurrence (checks/bigrams.py), and a reading
the context puts before a nearer one is a guess, never auto-fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from corrigenda.checks.bigrams import BigramModel
from corrigenda.checks.casing import copy_case
from corrigenda.checks.confusions import MEASURED
from corrigenda.checks.context import CheckContext, LineContext, context_words, core, dash_parts
from corrigenda.checks.dates import MONTH_NUMBER, in_a_date
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.language import foreign
from corrigenda.checks.lexicon import Lexicon, is_plain_word
from corrigenda.checks.patterns.punctuation import unit
from corrigenda.checks.registry import make_flag, register
from corrigenda.checks.word_lists import FUNCTION_WORDS

_NUMBER = re.compile(r"^[\d.,:/\-–%$£€()½¼¾]+$|^\d+(st|nd|rd|th|d|s)$", re.IGNORECASE)
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_ROMAN_LOWER = re.compile(r"^(?=[mdclxvi])m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")
_ABBREVIATION = re.compile(r"^([A-Za-z]\.){2,}$|^[A-Z][a-z]{0,3}\.$")
_MIXED = re.compile(r"[^\W\d_]")
_HYPHENS = "-–¬~="
REAL_WORD_RATIO = 200  # how much more common the near word must be to suspect a real word
GUESS_SCORE = 0.75  # the most a guessed reading scores: below any sensible auto-fix
NAME_REPEATS = 3  # a capitalised unknown form seen this often is taken for a name
COMMON = 1e-5  # a word this frequent (of all words) is a likely intended reading


class Verdict(NamedTuple):
    """A token's judgement, without its place: kind, score, explanation, suggestions, and
    the score other evidence may lift it to (below the auto-fix range when the right word
    is a guess among equals)."""

    kind: str
    score: float
    explanation: str
    suggestions: tuple[str, ...]
    max_score: float = 1.0
    word: str = ""  # the token's word, for ranking `options` in context
    options: tuple[tuple[str, float], ...] = ()  # (reading, OCR edit cost) behind suggestions


def skip_reason(token: str, word: str, context: CheckContext) -> str | None:
    """Why a token is not for the lexicon to judge (None: judge it)."""
    if not word or context.is_accepted(token):
        return "accepted"
    if _NUMBER.match(word) or _ROMAN.match(word) or _ABBREVIATION.match(token.strip("([")):
        return "number or abbreviation"
    if word.isupper() and len(word) <= 5:
        return "acronym"
    if word.casefold() in context.names.tokens:
        return "name"
    if not _MIXED.search(word):
        return "no letters"
    if len(word) == 1 and (token[-1:] in "'’)" or token[:1] == "("):
        return "a label or an elision"  # "(b)", "d’Arriola" split at its apostrophe
    if word[:1] in "LlDd" and word[1:2] in "'’" and word[2:3].isupper():
        return "a name after an elision"  # "L’Orient", "d’Arriola"
    return None


@register
class LexiconCheck:
    name = "lexicon"
    kinds = ("spelling", "real-word")
    description = "words not in the project's lexicon, and rare words near common ones"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        memo: dict[str, Verdict | None] = context.memo.setdefault(self.name, {})
        if foreign(line.page, context):
            return  # another language: noted once for the page (checks/language.py)
        last = len(line.tokens) - 1
        for whole in line.tokens:
            for token in dash_parts(whole):
                at_end = token.end == whole.end and whole.index == last
                yield from self._check_token(line, token, whole, at_end, context, memo)

    def _check_token(
        self,
        line: LineContext,
        token: Token,
        whole: Token,
        at_end: bool,
        context: CheckContext,
        memo: dict[str, Verdict | None],
    ) -> Iterator[Flag]:
        """The flag on a token, or on one word of a token that a dash joins (`whole`)."""
        if at_end and token.text[-1:] in _HYPHENS and token.text[:-1].isalpha():
            return  # hyphenated at the line's end: judged with its second half
        if unit(core(token.text), line.previous_token(token.index)):
            return  # "200 ft.", "4 in.": a unit after a number
        hyphenated, verdict = False, None
        if token.start == whole.start:
            hyphenated, verdict = self._joined(line, token, context)
        if not hyphenated:
            if token.text not in memo:
                memo[token.text] = self._judge(token.text, context)
            verdict = memo[token.text]
            if verdict is not None and len(verdict.options) > 1 and context.bigrams:
                verdict = _in_context(line, token, verdict, context.bigrams)
        if verdict is not None and not (
            verdict.kind == "spelling" and _is_month(core(token.text)) and in_a_date(line, token)
        ):
            yield make_flag(
                line,
                token,
                token,
                verdict.kind,
                verdict.score,
                verdict.explanation,
                verdict.suggestions,
                self.name,
                verdict.max_score,
            )

    def _joined(
        self, line: LineContext, token: Token, context: CheckContext
    ) -> tuple[bool, Verdict | None]:
        """Whether the token ends a line-end hyphenation, and the verdict on the whole."""
        before = line.previous_word
        if token.index != 0 or not before:
            return False, None
        word = core(token.text)
        if before[-1:] not in _HYPHENS:
            # "appoint" + "ment": a hyphen lost at the line's end, for the patterns check
            lost = (
                before.isalpha()
                and word.isalpha()
                and word[:1].islower()
                and (before + word) in context.lexicon
                and word not in context.lexicon
            )
            return lost, None
        head = before[:-1]
        if not head.isalpha() or not word.isalpha() or not word[:1].islower():
            return False, None
        lexicon, whole = context.lexicon, head + word
        if whole in lexicon or context.is_accepted(whole) or (head in lexicon and word in lexicon):
            return True, None  # "con-" + "tinued", "sixty-" + "five"
        tails = [
            s[len(head) :]
            for s, _ in lexicon.suggest(whole)
            if s.casefold().startswith(head.casefold()) and len(s) > len(head)
        ]
        return True, Verdict(
            "spelling",
            0.75 if tails else 0.55,
            f"{head}-{word} (hyphenated at the line's end) is not in the lexicon",
            tuple(_in_token(token.text, word, t) for t in tails),
        )

    def _judge(self, text: str, context: CheckContext) -> Verdict | None:
        word = core(text)
        if skip_reason(text, word, context):
            return None
        lexicon = context.lexicon
        parts = [p for p in re.split(r"[-–—]", word) if p]
        if len(parts) > 1:
            if all(p in lexicon or skip_reason(p, p, context) for p in parts):
                return None
            if all(len(p) > 1 and p[:1].isupper() and p[1:].islower() for p in parts):
                return None  # "Tel-Aviv", "Saint-Denis": a place or a person
        elif word in lexicon:
            return self._real_word(context, text, word)
        if not all(is_plain_word(p) or any(ch.isdigit() for ch in p) for p in parts):
            return None  # inner punctuation: the pattern checks judge it
        suggestions = (
            lexicon.suggest(word) if len(parts) == 1 else _part_readings(word, parts, context)
        )
        plain = dict(suggestions)  # the lexicon's own costs, before the OCR readings
        plain_best = suggestions[0][1] if suggestions else None
        if len(parts) == 1 and (plain_best is None or plain_best >= 1.0):
            # No reading one folded confusion away: try the measured confusions.
            suggestions = with_ocr_readings(word, suggestions, lexicon)
        # Readings the measured confusions found, or made cheaper than the lexicon did.
        confused = {s for s, c in suggestions if c < plain.get(s, 9.0)}
        split = run_together(word, context.lexicon) if len(parts) == 1 else None
        if split is not None:
            # Two words run together ("ofthe") beat a distant spelling suggestion.
            at = 0 if not suggestions or suggestions[0][1] >= 1 else 1
            # A capital after a small letter marks where the space was lost ("ofSt."); in
            # capitals ("WEBRING") a split is a guess among others.
            cased = re.search(r"[a-z] [A-Z]", split) is not None
            cost = 0.25 if cased else 1.0 if word.isupper() else 0.5
            suggestions.insert(0 if cased else at, (split, cost))
        joined = (
            _joined_compound(word, lexicon)
            if len(parts) == 1 and not suggestions and word.islower()
            else None
        )
        if joined is not None:
            # No reading near: a compound that lost its hyphen ("selfinterest"). A guess.
            suggestions = [(joined, 1.0)]
        best = suggestions[0][1] if suggestions else None
        if self._unlisted_name(word, suggestions, context):
            return None
        score = 0.75
        # Scored by the lexicon's own nearest reading: a reading found through the measured
        # confusions reorders the suggestions, but does not make the flag surer.
        sure = best
        if suggestions and suggestions[0][0] in confused:
            sure = max(suggestions[0][1], plain_best if plain_best is not None else 1.0)
        if sure is not None and sure <= 0.5:
            score = 0.9  # one OCR confusion from a known word
        elif best is None:
            score = 0.55
        if word[:1].isupper() and not word.isupper():
            # An unknown capitalised word is often a name not on the lists: never sure.
            score = min(score, 0.7) - (0.0 if best is not None and best <= 1 else 0.25)
        if len(word) <= 3:
            score = min(score, 0.6)  # short words: interjections, abbreviations, fragments
        # "lume": "luke", "lime" or "time"? Equally near readings make the first a guess.
        guess = (
            best is not None and best >= 1 and len(suggestions) > 1 and (suggestions[1][1] <= best)
        )
        # A compound's part read anew is a guess: old print joins rare words ("murry-coloured").
        compound = len(parts) > 1 or joined is not None
        return Verdict(
            "spelling",
            score,
            f"{word!r} is not in the lexicon",
            tuple(_in_token(text, word, s) for s, _ in suggestions),
            GUESS_SCORE if guess or compound else 1.0,
            word,
            tuple(suggestions),
        )

    @staticmethod
    def _unlisted_name(
        word: str, suggestions: list[tuple[str, float]], context: CheckContext
    ) -> bool:
        """A form the document repeats that no likely misreading explains: a name, a term.

        OCR repeats its errors too ("thhe", "Eing" for "King"): a form one edit from a
        common word is never excused, nor an all-caps one (running heads repeat).
        """
        best = suggestions[0][1] if suggestions else None
        if (best is not None and best <= 0.5) or word.isupper() or len(word) < 4:
            return False
        lexicon = context.lexicon
        if (
            best is not None
            and best <= 1
            and any(
                c <= 1 and lexicon.frequency(s) > lexicon.total * COMMON for s, c in suggestions
            )
        ):
            return False
        if word in context.unlearned:
            return False  # the user said the document's repeats of it teach nothing
        repeats = context.form_counts.get(word, 0)
        if word[:1].isupper():
            return repeats >= NAME_REPEATS - 1
        return repeats >= NAME_REPEATS + 1 and (best is None or best >= 2)

    def _real_word(self, context: CheckContext, text: str, word: str) -> Verdict | None:
        lexicon = context.lexicon
        count = lexicon.frequency(word)
        if len(word) < 2 or count > lexicon.total * 1e-5:
            return None  # common words are left alone
        near = sorted(lexicon.confusion_neighbours(word), key=lambda w: -lexicon.frequency(w))
        best = [copy_case(word, s) for s in near if lexicon.frequency(s) > REAL_WORD_RATIO * count]
        if not best:
            return None
        return Verdict(
            "real-word",
            0.5,
            f"{word!r} is a rare word; OCR often makes it from {best[0]!r}",
            tuple(_in_token(text, word, s) for s in best),
        )


CONFUSION_COST = 0.5  # one measured confusion: half a plain edit
READING_COMMON = 1e-7  # a reading found by confusions must be a word this common
MAX_READINGS = 5
MIN_PART = 3  # a compound's unknown part this long is read anew


def ocr_readings(word: str, lexicon: Lexicon) -> dict[str, float]:
    """Known words up to two measured OCR confusions from `word` ("chareh" -> "church"),
    with their cost; words OCR garbled so that the lexicon's one-edit neighbours hide them."""
    key = word.casefold()
    if len(key) < 3 or len(key) > 24 or not key.isalpha():
        return {}
    floor = lexicon.total * READING_COMMON
    counts = lexicon.counts
    found: dict[str, float] = {}
    frontier = {key: 0.0}
    for _ in range(2):
        reached: dict[str, float] = {}
        for form, cost in frontier.items():
            for old, new in MEASURED:
                at = form.find(old)
                while at >= 0:
                    variant = form[:at] + new + form[at + len(old) :]
                    reached[variant] = min(reached.get(variant, 9.0), cost + CONFUSION_COST)
                    at = form.find(old, at + 1)
        for variant, cost in reached.items():
            if counts.get(variant, 0) > floor and variant != key:
                found[variant] = min(found.get(variant, 9.0), cost)
        frontier = reached
    return found


def with_ocr_readings(
    word: str, suggestions: list[tuple[str, float]], lexicon: Lexicon
) -> list[tuple[str, float]]:
    """The lexicon's suggestions and the OCR readings together, cheapest (then commonest)
    first; a word both give costs the less of the two."""
    readings = ocr_readings(word, lexicon)
    if not readings:
        return suggestions
    costs = {s.casefold(): (s, c) for s, c in suggestions}
    for reading, cost in readings.items():
        held = costs.get(reading)
        if held is None or cost < held[1]:
            costs[reading] = (held[0] if held else copy_case(word, reading), cost)
    ranked = sorted(costs.values(), key=lambda sc: (sc[1], -lexicon.frequency(sc[0])))
    return ranked[: max(MAX_READINGS, len(suggestions))]


def run_together(word: str, lexicon: Lexicon) -> str | None:
    """'ofthe' -> 'of the': a short function word run into a common word, if any.

    Only splits with a function word are offered: compounds of two content words
    ("doorkeepers", "surcoat") are older spellings far more often than OCR errors.
    """
    folded = word.casefold()
    floor = lexicon.total * 2e-6  # the content word must be common: "sheriif" is no "sheri if"
    best: tuple[int, str] | None = None
    for at in range(1, len(word)):
        left, right = folded[:at], folded[at:]
        if not (left in FUNCTION_WORDS or right in FUNCTION_WORDS):
            continue
        if len(right) < 2 and not (right == "a" and left in FUNCTION_WORDS and len(left) > 1):
            continue  # "ofa" is "of a"; "sofa" no "sof a"
        weakest = min(lexicon.frequency(left), lexicon.frequency(right))
        if weakest > floor and (best is None or weakest > best[0]):
            best = (weakest, f"{word[:at]} {word[at:]}")
    return best[1] if best else None


MAX_COMPOUND = 40  # longer runs of letters are no compound (and each split costs a lookup)


def _joined_compound(word: str, lexicon: Lexicon) -> str | None:
    """'selfinterest' -> 'self-interest': two common words of three letters or more, joined,
    with the hyphen put back (the commonest such pair). Small letters only: "Riphath" is a
    name, no "Rip-hath"."""
    if len(word) > MAX_COMPOUND or not word.isalpha():
        return None
    floor = lexicon.total * 2e-6
    best: tuple[int, str] | None = None
    for at in range(3, len(word) - 2):
        left, right = word[:at], word[at:]
        weakest = min(lexicon.frequency(left), lexicon.frequency(right))
        if weakest > floor and (best is None or weakest > best[0]):
            best = (weakest, f"{left}-{right}")
    return best[1] if best else None


def _in_context(line: LineContext, token: Token, verdict: Verdict, model: BigramModel) -> Verdict:
    """The verdict with its suggestions ranked by the words around the token."""
    before, after = context_words(line, token)
    if before is None and after is None:
        return verdict
    ranked = model.rank(before, after, verdict.options)
    suggestions = tuple(_in_token(token.text, verdict.word, s) for s, _ in ranked)
    # The context may put first a reading that is no nearer than others, or farther than
    # one: that is a guess, capped below auto-fix. (Letting a clear context margin lift the
    # cap fixed "hightly" to "highly", not "lightly".)
    costs = dict(verdict.options)
    top = costs[ranked[0][0]]
    others = [costs[reading] for reading, _ in ranked[1:]]
    if any(c < top or (top >= 1 and c <= top) for c in others):
        return verdict._replace(suggestions=suggestions, max_score=GUESS_SCORE)
    return verdict._replace(suggestions=suggestions)


def _part_readings(word: str, parts: list[str], context: CheckContext) -> list[tuple[str, float]]:
    """A compound with one unknown part ("sisty-five", "boly-servant"): the whole with that
    part's readings in its place."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^-–—]+", word)]
    unknown = [
        (start, end)
        for start, end in spans
        if not (
            word[start:end] in context.lexicon
            or skip_reason(word[start:end], word[start:end], context)
        )
    ]
    if len(unknown) != 1:
        return []
    start, end = unknown[0]
    part = word[start:end]
    if len(part) < MIN_PART or not is_plain_word(part):
        return []  # "u-4", "Y-s": fragments, not a compound's word
    return [
        (word[:start] + reading + word[end:], cost)
        for reading, cost in context.lexicon.suggest(part)
    ]


def _is_month(word: str) -> bool:
    return word.rstrip(".").casefold() in MONTH_NUMBER


def _in_token(token: str, word: str, suggestion: str) -> str:
    """The token with its word replaced (punctuation around it kept)."""
    return token.replace(word, suggestion, 1)
