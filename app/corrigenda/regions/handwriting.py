"""Finding handwriting among OCR's words: notes in the margins and blank space of a printed
page, and the pieces of them OCR spliced into the typed lines beside them.

The typed body sets the norm: where its lines run (the column), how tall its words are, and,
for a typewriter, its fixed pitch (corrigenda.regions.typewriter; a printed book's
proportional type has none). A word is handwriting-like when it stands outside the column, or
when it is unlike the body (low confidence, taller, off the pitch) in a line whose words
mostly are too. Print varies more (headings, small caps, rules, engravings), so there one
kind of oddity alone proposes nothing. Neighbouring such words form one proposed region.
Ink that OCR left unread (corrigenda.regions.ink) is proposed the same way.

A page read poorly (a clean-up variant that did not suit it) garbles typed words: unsure, off
the pitch and the grid, letters left unread. There the reading's cues weigh less: inside the
column only a word taller than the typing tells a hand, and unread ink of a typed line's size
is dropped letters. A line of typing's height across most of the column is typing wherever it
stands, not a note in the top or bottom margin.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

from PIL import Image

from corrigenda.model import BBox, Line, Page, Word
from corrigenda.regions.body import (
    CONFIDENT,
    HEAVIER,
    OFF_GRID,
    OFF_PITCH,
    TALLER,
    THRESHOLD,
    Body,
    all_raised,
    body_of,
    in_margin,
    in_typing_heights,
    letter_count,
    margin_of,
    own_likeness,
    reading_quality,
    surely_read,
    word_evidence,
)
from corrigenda.regions.geometry import centre_in
from corrigenda.regions.ink import unread_ink
from corrigenda.regions.strokes import heaviness
from corrigenda.regions.typewriter import (
    off_grid,
    off_phase,
    on_cells,
    starts_on_cell,
)

MIN_LINES = 3  # fewer lines than this and no body: too little to call handwritten throughout
FEW_STARTS = 4  # a line with fewer words a grid can be told from is measured by the typing's
TYPED_HEIGHT = 1.25  # a line's median word height, in typing heights, up to which it is typing's
NEXT_TO = 1.5  # typing heights between a line and the typing within which it is the next line
PAGE_NUMBER = 6  # characters: a typed page number ("- 12 -") is no wider
SCATTERED = 0.9  # a short line's words this far off any grid are a hand's (typed lines: 0.5)
MUCH_TALLER = 1.5  # a word this many times the typing's height: a hand's (typed ones reach 1.3)
# A page whose words OCR read surely less often than this was read poorly (a clean-up variant
# that did not suit it): its typed words come out unsure, garbled (so off the pitch and the
# grid) and with letters left unread. Pages read well measure 0.88 to 0.96, read with a
# variant that did not suit them 0.72 to 0.83.
POOR_READING = 0.85
WIDE_LINE = 0.5  # a line of typing's height across this share of the column is typing
WIDE_MARK = 3  # characters: a mark in a typed page's margin this wide is writing, no speck
SHARED = 0.3  # in a line of writing, a word this unlike the typing is the writing's too
SMALL_NOTE = 0.5  # typing heights: unread ink in a typed page's margin this high is a note


@dataclass(frozen=True)
class Proposal:
    """A proposed handwritten region: its box, the words OCR read there (none for unread
    ink), the lines they sit in, how sure (0..1), and why."""

    box: BBox
    words: tuple[int, ...]
    lines: tuple[int, ...]
    score: float
    reason: str
    text: str = ""


def propose(
    page: Page, blobs: Sequence[BBox] = (), heavy: Mapping[int, float] | None = None
) -> list[Proposal]:
    """Proposed handwritten regions of a page, in reading order.

    `blobs` are boxes of ink OCR left unread (from corrigenda.regions.ink), proposed too;
    `heavy` gives, by word id, how much heavier a word's ink is than the typing's
    (corrigenda.regions.strokes; none without the scan). A page with no typed body to
    compare with is proposed whole, as handwriting throughout.
    """
    heavy = heavy or {}
    body = body_of(page)
    lines = [line for line in page.lines if line.region is None]
    if body is None:
        return _whole_page(page, lines, blobs)
    picked: dict[int, tuple[Word, Line, float, list[str]]] = {}
    # Read poorly, typed words look unsure and (garbled) off the pitch and the grid; their
    # height is still the typing's, so inside the column only height then tells a hand.
    poor = reading_quality(lines) < POOR_READING
    typed = [
        (line.id, w.bbox.y0, w.bbox.x0)
        for line in lines
        for w in line.words
        if w.bbox and surely_read(w) and starts_on_cell(w.text) and not margin_of(w, body)
    ]
    for line in lines:
        column = [w for w in line.words if not margin_of(w, body)]
        grid = off_grid(column, body)
        # A line of a word or two tells no grid of its own, and one of three little: one
        # word off it (a speck OCR read as "oe" after a paragraph's last words "Mr. Carter.")
        # puts the others off too. Their words are measured against the grid of the typing
        # around them (not in a page read poorly, garbled anyway): a word or two by that
        # alone; of three, a word on it is typed unless all three scatter.
        starts = sum(1 for w in column if on_cells(w, body))
        few = starts < FEW_STARTS and not poor
        around = [(y, x) for lid, y, x in typed if lid != line.id] if few else []
        scored = []
        phases = []
        for w in line.words:
            phase = off_phase(w, around, body) if few else None
            if phase is not None and not margin_of(w, body):
                phases.append(phase)
            ink = heavy.get(w.id, 0.0)
            if starts < 3:
                evidence = word_evidence(w, body, 0.0, phase or 0.0, ink)
            else:
                on_grid = phase == 0.0 and grid < SCATTERED
                evidence = word_evidence(w, body, 0.0 if on_grid else grid, 0.0, ink)
            scored.append((w, *evidence))
        # A short line next to the typing whose words all start on its grid and are of its
        # height is typing: a paragraph's last words at the foot of the typing ("theix
        # long-term prospect." under the last full line, "theix" read unsurely), which the
        # typing's extent, taken from lines of four typed words or more, leaves out.
        # A paragraph's last word alone there ("importance." read unsurely) must also be of
        # the typing's pitch and long enough to show it.
        heights = [in_typing_heights(w, body) for w in column if w.bbox]
        pitched = all(
            letter_count(w.text) >= 4 and OFF_PITCH not in r for w, m, _u, r in scored if not m
        )
        # A line of four words or more tells its own grid: on the typewriter's, it is a
        # paragraph's last line ("views of Sovict leaders." under the last full line,
        # "leaders." read unsurely, so the typing's extent left it out).
        on_typing_grid = (
            (len(phases) >= 2 or (len(phases) == 1 and pitched)) and not any(phases)
        ) or (starts >= FEW_STARTS and grid == 0.0)
        typed_here = (
            on_typing_grid
            and median(heights) <= TYPED_HEIGHT * body.height
            and _next_to_typing(line, body)
        )
        edge = "" if typed_here else _beyond_typing(line, body, scored)
        if edge:
            # Above or below all the typing, and unlike it: in a typed page's margin too.
            scored = [(w, 1.0, u, [f"{edge} margin", *r]) for w, _m, u, r in scored]
        # A speck OCR read as "." or "|" has no shape to tell a hand by: it is no word of
        # the line's ("appropriate international problems." and a speck of dust read as "."
        # unsurely made a line mostly unlike the typing).
        worded = [s for s in scored if any(ch.isalnum() for ch in s[0].text)]
        inside = [unlike for _, margin, unlike, _ in worded if margin == 0]
        # A line of handwriting: its words on average unlike the typing (in a short line,
        # each word must show it on its own).
        mostly = bool(inside) and sum(inside) / len(inside) >= 0.45
        # The grid alone is no proof: some word must look unlike the typing in itself; but
        # words scattered anywhere off the grid in a short line read well are a hand's, even
        # of the typing's size and read surely ("copy to Sec. Vance" above a memorandum).
        scattered = grid >= SCATTERED and not poor and not _typed_line(line, body)
        mostly = mostly and (
            scattered
            or any(
                r != OFF_GRID and "margin" not in r for _, m, _, rs in scored if not m for r in rs
            )
        )
        if poor:
            mostly = mostly and any(TALLER in rs for _, m, _, rs in scored if not m)
        if not body.monospace:
            # Type sets headings larger, and OCR reads an engraving's hatching or a line of
            # small caps unsurely: in print one kind of oddity alone is no second hand.
            odd = {r for _, m, _, rs in scored if not m for r in rs}
            mostly = mostly and len(odd) >= 2
        if (
            len(phases) >= 3
            and not any(phases)
            and not any(OFF_PITCH in r for _, m, _, r in scored if not m)
        ):
            # Three words all on the grid of the typing around them and on its pitch: a
            # short typed line, however dust or a poor reading make its words look
            # ("appropriate international problems." with dust over two of them).
            mostly = False
        if len(inside) < 3:
            alone = [own_likeness(u, r) for _, m, u, r in worded if m == 0]
            mostly = bool(alone) and sum(alone) / len(alone) >= THRESHOLD
            # Two words both off the grid of the typing around them: the short line's own
            # grid scatters, as a line of writing's does ("seen 12/3" in blank space, each
            # word of the typing's size and read surely; a typed word is off it one time
            # in 250).
            if starts < 3 and len(phases) >= 2 and min(phases) > 0.3:
                mostly = True
        marked = []
        typing = _typing_run_on(scored, body)
        for word, margin, unlike, reasons in scored:
            if margin and not body.monospace and len(reasons) < 2:
                # A printed page's margin holds side notes, line numbers and rules in type:
                # a word there must also look unlike the type to be a hand's.
                margin = 0.0
            if margin and word.id in typing:
                margin = 0.0
            own_alone = own_likeness(unlike, reasons)
            if poor and not margin and TALLER not in reasons:
                own_alone = min(own_alone, THRESHOLD - 0.01)
            own = 0.55 * margin + 0.45 * own_alone
            marked.append(max(own, unlike if mostly and margin == 0 else 0.0))
        if mostly:
            # A line of writing is one note: its words that share its oddity (off the grid,
            # unsure, tall) go with it, also those nearer the typing's shape than the
            # threshold, or they stay behind as a body line ("Copy to Vance" left when only
            # "Sec.", the tallest word of the note, was proposed).
            # So do its words not read surely ("con" after "File? UBSR", read at 60),
            # words much taller than any typed word ("Vane" after "ely le Lee,", read
            # surely and on the pitch), and words too short to show a pitch or a grid next
            # to the line's marked words ("d" after "J allac li").
            marked = [
                max(mark, THRESHOLD)
                if not margin
                and (
                    unlike >= SHARED
                    or not surely_read(w)
                    or (w.bbox is not None and w.bbox.height >= MUCH_TALLER * body.height)
                )
                else mark
                for mark, (w, margin, unlike, _r) in zip(marked, scored)
            ]
            _with_short_words(scored, marked, body)
        if not typed_here and all_raised(column, body):
            # Every word of the line taller than typed words of its letters are: a larger
            # hand, however surely read and on the grid ("Check the date" between
            # paragraphs, its words 1.22 to 1.31 of the typing's height; the development
            # pages' 1,180 typed lines of two words or more keep a word at 1.14 or less).
            for i, (_w, margin, _u, reasons) in enumerate(scored):
                if not margin:
                    marked[i] = max(marked[i], THRESHOLD)
                    if TALLER not in reasons:
                        reasons.append(TALLER)
        _spliced_tail(scored, marked, body)
        # A short line taller and unsure is a heading or a drop cap in print, a note on a
        # typewritten page (where the typing has one size).
        tall_unsure = body.monospace and _tall_unsure(line, body)
        # A typed word and a note in the margin beside it: the typed word is no note's.
        mixed = 0 < sum(1 for _, margin, *_ in scored if margin) < len(scored)
        if len(marked) < 3 and not mixed and (max(marked, default=0.0) >= THRESHOLD or tall_unsure):
            # A line of a word or two, one of them written by hand, or all of it taller than
            # the typing and read unsurely: all of it is handwriting.
            marked = [max(m, THRESHOLD) for m in marked]
        for (word, _, _, reasons), score in zip(scored, marked):
            if score >= THRESHOLD:
                picked[word.id] = (word, line, score, reasons)
    groups = _cluster([(w.bbox, w.id) for w, *_ in picked.values() if w.bbox], body)
    read = [w.bbox for line in lines for w in line.words if w.bbox]
    notes = [
        box
        for box in blobs
        if not _page_number(box, body, lines) and not (poor and _typed_ink(box, body))
    ]
    groups += _cluster([(box, None) for box in notes if _note_shaped(box, body, read)], body)
    groups = _merge_groups(groups, body)
    groups = _with_fragments(groups, lines, picked, body)
    proposals = []
    for box, ids in groups:
        members = [picked[i] for i in ids if i in picked]
        letters = sum(ch.isalnum() for m in members for ch in m[0].text)
        if members and letters < 2 and (box.height < 0.8 * body.height or not body.monospace):
            # A speck OCR read as a full stop, not a note; in print also a rule or a
            # bracket ("_", "|") beside the type. In a typed page's margin, a stroke several
            # characters long is a note OCR read as dashes (a small hand, "——"), no speck.
            margin = all(any("margin" in r for r in m[3]) for m in members)
            if not (body.monospace and margin and box.width >= WIDE_MARK * body.pitch):
                continue
        if members:
            score = sum(m[2] for m in members) / len(members)
            reasons = sorted({r for m in members for r in m[3]})
            reason = ", ".join(reasons) or "unlike the typing"
        else:
            score, reason = 0.6, "ink OCR left unread"
        line_ids = tuple(dict.fromkeys(m[1].id for m in members))
        text = " ".join(m[0].text for m in members)
        proposals.append(Proposal(_pad(box, body, page), tuple(ids), line_ids, score, reason, text))
    proposals.sort(key=lambda p: (p.box.y0, p.box.x0))
    return _apart(proposals)


def _with_fragments(
    groups: list[Group],
    lines: Sequence[Line],
    picked: dict[int, tuple[Word, Line, float, list[str]]],
    body: Body,
) -> list[Group]:
    """Groups with the words beside them in a typed page's top or bottom margin: OCR cuts a
    note there into lines of a word or two ("Nov. 22 76 - to the President" read as "nr",
    "Woy. 2", "DS" and "16 - to the President"), and the pieces that look like nothing
    in themselves would stay behind as body lines between the proposed ones. Typing there
    (a date, a page number, a line across the column, a paragraph's last words next to the
    typing) is left alone, and a speck read as a quote takes nothing in."""
    if not body.monospace:
        return groups

    def worded(ids: list[int]) -> bool:
        return sum(ch.isalnum() for i in ids if i in picked for ch in picked[i][0].text) >= 2

    changed = True
    while changed:
        changed = False
        for line in lines:
            box = line.bbox
            if box is None or _page_number_line(box, body) or _typed_line(line, body):
                continue
            beyond = (
                box.y1 <= body.top - 0.5 * body.height or box.y0 >= body.bottom + 0.5 * body.height
            )
            if not beyond or _next_to_typing(line, body):
                continue
            edge = "top" if box.y1 <= body.top else "bottom"
            for word in line.words:
                if word.id in picked or word.bbox is None:
                    continue
                near = [
                    i
                    for i, (group, ids) in enumerate(groups)
                    if worded(ids) and _near(word.bbox, group, body)
                ]
                if near:
                    group, ids = groups[near[0]]
                    groups[near[0]] = (group.union(word.bbox), [*ids, word.id])
                    picked[word.id] = (word, line, THRESHOLD, [f"{edge} margin"])
                    changed = True
        groups = _merge_groups(groups, body)
    # The pieces in reading order, so the proposal's text and first line are the note's.
    order = {w.id: (n, w.bbox.x0 if w.bbox else 0) for n, ln in enumerate(lines) for w in ln.words}
    return [(box, sorted(ids, key=lambda i: order.get(i, (0, 0)))) for box, ids in groups]


def _with_short_words(
    scored: Sequence[tuple[Word, float, float, list[str]]], marked: list[float], body: Body
) -> None:
    """In a line of writing, a word of fewer than three letters (too short for the pitch
    or a grid to tell it from typing) a typed space or two from a marked word is marked."""
    changed = True
    while changed:
        changed = False
        for i, (word, margin, _u, _r) in enumerate(scored):
            if (
                marked[i] >= THRESHOLD
                or margin
                or word.bbox is None
                or letter_count(word.text) >= 3
            ):
                continue
            for j in (i - 1, i + 1):
                other = scored[j][0].bbox if 0 <= j < len(scored) else None
                if other is None or marked[j] < THRESHOLD:
                    continue
                gap = max(word.bbox.x0, other.x0) - min(word.bbox.x1, other.x1)
                if gap <= 2 * body.pitch:
                    marked[i] = THRESHOLD
                    changed = True
                    break


def _typing_run_on(scored: Sequence[tuple[Word, float, float, list[str]]], body: Body) -> set[int]:
    """The words in a typed page's margin that carry its line on: each read surely, like the
    typing in every measure, a typed space or two after the word before it, which is the
    typing's too. A long typed line reaches past where most end ("... should be in the
    center of" with "of" past the column's right edge); a note begins further off, or
    unlike the typing."""
    carried: set[int] = set()
    if not body.monospace:
        return carried
    before: Word | None = None
    for word, margin, unlike, _reasons in scored:
        box = word.bbox
        if box is None:
            continue
        if margin:
            gap = box.x0 - before.bbox.x1 if before and before.bbox else math.inf
            if not (surely_read(word) and unlike < 0.3 and gap <= 2 * body.pitch):
                break
            carried.add(word.id)
        before = word
    return carried


def _spliced_tail(
    scored: Sequence[tuple[Word, float, float, list[str]]], marked: list[float], body: Body
) -> None:
    """A note OCR spliced onto a typed line is the line's tail: the words after a margin
    word are part of it, and so are unsure words just before it, past the last sure one."""
    first = next((i for i, (_, margin, *_) in enumerate(scored) if margin), None)
    if first is None or marked[first] < THRESHOLD:
        return
    for i in range(first + 1, len(scored)):
        marked[i] = max(marked[i], marked[first])
    i = first - 1
    while i >= 0 and _near_edge(scored[i][0], body) and scored[i][2] >= 0.45:
        marked[i] = max(marked[i], THRESHOLD)
        i -= 1


def _beyond_typing(
    line: Line, body: Body, scored: Sequence[tuple[Word, float, float, list[str]]]
) -> str:
    """ "top" or "bottom" for a line of a typewritten page above or below all its typed lines
    (a note in the top or bottom margin) with a word of letters unlike the typing in itself;
    "" otherwise. A typed date there has no such word; a typed page number ("- 2 -" read
    "- Zar" unsurely) may, but it is short, no taller than the typing and centred on it."""
    box = line.bbox
    if not body.monospace or box is None or _page_number_line(box, body):
        return ""
    if box.y1 <= body.top - 0.5 * body.height:
        edge = "top"
    elif box.y0 >= body.bottom + 0.5 * body.height:
        edge = "bottom"
    else:
        return ""
    odd = any(
        letter_count(w.text) >= 2
        and (
            # Ink heavier than any typing's is a pen's ("Oval." above a memorandum, read
            # surely, of about the typing's size).
            any(r in ("read unsurely", TALLER, HEAVIER) for r in rs)
            # Off the pitch and not read surely: two slighter signs ("seth 12/3" for "seen
            # 12/3" above a memorandum); a typed date is on the pitch, a letterhead sure.
            or (OFF_PITCH in rs and not surely_read(w))
        )
        for w, _m, _u, rs in scored
    )
    return edge if odd and not _typed_line(line, body) else ""


def _page_number_line(box: BBox, body: Body) -> bool:
    """A line a few characters wide, no taller than the typing, centred on the column: a
    typed page number, page furniture."""
    middle = (body.left + body.right) / 2
    return (
        box.width <= PAGE_NUMBER * body.pitch
        and box.height <= TYPED_HEIGHT * body.height
        and abs((box.x0 + box.x1) / 2 - middle) <= 0.1 * (body.right - body.left)
    )


def _next_to_typing(line: Line, body: Body) -> bool:
    """Whether a line is within a line's space of the typing's first or last line; a note in
    the top or bottom margin mostly stands further off."""
    box = line.bbox
    if box is None:
        return False
    gap = max(body.top - box.y1, box.y0 - body.bottom)
    return gap <= NEXT_TO * body.height


def _typed_line(line: Line, body: Body) -> bool:
    """A line of four words or more, of the typing's height, across half the column or more:
    a typed line OCR left out of the body (read poorly: "AND AMBASSADOR DOBRYNIN… FICGRIDA"),
    not a note in the top or bottom margin, which a hand writes larger and shorter."""
    boxes = [w.bbox for w in line.words if w.bbox]
    if len(boxes) < 4 or line.bbox is None:
        return False
    wide = line.bbox.width >= WIDE_LINE * (body.right - body.left)
    return wide and median(b.height for b in boxes) <= 1.25 * body.height


def _typed_ink(box: BBox, body: Body) -> bool:
    """Unread ink among the typed lines, inside the column and no taller than a typed line:
    on a page read poorly, letters OCR dropped, not a note."""
    return (
        body.top <= box.y0
        and box.y1 <= body.bottom
        and body.left - body.pitch <= box.x0
        and box.x1 <= body.right + body.pitch
        and box.height <= 1.75 * body.height
    )


def _tall_unsure(line: Line, body: Body) -> bool:
    """A short line taller than the typing and read unsurely, or with a word of it much
    taller (half again) and unsure: no typed line of a word or two looks like that."""
    boxes = [w.bbox for w in line.words if w.bbox]
    confs = [w.conf for w in line.words if w.conf is not None]
    if not boxes or not confs:
        return False
    much = any(
        w.bbox and w.bbox.height >= MUCH_TALLER * body.height and not surely_read(w)
        for w in line.words
    )
    tall = median(b.height for b in boxes) >= 1.4 * body.height
    return much or (tall and sum(confs) / len(confs) < CONFIDENT)


def _near_edge(word: Word, body: Body) -> bool:
    """An unsure word at the column's right edge, where a note's first word lands."""
    box = word.bbox
    return not surely_read(word) and box is not None and box.x1 > body.right - 3 * body.pitch


def _page_number(box: BBox, body: Body, lines: Sequence[Line]) -> bool:
    """Unread ink of one typed line's height, centred on the column above or below all the
    typing: a page number OCR dropped (typewritten furniture), not a note."""
    tops = [line.bbox.y0 for line in lines if line.bbox]
    bottoms = [line.bbox.y1 for line in lines if line.bbox]
    if not tops:
        return False
    centre = (box.x0 + box.x1) / 2
    middle = (body.left + body.right) / 2
    return (
        box.height <= 2 * body.height
        and abs(centre - middle) <= 0.1 * (body.right - body.left)
        and (box.y1 <= min(tops) or box.y0 >= max(bottoms))
    )


def _note_shaped(box: BBox, body: Body, read: Sequence[BBox]) -> bool:
    """Whether unread ink may be a note: not a frame or border around the read text (a note
    encloses no run of typed words), and on a printed page shaped like a line or two of
    writing; print's other unread ink is engravings, ornaments, initials and rules."""
    if sum(1 for word in read if centre_in(word, box)) >= 10:
        return False
    if body.monospace:
        return True
    return box.height <= 3 * body.height and box.width >= 2 * box.height


