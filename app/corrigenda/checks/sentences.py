"""Where sentences end and how their words are cased, as specks and worn type spoil it.

- a comma where a sentence ended: before an ordinary word the document writes lowercase
  mid-sentence but that stands capitalised here ("blow, Hardly had"), at the end of a
  paragraph the next one continues with a capital, or ending a heading in capitals
  ("THE CORSET AND THE CRINOLINE,");
- a comma ending an abbreviation, where its stop stood: a unit after a number ("1% in, wide",
  "2oo ft, each"), a figure's or volume's label before its number ("Fig, 22"), a title before a
  name ("St, Petersburg");
- a lone letter where the pronoun I stood ("as J saw", "T think");
- small capitals read as capitals and small letters ("THe" for "The");
- doubled quotation marks at a word's edge ("nations.””", "‘“When").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corrigenda.checks.context import CheckContext, LineContext, core, opens_sentence
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.patterns.punctuation import unit
from corrigenda.checks.registry import make_flag, register
from corrigenda.checks.word_lists import SENTENCE_OPENERS, TITLES

STOP_SCORE = 0.55
HEADING_SCORE = 0.6
PRONOUN_SCORE = 0.6
SMALL_CAPS_SCORE = 0.7
QUOTES_SCORE = 0.7
_PRONOUN_MISREADS = {"J", "T", "l", "|"}  # not "1": "rail 1 and up" is a number
_PAGE_NUMBER = re.compile(r"^\d{1,4}$|^[ivxlcdm]{1,7}$|^[IVXLCDM]{1,7}$")
_SMALL_CAPS = re.compile(r"^[A-Z]{2,}[a-z]+$")
_CLOSING_PAIR = re.compile(r"(””|”’)$")
_OPENING_PAIR = re.compile(r"^(““|‘“)")
ABBREVIATION_SCORE = 0.7
_LABELS = frozenset({"Fig", "fig", "FIG", "Figs", "Vol", "vol", "Pl", "Chap", "Art", "Sec"})
LOWER_RATIO = 3  # lowercase mid-sentence this many times as often: an ordinary word
COMMON = 1e-6  # a word this frequent (of all words) is an ordinary word
# Where a sentence ends, and which word a lone letter was, is read from the words around,
# not from the ink: such readings point the way but are never applied unseen.
GUESS_SCORE = 0.75


@register
class SentenceCheck:
    name = "sentences"
    kinds = ("punctuation", "case")
    description = "commas where sentences end, a misread I, small capitals, doubled quotes"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        heading = capitals_heading(line)
        for i, token in enumerate(line.tokens):
            flag = (
                self._abbreviation(line, i, token)
                or self._comma(line, i, token, context, heading)
                or self._pronoun(line, i, token)
                or self._small_caps(line, token, context)
                or self._quotes(line, token)
            )
            if flag is not None:
                yield flag

    def _comma(
        self, line: LineContext, i: int, token: Token, context: CheckContext, heading: bool
    ) -> Flag | None:
        text = token.text
        if not text.endswith(",") or not text[:-1][-1:].isalpha():
            return None
        last = i == len(line.tokens) - 1
        fixed = text[:-1] + "."
        # A running head's page number may follow it ("THE CORSET AND THE CRINOLINE, 25").
        if heading and all(_PAGE_NUMBER.match(t.text) for t in line.tokens[i + 1 :]):
            why = "a heading in capitals ending in a comma"
            return self._flag(line, token, HEADING_SCORE, why, [fixed, text[:-1]], cap=GUESS_SCORE)
        following = line.next_token(i)
        if following is None:
            return None
        if last and line.paragraph_end and not line.last_on_page and following[:1].isupper():
            why = "a comma ending a paragraph"
            return self._flag(line, token, STOP_SCORE, why, [fixed, text[:-1]], cap=GUESS_SCORE)
        if _ordinary_capital(following, context):
            why = f"a comma before {following!r}, capitalised where it starts a sentence"
            return self._flag(line, token, STOP_SCORE, why, [fixed], cap=GUESS_SCORE)
        return None

    def _abbreviation(self, line: LineContext, i: int, token: Token) -> Flag | None:
        """A comma ending an abbreviation: its stop, where the words around say what it is."""
        text = token.text
        if not text.endswith(","):
            return None
        word = text[:-1]
        before, after = line.previous_token(i) or "", line.next_token(i) or ""
        if unit(word, before):
            why = f"{word!r} after a number: the unit's stop read as a comma"
        elif word in _LABELS and after[:1].isdigit():
            why = f"{word!r} before a number: the label's stop read as a comma"
        elif word.casefold() in TITLES and after[:1].isupper():
            why = f"{word!r} before a name: the title's stop read as a comma"
        else:
            return None
        return self._flag(line, token, ABBREVIATION_SCORE, why, [word + "."], cap=GUESS_SCORE)

    def _pronoun(self, line: LineContext, i: int, token: Token) -> Flag | None:
        """A lone J, T or l between words, where "I" reads ("as J saw it"); a lone 0 before a
        capitalised word, where the vocative O reads ("0 King")."""
        if token.text == "0":
            # The name's own stop or comma is no matter ("dreams, 0 King.").
            ahead, behind = core(line.next_token(i) or ""), line.previous_token(i) or ""
            if ahead.isalpha() and ahead.istitle() and not any(c.isdigit() for c in behind):
                why = "'0' before a name: the vocative O"
                return self._flag(line, token, PRONOUN_SCORE, why, ["O"], "case", GUESS_SCORE)
            return None
        if token.text not in _PRONOUN_MISREADS:
            return None
        before, after = line.previous_token(i), line.next_token(i)
        following = (after or "").rstrip(",;:.!?")
        if not following.isalpha() or not following.islower():
            return None
        if before is not None and not _pronoun_may_follow(before, token.text):
            return None  # "Fig. l shows", "(l) the": a label or a number
        why = f"{token.text!r} alone where the pronoun I reads"
        return self._flag(line, token, PRONOUN_SCORE, why, ["I"], "case", GUESS_SCORE)

    def _small_caps(self, line: LineContext, token: Token, context: CheckContext) -> Flag | None:
        word = core(token.text)
        if not _SMALL_CAPS.match(word) or word.casefold() in context.names.tokens:
            return None
        fixed = word.capitalize()
        if fixed.casefold() not in context.lexicon:
            return None
        readings = [fixed]
        if _capitals_misread(line, token, word):
            readings.insert(0, word.upper())
        why = "small capitals read as capitals and small letters"
        return self._flag(
            line,
            token,
            SMALL_CAPS_SCORE,
            why,
            [token.text.replace(word, r, 1) for r in readings],
            "case",
        )

    def _quotes(self, line: LineContext, token: Token) -> Flag | None:
        text = token.text
        closing, opening = _CLOSING_PAIR.search(text), _OPENING_PAIR.search(text)
        if not closing and not opening:
            return None
        if closing:
            text = text[: closing.start()] + "”"
        if opening:
            text = "“" + text[opening.end() :]
        if not any(ch.isalnum() for ch in text):
            return None
        why = "two quotation marks where one belongs"
        return self._flag(line, token, QUOTES_SCORE, why, [text])

    def _flag(
        self,
        line: LineContext,
        token: Token,
        score: float,
        why: str,
        suggestions: list[str],
        kind: str = "punctuation",
        cap: float = 1.0,
    ) -> Flag:
        return make_flag(line, token, token, kind, score, why, suggestions, self.name, cap)


def capitals_heading(line: LineContext) -> bool:
    """A line of two or more words, all in capitals: a heading, a running head or a caption
    (alone in its paragraph or not: OCR often joins a caption or a running head to the text
    around it)."""
    return len(line.tokens) >= 2 and line.all_capitals


def _ordinary_capital(token: str, context: CheckContext) -> bool:
    """A capitalised ordinary word: one that opens sentences and is no name ("Indeed"), or
    one the document writes lowercase mid-sentence and never capitalised there, and common in
    the lexicon (so not a name)."""
    word = core(token)
    if word != token.rstrip(",;:") or len(word) < 2 or not word.isalpha():
        return False
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    if word.casefold() in context.names.tokens:
        return False
    if word.casefold() in SENTENCE_OPENERS:
        return True  # "Indeed", "Third": no name, whatever the document's counts say
    forms = context.forms.get(word.casefold())
    # This one counts once among the capitalised forms; so may others like it, where OCR
    # read more stops as commas (every "way, These" counts "These" as mid-sentence): a word
    # the document writes in lowercase far more often is still an ordinary word.
    if not forms or forms[word.lower()] < max(1, LOWER_RATIO * (forms[word] - 1)):
        return False
    lexicon = context.lexicon
    return lexicon.frequency(word.lower()) > lexicon.total * COMMON


def _pronoun_may_follow(before: str, token: str) -> bool:
    """A word the pronoun may follow: a lowercase one ("as J saw"), also with its comma or
    semicolon ("is, T think"), or, for a J or T, a sentence's end ("Erzeroum. J also"; no
    label's, title's or abbreviation's stop: "Fig. J", "Mr. T"). A bar or an l after a
    sentence is as often a speck ("prospect. |")."""
    word = before.rstrip(",;:")
    if word.isalpha() and word.islower():
        return True
    return token in "JT" and opens_sentence(before) and core(before) not in _LABELS


def _capitals_misread(line: LineContext, token: Token, word: str) -> bool:
    """A word of four letters or more in capitals but its last ("STUFFINg"), or one in a
    line mostly of words in capitals (a heading): all capitals is the likelier reading than
    small capitals."""
    if len(word) - len(word.rstrip("abcdefghijklmnopqrstuvwxyz")) == 1 and len(word) >= 4:
        return True
    others = [core(t.text) for t in line.tokens if t is not token]
    worded = [w for w in others if sum(ch.isalpha() for ch in w) > 1]
    return len(worded) >= 2 and sum(w.isupper() for w in worded) * 3 >= len(worded) * 2
