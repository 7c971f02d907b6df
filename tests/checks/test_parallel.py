"""Whole-document flagging split among forked workers gives the same flags, in order."""

from __future__ import annotations

import pytest

from corrigenda.checks import Flagger, build_context
from corrigenda.checks.engine import MIN_PAGES_PER_WORKER, _can_fork
from corrigenda.model import Document, Line, Page, Word


def test_forked_workers_flag_like_one_process() -> None:
    if not _can_fork():
        pytest.skip("processes cannot fork here")
    texts = ["the settiement of tbe country was froin the town", "and ofthe people 0F it"]
    pages = []
    for n in range(1, 2 * MIN_PAGES_PER_WORKER + 2):
        lines = tuple(Line(i + 1, tuple(Word(k + 1, w) for k, w in enumerate(t.split())),
                           None, 0, 0) for i, t in enumerate(texts))
        pages.append(Page(n, n, f"p{n}.png", 10, 10, None, lines))
    document = Document("t", tuple(pages))
    context, _ = build_context(document, {})
    alone = Flagger(document, context).flag_document()
    context, _ = build_context(document, {})
    forked = Flagger(document, context).flag_document(workers=2)
    assert alone and forked == alone
    assert [f.page for f in forked] == sorted(f.page for f in forked)
