"""Handwriting: words OCR read from handwritten notes (in a margin, in blank space, spliced
onto a typed line) proposed as a handwritten region.

The flag sits on the first line of the proposal, over the words of that line in it, and
carries the region's box in `extra["box"]` (image pixels). Accepting it makes the region
(`corrigenda regions --find --accept`, or the window): the body lines are then rebuilt
without those words. The scan's unread ink is proposed by `regions --find` too; this check
sees the words only, so it stays as fast as the others.
"""

from __future__ import annotations

from collections.abc import Iterator

from corrigenda.checks.context import CheckContext, LineContext
from corrigenda.checks.flag import Flag
from corrigenda.checks.registry import make_flag, register
from corrigenda.model import Page
from corrigenda.regions.geometry import centre_in
from corrigenda.regions.handwriting import Proposal, propose


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


def _proposals(page: Page, context: CheckContext) -> list[Proposal]:
    # One detection per page state: a page is replaced by a new object when it is edited.
    memo = context.memo.setdefault("handwriting", {})
    key = str(page.id)
    cached = memo.get(key)
    if cached is None or cached[0] is not page:
        cached = memo[key] = (page, propose(page))
    return list(cached[1])
