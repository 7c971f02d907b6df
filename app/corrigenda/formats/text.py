"""Plain-text export: UTF-8, pages separated by a form feed, as `Page.layout` lays them out.

Options (all off by default, so the plain export is exactly `Page.text()`):
- join_hyphens: a word hyphenated across a line end is joined on the first line;
- drop_running_heads: lines that are only a page number, and first or last lines repeated on
  other pages (running heads and feet), are left out;
- line_breaks=False: the lines of a paragraph are joined by spaces; paragraphs stay apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, BinaryIO

from corrigenda.formats.registry import exporter
from corrigenda.model import Line, Page
from corrigenda.store import Project

PAGE_NUMBER = re.compile(
    r"^[\[(\-–—]*\s*(?:page\s+|p\.\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})\s*[.)\]\-–—]*$", re.IGNORECASE
)
HYPHEN_BREAK = re.compile(r"(\w)[-\u00ad]\n(\S+) ?(?=\S|$)", re.MULTILINE)
MAX_HEAD_CHARS = 80


@exporter("text", ".txt", "plain text, pages separated by a form feed")
def write_text(
    project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
) -> None:
    out.write((export_text(pages, options) + "\n").encode("utf-8"))


def export_text(pages: Sequence[Page], options: Mapping[str, Any]) -> str:
    if options.get("drop_running_heads"):
        pages = drop_running_heads(pages)
    texts = []
    for page in pages:
        text = page.text()
        if options.get("join_hyphens"):
            text = HYPHEN_BREAK.sub(_join, text)
        if not options.get("line_breaks", True):
            text = "\n\n".join(par.replace("\n", " ") for par in text.split("\n\n"))
        texts.append(text)
    return "\f".join(texts)


def _join(match: re.Match[str]) -> str:
    return f"{match.group(1)}{match.group(2)}\n"


def drop_running_heads(pages: Sequence[Page]) -> list[Page]:
    """The pages without page-number lines and without running heads and feet."""
    ends = Counter(
        key for page in pages for key in {_head_key(line) for line in _ends(page)} if key
    )
    result = []
    for page in pages:
        edges = {id(line) for line in _ends(page)}
        kept = tuple(
            line
            for line in page.lines
            if not PAGE_NUMBER.match(line.text.strip())
            and not (id(line) in edges and ends[_head_key(line)] > 1)
        )
        result.append(replace(page, lines=kept))
    return result


def _ends(page: Page) -> list[Line]:
    return [page.lines[0], page.lines[-1]] if page.lines else []


def _head_key(line: Line) -> str:
    """A running head's text with its page number left out, so "Chapter 1 — 12" repeats."""
    text = line.text.strip()
    if len(text) > MAX_HEAD_CHARS:
        return ""
    return re.sub(r"\d+", "#", text).casefold()
