"""Punctuation and case the way specks and small caps spoil them.

- quotation marks left open or closed without an opening in their paragraph (a speck read
  as "‘" in "‘AND" or "’" in "with’"), and an opening mark closed by one of the other kind;
- doubled or clashing marks at a word's end ("now,.", "race;,"), a doubled hyphen in a
  compound the document or the lexicon writes with one ("Soviet--US", "non--proliferation"),
  and a stop or comma glued to a word's start (".due");
- a comma or semicolon before a word that starts a sentence ("race, The"), and a full stop,
  colon or comma after a word no sentence or clause ends on ("the.", "of,");
- the marks the engine itself was unsure of, when the image's evidence is kept;
- a lowercase word opening a paragraph after a finished sentence ("we" for "We"), and an
  ordinary word capitalised mid-sentence that the document never capitalises there
  ("nor Opportunity can").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corrigenda.checks.casing import in_capitals
from corrigenda.checks.context import CheckContext, LineContext, core, ends_sentence
from corrigenda.checks.evidence import doubtful_marks
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.registry import make_flag, register
from corrigenda.checks.word_lists import FUNCTION_WORDS
from corrigenda.model import Line, Page

OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE = "“", "”", "‘", "’"
# Words no sentence or clause ends on: a mark after them is a speck ("the.", "of,").
NO_END = frozenset({"the", "a", "an", "of", "my", "his", "their", "our", "its", "your"})
NO_STOP = NO_END | frozenset({"and", "or", "nor", "to", "with", "from", "by", "at", "into"})
# Words no sentence ends on even before a capital ("the. President": a speck after "the");
# a sentence may end on a preposition ("knew of. And") or a pronoun ("it was his. The").
NEVER_LAST = frozenset({"the", "an", "its", "their", "our", "your"})
# Words that start sentences far more often than they follow a comma capitalised.
STARTERS = frozenset(
    {"The", "It", "He", "She", "They", "We", "But", "This", "There", "His", "Her", "In", "A"}
)
_STAR = re.compile(r"(?<=[^\W\d_.]|\.)\*(?=[^\W\d_])")
_DOUBLED = re.compile(r"(?<![.,;:!?])([,;:][.,;:]|\.[,;:])$")
_DOUBLE_HYPHEN = re.compile(r"(?<=[^\W\d_])--(?=[^\W\d_])")
QUOTE_SCORE = 0.6
NEVER_CLOSED = "a quotation mark never closed in its paragraph (a speck?)"
DOUBLED_SCORE = 0.7
# "x--y": a typist's dash glued to its words, or a hyphen read twice. Read twice when the
# document prints the compound with one hyphen elsewhere, likelier still than when only
# the lexicon knows the two halves as one word.
HYPHEN_SEEN_SCORE = 0.8
HYPHEN_WORD_SCORE = 0.6
COMMA_SCORE = 0.55
MISSING_SCORE = 0.5
NO_END_SCORE = 0.7
SPECK_SCORE = 0.3  # a hint that strengthens other flags
STAR_SCORE = 0.7
LEADING = ".,;:"  # marks no word starts with
LEADING_SCORE = 0.8
_APOSTROPHE = re.compile(r"^([^\W\d_]+)(['’])([^\W\d_]+)([.,;:!?]?)$")
# What follows an apostrophe inside a word: a contraction's or a possessive's ending.
ENDINGS = frozenset({"s", "t", "d", "ll", "re", "ve", "m", "em", "tis", "twas", "n", "er"})
BEGINNINGS = frozenset({"o", "l", "d", "j", "qu", "s", "t", "n", "m", "c", "y", "ma", "e", "th"})
APOSTROPHE_COMMON = 1e-6  # both sides words in common use
APOSTROPHE_SCORE = 0.7
CASE_SCORE = 0.55
# Where a sentence ends is read from the words around, not from the ink: such a reading may
# point the way, but is never applied unseen ("race, The" may be a title's "The").
GUESS_SCORE = 0.75


@register
class MarksCheck:
    name = "marks"
    kinds = ("punctuation", "case", "confidence")
    description = "unbalanced quotes, doubled marks, specks the engine doubted, sentence case"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        for at, suggestion, why in _quotes(line, context):
            yield _mark_flag(line, at, suggestion, why, QUOTE_SCORE)
        words = line.line.words
        for i, token in enumerate(line.tokens):
            word = words[i] if i < len(words) and words[i].text == token.text else None
            leading = self._leading(line, token) or self._apostrophe(line, token, context)
            if leading is not None:
                yield leading  # beside the others: a doubted mark there adds to it
            flag = (
                self._speck(line, token, word.evidence if word else None)
                or self._star(line, token, context)
                or self._doubled(line, token)
                or self._doubled_hyphen(line, token, context)
                or self._clause_end(line, i, token, context)
                or self._case(line, i, token, context)
            )
            if flag is not None:
                yield flag

    def _speck(self, line: LineContext, token: Token, evidence: object) -> Flag | None:
        """A mark the engine gave little probability: evidence that it is a speck.

        Alone it is no flag (on the book pages of the development set the engine doubted
        real marks as often as specks, 26 in 104 were specks); like a low confidence it
        strengthens another check's flag on the same word that removes the mark.
        """
        unsure = doubtful_marks(evidence, token.text)  # type: ignore[arg-type]
        if not unsure or not any(ch.isalnum() for ch in token.text):
            return None
        fixed = "".join(ch for k, ch in enumerate(token.text) if k not in unsure)
        return make_flag(
            line,
            token,
            token,
            "confidence",
            SPECK_SCORE,
            "a mark the engine was unsure of (a speck?)",
            [fixed],
            self.name,
            GUESS_SCORE,
        )

    def _leading(self, line: LineContext, token: Token) -> Flag | None:
        """A stop or comma glued to a word's start (".due", ".Carter", ",and"): a speck; no
        word starts with one (".5" is a number, "..." an ellipsis)."""
        text = token.text
        if len(text) < 3 or text[0] not in LEADING or not text[1].isalpha():
            return None
        word = core(text[1:])
        if len(word) < 1 or not word.isalpha() or (word.isupper() and len(word) > 1):
            return None  # ".NET", ".HTML": a name that starts with a stop
        return self._flag(
            line, token, LEADING_SCORE, f"{text[0]!r} before a word's first letter", [text[1:]]
        )

    def _apostrophe(self, line: LineContext, token: Token, context: CheckContext) -> Flag | None:
        """Two words glued by an apostrophe where a space was ("went'round", "and’the"):
        both sides are words, and the right one is no contraction's or possessive's ending."""
        match = _APOSTROPHE.match(token.text)
        if match is None:
            return None
        left, mark, right, end = match.groups()
        lexicon = context.lexicon
        if right.casefold() in ENDINGS or left.casefold() in BEGINNINGS:
            return None  # "don't", "John's", "o'clock", "l'homme"
        if min(len(left), len(right)) < 2 or (left + right) in lexicon:
            return None
        if right[:1].islower() and not right.islower():
            right = right.lower()  # "company'oF": the capital was the speck's too
        common = lexicon.total * APOSTROPHE_COMMON
        if lexicon.frequency(left) <= common or lexicon.frequency(right) <= common:
            return None  # "Kaaba'i", "ne'er": a name's or an old word's apostrophe
        return self._flag(
            line,
            token,
            APOSTROPHE_SCORE,
            f"{mark!r} between two words: a speck where a space was",
            [f"{left} {right}{end}"],
        )

    def _star(self, line: LineContext, token: Token, context: CheckContext) -> Flag | None:
        """A speck read as "*" where a space was ("if*he", "Mr.*Carter.")."""
        match = _STAR.search(token.text)
        if match is None:
            return None
        left, right = token.text[: match.start()], token.text[match.end() :]
        if core(left).casefold() not in context.lexicon and not left.endswith("."):
            return None
        if core(right).casefold() not in context.lexicon:
            return None
        return self._flag(
            line, token, STAR_SCORE, "'*' between two words: a speck", [f"{left} {right}"]
        )

    def _doubled(self, line: LineContext, token: Token) -> Flag | None:
        match = _DOUBLED.search(token.text)
        if match is None or not any(ch.isalnum() for ch in token.text):
            return None
        stem = token.text[: match.start()]
        first, second = match.group()[0], match.group()[1]
        if first == "." and not (stem.isalpha() and stem.islower() and len(stem) > 3):
            return None  # "III.,", "etc.,": an abbreviation's stop, then the comma
        return make_flag(
            line,
            token,
            token,
            "punctuation",
            DOUBLED_SCORE,
            f"{match.group()!r}: two marks where one belongs",
            [stem + second, stem + first],
            self.name,
        )

    def _doubled_hyphen(
        self, line: LineContext, token: Token, context: CheckContext
    ) -> Flag | None:
        word = core(token.text)
        if word.count("--") != 1 or _DOUBLE_HYPHEN.search(word) is None:
            return None
        single = word.replace("--", "-")
        if context.form_counts.get(single, 0):
            score, why = HYPHEN_SEEN_SCORE, f"the document prints {single!r}"
        elif word.replace("--", "").casefold() in context.lexicon:
            score, why = HYPHEN_WORD_SCORE, f"{word.replace('--', '')!r} is one word"
        else:
            return None  # a dash glued to its words ("this--and that")
        at = token.text.index(word)
        fixed = token.text[:at] + single + token.text[at + len(word) :]
        return make_flag(
            line,
            token,
            token,
            "punctuation",
            score,
            f"a doubled hyphen: {why}",
            [fixed],
            self.name,
        )

    def _clause_end(
        self, line: LineContext, i: int, token: Token, context: CheckContext
    ) -> Flag | None:
        text = token.text
        word = core(text)
        following = line.next_token(i)
        if (
            text.isalpha()
            and text.islower()
            and len(text) > 1
            and text not in NO_STOP
            and following is not None
            and _starts_sentence(following)
            and not (line.paragraph_end and i == len(line.tokens) - 1)
        ):
            return self._flag(
                line,
                token,
                MISSING_SCORE,
                f"no full stop before {following!r}, which starts a sentence",
                [text + ".", text + ","],
                cap=GUESS_SCORE,
            )
        if not word or text[-1:] not in ".,;:" or text.endswith(".."):
            return None
        mark = text[-1]
        bare = text[: len(text) - 1]
        if word.casefold() in (NO_STOP if mark != "," else NO_END) and word == text[:-1]:
            after = core(following or "")
            # "he alone knew of. And": a sentence may end on "of"; before a small letter not.
            # On "the" none ends, whatever follows ("the. President").
            never = mark in ".:;" and word in NEVER_LAST and after[:1].isupper()
            if not after or (mark != "," and not after[:1].islower() and not never):
                return None
            return self._flag(line, token, NO_END_SCORE, f"{mark!r} after {word!r}", [bare])
        if (
            mark in ",;"
            and word.isalpha()
            and word.islower()
            and following is not None
            and _starts_sentence(following)
            and not (line.paragraph_end and i == len(line.tokens) - 1)
        ):
            return self._flag(
                line,
                token,
                COMMA_SCORE,
                f"{mark!r} before {following!r}, which starts a sentence",
                [bare + ".", bare],
                cap=GUESS_SCORE,
            )
        return None

    def _case(self, line: LineContext, i: int, token: Token, context: CheckContext) -> Flag | None:
        word = core(token.text)
        if len(word) < 2 or not word.isalpha() or word.isupper():
            return None
        before = line.previous_token(i)
        if word.islower() and i == 0 and line.paragraph_start and before is not None:
            # A paragraph that starts lowercase after a finished sentence (not after a
            # heading or a caption, which a page's text runs on past): its first letter.
            if (
                (
                    (before[-1:] in ".!?" and any(ch.islower() for ch in before))
                    or _below_a_title(line)
                )
                and not line.first_on_page
                and word in context.lexicon
            ):
                fixed = token.text.replace(word, word.capitalize(), 1)
                return self._flag(
                    line, token, CASE_SCORE, "a sentence starting lowercase", [fixed], "case"
                )
            return None
        if not (word[:1].isupper() and word[1:].islower()) or i == 0 or before is None:
            return None
        after = core(line.next_token(i) or "")
        lower = word.lower()
        if (
            ends_sentence(before)
            or not before.isalpha()
            or not before.islower()
            or before in ("the", "of")  # "the Tower", "Bay of Fundy": names
            or not after.islower()
            or token.text[:1] in "\"“‘'("
            or word.casefold() in context.names.tokens
            or context.lexicon.frequency(lower) < context.lexicon.total * 1e-6
        ):
            return None
        forms = context.forms.get(word.casefold())
        if not forms or forms[word] > 1 or not forms[lower]:
            # Only a word the document writes lowercase elsewhere mid-sentence, and never
            # capitalised there again: "Germany", "the Treasury" are names and terms.
            return None
        fixed = token.text.replace(word, lower, 1)
        return self._flag(line, token, CASE_SCORE, "a capital mid-sentence", [fixed], "case")

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


def _starts_sentence(token: str) -> bool:
    """A capitalised function word ("The", "For", "Are"): it starts a sentence, not a name."""
    word = core(token)
    if word != token or len(word) < 1 or word == "I":
        return False
    return word in STARTERS or (
        word[:1].isupper() and word[1:].islower() and word.casefold() in FUNCTION_WORDS
    )


def _mark_flag(line: LineContext, at: int, suggestion: str, why: str, score: float) -> Flag:
    start = line.start + at
    return Flag(
        page=line.page.number,
        line=line.number,
        start=start,
        end=start + 1,
        text=line.text[at],
        kind="punctuation",
        score=score,
        explanation=why,
        suggestions=(suggestion,),
        page_id=line.page.id,
        line_id=line.line.id,
        check=MarksCheck.name,
    )


def _below_a_title(line: LineContext) -> bool:
    """The line right after a title of two lines or more in capitals ("MEMORANDUM OF ...",
    "AND AMBASSADOR DOBRYNIN, ... 1976"): running text after a title starts a sentence. A
    one-line heading may be a running head or a caption the page's text runs on past."""
    lines = line.page.lines
    at = next((n for n, member in enumerate(lines) if member is line.line), 0)
    return at >= 2 and all(in_capitals(lines[n].text) for n in (at - 1, at - 2))


