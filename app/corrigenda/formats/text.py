"""Plain-text export: UTF-8, pages separated by a form feed, as `Page.layout` lays them out.

Options (all off by default, so the plain export is exactly `Page.text()`):
- join_hyphens: a word hyphenated across a line end is joined on the first line, without the
  hyphen where the next line goes on in small letters (or the hyphen is soft) or a word in
  capitals goes on in capitals, with it before another capital or a digit ("anti-Semitic",
  "pre-1914"); a hyphen before a mark stays at the end;
- drop_running_heads: lines that are only a page number, and first or last lines repeated on
  other pages (running heads and feet), are left out;
- line_breaks=False: the lines of a paragraph are joined by spaces; paragraphs stay apart;
- handwriting=False: handwritten notes (marked *...* on lines of their own) are left out;
- join_pages: pages are parted by a blank line instead of a form feed, a paragraph a page
  break cut (no sentence end before it, a small letter after it) flows on, and so do the
  paragraphs OCR broke inside a page (`formats.common.mend_paragraphs`); with
  line_breaks=False too.
Lines of page furniture regions (page number, running head or foot) count as running heads.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, BinaryIO

from corrigenda.formats.common import SENTENCE_END, mend_paragraphs
from corrigenda.formats.registry import exporter
from corrigenda.model import Line, Page, RegionType
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
    if not options.get("handwriting", True):
        pages = [without_handwriting(page) for page in pages]
    if options.get("drop_running_heads"):
        pages = drop_running_heads(pages)
    if options.get("join_pages") or not options.get("line_breaks", True):
        pages = [mend_paragraphs(page) for page in pages]  # text read as running paragraphs
    texts = []
    for page in pages:
        text = page.text()
        if options.get("join_hyphens"):
            text = HYPHEN_BREAK.sub(_join, text)
        if not options.get("line_breaks", True):
            text = "\n\n".join(par.replace("\n", " ") for par in text.split("\n\n"))
        texts.append(text)
    if not options.get("join_pages"):
        return "\f".join(texts)
    joined = texts[0] if texts else ""
    for before, page, text in zip(pages, pages[1:], texts[1:]):
        if not joined or not text:
            joined += text
        elif runs_on(before, page):
            joined += ("\n" if options.get("line_breaks", True) else " ") + text
        else:
            joined += "\n\n" + text
    return joined


def runs_on(before: Page, after: Page, skip_furniture: bool = False) -> bool:
    """Whether the page break between two pages cuts a paragraph: the first ends mid-sentence
    in a typed line, and the second goes on with a small letter. With `skip_furniture`, a
    page number or running head or foot in between does not count."""
    ends = [ln for ln in before.lines if not (skip_furniture and _furniture(before, ln))]
    starts = [ln for ln in after.lines if not (skip_furniture and _furniture(after, ln))]
    if not ends or not starts:
        return False
    last, first = ends[-1], starts[0]
    printed = RegionType.PRINTED
    if before.region_type(last) != printed or after.region_type(first) != printed:
        return False
    return not SENTENCE_END.search(last.text) and first.text[:1].islower()


def _furniture(page: Page, line: Line) -> bool:
    return page.region_type(line).is_furniture


def without_handwriting(page: Page) -> Page:
    lines = tuple(ln for ln in page.lines if page.region_type(ln) != RegionType.HANDWRITTEN)
    return replace(page, lines=lines)


def _join(match: re.Match[str]) -> str:
    rest = match.group(2)
    if match.group(0)[1] == "-" and not rest[:1].islower():
        if not rest[:1].isalnum():
            return match.group(0)  # "long-" + ", said": a dash, no word broken
        head = match.string[: match.end(1)].rsplit(None, 1)[-1]
        if not (rest[:1].isupper() and head.isupper()):
            # A hyphen before a capital or a digit is the word's own ("anti-" + "Semitic",
            # "pre-" + "1914"): the word joins up with it. A word in capitals
            # ("INTRODUC-" + "TION") is broken like any other.
            return f"{match.group(1)}-{rest}\n"
    return f"{match.group(1)}{rest}\n"


# A typed page number ("- 3 -") that OCR missed and a transcript put back lands at the start
# of the page's first line.
LEADING_PAGE_NUMBER = re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]\s+(?=\S)")


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
            if not page.region_type(line).is_furniture
            and not PAGE_NUMBER.match(line.text.strip())
            and not (id(line) in edges and ends[_head_key(line)] > 1)
        )
        if kept and LEADING_PAGE_NUMBER.match(kept[0].text):
            first = kept[0]
            cut = len(LEADING_PAGE_NUMBER.match(first.text).group().split())  # type: ignore[union-attr]
            kept = (replace(first, words=first.words[cut:]), *kept[1:])
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
