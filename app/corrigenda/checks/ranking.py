"""The last word on a merged flag's suggestions: the image's evidence, and names kept safe.

Run by the flagger after flags on one stretch are merged, so it holds for every check:

- Evidence: suggestions the image supports go first (checks/evidence.py); one it does not
  support is neither demoted nor scored lower: on the degraded development pages the engine's
  alternatives lacked the right letter for 12 of 13 right suggestions.
  Words without evidence keep their order and score.
- Names: a capitalised word the lexicon lacks and no name list knows may be a name nobody
  listed ("AVERELL", "Hobe"). A common word never replaces it first unless the image supports
  that reading, or the word is one typical OCR confusion away from it ("Tlie" for "The"):
  names first (the lists' and the document's own), otherwise no suggestion; and a flag whose
  first suggestion is not a name the image or the document backs is never auto-fixed. Only
  where a name is likely: mid-sentence, in capitals, or beside another capitalised word; a
  capital at a sentence's start is mostly an ordinary word's. A long word of a heading in
  capitals keeps a reading one letter off ("ENCIANTER" -> "ENCHANTER"), as a guess.
"""

from __future__ import annotations

from bisect import bisect_right

from corrigenda.checks.confusions import SPLIT_CAPITALS
from corrigenda.checks.context import (
    CheckContext,
    LineContext,
    core,
    ends_sentence,
    opens_sentence,
)
from corrigenda.checks.evidence import SUPPORTED, rerank, support
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.folding import confusion_cost
from corrigenda.checks.sentences import capitals_heading
from corrigenda.checks.word_lists import FUNCTION_WORDS
from corrigenda.model import Evidence

GUESS_SCORE = 0.75  # below any sensible auto-fix threshold
# Below this share of unknown ordinary words a document's OCR is clean (measured on the
# development books: clean ones 0.2-1.9 %, OCRopus's noisy one 17 %).
CLEAN_TEXT = 0.02
CONFUSION = 0.5  # a common word this near (one typical OCR confusion) may stand first
NAME_REPEATS = 2  # a capitalised form the document holds this often is a name's
CAPITAL_MISREAD_LENGTH = 6  # a word this long keeps its reading when only its capital changes
CAPITAL_MISREAD_COMMON = 1e-7  # "terces" (1e-8) is too rare a reading, "massacres" (8e-7) not
HEADING_WORD_LENGTH = 6  # a heading's word this long keeps a reading one letter off
COMMON_PART = 2e-5  # words run together part into words this common ("WE BRING", not "Ho be")
_GUARDED = ("spelling", "real-word", "vocabulary")


def unexplained_capital(flag: Flag, context: CheckContext) -> bool:
    """A capitalised word the lexicon lacks, with no reading to offer, in a document whose
    OCR is clean, or one the document repeats: a name or a foreign word far more often than
    an error, so not flagged ("Hamid", "Crise" where OCR is noisy: on the development book
    pages the repeats took away 8 flags, at most 2 of them on a wrong word; an unrepeated one
    in noisy OCR is as often a garbled word, "Clmreh", and stays)."""
    if flag.kind != "spelling" or flag.suggestions or not flag.text[:1].isupper():
        return False
    if context.noise < CLEAN_TEXT:
        return True
    word = core(flag.text)
    return context.form_counts.get(word, 0) >= NAME_REPEATS and word not in context.unlearned


