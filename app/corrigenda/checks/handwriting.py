"""Handwriting: words OCR read from handwritten notes (in a margin, in blank space, spliced
onto a typed line) proposed as a handwritten region.

The flag sits on the first line of the proposal, over the words of that line in it, and
carries the region's box in `extra["box"]` (image pixels). Accepting it makes the region
(`corrigenda regions --find --accept`, or the window): the body lines are then rebuilt
without those words. The scan's unread ink is proposed by `regions --find` too; this check
sees the words only, so it stays as fast as the others. The window asks for the unread ink
apart, page by page in its own process (`ink_flags`, about a second a page), and shows it as
`handwriting` flags too, with the words only the scan shows are a hand's (corrigenda.regions.
strokes: ink heavier than the typing's).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import replace

from PIL import Image

from corrigenda.checks.context import CheckContext, LineContext
from corrigenda.checks.flag import Flag, line_tokens
from corrigenda.checks.registry import make_flag, register
from corrigenda.model import Line, Page, TextSpan
from corrigenda.regions.geometry import centre_in
from corrigenda.regions.handwriting import Proposal, find_handwriting, propose


@register
class HandwritingCheck:
    name = "handwriting"
    kinds = ("handwriting",)
    description = "handwritten notes OCR read as text: propose a handwritten region"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        if line.line.region is not None:
            return
        for proposal in _proposals(line.page, context):
            if not proposal.lines or proposal.lines[0] != line.line.id:
                continue
            inside = [i for i, w in enumerate(line.line.words) if centre_in(w.bbox, proposal.box)]
            if not inside or inside[-1] >= len(line.tokens):
                continue
            count = len(proposal.lines)
            where = f"{count} lines" if count > 1 else "this line"
            flag = make_flag(
                line,
                line.tokens[inside[0]],
                line.tokens[inside[-1]],
                "handwriting",
                proposal.score,
                f"handwriting ({proposal.reason}) over {where}: make it a handwritten region",
                [],
                self.name,
            )
            flag.extra["box"] = proposal.box.as_list()
            yield flag


def pending_words(page: Page, context: CheckContext) -> dict[int, frozenset[int]]:
    """By line id, the indices of the words inside a proposed handwritten region: until the
    proposal is decided they are no typing to check (accepted, the region's lines are
    checked as handwriting; ignored, they are typing after all)."""
    pending: dict[int, frozenset[int]] = {}
    lines = {line.id: line for line in page.lines if line.region is None}
    for proposal in _proposals(page, context):
        if _ignored(proposal, page, context):
            continue
        for line_id in proposal.lines:
            line = lines.get(line_id)
            if line is None:
                continue
            inside = {i for i, w in enumerate(line.words) if centre_in(w.bbox, proposal.box)}
            pending[line_id] = pending.get(line_id, frozenset()) | inside
    return pending


def _ignored(proposal: Proposal, page: Page, context: CheckContext) -> bool:
    """The user ignored this proposal's flag: its words are typing after all."""
    if (not context.ignored and not context.ignored_forms) or not proposal.lines:
        return False
    line = next((line for line in page.lines if line.id == proposal.lines[0]), None)
    if line is None:
        return False
    inside = [i for i, w in enumerate(line.words) if centre_in(w.bbox, proposal.box)]
    if not inside:
        return False
    text = " ".join(w.text for w in line.words[inside[0] : inside[-1] + 1])
    key = f"{page.id}:{line.id}:handwriting:{text}"
    return key in context.ignored or text in context.ignored_forms


def _proposals(page: Page, context: CheckContext) -> list[Proposal]:
    # One detection per page state: a page is replaced by a new object when it is edited.
    memo = context.memo.setdefault("handwriting", {})
    key = str(page.id)
    cached = memo.get(key)
    if cached is None or cached[0] is not page:
        cached = memo[key] = (page, propose(page))
    return list(cached[1])


