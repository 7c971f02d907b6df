"""Tesseract's per-character alternatives, read from its hOCR (`lstm_choice_mode=2`).

For each character of a word the LSTM reports the characters it considered, each with a
confidence. They are kept per word, compactly: only for words where the engine hesitated
somewhere (a letter below SURE or a mark below SURE_MARK, or any alternative with a non-zero
score), and only the alternatives that scored. They become `Word.evidence.choices`, one entry
per character of the word's text, probabilities in [0, 1], best first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from corrigenda.model import BBox, Evidence, Line, Word

if TYPE_CHECKING:
    from lxml import etree

SURE = 0.75  # a letter the engine gives this or more, with no rival, needs no record
# A mark needs more: Tesseract rates real marks 0.92-0.97 and specks read as marks 0.81-0.89,
# and the checks tell them apart by it (corrigenda.checks.evidence.doubtful_marks).
SURE_MARK = 0.9


MAX_ALTERNATIVES = 4
MAX_HOCR_BYTES = 64 * 1024 * 1024

Choices = tuple[tuple[tuple[str, float], ...], ...]


def _title_field(title: str, key: str) -> list[str]:
    for part in title.split(";"):
        fields = part.split()
        if fields and fields[0] == key:
            return fields[1:]
    return []


def _title(element: etree._Element, key: str) -> list[str]:
    return _title_field(element.get("title") or "", key)


def _score(title: str) -> float:
    conf = _title_field(title, "x_confs")
    try:
        score = float(conf[0]) / 100.0 if conf else 0.0
    except ValueError:
        score = 0.0
    return max(0.0, min(1.0, score))


Found = dict[BBox, list[Choices]]


def word_choices(hocr: bytes) -> list[Found]:
    """Per page of the hOCR: each word's box -> the choices of the words with that box, in
    document order (two words rarely share a box, but nothing forbids it).

    Tesseract's own hOCR is read by a scanner made for its exact layout (`_scan`), several
    times faster than building the document's tree, which was most of the CPU Corrigenda
    spends on a page of its own; anything else, or anything the scanner is not sure of, is
    parsed as XML (`_parse`), which gives the same result."""
    if len(hocr) > MAX_HOCR_BYTES:
        return []
    scanned = _scan(hocr)
    return _parse(hocr) if scanned is None else scanned


def _parse(hocr: bytes) -> list[Found]:
    """word_choices by an XML parser: the reference, for any hOCR."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        root = etree.fromstring(hocr, parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    pages: list[Found] = []
    for page in root.iter("{*}div"):
        if page.get("class") != "ocr_page":
            continue
        found: dict[BBox, list[Choices]] = defaultdict(list)
        for word in page.iter("{*}span"):
            if word.get("class") != "ocrx_word":
                continue
            groups = [
                [(choice.text or "", _score(choice.get("title") or "")) for choice in group]
                for group in word
                if (group.get("id") or "").startswith("lstm_choices")
            ]
            _add(found, _title(word, "bbox"), word.text or "", groups)
        pages.append(dict(found))
    return pages


def _add(
    found: dict[BBox, list[Choices]],
    box: list[str],
    text: str,
    groups: list[list[tuple[str, float]]],
) -> None:
    """One word's choices into `found`: its box's fields, its text, its groups of options."""
    if len(box) != 4:
        return
    x0, y0, x1, y1 = map(int, box)
    if x1 < x0 or y1 < y0:
        return
    found[BBox(x0, y0, x1, y1)].append(_positions(groups, "".join(text.split())))


# Tesseract's hOCR, as its renderer writes it (src/api/hocrrenderer.cpp): a word is
#   <span class='ocrx_word' id='…' title='bbox …; x_wconf …'[ lang='…'][ dir='…']>TEXT
#   <span class='ocrx_cinfo' id='lstm_choices_…'><span class='ocrx_cinfo' id='choice_…'
#   title='x_confs …'>C</span>…</span>…</span>
# in UTF-8, with markup only in its own escapes. The scanner reads exactly that: each word's
# content must be its text, its groups of choices and its end, nothing else, and it must have
# seen every page and word the document names; otherwise it gives up and the XML parser reads
# the document.
_HEADER = b'<?xml version="1.0" encoding="UTF-8"?>'
_ATTR = r"'[^'<>]*'"
_CHOICE = rf"<span class='ocrx_cinfo' id={_ATTR} title='x_confs ([^'<>;&\s]*)'>([^<]*)</span>"
_GROUP_START = r"<span class='ocrx_cinfo' id='lstm_choices_[^'<>]*'>"
_PAGE = re.compile(r"<div class='ocr_page' ")
_WORD = re.compile(
    rf"<span class='ocrx_word' id={_ATTR} title='([^'<>]*)'(?: (?:lang|dir)={_ATTR})*>([^<]*)"
)
_WORD_REST = re.compile(rf"(?:{_GROUP_START}(?:\s*{_CHOICE})*</span>\s*)*</span>")
# Every choice, with its group's id when it is the group's first: (id or "", confs, text).
# It begins with a fixed string, which the regex engine finds fast (an optional group start
# in front of the choice made it try at every character, twice as slow).
_CHOICES = re.compile(
    r"<span class='ocrx_cinfo' id='"
    r"(?:(lstm_choices_[^'<>]*)'>\s*<span class='ocrx_cinfo' id=')?"
    r"[^'<>]*' title='x_confs ([^'<>;&\s]*)'>([^<]*)</span>"
)
_CAPABILITIES = re.compile(r"<meta name='ocr-capabilities' content='[^'<>]*'/>")
_NAMES = ("ocr_page", "ocrx_word", "lstm_choices")
# What an XML parser would not take as it stands, or would change (control characters,
# carriage returns, CDATA, an entity the scanner does not know): left to the parser.
_CONTROL = [bytes([c]) for c in (*range(0x00, 0x09), *range(0x0B, 0x20))]  # memchr each: fast
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_OTHER_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_SCAN_LIMIT = 8 * 1024 * 1024  # libxml2 refuses text nodes over 10 MB without huge_tree