def _whole_page(page: Page, lines: Sequence[Line], blobs: Sequence[BBox]) -> list[Proposal]:
    if len(lines) < MIN_LINES:
        # One line cut from a page (a line image, a label): no page to be written on, and
        # nothing to compare with; OCR reading it unsurely says nothing of a hand.
        return []
    words = [w for line in lines for w in line.words]
    sure = sum(1 for w in words if surely_read(w))
    if sure >= 0.3 * len(words):
        return []  # a little typing (a cover sheet, a short letter): too little to judge
    boxes = [w.bbox for w in words if w.bbox] + list(blobs)
    box = BBox.enclosing(boxes)
    if box is None:
        return []
    ids = tuple(w.id for line in lines for w in line.words)
    pad = BBox(
        max(0, box.x0 - 10),
        max(0, box.y0 - 10),
        min(page.width, box.x1 + 10),
        min(page.height, box.y1 + 10),
    )
    reason = "no typed body found: the page looks handwritten throughout"
    text = " ".join(line.text for line in lines)
    return [Proposal(pad, ids, tuple(line.id for line in lines), 0.5, reason, text)]


Group = tuple[BBox, list[int]]


def _cluster(items: Sequence[tuple[BBox, int | None]], body: Body) -> list[Group]:
    groups: list[Group] = [(box, [] if wid is None else [wid]) for box, wid in items]
    return _merge_groups(groups, body)


