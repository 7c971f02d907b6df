"""Where regions may be, which lines they hold, and how OCR and region lines are merged.

These functions decide every change a region event makes to a page's lines, for the write
path and for verify's replay alike: they must stay deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace

from corrigenda.errors import UsageError
from corrigenda.model import BBox, Line, Region, Word

HANDWRITING_BLOCK = 1000  # a region's lines form block 1000 + region id: their own paragraph


def check_box(
    box: BBox, width: int, height: int, regions: Iterable[Region], ignore: int | None = None
) -> None:
    """Refuse a region box outside the page, of zero size, or overlapping another region."""
    if box.width <= 0 or box.height <= 0:
        raise UsageError(f"a region needs a size: {box.as_list()} has zero width or height")
    if box.x0 < 0 or box.y0 < 0 or box.x1 > width or box.y1 > height:
        raise UsageError(
            f"region {box.as_list()} reaches outside the page (0, 0, {width}, {height}): "
            "draw it on the page"
        )
    for other in regions:
        if other.id != ignore and other.bbox and other.bbox.intersection_area(box):
            raise UsageError(
                f"region {box.as_list()} overlaps region {other.id} ({other.type.value}, "
                f"{other.bbox.as_list()}): move or delete that one first"
            )


def centre_in(box: BBox | None, area: BBox | None) -> bool:
    if box is None or area is None:
        return False
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return area.x0 <= cx < area.x1 and area.y0 <= cy < area.y1


def lines_inside(lines: Iterable[Line], area: BBox | None) -> list[int]:
    """Body lines (no region yet) whose box has its centre in `area`, by id."""
    return [line.id for line in lines if line.region is None and centre_in(line.bbox, area)]


def strip_words(line: Line, word_ids: set[int]) -> Line | None:
    """The line without the given words, its box shrunk to the words left (None if empty)."""
    kept = tuple(w for w in line.words if w.id not in word_ids)
    if not kept:
        return None
    if len(kept) == len(line.words):
        return line
    boxes = [w.bbox for w in kept]
    box = BBox.enclosing(boxes) if all(boxes) else line.bbox
    return replace(line, words=kept, bbox=box)


def insertion_point(lines: Sequence[Line], box: BBox | None) -> int | None:
    """The id of the line a new region line follows (None: it comes first).

    A note beside a paragraph comes after that paragraph, so it never splits it: after the
    paragraph of the last line that starts above the note's foot.
    """
    if box is None or not lines:
        return lines[-1].id if lines else None
    above = [i for i, line in enumerate(lines) if line.bbox and line.bbox.y0 < box.y1]
    if not above:
        return None
    at = above[-1]
    key = (lines[at].block, lines[at].paragraph)
    while at + 1 < len(lines) and (lines[at + 1].block, lines[at + 1].paragraph) == key:
        at += 1
    return lines[at].id


def insert_after(lines: list[Line], line: Line, after: int | None) -> list[Line]:
    if after is None:
        return [line, *lines]
    at = next(i for i, old in enumerate(lines) if old.id == after)
    return [*lines[: at + 1], line, *lines[at + 1 :]]


def merge_ocr(
    ocr_lines: Sequence[Line], regions: Sequence[Region], current: Sequence[Line]
) -> tuple[list[Line], int]:
    """A page's lines after OCR, given its regions and its lines before the OCR.

    OCR's words never land in handwritten regions or marks; the lines of those regions are
    kept as they were (renumbered past OCR's ids where they would clash); OCR lines in
    printed or furniture regions belong to them. Returns the lines and the next word id.
    """
    kept_out = [r for r in regions if r.type.ocr_keeps_out]
    by_id = {r.id: r for r in regions}
    lines: list[Line] = []
    for line in ocr_lines:
        inside = {w.id for w in line.words if any(centre_in(w.bbox, r.bbox) for r in kept_out)}
        stripped = strip_words(line, inside) if inside else line
        if stripped is None:
            continue
        home = next(
            (
                r.id
                for r in regions
                if not r.type.ocr_keeps_out and centre_in(stripped.bbox, r.bbox)
            ),
            None,
        )
        lines.append(replace(stripped, region=home))
    kept = [
        line for line in current if line.region in by_id and by_id[line.region].type.ocr_keeps_out
    ]
    line_ids = {line.id for line in lines}
    next_line = 1 + max(line_ids | {line.id for line in kept}, default=0)
    next_word = 1 + max((w.id for line in lines for w in line.words), default=0)
    groups: dict[int, list[Line]] = {}
    for line in kept:  # a region's lines go back together, in their order
        words = []
        for word in line.words:
            words.append(Word(next_word, word.text, word.bbox, word.conf, word.evidence))
            next_word += 1
        line_id = line.id
        if line_id in line_ids:
            line_id, next_line = next_line, next_line + 1
        line_ids.add(line_id)
        groups.setdefault(int(line.region or 0), []).append(
            replace(line, id=line_id, words=tuple(words))
        )
    for region_id, group in groups.items():
        after = insertion_point(lines, by_id[region_id].bbox)
        for line in group:
            lines = insert_after(lines, line, after)
            after = line.id
    return lines, next_word


def next_word_after(lines: Iterable[Line], next_word: int) -> int:
    return max([next_word, *(w.id + 1 for line in lines for w in line.words)])


def take_region(
    lines: Sequence[Line], region: Region
) -> tuple[list[Line], list[int], list[int], list[int]]:
    """A page's lines once `region` is added.

    Printed and furniture regions take the body lines whose centre they hold. Handwritten
    regions and marks take the body words whose centre they hold out of their lines (a line
    left empty goes); for handwriting those words become the region's lines, one for each
    line they came from, placed after the paragraph beside them. Returns the lines, the ids
    of the lines assigned to the region, of the words taken, and of the lines made.
    """
    if not region.type.ocr_keeps_out:
        assigned = lines_inside(lines, region.bbox)
        chosen = set(assigned)
        result = [replace(line, region=region.id) if line.id in chosen else line for line in lines]
        return result, assigned, [], []
    taken: list[int] = []
    body: list[Line] = []
    pieces: list[tuple[Word, ...]] = []
    for line in lines:
        if line.region is not None:
            body.append(line)
            continue
        inside = tuple(w for w in line.words if centre_in(w.bbox, region.bbox))
        if inside:
            taken.extend(w.id for w in inside)
            pieces.append(inside)
        stripped = strip_words(line, {w.id for w in inside})
        if stripped is not None:
            body.append(stripped)
    made: list[int] = []
    if region.type.value == "handwritten":
        next_line = 1 + max((line.id for line in lines), default=0)
        after = insertion_point(body, region.bbox)
        for words in pieces:
            line = Line(
                next_line,
                words,
                BBox.enclosing([w.bbox for w in words]),
                HANDWRITING_BLOCK + region.id,
                0,
                region.id,
            )
            body = insert_after(body, line, after)
            made.append(next_line)
            after, next_line = next_line, next_line + 1
    return body, [], taken, made


AFTER_OWN = -1  # typed_line's default place: after the region's lines, or beside it


def typed_line(
    lines: Sequence[Line], region: Region, text: str, next_word: int, after: int | None = AFTER_OWN
) -> tuple[list[Line], Line, int]:
    """A line a person types into a region: new word ids, no boxes until drawn or re-read;
    it follows the line `after` (None: first), by default the region's other lines (or the
    paragraph beside the region)."""
    tokens = text.split()
    if not tokens:
        raise UsageError("a line needs text: nothing was added")
    words = tuple(Word(next_word + i, token) for i, token in enumerate(tokens))
    line_id = 1 + max((line.id for line in lines), default=0)
    line = Line(line_id, words, None, HANDWRITING_BLOCK + region.id, 0, region.id)
    if after == AFTER_OWN:
        own = [old.id for old in lines if old.region == region.id]
        after = own[-1] if own else insertion_point(lines, region.bbox)
    if after is not None and all(old.id != after for old in lines):
        raise UsageError(f"there is no line {after} to put the typed line after")
    return insert_after(list(lines), line, after), line, next_word + len(words)


def release_region(lines: Sequence[Line], region: Region) -> tuple[list[Line], list[Line]]:
    """A page's lines once `region` is deleted, and the lines that went with it: a
    handwritten region's or a mark's lines go; other regions' lines return to the body."""
    if region.type.ocr_keeps_out:
        gone = [line for line in lines if line.region == region.id]
        return [line for line in lines if line.region != region.id], gone
    return [replace(line, region=None) if line.region == region.id else line for line in lines], []