def _unescape(text: str) -> str:
    """Text as the XML parser gives it (the document holds no other entities: _OTHER_ENTITY)."""
    if "&" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        named, decimal, hexadecimal = match.groups()
        if named:
            return _NAMED[named]
        code = int(decimal) if decimal else int(hexadecimal, 16)
        if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF):
            raise ValueError(f"character reference {code} is not XML")
        return chr(code)

    return _ENTITY.sub(one, text)


def _scan(hocr: bytes) -> list[Found] | None:
    """word_choices for hOCR exactly as Tesseract writes it; None for anything else."""
    if not hocr.startswith(_HEADER) or len(hocr) > _SCAN_LIMIT:
        return None
    try:
        data = hocr.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if (
        not data[-64:].rstrip().endswith("</html>")
        or "<![CDATA[" in data
        or any(c in hocr for c in _CONTROL)
        or ("&" in data and _OTHER_ENTITY.search(data))
    ):
        return None
    first = _PAGE.search(data)
    if first is None:
        return None
    head = _CAPABILITIES.sub("", data[: first.start()], count=1)  # it names the classes
    body = data[first.start() :]
    if any(name in head for name in _NAMES):
        return None
    texts = _PAGE.split(body)[1:]
    if len(texts) != body.count("ocr_page"):
        return None
    pages: list[Found] = []
    words = 0
    try:
        for text in texts:
            found: dict[BBox, list[Choices]] = defaultdict(list)
            parts = _WORD.split(text)
            for title, word_text, rest in zip(parts[1::3], parts[2::3], parts[3::3]):
                end = _WORD_REST.match(rest)
                if end is None:
                    return None  # something in the word the scanner does not read
                words += 1
                escaped = "&" in rest
                groups: list[list[tuple[str, float]]] = []
                options: list[tuple[str, float]] = []
                for start, confs, choice in _CHOICES.findall(rest, 0, end.end()):
                    if start:
                        options = []
                        groups.append(options)
                    try:
                        score = float(confs) / 100.0
                    except ValueError:
                        score = 0.0
                    if not 0.0 <= score <= 1.0:
                        score = max(0.0, min(1.0, score))
                    options.append((_unescape(choice) if escaped else choice, score))
                box = _title_field(_unescape(title), "bbox")
                _add(found, box, _unescape(word_text), groups)
            pages.append(dict(found))
    except ValueError:
        return None
    if words != body.count("ocrx_word"):
        return None  # a word written otherwise, which the scanner did not see
    return pages


def _positions(groups: list[list[tuple[str, float]]], text: str) -> Choices:
    """A word's choices from its groups of options (one group per step of the LSTM): () for
    a word the engine was sure of, or whose choices do not spell its text."""
    positions: list[tuple[tuple[str, float], ...]] = []
    hesitant = False  # a rival somewhere, or a character below its SURE: the word is kept
    for options in groups:
        if not options:
            continue
        top = options[0]
        ch = top[0]
        if not ch.strip():
            continue  # the LSTM's step between words, not a character
        if len(options) > 1:
            rivals = [o for o in options[1:] if o[1] > 0 and o[0].strip() and o[0] != ch]
            if rivals:
                hesitant = True
                if len(rivals) > 1:
                    rivals.sort(key=lambda o: -o[1])
                positions.append((top, *rivals[: MAX_ALTERNATIVES - 1]))
                continue
        if not hesitant and top[1] < (SURE if ch.isalnum() else SURE_MARK):
            hesitant = True
        positions.append((top,))
    if not hesitant:
        return ()
    # The record must describe the text as given, one position per character.
    if "".join([p[0][0] for p in positions]) != text:
        return ()
    return tuple(tuple((ch, round(p, 3)) for ch, p in position) for position in positions)


def attach_choices(lines: Sequence[Line], hocr: bytes, page: int = 1) -> list[Line]:
    """`lines` (from the TSV of the same run) with each hesitant word's choices attached."""
    pages = word_choices(hocr)
    if len(pages) < page:
        return list(lines)
    found = {box: list(items) for box, items in pages[page - 1].items()}
    result = []
    for line in lines:
        words = []
        for word in line.words:
            queue = found.get(word.bbox) if word.bbox else None
            choices = queue.pop(0) if queue else ()
            if choices and len(choices) == len(word.text):
                word = with_evidence(word, choices=choices)
            words.append(word)
        result.append(replace(line, words=tuple(words)))
    return result


MAX_READINGS = 8  # other readings kept per word: enough to count agreement, never a page's worth


def with_evidence(
    word: Word,
    *,
    choices: Choices | None = None,
    readings: Sequence[tuple[str, float]] | None = None,
) -> Word:
    """`word` with its evidence extended: choices replaced when given, readings added (one
    per reading that gave it, so how many readings agree on a text is kept; at most
    MAX_READINGS)."""
    old = word.evidence or Evidence()
    merged = list(old.readings)
    for text, conf in readings or ():
        if text != word.text and len(merged) < MAX_READINGS:
            merged.append((text, round(conf, 1)))
    merged.sort(key=lambda r: -r[1])
    evidence = Evidence(tuple(merged), old.choices if choices is None else choices)
    return replace(word, evidence=evidence if evidence else None)