def weigh(flag: Flag, line: LineContext, context: CheckContext) -> Flag:
    """The flag with its suggestions ranked by the image and names protected."""
    token = _token(flag, line)
    if token is None or not flag.suggestions:
        return flag
    word = line.line.words[token.index] if token.index < len(line.line.words) else None
    evidence = word.evidence if word is not None and word.text == token.text else None
    head, tail = token.text[: flag.start - token.start], token.text[flag.end - token.start :]
    whole = {s: head + s + tail for s in flag.suggestions}  # each suggestion as a whole token
    suggestions = flag.suggestions
    if evidence and flag.kind != "reading":  # a reading flag's order is the readings' own
        order = rerank(evidence, token.text, [whole[s] for s in suggestions])
        back = {v: k for k, v in whole.items()}
        suggestions = tuple(back[s] for s in order)
    if flag.kind != "case" and not any(ch.isalnum() for ch in head):
        suggestions = _capital_restored(suggestions, token, line, context)
        whole = {s: head + s + tail for s in suggestions}
    cap = 1.0
    if (
        flag.kind in _GUARDED
        and _unlisted_capital(core(token.text), context)
        and _name_position(line, token, context)
    ):
        heading = capitals_heading(line)
        suggestions = _names_first(token.text, suggestions, whole, evidence, context, heading)
        if not suggestions or not (
            _backed(evidence, token.text, whole[suggestions[0]])
            or _is_name(suggestions[0], context)
        ):
            cap = GUESS_SCORE  # a common word for a possible name: never auto-fixed
    if suggestions == flag.suggestions and cap >= 1.0:
        return flag
    extra = dict(flag.extra)
    if cap < 1.0:
        extra["max_score"] = min(cap, extra.get("max_score", 1.0))
    return Flag(
        flag.page,
        flag.line,
        flag.start,
        flag.end,
        flag.text,
        flag.kind,
        min(flag.score, cap),
        flag.explanation if suggestions else f"{flag.explanation} (a name? no suggestion)",
        suggestions,
        flag.page_id,
        flag.line_id,
        flag.check,
        extra,
    )


def _token(flag: Flag, line: LineContext) -> Token | None:
    """The one token the flag lies in (None for a flag over several)."""
    at = bisect_right(line.starts, flag.start) - 1
    if at >= 0 and flag.end <= line.tokens[at].end:
        return line.tokens[at]
    return None


def _capital_restored(
    suggestions: tuple[str, ...], token: Token, line: LineContext, context: CheckContext
) -> tuple[str, ...]:
    """Readings that replace a misread first letter with a capital where the text wants one.

    OCR that misreads a word's first letter ("1he", "ihese", "lurkey") has lost whether it
    was a capital; the lexicon's readings are lowercase. At a sentence's start, or where the
    document itself writes the word capitalised ("Turkey", "Berlin"), the reading takes one.
    A first letter read right ("lnd" for "land") keeps its case.
    """
    first = core(token.text)[:1]
    if not first or first.isupper():
        return suggestions
    opening = opens_sentence(line.previous_token(token.index))
    out = []
    for suggestion in suggestions:
        at = next((i for i, ch in enumerate(suggestion) if ch.isalnum()), None)
        reading = core(suggestion)
        if (
            at is not None
            and suggestion[at].islower()
            and suggestion[at] != first
            and (opening or _written_capitalised(reading, context))
        ):
            suggestion = suggestion[:at] + suggestion[at].upper() + suggestion[at + 1 :]
        out.append(suggestion)
    return tuple(dict.fromkeys(out))


def _written_capitalised(word: str, context: CheckContext) -> bool:
    """The document writes the word capitalised mid-sentence more often than not, twice or
    more ("Turkey", "Armenians")."""
    forms = context.forms.get(word.casefold())
    if not forms:
        return False
    capitalised = word[:1].upper() + word[1:]
    return forms[capitalised] >= 2 and forms[capitalised] > forms[word]


def _unlisted_capital(word: str, context: CheckContext) -> bool:
    """Capitalised, unknown to the lexicon in any case, and on no name list."""
    if len(word) < 2 or not word[:1].isupper() or not word.isalpha():
        return False
    lexicon = context.lexicon
    if word in lexicon or word.lower() in lexicon or word.capitalize() in lexicon:
        return False
    return word.casefold() not in context.names.tokens


def _name_position(line: LineContext, token: Token, context: CheckContext) -> bool:
    """Where a name is likelier than a misread common word: mid-sentence, in capitals, or
    beside another capitalised word ("Hobe Sound"). A capital at a sentence's start is mostly
    an ordinary word's ("Ihe" for "The")."""
    word = core(token.text)
    if word.isupper() and len(word) > 1:
        return True
    if not ends_sentence(line.previous_token(token.index)) and token.index > 0:
        return True
    following = core(line.next_token(token.index) or "")
    return following[:1].isupper() and not following.isupper()


