"""A transcript with handwritten passages (*like this*): the printed text is aligned onto the
body's OCR words as any transcript is, and each passage becomes the lines of a handwritten
region: the proposed region beside its place in the text where one is found
(corrigenda.regions.handwriting), otherwise a region with no box yet, for the transcriber to
place. All of it is one transaction: a failure leaves the project as it was.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from corrigenda.formats.transcript import Passage, token_slots, transcript_edits
from corrigenda.model import Page, RegionType
from corrigenda.regions.geometry import insertion_point
from corrigenda.regions.handwriting import Proposal, find_handwriting
from corrigenda.store import LineEdit, Project, Source

MAX_LINES_APART = 3  # a passage and a proposed region this near in reading order match


def body_only(page: Page) -> Page:
    """The page without the lines of its handwritten regions and marks."""
    keep_out = {r.id for r in page.regions if r.type.ocr_keeps_out}
    return replace(page, lines=tuple(ln for ln in page.lines if ln.region not in keep_out))


@dataclass(frozen=True)
class NotesPlaced:
    """What importing a transcript with handwritten passages did."""

    changed: int  # lines edited, typed or removed
    placed: int  # passages put on a proposed region's box
    unplaced: int  # passages on a region with no box yet


def place_with_notes(
    project: Project, path: Path, page_ids: Sequence[int], printed: str, passages: list[Passage]
) -> NotesPlaced:
    """Apply a transcript with handwritten passages."""
    pages = [body_only(project.page(page_id)) for page_id in page_ids]
    where = _passage_places(pages, printed, passages)
    source = Source("import", {"file": path.name, "format": "text"})
    changed = placed = 0
    with project.batch():
        regions = []
        for page_index, page in enumerate(pages):
            mine = [(i, after) for i, (p, after) in enumerate(where) if p == page_index]
            matched = _match(page, project, mine)
            for i, _after in mine:
                box = matched[i].box if i in matched else None
                placed += box is not None
                region, _ = project.add_region(page.id, RegionType.HANDWRITTEN, box, source)
                regions.append((i, page.id, region.id))
        body = [body_only(project.page(page_id)) for page_id in page_ids]
        edits = transcript_edits(body, printed)
        if edits:
            comment = f"transcript {path.name} aligned onto the OCR words"
            project.edit_lines(edits, source, comment)
        changed += len(edits)
        for i, page_id, region_id in sorted(regions):
            page_index = page_ids.index(page_id)
            anchor = _anchor(body[page_index], where[i][1])
            changed += _write_passage(project, page_id, region_id, passages[i], source, anchor)
    return NotesPlaced(changed, placed, len(passages) - placed)


def _passage_places(
    pages: Sequence[Page], printed: str, passages: list[Passage]
) -> list[tuple[int, int]]:
    """(page index, index of the body line it follows, -1 for the top) of each passage."""
    slots = token_slots(pages, printed)
    places = []
    for passage in passages:
        if passage.anchor == 0 or not slots:
            places.append((0, -1))
        else:
            slot = slots[min(passage.anchor, len(slots)) - 1]
            places.append((slot.page, slot.line))
    return places


def _match(page: Page, project: Project, passages: list[tuple[int, int]]) -> dict[int, Proposal]:
    """Each passage's proposed region, the nearest in reading order (not too far)."""
    if not passages:
        return {}
    with Image.open(io.BytesIO(project.image(page.id).data)) as image:
        proposals = find_handwriting(page, image)
    index = {line.id: i for i, line in enumerate(page.lines)}
    positions = []
    for proposal in proposals:
        after = insertion_point(page.lines, proposal.box)
        positions.append(index.get(after, -1) if after is not None else -1)
    matched: dict[int, Proposal] = {}
    free = set(range(len(proposals)))
    for i, after in passages:
        near = sorted(free, key=lambda k: abs(positions[k] - after))
        if near and abs(positions[near[0]] - after) <= MAX_LINES_APART:
            matched[i] = proposals[near[0]]
            free.discard(near[0])
    return matched


def _anchor(page: Page, line_index: int) -> int | None:
    """The id of the body line a passage follows in the transcript (None: the top)."""
    return page.lines[line_index].id if 0 <= line_index < len(page.lines) else None


def _write_passage(
    project: Project,
    page_id: int,
    region_id: int,
    passage: Passage,
    source: Source,
    anchor: int | None,
) -> int:
    """Give a region the passage's lines: OCR's lines there are corrected, more are typed
    (where the transcript has them, for a region not placed yet), lines left over go."""
    made = [line for line in project.page(page_id).lines if line.region == region_id]
    count = 0
    for n, text in enumerate(passage.lines):
        if n < len(made):
            if made[n].text != text:
                project.edit_lines([LineEdit(page_id, made[n].id, made[n].text, text)], source)
                count += 1
        elif n == 0:
            project.add_region_line(page_id, region_id, text, source, anchor)
            count += 1
        else:
            project.add_region_line(page_id, region_id, text, source)
            count += 1
    for extra in made[len(passage.lines) :]:
        project.remove_region_line(page_id, extra.id, source)
        count += 1
    return count