def _near(a: BBox, b: BBox, body: Body) -> bool:
    dx = max(0.0, max(a.x0, b.x0) - min(a.x1, b.x1))
    dy = max(0.0, max(a.y0, b.y0) - min(a.y1, b.y1))
    return dx <= 6 * body.pitch and dy <= 1.2 * body.height


def _merge_groups(groups: list[Group], body: Body) -> list[Group]:
    """Join groups whose boxes come near each other, until none do."""
    merged = True
    while merged:
        merged = False
        out: list[Group] = []
        for box, ids in groups:
            for i, (other, other_ids) in enumerate(out):
                if _near(box, other, body):
                    out[i] = (box.union(other), other_ids + ids)
                    merged = True
                    break
            else:
                out.append((box, list(ids)))
        groups = out
    return groups


def _pad(box: BBox, body: Body, page: Page) -> BBox:
    pad = round(0.25 * body.height)
    return BBox(
        max(0, box.x0 - pad),
        max(0, box.y0 - pad),
        min(page.width, box.x1 + pad),
        min(page.height, box.y1 + pad),
    )


def _apart(proposals: list[Proposal]) -> list[Proposal]:
    """Regions may not overlap: a proposal overlapping an earlier one is joined to it."""
    out: list[Proposal] = []
    for p in proposals:
        for i, q in enumerate(out):
            if q.box.intersection_area(p.box):
                out[i] = Proposal(
                    q.box.union(p.box),
                    q.words + p.words,
                    tuple(dict.fromkeys(q.lines + p.lines)),
                    max(q.score, p.score),
                    ", ".join(dict.fromkeys((q.reason + ", " + p.reason).split(", "))),
                    f"{q.text} {p.text}".strip(),
                )
                break
        else:
            out.append(p)
    return out


