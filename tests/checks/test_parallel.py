"""Whole-document flagging split among forked workers gives the same flags, in order.

Run in a fresh interpreter: forking is refused while other threads run (as they may in the
test session), and the point is to exercise the forked path.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
from corrigenda.checks import Flagger, build_context
from corrigenda.checks.engine import MIN_PAGES_PER_WORKER, _can_fork
from corrigenda.model import Document, Line, Page, Word

assert _can_fork()
texts = ["the settiement of tbe country was froin the town", "and ofthe people 0F it"]
pages = []
for n in range(1, 2 * MIN_PAGES_PER_WORKER + 2):
    lines = tuple(Line(i + 1, tuple(Word(k + 1, w) for k, w in enumerate(t.split())),
                       None, 0, 0) for i, t in enumerate(texts))
    pages.append(Page(n, n, f"p{n}.png", 10, 10, None, lines))
document = Document("t", tuple(pages))
alone = Flagger(document, build_context(document, {})[0]).flag_document()
forked = Flagger(document, build_context(document, {})[0]).flag_document(workers=2)
assert alone and forked == alone, (len(alone), len(forked))
assert [f.page for f in forked] == sorted(f.page for f in forked)
import gc
assert gc.isenabled() and gc.get_freeze_count() == 0  # collector as it was, nothing frozen
print("same flags", len(forked))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no fork on Windows")
def test_forked_workers_flag_like_one_process() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("same flags")


def test_pages_go_to_workers_in_small_chunks_in_order() -> None:
    from corrigenda.checks.engine import CHUNKS_PER_WORKER, chunked

    pages = list(range(1, 1001))
    chunks = chunked(pages, 2)
    # More chunks than workers: a worker slowed by other load takes fewer of them.
    assert len(chunks) == 2 * CHUNKS_PER_WORKER
    assert [p for chunk in chunks for p in chunk] == pages
    assert chunked([1, 2, 3], 2) == [[1], [2], [3]]


def test_the_collector_paused_for_building_is_left_as_it_was() -> None:
    import gc

    from corrigenda.checks import build_context
    from corrigenda.checks.engine import collector_paused
    from corrigenda.model import Document

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("a failed build")
    assert gc.isenabled()
    gc.disable()
    try:
        build_context(Document("t", ()), {})
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
    build_context(Document("t", ()), {})
    assert gc.isenabled()
