"""Garbage and confusion patterns: what OCR does to punctuation, case and layout.

Speckle punctuation standing alone or glued to words ("he.and", "certain." mid-sentence), a
lowercase "i", mixed case inside a word, a case form the rest of the document never uses
mid-sentence, letters of two scripts in one word, words split by a hyphen inside a line,
and page numbers left in the running text ("3.").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from corrigenda.checks.context import CheckContext, LineContext, core, ends_sentence
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.lexicon import FUNCTION_WORDS, is_plain_word
from corrigenda.checks.registry import make_flag, register

_OPENING_QUOTES = {"“", "‘", "„", "«"}
_CLOSING_QUOTES = {"”", "’", "»"}
# Two single marks read for a double one, standing alone: the double one they were.
_QUOTE_PAIRS = {"‘‘": "“", "’’": "”", "''": "”", ",,": "„"}
_CLAUSE_MARKS = {";", ":", "?", "!"}
_NO_QUOTE_AFTER = {"the", "a", "an", "of", "to", "in", "by", "with", "from", "and", "or"}
_FINE_ALONE = {"-", "--", "—", "–", "&", "...", "…", "§", "*", "/", "|"}  # "|": a table's rule
_GLUED = re.compile(r"^([^\W\d_]+)([.,;:])([^\W\d_]+)([.,;:!?]?)$")
# A speck between two letters ("i:nown", "Mahomm:edans"); dotted abbreviations are fine.
_INNER_MARK = re.compile(r"(?<=[^\W\d_])[.,:;](?=[^\W\d_])")
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,3}\.)+[^\W\d_]{0,3}$")
# A double quote OCR read as two single ones, or as asterisks: at a word's start or end.
_DOUBLED_QUOTES = re.compile(r"^(‘‘|''|\*\*|,,)(?=\w)|(?<=[\w.,;:!?])(’’|''|\*\*)$")
_BAD_HYPHENS = "~=¬‐‑"  # what OCR makes of a line-end hyphen (¬ and soft forms too)
_PAGE_NUMBER = re.compile(r"^[-–—(]?\s*\d{1,4}\s*[-–—).]?$")
_ABBREVIATIONS = {
    "etc",
    "viz",
    "cf",
    "vol",
    "no",
    "ch",
    "pp",
    "p",
    "ibid",
    "esq",
    "st",
    "co",
    "al",  # "et al."
    "seq",
}
# Units after a number ("4 in. long", "2 ft. wide") end in a full stop mid-sentence.
UNITS = {
    "in",
    "ft",
    "yd",
    "yds",
    "lb",
    "lbs",
    "oz",
    "cwt",
    "doz",
    "sq",
    "cu",
    "min",
    "hr",
    "hrs",
    "mi",
    "pt",
    "qt",
    "gal",
    "cm",
    "mm",
    "m",
    "km",
    "kg",
    "g",
}
_NAME_PREFIX = re.compile(r"^(Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von)[A-Z]")


def _title_case(token: str | None) -> bool:
    word = core(token or "")
    return word[:1].isupper() and word.casefold() not in FUNCTION_WORDS


def unit(word: str, before: str | None) -> bool:
    """A unit of measure after a number ("4 in.", "½ ft.")."""
    return (
        word.casefold() in UNITS
        and bool(before)
        and any(ch.isdigit() or ch in "½¼¾%" for ch in before or "")
    )


def script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "?"


@register
class PatternCheck:
    name = "patterns"
    kinds = ("punctuation", "case", "garbage", "page-number", "hyphenation")
    description = "speckle punctuation, odd case, mixed scripts, split words, page numbers"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        tokens = line.tokens
        if (line.first_on_page or line.last_on_page) and len(line.page.lines) > 1:
            text = line.text
            if tokens and _PAGE_NUMBER.match(text.replace(" ", "")):
                yield make_flag(
                    line,
                    tokens[0],
                    tokens[-1],
                    "page-number",
                    0.5,
                    "a page number or running head in the text",
                    [""],
                    self.name,
                )
                return
        for i, token in enumerate(tokens):
            flag = self._token(line, context, i, token) or self._split(line, context, i)
            if flag is None and i == len(tokens) - 1:
                flag = self._line_end(line, context, token)
            if flag is not None:
                yield flag

    def _line_end(self, line: LineContext, context: CheckContext, token: Token) -> Flag | None:
        """A word broken at the line's end with its hyphen lost or misread ("appoint" +
        "ment", "con~" + "tinued"): the two halves make a word that neither is alone."""
        after = line.next_word
        if after is None or line.paragraph_end:
            return None
        head, tail = core(token.text), core(after)
        if not tail.isalpha() or not tail[:1].islower() or tail in context.lexicon:
            return None
        mark = token.text[len(token.text.rstrip(_BAD_HYPHENS)) :]
        if mark and head.rstrip(_BAD_HYPHENS).isalpha():
            head = head.rstrip(_BAD_HYPHENS)
            why = f"{mark!r} at the line's end: a hyphen misread"
        elif token.text == head and head.isalpha() and not mark:
            why = "a word broken at the line's end without its hyphen"
        else:
            return None
        if (head + tail) not in context.lexicon or (not mark and len(head) < 2):
            return None
        return self._flag(line, token, "hyphenation", 0.7 if mark else 0.6, why, [head + "-"])

    def _split(self, line: LineContext, context: CheckContext, i: int) -> Flag | None:
        """'conver- sation' inside a line: a hyphenation that lost its line break."""
        tokens = line.tokens
        if i + 1 >= len(tokens) or not tokens[i].text.endswith("-"):
            return None
        left, right = tokens[i].text[:-1], tokens[i + 1].text
        word = core(right)
        if not left.isalpha() or not word[:1].islower() or left in context.lexicon:
            return None
        if (left + word).casefold() not in context.lexicon:
            return None
        return make_flag(
            line,
            tokens[i],
            tokens[i + 1],
            "hyphenation",
            0.6,
            "a word split by a hyphen inside the line",
            [right.replace(word, left + word, 1)],
            self.name,
        )

    def _token(self, line: LineContext, context: CheckContext, i: int, token: Token) -> Flag | None:
        text = token.text
        word = core(text)
        lexicon = context.lexicon
        following = line.next_token(i)
        if not word or not any(ch.isalnum() for ch in text):
            if text in _FINE_ALONE:
                return None
            detached = self._detached_quote(line, i)
            if detached is not None:
                return detached
            suggestion = "-" if set(text) <= set("-~–—") else ""
            return self._flag(
                line, token, "punctuation", 0.6, "stray punctuation (speckle?)", [suggestion]
            )
        quotes = _DOUBLED_QUOTES.search(text)
        if quotes:
            fixed = _DOUBLED_QUOTES.sub(lambda m: "“" if m.start() == 0 else "”", text)
            options = [fixed]
            after = following or ""
            if fixed.endswith(",”") and (
                (line.paragraph_end and i == len(line.tokens) - 1) or after[:1].isupper()
            ):
                # ".”" misread as ",''": the stop under the quote reads as a comma. Before a
                # sentence's start or at a paragraph's end it was a stop.
                options.insert(0, fixed[:-2] + ".”")
            return self._flag(
                line,
                token,
                "punctuation",
                0.85,
                f"{quotes.group()!r}: a double quote read as two marks",
                options,
            )
        if text == "i":
            return self._flag(line, token, "case", 0.7, "lowercase 'i' as a word", ["I"])
        glued = _GLUED.match(text)
        if (
            glued
            and min(len(glued.group(1)), len(glued.group(3))) > 1
            and glued.group(1) in lexicon
            and glued.group(3) in lexicon
        ):
            left, mark, right, end = glued.groups()
            return self._flag(
                line,
                token,
                "punctuation",
                0.7,
                "two words glued by punctuation",
                [f"{left} {right}{end}", f"{left}{mark} {right}{end}"],
            )
        inner = _INNER_MARK.search(word)
        if inner and not _DOTTED.match(word):
            joined = _INNER_MARK.sub("", word)
            if joined not in lexicon:  # a known one is the garbage check's ("oppr.essor")
                options = (
                    [s for s, _ in lexicon.suggest(joined, 3)] if is_plain_word(joined) else []
                )
                return self._flag(
                    line,
                    token,
                    "punctuation",
                    0.6,
                    f"{inner.group()!r} inside a word",
                    [text.replace(word, option, 1) for option in options],
                )
        if (
            text[-1:] in ".:;"
            and word in lexicon
            and word.casefold() not in _ABBREVIATIONS
            and not unit(word, line.previous_token(i))
            and not word.isupper()
            and len(word) > 1
            and following
            and following[:1].islower()
            and (
                text[-1] == "."
                # A paragraph that ends on a page may go on over the page: only within it.
                or (line.paragraph_end and not line.last_on_page and i == len(line.tokens) - 1)
            )
        ):
            # In a list ("matching, monsters. moonlighting,") the mark is a comma misread.
            listed = (line.previous_token(i) or "").endswith(",") and following.endswith(",")
            options = [text[:-1] + ",", text[:-1]] if listed else [text[:-1], text[:-1] + ","]
            return self._flag(
                line,
                token,
                "punctuation",
                0.55,
                f"{text[-1]!r} before a lowercase word",
                options,
            )
        return self._case(line, context, i, token, word)

    def _case(
        self, line: LineContext, context: CheckContext, i: int, token: Token, word: str
    ) -> Flag | None:
        memo = context.memo.setdefault("patterns.scripts", {})
        if word not in memo:
            memo[word] = {script(ch) for ch in word if ch.isalpha()} if not word.isascii() else ()
        scripts = memo[word]
        if len(scripts) > 1:
            return self._flag(
                line,
                token,
                "garbage",
                0.7,
                f"letters of several scripts ({', '.join(sorted(scripts))})",
                [],
            )
        if re.search(r"[a-z][A-Z]", word) and not _NAME_PREFIX.match(word):
            return self._mid_word_capital(line, context, token, word)
        forms = context.forms.get(word.casefold())
        if not forms:
            return None
        best_forms = context.memo.setdefault("patterns.best", {})
        if word.casefold() not in best_forms:
            best_forms[word.casefold()] = forms.most_common(1)[0]
        best, count = best_forms[word.casefold()]
        if best == word or word.isupper() or word.casefold() in context.names.tokens:
            return None
        if self._sentence_start(line, i):
            return None
        if (line.previous_token(i) or "")[-1:] in ",;" and word.casefold() in FUNCTION_WORDS:
            return None  # "race, Are they": the comma is the misread (checks/marks.py)
        if not best[:1].islower() or word.endswith("-"):
            return None  # capitalised elsewhere, lowercase here: rarely an OCR error
        if _title_case(line.next_token(i)):
            return None  # "The Lebanon", "Data Structures": a name or a title
        if best not in FUNCTION_WORDS and (
            forms[word] > 1 or count < 2 or _title_case(line.previous_token(i))
        ):
            # A noun capitalised more than once, or next to other capitals, is a title ("the
            # Tower", "Data Structures"), not noise.
            return None
        if count > forms[word]:
            return self._flag(
                line,
                token,
                "case",
                0.45,
                f"elsewhere in the document this reads {best!r}",
                [token.text.replace(word, best, 1)],
            )
        return None

    def _detached_quote(self, line: LineContext, i: int) -> Flag | None:
        """A quotation mark or a clause's mark OCR set apart from its word ("“ Kaffirs",
        "said ”", "‘‘ Young", "say ;"): it belongs to the word, not in the bin."""
        tokens, text = line.tokens, line.tokens[i].text
        mark = _QUOTE_PAIRS.get(text, text)
        before = tokens[i - 1].text if i > 0 else ""
        if mark in _OPENING_QUOTES and i + 1 < len(tokens) and tokens[i + 1].text[:1].isalpha():
            first, last = tokens[i], tokens[i + 1]
            joined = mark + last.text
            score = 0.6
            if last.text.casefold() in _NO_QUOTE_AFTER:
                # "« of": a quotation seldom opens on "of"; the mark is more likely a speck.
                return make_flag(
                    line,
                    first,
                    last,
                    "punctuation",
                    score,
                    "a mark set apart from its word",
                    [last.text, joined],
                    self.name,
                )
        elif (
            mark in _CLOSING_QUOTES
            and before.casefold() in _NO_QUOTE_AFTER
            and i + 1 < len(tokens)
            and tokens[i + 1].text[:1].isalpha()
        ):
            # "the '' Liberal": no quotation closes on "the"; the marks open the next word.
            first, last = tokens[i], tokens[i + 1]
            joined = "“" + last.text
            score = 0.6
        elif mark in _CLOSING_QUOTES and before[-1:].isalnum():
            first, last = tokens[i - 1], tokens[i]
            joined = first.text + mark
            score = 0.6
        elif text in _CLAUSE_MARKS and before[-1:].isalpha() and before[-1:].islower():
            # Print that spaces its marks ("say ;") reads as two words; the mark is the word's.
            first, last = tokens[i - 1], tokens[i]
            joined = first.text + text
            score = 0.7
        else:
            return None
        return make_flag(
            line,
            first,
            last,
            "punctuation",
            score,
            "a mark set apart from its word",
            [joined, last.text if first is tokens[i] else first.text],  # or a speck
            self.name,
        )

    @staticmethod
    def _sentence_start(line: LineContext, i: int) -> bool:
        """After a full stop, at a paragraph's start, after a heading or an opening quote."""
        before = line.previous_token(i)
        if ends_sentence(before):
            return True
        if i == 0 and (line.paragraph_start or not any(ch.islower() for ch in before or "")):
            return True
        token = line.tokens[i].text
        return token[:1] in "\"“‘'(" or (i > 0 and line.tokens[i - 1].text in "\"“‘'(")

    def _mid_word_capital(
        self, line: LineContext, context: CheckContext, token: Token, word: str
    ) -> Flag | None:
        """'tOWn', 'resPectable': capitals inside a word are OCR noise, not spelling."""
        if word.casefold() in context.names.tokens or context.names.is_name(word):
            return None
        lowered = word.lower() if word[:1].islower() else word.capitalize()
        known = lowered in context.lexicon
        if not known and (word[:1].isupper() or sum(ch.isupper() for ch in word) > 1):
            return None  # "McAdam", "PhD", "LaSalle": names and abbreviations
        return self._flag(
            line,
            token,
            "case",
            0.7 if known else 0.45,
            "capital letters inside a word",
            [token.text.replace(word, lowered, 1)] if known else [],
        )

    def _flag(
        self,
        line: LineContext,
        token: Token,
        kind: str,
        score: float,
        why: str,
        suggestions: list[str],
    ) -> Flag:
        return make_flag(line, token, token, kind, score, why, suggestions, self.name)