def find_handwriting(page: Page, image: Image.Image | None = None) -> list[Proposal]:
    """Proposed handwritten regions of a page; with its scan, unread ink is proposed too."""
    blobs: list[BBox] = []
    body = body_of(page)
    if image is not None:
        read = [w.bbox for w in page.words() if w.bbox]
        read += [r.bbox for r in page.regions if r.bbox]
        height = 0.8 * body.height if body else 20.0
        width = 1.5 * body.pitch if body else 40.0  # "Oral." is four letters
        if body is not None and body.monospace:
            # Beside a typed column a small hand's note is lower than a typed line ("Oral."
            # in the margin, 24 pixels high beside typing of 35); a typed page's margins
            # hold nothing else of that size, where print has line numbers and signatures.
            blobs = [
                box
                for box in unread_ink(image, read, SMALL_NOTE * body.height, width)
                if box.height >= height or in_margin(box, body)
            ]
        else:
            blobs = unread_ink(image, read, height, width)
    heavy: dict[int, float] = {}
    if image is not None and body is not None and body.monospace:
        # Only a typewriter's strokes are of one width and darkness; print's headings,
        # bold and engravings are heavier by design.
        typed = [
            w
            for line in page.lines
            if line.region is None
            for w in line.words
            if w.bbox and surely_read(w) and starts_on_cell(w.text)
        ]
        heavy = heaviness(image, page.words(), typed)
    return propose(page, blobs, heavy)
