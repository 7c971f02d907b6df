"""The letters OCR confuses, in the tables the checks use, side by side.

Each says "OCR reads this as that", but for different work, and so they hold different pairs:

- `FOLD_CLASSES` and `FOLD_MULTI` make a word's OCR key (`folding.fold`): every character of a
  class maps onto its first member, then the multi-character confusions apply. Words with one
  key are each other's candidates wholesale (the name check, the folding index of the
  lexicon's suggestions), so only confusions that seldom separate two real words belong here,
  and digits and marks do ("I.I. Brezhnev" meets "L.I. Brezhnev"). Folding "a" with "e" would
  make "bat" and "bet" one word.
- `MEASURED` (one way, OCR's letters to the truth's, measured on the development pages) give
  an unknown word's readings up to two confusions away, where the lexicon has none near.
- `CONFUSION_PAIRS` (as `SWAPS`, both ways) give a known word's neighbours one substitution
  away (`Lexicon.confusion_neighbours`: the real-word checks' "arc" for "are", "he" for
  "be"). Each substitution yields one candidate that must itself be a word, so the common
  letter-for-letter confusions that folding must not merge belong here (`SUGGESTION_ONLY`);
  digits and marks do not (the lexicon holds words).

Where the tables overlap they must agree: a pair in both folds to one key, and a folding
confusion between letters that is no substitution is listed in `FOLD_ONLY`, with its reason
(tests/checks/test_confusions.py). They are kept apart because merging them changes the
flags' calibration (checks/calibration.py), measured on bench/flag_quality.py.
"""

from __future__ import annotations

# Folding: single characters first (after casefolding); each class maps to its first member.
FOLD_CLASSES = ("l1i|!", "o0", "s5", "b8", "ce", "g9", "z2")
# Then multi-character confusions, written in the folded alphabet: rn -> m, in/ni -> m,
# cl/el -> d, vv -> w, li/ll -> h. Folding singles first keeps both sides consistent.
# Applied one after the other (not as one alternation, whose leftmost match would let "cl"
# win over "ln" in "thcln" = "thein", hiding "them").
FOLD_MULTI = (("rn", "m"), ("ln", "m"), ("nl", "m"), ("ll", "h"), ("cl", "d"), ("vv", "w"))

# Suggestions: letter confusions tried one substitution at a time, each pair both ways.
CONFUSION_PAIRS = (
    ("c", "o"),
    ("c", "e"),
    ("a", "e"),
    ("h", "b"),
    ("n", "u"),
    ("i", "l"),
    ("rn", "m"),
    ("in", "m"),
    ("t", "f"),
    ("cl", "d"),
)
SWAPS = tuple(swap for a, b in CONFUSION_PAIRS for swap in ((a, b), (b, a)))

# Pairs only the suggestions use: folding them would merge too many real words.
SUGGESTION_ONLY = frozenset({("c", "o"), ("a", "e"), ("h", "b"), ("n", "u"), ("t", "f")})
# Letter confusions only folding uses (in its folded alphabet): as substitutions on known
# words they make more wrong neighbours than right ones ("all" -> "ah", "will" -> "wih"), or
# they are rare in words ("vv", "nl").
FOLD_ONLY = frozenset({("ll", "h"), ("vv", "w"), ("nl", "m")})

# Measured: the letter confusions OCR made most on the development pages of
# bench/flag_quality.py, as OCR's letters -> the truth's (one way: "n" read for "a" is common,
# "a" for "n" not), beyond those folding makes cheap. The lexicon check tries up to two at a
# time on an unknown word with no reading one folded confusion away ("chareh" -> "church":
# checks/lexicon_check.ocr_readings); each candidate must be a known word.
MEASURED = (
    ("n", "a"),
    ("h", "b"),
    ("l", "k"),
    ("l", "h"),
    ("n", "u"),
    ("l", "d"),
    ("c", "o"),
    ("l", "f"),
    ("u", "a"),
    ("u", "n"),
    ("l", "b"),
    ("a", "u"),
    ("n", "m"),
    ("v", "y"),
    ("a", "o"),
    ("t", "f"),
    ("y", "v"),
    ("u", "o"),
    ("i", "f"),
    ("b", "h"),
    ("e", "c"),
    ("c", "e"),
    ("o", "c"),
    ("li", "h"),
    ("ii", "u"),
    ("rn", "m"),
    ("in", "m"),
    ("m", "in"),
    ("cl", "d"),
)

# Capitals OCR reads as their strokes' letters at a word's start ("MIonseigneur", "IIardly"):
# the ranking lets such a word's known reading past the names' guard (checks/ranking.py).
SPLIT_CAPITALS = (("MI", "M"), ("IVI", "M"), ("II", "H"), ("lI", "H"), ("Il", "H"))