def _is_name(candidate: str, context: CheckContext) -> bool:
    """A name on a list, or a capitalised form the document itself uses mid-sentence more
    than any other form of the word ("Armenia", "Dobrynin")."""
    word = core(candidate)
    if not word[:1].isupper():
        return False
    if word.casefold() in context.names.tokens or context.names.is_name(word):
        return True
    forms = context.forms.get(word.casefold())
    if forms and forms[word] >= 2 and forms.most_common(1)[0][0] == word:
        return True
    if context.vocabulary is not None and word in context.vocabulary.learned:
        return True
    return context.form_counts.get(word, 0) >= 2 and word not in context.lexicon


def _common(word: str, context: CheckContext) -> bool:
    lexicon = context.lexicon
    return lexicon.frequency(word) > lexicon.total * COMMON_PART


def _backed(evidence: Evidence | None, text: str, candidate: str) -> bool:
    backed = support(evidence, text, candidate)
    return backed is not None and backed >= SUPPORTED


def _names_first(
    text: str,
    suggestions: tuple[str, ...],
    whole: dict[str, str],
    evidence: Evidence | None,
    context: CheckContext,
    heading: bool = False,
) -> tuple[str, ...]:
    """Names and image-backed readings first; a common word only if one confusion away."""
    word = core(text)
    names = [s for s in suggestions if _is_name(s, context)]
    backed = [s for s in suggestions if s not in names and _backed(evidence, text, whole[s])]
    near = [
        s
        for s in suggestions
        if s not in names
        and s not in backed
        # A reading without the capital says the capital was a misread letter ("In" for
        # "m" in "Inceting"): no name looks like that.
        and (
            confusion_cost(word, core(s)) <= CONFUSION
            or core(s)[:1].islower()
            # Only the capital misread ("Nassacres" for "Massacres", "Iussia" for
            # "Russia"): a long word's other letters all stand, as a name's would not.
            or _capital_misread(word, core(s), context)
            # One letter off a function word of four letters or more ("SETWEEN"): the
            # closed classes are no one's name, and such words are too common to be a
            # listed name's misreading.
            or (
                len(word) >= 4
                and core(s).casefold() in FUNCTION_WORDS
                and confusion_cost(word, core(s)) <= 1.0
            )
            # Words run together ("WEBRING"): known words parted, no name replaced.
            or (" " in s and all(_common(part, context) for part in core(s).split()))
            # A long word of a heading in capitals one letter off a known word
            # ("ENCIANTER", "WOBKING"): the heading's other words say it is text.
            or (heading and _one_letter_off(word, core(s)))
        )
    ]
    if backed:
        return tuple(dict.fromkeys([*backed, *names, *near]))
    return tuple(dict.fromkeys([*names, *near]))


def _one_letter_off(word: str, candidate: str) -> bool:
    """As long as the candidate, with one letter of it different, and long enough that its
    other letters say which word it is."""
    return (
        len(word) >= HEADING_WORD_LENGTH
        and len(candidate) == len(word)
        and sum(a != b for a, b in zip(word.casefold(), candidate.casefold())) == 1
    )


def _capital_misread(word: str, candidate: str, context: CheckContext) -> bool:
    """In OCR that is not clean, the candidate differs from the word only in its first
    letter, a capital, the word is long enough that its other letters say which word it is,
    and the candidate is no rarity ("Nerces" is no "Terces"); or the word's first two or three
    letters are the strokes of the candidate's capital, read apart."""
    lexicon = context.lexicon
    if context.noise < CLEAN_TEXT or len(word) < CAPITAL_MISREAD_LENGTH:
        return False  # in clean OCR such a word is a name far more often
    # A wide capital read as two letters ("MIonseigneur", "IIardly"): its strokes apart, a
    # shape no name has, so any known word reads.
    if any(
        word.startswith(split) and candidate[:1] == capital and word[len(split) :] == candidate[1:]
        for split, capital in SPLIT_CAPITALS
    ):
        return True
    return (
        lexicon.frequency(candidate) > lexicon.total * CAPITAL_MISREAD_COMMON
        and len(candidate) == len(word)
        and word[:1] != candidate[:1]
        and word[1:].casefold() == candidate[1:].casefold()
    )
