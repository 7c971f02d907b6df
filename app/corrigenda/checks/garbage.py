"""Garbage characters inside words: digits and symbols for letters ("c0untry", "0F",
"¢xclusiveness") and the splinters OCR makes of wide letters ("\\Ve" for "We", "l\\Iy" for
"My", "TIIE" for "THE").

Specks inside a word ("oppr.essor", "dying:r") are dropped. A bracket, bar or slash between
letters ("punishm)ent", "a|nd", "]aphet") is a speck or a letter's splinter: the word without
it, or with the one letter it may be ("]" a J, "|" an l or I), when that is a known word
(real slash compounds, "and/or", and brackets that close, "word(s)", are left alone). A
token is rewritten with the usual readings of those characters; when a rewriting is a
known word, the token is flagged with it first. Tokens that are numbers, dates or ordinals
("4th", "1776", "3rd") are left alone. Verdicts depend on the token alone, so each distinct
token is judged once per flagging run.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping

from corrigenda.checks.casing import copy_case
from corrigenda.checks.context import CheckContext, LineContext, core, dash_parts
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.lexicon import Lexicon
from corrigenda.checks.registry import make_flag, register

# What a character that does not belong in a word usually is, best reading first: digits,
# and the symbols OCR makes of letters ("¢xclusiveness").
_READINGS = {
    "0": "oO",
    "1": "lIir",  # "f01" for "for", "a1e" for "are": a worn r
    "5": "sS",
    "8": "B",
    "6": "b",
    "¢": "ce",
    "£": "Ef",
    "§": "S",
    "©": "ceo",
    "®": "R",
    "€": "eE",
    "&": "s",  # "ha&": an s with a speck on its spine (beside small letters only)
}
_AMPERSAND = re.compile(r"[a-z]&|&[a-z]")
# Wide letters OCR breaks into punctuation and narrow letters.
_SPLINTERS = (
    ("l\\I", "M"),
    ("I\\I", "M"),
    ("\\V", "W"),
    ("\\v", "w"),
    ("\\N", "N"),
    ("l\\l", "M"),
    ("|\\/|", "M"),
    ("\\/\\/", "W"),
    ("\\/", "V"),
)
_ROMAN = re.compile(r"^[MDCLXVI]+$")
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th|d|s|er|e)?$", re.IGNORECASE)
MAX_VARIANTS = 64
CONFUSION_COST = 0.5  # the lexicon's cost of one typical OCR confusion ("li" for "h")
_STROKES = re.compile(r"^[01]+s?$")  # digits OCR makes of strokes: "111", "011", "1s"
_WORD_READINGS = {"0": "o", "1": "il"}
_COUNTED = {"page", "pages", "chapter", "number", "no", "vol", "volume", "year", "section"}
_COUNTED |= {"fig", "figure", "plate", "line", "verse", "article", "room", "table"}
GUESS_WORD = 0.6  # a number read as a word: never sure (a page may cite "page 111")
GUESS_SCORE = 0.75  # the most a reading scores when the token may as well be a number
_AS_DIGITS = str.maketrans("oOlIiSsBZzg", "00111558229")
_ONE = str.maketrans("lI|", "111")
_ONE_OR_ZERO = str.maketrans("lI|oO", "11100")


# A bracket, bar or slash inside a word: a speck, or a letter's splinter, best reading first
# ("" the mark dropped).
_MARK_LETTERS = {
    "]": ("", "J", "l"),  # at a word's end, "l" only (the J is a capital)
    "[": ("", "J", "l"),
    "|": ("", "l", "I"),
    "/": ("", "l", "I", "z"),
    ")": ("",),
    "(": ("",),
    "}": ("",),
    "{": ("",),
}
_MARK_SPLINTERS = (("l)", "D"), ("I)", "D"))  # "l)emocrats": the D's stem and bowl apart
_MARK_INSIDE = re.compile(r"(?<=[^\W\d_])[\[\](){}|/](?=[^\W\d_])")
_MARK_FIRST = re.compile(r"^[\[\]|](?=[^\W\d_]{2})")  # "]aphet": a J read as a bracket
_MARK_LAST = re.compile(r"(?<=[^\W\d_]{2})\]$")  # "stil]": an l read as a bracket
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))
# A token's word, whether it is an ordinal, its readings, the number it misreads.
_Plan = tuple[str, bool, list[str], str | None]
_INNER = re.compile(r"(?<=[^\W\d_])[.,:;/‘](?=[^\W\d_])")
_TAIL = re.compile(r"^([^\W\d_]{2,})[.,:;]([^\W\d_])$")


def readings(word: str, lexicon: Lexicon, counts: Mapping[str, int] | None = None) -> list[str]:
    """Known words the token may be, most frequent first (`counts`: how often the document
    has each form, so a name it repeats is known too)."""
    if len(word) > 2 and word.isupper() and "II" in word and not _ROMAN.match(word):
        fixed = word.replace("II", "H")  # "TIIE": the H of a capital heading split in two
        return [fixed] if fixed in lexicon else []
    if "IVI" in word and word.replace("IVI", "M") in lexicon:
        return [word.replace("IVI", "M")]  # "IVIagic": an M split in three strokes
    if word.isalpha() or word in lexicon:
        return []
    tail = _TAIL.match(word)
    if tail and tail.group(1) in lexicon and tail.group(2) not in "aAI":
        return [tail.group(1)]  # "dying:r": a speck read as a letter
    joined = _INNER.sub("", word)
    if joined != word and joined.isalpha() and len(joined) > 3 and joined in lexicon:
        parts = _INNER.split(word)
        if not all(p in lexicon and len(p) > 1 for p in parts):
            return [joined]  # "oppr.essor": a speck inside a word
    if "\\" not in word and (
        _MARK_INSIDE.search(word) or _MARK_FIRST.match(word) or _MARK_LAST.search(word)
    ):
        return mark_readings(word, lexicon, counts or {})
    if "\\" in word or "/" in word:
        fixed = word
        for old, new in _SPLINTERS:
            fixed = fixed.replace(old, new)
        if fixed != word and fixed in lexicon:
            return [fixed]
        if "\\" in word:
            return _backslash_readings(fixed, lexicon, counts or {})
        word = fixed
    if not any(ch in _READINGS for ch in word) or not any(ch.isalpha() for ch in word):
        return []
    if "&" in word and _AMPERSAND.search(word) is None:
        return []  # "A&P", "M&S", "SEC&": an ampersand the text means
    options = [_READINGS.get(ch, ch) for ch in word]
    found = []
    # A rare word ("fol" for "f01") is no likelier than an unknown one; but a symbol inside
    # a word is surely a letter misread, whatever the word's frequency.
    symbol = any(ch in _READINGS and not ch.isdigit() for ch in word)
    floor = 0 if symbol else lexicon.total * 1e-6
    for letters in itertools.islice(itertools.product(*options), MAX_VARIANTS):
        candidate = "".join(letters)
        if candidate in lexicon and lexicon.frequency(candidate) > floor:
            found.append(copy_case(word, candidate.lower()))
    return sorted(dict.fromkeys(found), key=lambda w: -lexicon.frequency(w))


def _backslash_readings(fixed: str, lexicon: Lexicon, counts: Mapping[str, int]) -> list[str]:
    """A backslash is no letter of any word: `fixed` is the word with the letters it
    splinters from put back ("\\Vliat" -> "Wliat"). Its readings: the word itself if each
    part is a known word or name ("Doughty-Wylie"); with a backslash left, that backslash
    as what is left of a W ("\\hat" -> "What") or as a speck ("\\to" -> "to"); otherwise
    one near reading ("What")."""
    bare = fixed.replace("\\", "")
    if not bare or not all(p.isalpha() for p in bare.split("-")):
        return []

    def known(part: str) -> bool:
        return len(part) > 1 and _known_without(part, lexicon, counts)

    if "\\" not in fixed:
        if all(known(p) for p in bare.split("-")):
            return [bare]
    else:
        found = [
            w
            for w in (fixed[:1].replace("\\", "W") + fixed[1:].replace("\\", "w"), bare)
            if known(w)
        ]
        if found:
            return found
    near = [w for w, cost in lexicon.suggest(bare) if cost <= CONFUSION_COST]
    return near[:1]


def mark_readings(word: str, lexicon: Lexicon, counts: Mapping[str, int]) -> list[str]:
    """Known words a word with a bracket, bar or slash inside may be, most frequent first:
    the mark dropped ("punishm)ent") or read as the letter it splinters from ("]aphet")."""
    if "/" in word and _slashed(word, lexicon):
        return []  # "and/or", "his/her", "c/o": a real slash compound or abbreviation
    if "|" in word and all(len(p) <= 1 for p in word.split("|")):
        return []  # "a|b": a table's rule between single letters, no "alb"
    first, last = _MARK_FIRST.match(word), _MARK_LAST.search(word)
    if first and _known_without(word[1:], lexicon, counts):
        return []  # "[the": an opening bracket whose word is known
    if last and _known_without(word[:-1], lexicon, counts):
        return []  # "the]": a closing bracket whose word is known
    for old, new in _MARK_SPLINTERS:
        if word.startswith(old) and new + word[len(old) :] in lexicon:
            return [new + word[len(old) :]]
    options: list[tuple[str, ...]] = []
    for i, ch in enumerate(word):
        edge = (i == 0 and first) or (i == len(word) - 1 and last)
        if ch in _MARK_LETTERS and (edge or _MARK_INSIDE.match(word, i)):
            # At a word's edge a mark dropped leaves the word a bracket would: a letter.
            options.append(_MARK_LETTERS[ch][1:] if edge else _MARK_LETTERS[ch])
        else:
            options.append((ch,))

    def known(candidate: str) -> bool:
        return candidate.isalpha() and (candidate in lexicon or counts.get(candidate, 0) > 1)

    found = [
        "".join(letters)
        for letters in itertools.islice(itertools.product(*options), MAX_VARIANTS)
        if known("".join(letters))
    ]
    return sorted(dict.fromkeys(found), key=lambda w: (-lexicon.frequency(w), -counts.get(w, 0)))


def _slashed(word: str, lexicon: Lexicon) -> bool:
    """A slash the text means: between known words or single letters ("and/or", "c/o")."""
    return all(len(p) <= 1 or p in lexicon for p in word.split("/"))


def _known_without(word: str, lexicon: Lexicon, counts: Mapping[str, int]) -> bool:
    """The word a bracket stands beside is known: a word of the lexicon, or a name the
    document repeats. Not a lowercase form it repeats: the document's counts strip the
    bracket, so "[ewish" printed twice would count its own misreading "ewish" twice."""
    return word in lexicon or (word[:1].isupper() and counts.get(word, 0) > 1)


@register
class GarbageCheck:
    name = "garbage"
    kinds = ("garbage",)
    description = "digits and splinters inside words that read as a known word"

    def _digits_for_letters(
        self, line: LineContext, token: Token, word: str, context: CheckContext
    ) -> Flag | None:
        if not _between_words(line, token.index):
            return None
        reading = as_word(word, context.lexicon)
        if reading is None:
            return None
        return make_flag(
            line,
            token,
            token,
            "garbage",
            GUESS_WORD,
            f"{word!r} between words: letters read as digits ({reading!r})",
            [token.text.replace(word, reading, 1)],
            self.name,
            GUESS_WORD,
        )

    def _plan(self, text: str, context: CheckContext) -> _Plan | None:
        """The token's word, whether it is an ordinal, its readings and, if it has none, the
        number it misreads; None when nothing is to be flagged on it."""
        word = core(text)
        if not word:
            return None
        if any(a in text and b in text for a, b in _PAIRS):
            if _MARK_INSIDE.search(word):
                return None  # "word(s)", "a[n]": brackets that close are the text's
        elif word.isalpha():
            at = text.find(word)
            if at > 0 and text[at - 1] in "[]":
                word = text[at - 1 : at + len(word)]  # "]aphet": core() strips the J
            elif text[at + len(word) : at + len(word) + 1] == "]":
                word += "]"  # "stil]": the l core() strips
        if _ORDINAL.match(word):
            return word, True, [], None
        memo = context.memo.setdefault(self.name, {})
        if word not in memo:
            memo[word] = readings(word, context.lexicon, context.form_counts)
        found: list[str] = memo[word]
        number = None if found else _misread_number(word)
        if not found and number is None:
            return None
        return word, False, found, number

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        # What the token's text alone says, judged once per distinct token: most tokens are
        # plain words with no reading and no number in them, and are passed over at once.
        plans: dict[str, _Plan | None] = context.memo.setdefault("garbage.tokens", {})
        for token in (part for whole in line.tokens for part in dash_parts(whole)):
            if token.text not in plans:
                plans[token.text] = self._plan(token.text, context)
            plan = plans[token.text]
            if plan is None:
                continue
            word, ordinal, found, number = plan
            if ordinal:
                flag = self._digits_for_letters(line, token, word, context)
                if flag is not None:
                    yield flag
                continue
            if not found:
                if number is not None:
                    yield make_flag(
                        line,
                        token,
                        token,
                        "garbage",
                        0.7,
                        f"{word!r}: a number with letters OCR makes of digits",
                        [token.text.replace(word, number, 1)],
                        self.name,
                        GUESS_SCORE,
                    )
                continue
            following = line.next_token(token.index)
            if (
                token.text == word
                and _INNER.search(word)
                and "." in word
                and found[0].isalpha()
                and (following is None or following[:1].isupper())
            ):
                # "oppr.essor The": the stop was the sentence's, misplaced by a speck.
                found = [f"{found[0]}.", *found]
            why = f"{word!r} holds characters OCR makes of letters; reads as {found[0]!r}"
            # A mark inside a word that reads two ways ("ha|t": "hat", "halt"; "\\hat":
            # "What", "hat"): a guess.
            marked = _MARK_INSIDE.search(word) or "\\" in word
            cap = GUESS_SCORE if len(found) > 1 and marked else 1.0
            number = as_number(word)
            if number is not None:
                # "5o" is "so" or "50": a guess either way, never auto-fixed.
                found = [*found, number]
                why += f" or as the number {number!r}"
            yield make_flag(
                line,
                token,
                token,
                "garbage",
                0.85,
                why,
                [token.text.replace(word, s, 1) for s in found],
                self.name,
                GUESS_SCORE if number is not None else cap,
                rival=True,
            )


def as_word(word: str, lexicon: Lexicon) -> str | None:
    """A short common word a run of 0s and 1s may be ("111" in, "011" on, "1s" is): the
    strokes of an n read as "11", an i as "1", an o as "0"."""
    if len(word) > 5 or not _STROKES.match(word):
        return None
    found = []
    # The n's strokes pair from the left or from the right ("111": "n1" or "1n").
    for text in dict.fromkeys([word.replace("11", "n"), word[::-1].replace("11", "n")[::-1]]):
        options = [_WORD_READINGS.get(ch, ch) for ch in text]
        for letters in itertools.islice(itertools.product(*options), MAX_VARIANTS):
            if "".join(letters) in lexicon:
                found.append("".join(letters))
    common = [w for w in found if lexicon.frequency(w) > lexicon.total * 1e-4]
    return max(common, key=lexicon.frequency) if common else None


def _between_words(line: LineContext, index: int) -> bool:
    """Between two lowercase words ("was 111 the"): running text, not a count or a date."""
    before = line.tokens[index - 1].text if index else None
    after = line.next_token(index)
    return bool(
        before
        and after
        and before.isalpha()
        and before.islower()
        and before not in _COUNTED
        and after.isalpha()
        and after.islower()
    )


def _misread_number(word: str) -> str | None:
    """A number with an I or l for a 1, or an O inside it for a 0 ("I4", "l876", "1O5"):
    digits with no letter that labels (B12, O2, S5) or counts (4s, 2nd)."""
    if len(word) < 2 or not any(ch.isdigit() for ch in word):
        return None
    digits = word[0].translate(_ONE) + word[1:].translate(_ONE_OR_ZERO)
    return digits if digits.isdigit() and digits != word else None


def as_number(word: str) -> str | None:
    """The number a token of digits and digit-like letters may be ("5o" -> "50")."""
    digits = word.translate(_AS_DIGITS)
    return digits if digits.isdigit() and digits != word else None