def _paragraph(page: Page, line: Line, context: CheckContext) -> tuple[str, int, bool]:
    """The text of the paragraph `line` is in, where the line starts in it, and whether the
    paragraph runs on past the page (its last, ending mid-sentence: "whose mothers", "dis-");
    worked out once per page (and again after an edit), so a page of one huge paragraph
    stays linear."""
    cache = context.memo.setdefault("marks.paragraphs", {})
    key = str(page.id)
    held = cache.get(key)
    if held is None or held[0] is not page.lines:
        places: dict[int, tuple[str, int, bool]] = {}
        runs: list[list[Line]] = []
        for current in page.lines:
            if not runs or (current.block, current.paragraph) != (
                runs[-1][-1].block,
                runs[-1][-1].paragraph,
            ):
                runs.append([])
            runs[-1].append(current)
        # The page's last paragraph of text: a page number or a speck below it is none.
        last = max((n for n, run in enumerate(runs) if _has_text(run)), default=-1)
        for n, run in enumerate(runs):
            text = "\n".join(member.text for member in run)
            runs_on = n == last and not ends_sentence(text.rstrip())
            offset = 0
            for member in run:
                places[member.id] = (text, offset, runs_on)
                offset += len(member.text) + 1
        held = cache[key] = (page.lines, places)
    return held[1].get(line.id, (line.text, 0, False))


