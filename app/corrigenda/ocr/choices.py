"""Tesseract's per-character alternatives, read from its hOCR (`lstm_choice_mode=2`).

For each character of a word the LSTM reports the characters it considered, each with a
confidence. They are kept per word, compactly: only for words where the engine hesitated
somewhere (a letter below SURE or a mark below SURE_MARK, or any alternative with a non-zero
score), and only the alternatives that scored. They become `Word.evidence.choices`, one entry
per character of the word's text, probabilities in [0, 1], best first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from lxml import etree

from corrigenda.model import BBox, Evidence, Line, Word

SURE = 0.75  # a letter the engine gives this or more, with no rival, needs no record
# A mark needs more: Tesseract rates real marks 0.92-0.97 and specks read as marks 0.81-0.89,
# and the checks tell them apart by it (corrigenda.checks.evidence.doubtful_marks).
SURE_MARK = 0.9


MAX_ALTERNATIVES = 4
MAX_HOCR_BYTES = 64 * 1024 * 1024

Choices = tuple[tuple[tuple[str, float], ...], ...]


def _sure(ch: str) -> float:
    return SURE if ch.isalnum() else SURE_MARK


def _title(element: etree._Element, key: str) -> list[str]:
    for part in (element.get("title") or "").split(";"):
        fields = part.split()
        if fields and fields[0] == key:
            return fields[1:]
    return []


def word_choices(hocr: bytes) -> list[dict[BBox, list[Choices]]]:
    """Per page of the hOCR: each word's box -> the choices of the words with that box, in
    document order (two words rarely share a box, but nothing forbids it)."""
    if len(hocr) > MAX_HOCR_BYTES:
        return []
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        root = etree.fromstring(hocr, parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    pages: list[dict[BBox, list[Choices]]] = []
    for page in root.iter("{*}div"):
        if page.get("class") != "ocr_page":
            continue
        found: dict[BBox, list[Choices]] = defaultdict(list)
        for word in page.iter("{*}span"):
            if word.get("class") != "ocrx_word":
                continue
            box = _title(word, "bbox")
            if len(box) != 4:
                continue
            x0, y0, x1, y1 = (int(v) for v in box)
            if x1 < x0 or y1 < y0:
                continue
            text = "".join((word.text or "").split())
            found[BBox(x0, y0, x1, y1)].append(_positions(word, text))
        pages.append(dict(found))
    return pages


def _positions(word: etree._Element, text: str) -> Choices:
    positions: list[tuple[tuple[str, float], ...]] = []
    for group in word:
        if not (group.get("id") or "").startswith("lstm_choices"):
            continue
        options: list[tuple[str, float]] = []
        for choice in group:
            conf = _title(choice, "x_confs")
            try:
                score = float(conf[0]) / 100.0 if conf else 0.0
            except ValueError:
                score = 0.0
            options.append((choice.text or "", max(0.0, min(1.0, score))))
        if not options or not options[0][0].strip():
            continue  # the LSTM's step between words, not a character
        top = options[0]
        rivals = [o for o in options[1:] if o[1] > 0 and o[0].strip() and o[0] != top[0]]
        rivals.sort(key=lambda o: -o[1])
        positions.append((top, *rivals[: MAX_ALTERNATIVES - 1]))
    # The record must describe the text as given, one position per character.
    if "".join(p[0][0] for p in positions) != text:
        return ()
    if all(len(p) == 1 and p[0][1] >= _sure(p[0][0]) for p in positions):
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
