"""Name authority lists: parsing, and an index that finds names fast and OCR-aware.

A list is UTF-8 text, one entity a line, the preferred form first and variants after " | "
(`L.I. Brezhnev | Leonid Brezhnev | Brezhnev`), `#` starting a comment; or a CSV file with a
`name` (or `full_name`) column. Bad lines are reported and skipped; the valid ones load.

The index keys every variant by its OCR-folded form (`folding.name_key`), so a window of words
is looked up exactly in a dict; approximate matches are searched only among names of the same
folded first letter and word count, with rapidfuzz's score cutoff, never against every name.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from corrigenda.checks.folding import name_key

MAX_LINE = 1000  # characters: a longer "name" is a broken file, not a name
MAX_WORDS = 8  # words in a variant the index will match
MAX_ENTRY = 10 * MAX_LINE  # characters in one entity's line, all its variants together
# A name written with initials: "J. Brezhnev", "L.I. Brezhnev", "L. I. Brezhnev".
INITIALLED = re.compile(r"^((?:[A-Z]\.\s*)+)([A-Z][^\s.]*)$")
_INITIALS_WORD = re.compile(r"(?:[A-Z]\.)+")
_KEYED = re.compile(r"[^\W_]|[|!]")  # what survives in a name key (folding.name_key)


@dataclass(frozen=True)
class NameEntry:
    """One entity: its preferred form and its variants (the preferred form included)."""

    preferred: str
    variants: tuple[str, ...]


@dataclass
class NameList:
    """A parsed list: its entries and what was wrong with the lines that did not load."""

    source: str
    entries: list[NameEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def decode_name_list(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode a list's bytes as UTF-8; undecodable bytes are replaced and reported."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = sum(1 for line in text.splitlines() if "\ufffd" in line)
        return text, [
            f"{source} is not UTF-8 (byte {exc.start}): {bad} lines with undecodable bytes "
            "were skipped; save the list as UTF-8"
        ]


def parse_name_list(text: str, source: str = "names") -> NameList:
    """Parse a list; CSV when the first line is a header with a name column."""
    result = NameList(source)
    first = text.split("\n", 1)[0].lower()
    if "," in first and any(col in first.split(",") for col in ("name", "full_name")):
        rows = _csv_names(text, result)
    else:
        rows = _plain_names(text, result)
    seen: set[str] = set()
    duplicates = 0
    for number, variants in rows:
        variants = [v for v in variants if _usable(v, number, result)]
        if not variants:
            continue
        key = variants[0]
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        result.entries.append(NameEntry(variants[0], tuple(dict.fromkeys(variants))))
    if duplicates:
        result.problems.append(f"{source}: {duplicates} duplicate entries were merged")
    return result


def _plain_names(text: str, result: NameList) -> Iterable[tuple[int, list[str]]]:
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "\ufffd" in line:
            continue  # reported by decode_name_list
        if len(line) > MAX_ENTRY:  # checked before splitting: millions of "variants" is no entity
            result.problems.append(
                f"{result.source} line {number}: {len(line):,} characters is too long for one "
                "entity's names (a broken file?); the line was skipped"
            )
            continue
        yield number, [part.strip() for part in line.split(" | ") if part.strip()]


def _csv_names(text: str, result: NameList) -> Iterable[tuple[int, list[str]]]:
    # newline="" lets the csv module see a bare \r as the line end it is, not a broken field.
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = [c for c in ("name", "full_name") if c in (reader.fieldnames or [])]
        for row in reader:
            for column in columns:
                value = (row.get(column) or "").strip()
                if value and "\ufffd" not in value:
                    yield reader.line_num, [value]
                    break
    except csv.Error as exc:  # a field over the csv size limit...; line_num is the last good line
        result.problems.append(
            f"{result.source} line {reader.line_num + 1}: broken CSV ({exc}); this line and the "
            "rest of the list were skipped"
        )


def _usable(variant: str, number: int, result: NameList) -> bool:
    if len(variant) > MAX_LINE:
        result.problems.append(
            f"{result.source} line {number}: {len(variant):,} characters is too long for a "
            "name (a broken file?); the line was skipped"
        )
        return False
    # name_key(variant) is empty exactly when it holds no letter, digit, | or !: checked
    # without folding, which a million-name list would do once more per name.
    return _KEYED.search(variant) is not None


@dataclass(frozen=True)
class NameMatch:
    """A variant found for a window of words; `score` is rapidfuzz's ratio in [0, 100]."""

    variant: str
    preferred: str
    score: float  # 100 when the window folds exactly to the variant's key