def ink_flags(page: Page, image: Image.Image, ignored: Collection[str] = ()) -> list[Flag]:
    """Ink OCR left unread on a page (a note it could not read at all), and words the scan
    shows are a hand's where the words alone did not, as `handwriting` flags with the
    region's box, as `regions --find` proposes it. Each carries `extra["scan"]`: the window
    replaces these flags when the scan's pass runs again.

    A proposal over words OCR read (their centres in its box: the words accepting it takes
    into the region) is flagged over them, on the first line they are in, as the check on
    the words flags its proposals: the list shows what the note was read as. Ink with no
    word read in it stands on no words: its flag sits, empty, at the end of the body line
    nearest the ink (F8 goes there, the scan shows the box, Enter makes the region and asks
    for its first line), and its explanation says OCR read nothing there. Its `key` names
    that line, so ignoring it ignores the proposal beside that line; `ignored` holds the
    keys ignored so far."""
    text, spans = page.layout()
    numbers = {line.id: n for n, line in enumerate(page.lines, 1)}
    where = {span.line_id: span for span in spans}
    body = [line for line in page.lines if line.region is None and line.bbox is not None]
    # Words the scan shows are a hand's (their ink heavier than the typing's) that the check
    # on the words alone left as typing are proposed here too, as the unread ink is.
    flagged = {word for proposal in propose(page) for word in proposal.words}
    flags = []
    for proposal in find_handwriting(page, image):
        if not body:
            continue
        if any(r.bbox and r.bbox.intersection_area(proposal.box) for r in page.regions):
            continue  # drawn over already: no region can be made there
        inside = _words_inside(page, proposal)
        if flagged.intersection(w for _line, indices in inside for w in indices.values()):
            continue  # the check on the words flags it
        flag = (
            _worded_flag(page, proposal, inside, text, where[inside[0][0].id].start)
            if inside
            else None
        ) or _unread_flag(page, proposal, body, text, where)
        flag = replace(flag, line=numbers[flag.line_id])
        flag.extra.update({"box": proposal.box.as_list(), "scan": True})
        if flag.key not in ignored:
            flags.append(flag)
    return flags


def _words_inside(page: Page, proposal: Proposal) -> list[tuple[Line, dict[int, int]]]:
    """The body lines with words in a proposal's box (their centres in it), each with those
    words by index in the line: word id. Page order."""
    found = []
    for line in page.lines:
        if line.region is not None:
            continue
        indices = {i: w.id for i, w in enumerate(line.words) if centre_in(w.bbox, proposal.box)}
        if indices:
            found.append((line, indices))
    return found


def _worded_flag(
    page: Page,
    proposal: Proposal,
    inside: list[tuple[Line, dict[int, int]]],
    text: str,
    start: int,
) -> Flag | None:
    """The flag over the words a proposal holds, on the first line they are in (None if the
    line's text no longer has those words as its tokens)."""
    line, indices = inside[0]
    tokens = line_tokens(line.text, start)
    first, last = min(indices), max(indices)
    if last >= len(tokens):
        return None
    count = len(inside)
    lines = f"{count} lines" if count > 1 else "this line"
    reason = proposal.reason
    if not proposal.words:  # unread ink around words OCR read but did not take for a hand's
        reason += ", with words OCR read in it"
    return Flag(
        page=page.number,
        line=0,
        start=tokens[first].start,
        end=tokens[last].end,
        text=text[tokens[first].start : tokens[last].end],
        kind="handwriting",
        score=proposal.score,
        explanation=f"handwriting ({reason}) over {lines}: make it a handwritten region",
        page_id=page.id,
        line_id=line.id,
        check=HandwritingCheck.name,
    )


def _unread_flag(
    page: Page, proposal: Proposal, body: list[Line], text: str, where: dict[int, TextSpan]
) -> Flag:
    """The empty flag of ink with no word read in it, at the end of the nearest body line."""
    box = proposal.box
    middle = (box.y0 + box.y1) / 2
    line = min(body, key=lambda ln: abs((ln.bbox.y0 + ln.bbox.y1) / 2 - middle) if ln.bbox else 0.0)
    end = where[line.id].end
    return Flag(
        page=page.number,
        line=0,
        start=end,
        end=end,
        text=text[end:end],
        kind="handwriting",
        score=proposal.score,
        explanation=(
            f"handwriting ({proposal.reason}) beside this line, no word of it read: make it a "
            "handwritten region and type what it says"
        ),
        page_id=page.id,
        line_id=line.id,
        check=HandwritingCheck.name,
    )