def _has_text(run: list[Line]) -> bool:
    return any(sum(ch.isalpha() for ch in word.text) >= 3 for ln in run for word in ln.words)


def _quotes(line: LineContext, context: CheckContext) -> list[tuple[int, str, str]]:
    """(offset in the line, suggestion, why) of the line's quotation marks out of balance."""
    text, offset, runs_on = _paragraph(line.page, line.line, context)
    memo = context.memo.setdefault("marks.quotes", {})
    found = memo.get(text)  # a str caches its hash: cheap for every line of a paragraph
    if found is None:
        quoted = any(q in text for q in (OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE))
        found = memo[text] = _unbalanced(text) if quoted else []
    end = offset + len(line.text)
    return [
        (at - offset, fix, why)
        for at, fix, why in found
        if offset <= at < end and not (runs_on and why == NEVER_CLOSED and _near_end(text, at))
    ]


def _near_end(text: str, at: int) -> bool:
    """A mark in the last two lines of a paragraph that runs on past the page: a quotation
    opened there closes overleaf. Opened further up it had lines to close in (on the
    development pages such marks were specks, as at a paragraph's middle)."""
    return text.count("\n", at) <= 1


def _unbalanced(text: str) -> list[tuple[int, str, str]]:
    """Quotation marks of a paragraph that nothing pairs: a speck, or the other kind misread.

    An opening mark at the paragraph's start may stay open (a quotation running on into the
    next paragraph); a closing single mark is an apostrophe more often than not ("nations’"),
    so only one after a letter other than s, with no opening single mark before it, counts.
    """
    out: list[tuple[int, str, str]] = []
    stack: list[tuple[int, str]] = []
    for at, ch in enumerate(text):
        if ch == '"':
            # A plain double quote: opening at a word's start, closing at its end.
            opening = text[at + 1 : at + 2].isalnum() and not text[at - 1 : at].isalnum()
            ch = OPEN_DOUBLE if opening else CLOSE_DOUBLE
            if not opening and not (stack and stack[-1][1] == OPEN_DOUBLE):
                continue  # unpaired plain quotes are too common in OCR to judge
        if ch in (OPEN_DOUBLE, OPEN_SINGLE):
            stack.append((at, ch))
        elif ch == CLOSE_DOUBLE:
            if stack and stack[-1][1] == OPEN_DOUBLE:
                stack.pop()
            elif stack and stack[-1][1] == OPEN_SINGLE and OPEN_DOUBLE not in text[: stack[-1][0]]:
                opened, _ = stack.pop()
                out.append((opened, OPEN_DOUBLE, "‘ closed by ”: a double quote misread"))
            elif at > 0 and text[at - 1].isalpha() and not text[at + 1 : at + 2].isalpha():
                # After a stop or a comma it closes a quotation that opened before the
                # paragraph (OCR splits them); after a letter it is a speck ("with”").
                out.append((at, "", "a closing quote nothing opened (a speck?)"))
        elif ch == CLOSE_SINGLE:
            if text[at + 1 : at + 2].isalpha() and text[at - 1 : at].isalpha():
                continue  # an apostrophe inside a word ("Russia’s", "don’t") closes nothing
            if stack and stack[-1][1] == OPEN_SINGLE:
                stack.pop()
            elif (
                at > 0
                and text[at - 1].isalpha()
                and text[at - 1] not in "sS"
                and not text[at + 1 : at + 2].isalpha()
                and all(mark != OPEN_SINGLE for _, mark in stack)
                and at + 1 < len(text)
                and text[at + 1] in " \n"
            ):
                out.append((at, "", "a closing quote nothing opened (a speck?)"))
    for at, _mark in stack:
        start = at == 0 or not text[:at].strip(" “‘\"'")
        if not start and (at + 1 < len(text) and not text[at + 1].isspace()):
            out.append((at, "", NEVER_CLOSED))
    return out