class NameIndex:
    """All variants of all lists, keyed for fast exact and approximate lookup."""

    def __init__(self, lists: Sequence[NameList] = ()) -> None:
        self._exact: set[str] = set()  # the variants as written
        self._exact_lower: set[str] = set()
        self.tokens: set[str] = set()  # every word of every variant, casefolded
        self._buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._bucket_values: dict[str, tuple[str, str]] = {}
        self.max_words = 1
        self.first_words: dict[str, set[int]] = defaultdict(set)  # first key word -> lengths
        # The folded last word of each variant of two words or more -> the entities with it,
        # in the lists' order (a dict as an ordered set: a common surname in a list of a
        # million names has thousands of entities, and a list's scan made loading quadratic).
        self._surnames: dict[str, dict[NameEntry, None]] = defaultdict(dict)
        for name_list in lists:
            for entry in name_list.entries:
                self.add(entry)

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, entry: NameEntry) -> None:
        for variant in entry.variants:
            # The key token by token (punctuation never crosses a space, so this is
            # name_key(variant)), the last token's being the surname's key.
            split = variant.split()
            parts = list(map(name_key, split))
            key = " ".join(filter(None, parts))
            words = key.split()
            if not words or len(words) > MAX_WORDS:
                continue
            self._exact.add(variant)
            self._exact_lower.add(variant.casefold())
            self.tokens.update(map(_token_word, split))
            self.max_words = max(self.max_words, len(words))
            self.first_words[words[0]].add(len(words))
            if len(parts) > 1:
                self._surnames[parts[-1]][entry] = None
            if key not in self._bucket_values:
                self._buckets[(key[0], len(words))].append(key)
                self._bucket_values[key] = (variant, entry.preferred)

    def is_name(self, text: str) -> bool:
        return text in self._exact

    def exact(self, window: str, key: str | None = None) -> NameMatch | None:
        """The variant whose folded key equals the window's (or `key`), if any."""
        hit = self._bucket_values.get(key if key is not None else name_key(window))
        if hit is None:
            return None
        return NameMatch(hit[0], hit[1], 100.0)

    def other_initials(self, window: str) -> tuple[str, ...]:
        """For a surname after initials ("J. Brezhnev") whose initials no variant of a listed
        name with that surname has ("L.I. Brezhnev", "Leonid Ilyich Brezhnev"): the forms
        with initials the lists give, preferred first. Empty: not such a window, or the
        initials fit some variant ("L. Brezhnev", "W. Harriman" for "W. Averell Harriman")."""
        found = INITIALLED.match(window.strip())
        if found is None:
            return ()
        initials = re.findall(r"[A-Z]", found.group(1))
        surname = name_key(found.group(2))
        entries = self._surnames.get(surname, {})
        forms: list[str] = []
        for entry in entries:
            for variant in entry.variants:
                words = variant.split()
                fits = len(words) > 1 and name_key(words[-1]) == surname
                if fits and _in_order(initials, _given_initials(words[:-1])):
                    return ()  # a variant these initials fit
            initialled = [v for v in entry.variants if INITIALLED.match(v)]
            forms.extend(initialled or [entry.preferred])
        return tuple(dict.fromkeys(forms))

    def approximate(self, window: str, cutoff: float = 88.0) -> NameMatch | None:
        """The closest variant of the same folded first letter and word count."""
        key = name_key(window)
        if not key:
            return None
        bucket = self._buckets.get((key[0], len(key.split())))
        if not bucket:
            return None
        found = process.extractOne(key, bucket, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None:
            return None
        variant, preferred = self._bucket_values[found[0]]
        return NameMatch(variant, preferred, float(found[1]))


@lru_cache(maxsize=200_000)
def _token_word(token: str) -> str:
    """A variant's word as `NameIndex.tokens` holds it (lists repeat their given names and
    surnames: each is cut once)."""
    return token.casefold().strip(".,;:")


def _given_initials(words: Sequence[str]) -> list[str]:
    """The initials of the words before a surname: "L.I." gives L and I, "Leonid" gives L."""
    letters: list[str] = []
    for word in words:
        if _INITIALS_WORD.fullmatch(word):
            letters.extend(ch for ch in word if ch.isupper())
        elif word[:1].isupper():
            letters.append(word[0])
    return letters


def _in_order(wanted: Sequence[str], letters: Sequence[str]) -> bool:
    """Every one of `wanted`, in order, among `letters` ("W" in W, A; not "J" in L, I)."""
    rest = iter(letters)
    return all(letter in rest for letter in wanted)
