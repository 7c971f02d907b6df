"""Punctuation as specks and misreadings leave it: marks standing alone ("he . and"), a
quotation mark set apart from its word ("“ Kaffirs"), a double quote read as two marks
("‘‘Young"), two words glued by a mark ("he.and"), a speck inside a word ("i:nown"), and a
full stop before a lowercase word ("certain. the")."""

from __future__ import annotations

import re

from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag
from corrigenda.checks.lexicon import is_plain_word
from corrigenda.checks.patterns.common import CHECK, token_flag
from corrigenda.checks.registry import make_flag
from corrigenda.checks.word_lists import ABBREVIATIONS, UNITS

_OPENING_QUOTES = {"“", "‘", "„", "«"}
_CLOSING_QUOTES = {"”", "’", "»"}
# Two single marks read for a double one, standing alone: the double one they were.
_QUOTE_PAIRS = {"‘‘": "“", "’’": "”", "''": "”", ",,": "„"}
_CLAUSE_MARKS = {";", ":", "?", "!"}
_NO_QUOTE_AFTER = {"the", "a", "an", "of", "to", "in", "by", "with", "from", "and", "or"}
_FINE_ALONE = {"-", "--", "—", "–", "&", "...", "…", "§", "*", "/", "|"}  # "|": a table's rule
# "CPSU" in "CPSU.as": capitals the lexicon lacks, glued to a known word, are an acronym.
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_GLUED = re.compile(r"^([^\W\d_]+)([.,;:])([^\W\d_]+)([.,;:!?]?)$")
# A speck between two letters ("i:nown", "Mahomm:edans"); dotted abbreviations are fine.
_INNER_MARK = re.compile(r"(?<=[^\W\d_])[.,:;](?=[^\W\d_])")
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,3}\.)+[^\W\d_]{0,3}$")
# A double quote OCR read as two single ones, or as asterisks: at a word's start or end.
_DOUBLED_QUOTES = re.compile(r"^(‘‘|''|\*\*|,,)(?=\w)|(?<=[\w.,;:!?])(’’|''|\*\*)$")


# A number as OCR reads one: digits, fractions ("%", "M;" or "V2" for "¼"), letters for
# digits ("2oo", "j,ooo"), a lone letter for a digit ("about y in.").
_NUMBER_LIKE = re.compile(r"[\d½¼¾⅛⅜⅝⅞%]|^[oOlj,.]+$|^[^\WaAI]$|^[A-Z][;:,]$")


def number_like(token: str | None) -> bool:
    return bool(token) and _NUMBER_LIKE.search(token or "") is not None


def unit(word: str, before: str | None) -> bool:
    """A unit of measure after a number ("4 in.", "½ ft.", "M; in." for "¼ in.")."""
    return word.casefold() in UNITS and number_like(before)


def standing_alone(line: LineContext, i: int) -> Flag | None:
    """A token of marks only: a speck, or a mark set apart from its word."""
    token = line.tokens[i]
    text = token.text
    if text == "|" and _edge_bar(line, i):
        return token_flag(
            line, token, "punctuation", 0.6, "a bar ending a line, no table (a speck?)", [""]
        )
    if text in _FINE_ALONE:
        return None
    detached = _detached_mark(line, i)
    if detached is not None:
        return detached
    suggestions = [""]
    if set(text) <= set("-~–—"):
        # A dash read badly; but a tilde is no mark a typist or printer sets alone: a speck
        # first ("the settlement of ~" ending a line), a dash second.
        suggestions = ["", "-"] if "~" in text else ["-"]
    return token_flag(line, token, "punctuation", 0.6, "stray punctuation (speckle?)", suggestions)


def _edge_bar(line: LineContext, i: int) -> bool:
    """A lone "|" ending a line of words with no other bar: no table's rule (a row has one
    between its cells) but a speck, a letter's splinter or the scan's frame ("AVERELL
    HARRIMAN |"). Before a lowercase word, here or starting the next line ("| think"), it
    is more often the pronoun: the sentence check's."""
    tokens, after = line.tokens, line.next_token(i) or ""
    return (
        i == len(tokens) - 1
        and not (after.isalpha() and after.islower())
        and sum(t.text == "|" for t in tokens) == 1
        and any(ch.isalpha() for t in tokens for ch in t.text)
    )


def _detached_mark(line: LineContext, i: int) -> Flag | None:
    """A quotation mark or a clause's mark OCR set apart from its word ("“ Kaffirs",
    "said ”", "‘‘ Young", "say ;"): it belongs to the word, not in the bin."""
    tokens, text = line.tokens, line.tokens[i].text
    mark = _QUOTE_PAIRS.get(text, text)
    before = tokens[i - 1].text if i > 0 else ""
    speck_first = False
    if mark in _OPENING_QUOTES and i + 1 < len(tokens) and tokens[i + 1].text[:1].isalpha():
        first, last = tokens[i], tokens[i + 1]
        joined = mark + last.text
        score = 0.6
        # "« of": a quotation seldom opens on "of"; the mark is more likely a speck.
        speck_first = last.text.casefold() in _NO_QUOTE_AFTER
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
    options = [joined, last.text if first is tokens[i] else first.text]  # or a speck
    return make_flag(
        line,
        first,
        last,
        "punctuation",
        score,
        "a mark set apart from its word",
        options[::-1] if speck_first else options,
        CHECK,
    )


def in_word(line: LineContext, context: CheckContext, i: int) -> Flag | None:
    """Marks in or at the edge of a word: doubled quotes, glue, a speck, a stop too many."""
    token = line.tokens[i]
    text = token.text
    if text.isalpha():
        return None  # most tokens: no mark in or at the edge of them, nothing below applies
    word = core(text)
    lexicon = context.lexicon
    following = line.next_token(i)
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
        return token_flag(
            line,
            token,
            "punctuation",
            0.85,
            f"{quotes.group()!r}: a double quote read as two marks",
            options,
        )
    glued = _GLUED.match(text)
    if (
        glued
        and min(len(glued.group(1)), len(glued.group(3))) > 1
        and (glued.group(1) in lexicon or _ACRONYM.match(glued.group(1)))
        and glued.group(3) in lexicon
    ):
        left, mark, right, end = glued.groups()
        return token_flag(
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
            options = [s for s, _ in lexicon.suggest(joined, 3)] if is_plain_word(joined) else []
            return token_flag(
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
        and word.casefold() not in ABBREVIATIONS
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
        return token_flag(
            line,
            token,
            "punctuation",
            0.55,
            f"{text[-1]!r} before a lowercase word",
            options,
        )
    return None