def reassign(lines: Sequence[Line], region: Region) -> tuple[list[Line], list[int]]:
    """After a region moved: a printed or furniture region holds the lines whose centre it
    holds; handwriting and marks keep their lines, and OCR's words under their new place go
    (as a re-OCR would drop them)."""
    if region.type.ocr_keeps_out:
        kept = []
        for line in lines:
            inside = {w.id for w in line.words if centre_in(w.bbox, region.bbox)}
            stripped = strip_words(line, inside) if inside and line.region is None else line
            if stripped is not None:
                kept.append(stripped)
        return kept, [line.id for line in kept if line.region == region.id]
    result = []
    for line in lines:
        if line.region == region.id and not centre_in(line.bbox, region.bbox):
            line = replace(line, region=None)
        elif line.region is None and centre_in(line.bbox, region.bbox):
            line = replace(line, region=region.id)
        result.append(line)
    return result, [line.id for line in result if line.region == region.id]


def region_state(lines: Iterable[Line], regions: Iterable[Region]) -> str:
    """A page's lines (in reading order) and regions (by id) as one canonical JSON text: what
    undoing a region change restores, and what verify's replay compares."""
    ordered = sorted(regions, key=lambda region: region.id)
    data = {
        "lines": [line.to_json() for line in lines],
        "regions": [region.to_json() for region in ordered],
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def from_region_state(text: str) -> tuple[list[Line], list[Region]]:
    data = json.loads(text)
    lines = [Line.from_json(line) for line in data["lines"]]
    return lines, [Region.from_json(region) for region in data["regions"]]


def rebase_state(now: str, source: str, target: str) -> str | None:
    """The page `now` with a region change's lines and regions taken from `source` (the page
    as the change left it, to undo it; as before it, to redo) back to `target`: the lines the
    change touched (made, taken out, rebuilt) and the regions become `target`'s, in its order;
    the other lines stay as they are now (typing undone and redone meanwhile gives a word
    new ids). None if the page now differs from `source` in what the change touched, holds
    other regions, or gained or lost other lines since."""
    now_lines, now_regions = from_region_state(now)
    source_lines, source_regions = from_region_state(source)
    target_lines, target_regions = from_region_state(target)
    have = {line.id: line for line in now_lines}
    was = {line.id: line for line in source_lines}
    will = {line.id: line for line in target_lines}
    touched = {i for i in was.keys() | will.keys() if was.get(i) != will.get(i)}
    if any(have.get(i) != was.get(i) for i in touched):
        return None
    if have.keys() - touched != was.keys() - touched:
        return None
    if sorted(r.id for r in now_regions) != sorted(r.id for r in source_regions) or any(
        a != b
        for a, b in zip(
            sorted(now_regions, key=lambda r: r.id), sorted(source_regions, key=lambda r: r.id)
        )
    ):
        return None
    lines = [will[i] if i in touched else have[i] for i in (line.id for line in target_lines)]
    return region_state(lines, target_regions)
