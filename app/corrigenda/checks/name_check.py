"""Names: windows of 1..N words of a line matched against the name lists, OCR-aware.

A window that folds exactly to a variant's key but reads differently is a strong sign of an
OCR error ("I.I. Brezhnev" for "L.I. Brezhnev"); a capitalised window close to a variant is a
weaker one. Exact names pass. Windows stay inside one line, so each flag is one line's edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corrigenda.checks.casing import copy_case
from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag, Token
from corrigenda.checks.folding import name_key
from corrigenda.checks.registry import make_flag, register

_TRAIL = ",;:!?\"'”’)]"
COMMON_WORD = 1e-6  # a word this frequent (of all words) is no name's misreading
WORD_LIKE_NAME_SCORE = 0.5  # a rarer printed word that folds like a name: below auto-fix
_LEAD = "\"'“‘(["
_INITIALS = re.compile(r"(?:[A-Z]\.)+")  # a word of initials: "J.", "L.I."
# Initials that fit no listed form of the name: a misreading or a person's slip; not an
# OCR confusion, so below the automatic fixes.
INITIALS_SCORE = 0.7


_NO_LENGTHS: frozenset[int] = frozenset()


@register
class NameCheck:
    name = "names"
    kinds = ("name",)
    description = "names from the project's name lists, compared after OCR folding"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        names = context.names
        if not len(names):
            return
        tokens = line.tokens
        split: dict[str, list[str]] = context.memo.setdefault("names.keys", {})
        keys = []
        for t in tokens:  # each distinct token's key words made once (read, never changed)
            if t.text not in split:
                split[t.text] = name_key(t.text).split()
            keys.append(split[t.text])
        # Candidate windows: those whose first folded word starts some variant, with a
        # length some variant has, plus capitalised unknown words for approximate matching.
        # Longest first, so "I.I. Brezhnev" wins over "Brezhnev".
        windows: list[tuple[int, int, int, str | None]] = []
        for i in range(len(tokens)):
            if not keys[i]:
                continue
            lengths = names.first_words.get(keys[i][0], _NO_LENGTHS)
            words: list[str] = []
            for j in range(i, min(len(tokens), i + names.max_words)):
                words.extend(keys[j])
                if len(words) > names.max_words:
                    break
                if len(words) in lengths:
                    windows.append((len(words), i, j + 1, " ".join(words)))
                elif j - i < 3 and self._maybe_name(tokens[i : j + 1], context):
                    windows.append((len(words), i, j + 1, None))
        # A surname after initials ("J. Brezhnev"): a window of its own, whatever the words.
        for i in range(len(tokens) - 1):
            end = i
            while end < len(tokens) and _INITIALS.fullmatch(tokens[end].text):
                end += 1
            if i < end < len(tokens) and all(w[1:3] != (i, end + 1) for w in windows):
                size = sum(len(keys[k]) for k in range(i, end + 1))
                windows.append((size, i, end + 1, None))
        taken: set[int] = set()
        for _size, i, j, key in sorted(windows, key=lambda w: (-w[0], w[1])):
            if any(k in taken for k in range(i, j)):
                continue
            flag = self._window(line, context, tokens[i:j], key)
            if flag is not None:
                taken.update(range(i, j))
                if isinstance(flag, Flag):
                    yield flag

    @staticmethod
    def _maybe_name(window: list[Token], context: CheckContext) -> bool:
        """Worth an approximate search: capitalised, not all ordinary words, long enough."""
        text = core(window[0].text)
        if not text[:1].isupper() or (len(window) == 1 and len(text) < 5):
            return False
        return not all(core(t.text).casefold() in context.lexicon for t in window)

    def _window(
        self, line: LineContext, context: CheckContext, window: list[Token], key: str | None
    ) -> Flag | bool | None:
        raw = " ".join(t.text for t in window).strip(_LEAD).rstrip(_TRAIL)
        if not raw or context.is_accepted(raw):
            return None
        if window[-1] is line.tokens[-1] and raw.endswith("-") and not line.paragraph_end:
            return None  # "kind-" at the line's end: a word that goes on below, not a name
        names = context.names
        if names.is_name(raw) or names.is_name(raw.rstrip(".")):
            return True  # a correct name: its words are spoken for
        match = names.exact(raw, key) if key is not None else None
        if match is not None:
            suggestion = copy_case(raw, match.variant)
            if suggestion.casefold() == raw.casefold():
                return True  # differs only in case (all caps headings): fine
            # The window's words, without marks standing alone ("day :—" is one word).
            words = [core(t.text) for t in window if any(ch.isalpha() for ch in t.text)]
            if all(w.casefold() in context.lexicon for w in words):
                # Printed words that fold like a name ("have" like the town "Ilave", "came"
                # like "Calne"): a big gazetteer holds thousands. Lowercase or common, they
                # are the words they look like; a rarer capitalised one is only a doubt.
                if not any(w[:1].isupper() for w in words) or all(
                    context.lexicon.frequency(w) > context.lexicon.total * COMMON_WORD
                    for w in words
                ):
                    return None
                score = WORD_LIKE_NAME_SCORE
            elif len(words) == 1 and not raw[:1].isupper():
                score = WORD_LIKE_NAME_SCORE  # OCR keeps capitals: "eall" is "call", not "Cali"
            else:
                score = 0.92 if len(words) > 1 or len(core(raw)) > 3 else 0.6
            return make_flag(
                line,
                window[0],
                window[-1],
                "name",
                score,
                f"reads like the name {match.variant!r} with OCR confusions",
                [_keep_edges(window, suggestion)],
                self.name,
            )
        forms = names.other_initials(raw)
        if forms:
            return make_flag(
                line,
                window[0],
                window[-1],
                "name",
                INITIALS_SCORE,
                f"the name list writes this name {forms[0]!r}: the initials differ",
                [_keep_edges(window, form) for form in forms],
                self.name,
            )
        if key is not None and not self._maybe_name(window, context):
            return None  # ordinary words, or a short word: not worth a fuzzy search
        found = names.approximate(raw)
        if found is None:
            return None
        suggestion = copy_case(raw, found.variant)
        return make_flag(
            line,
            window[0],
            window[-1],
            "name",
            0.4 + (found.score - 88) / 40,
            f"close to the name {found.variant!r} ({found.score:.0f}% alike)",
            [_keep_edges(window, suggestion)],
            self.name,
        )


def _keep_edges(window: list[Token], suggestion: str) -> str:
    """Put back the punctuation around the window that the name itself does not carry.

    A full stop counts too: "Isracl." ends a sentence, and "Israel" must not swallow it; but
    a name that ends in its own stop ("L.I.") does not get a second one.
    """
    first, last = window[0].text, window[-1].text
    lead = first[: len(first) - len(first.lstrip(_LEAD))]
    trail = last[len(last.rstrip(_TRAIL + ".")) :]
    # The longest start of the trailing marks the suggestion already ends with is its own.
    own = next(k for k in range(len(trail), -1, -1) if suggestion.endswith(trail[:k]))
    return f"{lead}{suggestion}{trail[own:]}"
