"""Word-level differences between two texts of a line, for review and the audit report.

Review lists thousands of edits, and the same texts come back again and again (a line's OCR
text for every edit of that line; the approved text, usually the OCR's, beside it), so
tokens and diffs are cached by their texts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from corrigenda.align import align, tokenize


class Segment(NamedTuple):
    """A stretch of the diff: "equal" text, or old text "delete"d and/or new text "insert"ed."""

    # A NamedTuple, not a frozen dataclass: building one is several times cheaper, and a page
    # under review can have thousands of edits.
    tag: str  # equal, replace, insert, delete
    old: str
    new: str


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """Align the two texts word by word (the project's one alignment, corrigenda.align)."""
    return list(_diff(old or "", new or ""))


@lru_cache(maxsize=8192)
def _diff(old: str, new: str) -> tuple[Segment, ...]:
    a, b = _tokens(old), _tokens(new)
    return tuple(
        Segment(block.tag, " ".join(a[block.a0 : block.a1]), " ".join(b[block.b0 : block.b1]))
        for block in align(a, b)
    )


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(tokenize(text))


def marked(segments: list[Segment]) -> str:
    """The diff as one line in git's word-diff style: [-old-]{+new+}."""
    parts = []
    for seg in segments:
        if seg.tag == "equal":
            parts.append(seg.old)
            continue
        old = f"[-{seg.old}-]" if seg.old else ""
        new = f"{{+{seg.new}+}}" if seg.new else ""
        parts.append(old + new)
    return " ".join(parts)
