"""Word-level differences between two texts of a line, for review and the audit report."""

from __future__ import annotations

from dataclasses import dataclass

from corrigenda.align import align, tokenize


@dataclass(frozen=True)
class Segment:
    """A stretch of the diff: "equal" text, or old text "delete"d and/or new text "insert"ed."""

    tag: str  # equal, replace, insert, delete
    old: str
    new: str


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """Align the two texts word by word (the project's one alignment, corrigenda.align)."""
    a, b = tokenize(old or ""), tokenize(new or "")
    return [
        Segment(block.tag, " ".join(a[block.a0 : block.a1]), " ".join(b[block.b0 : block.b1]))
        for block in align(a, b)
    ]


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
