"""The document model: plain dataclasses for pages, lines, words and their boxes.

Nothing here knows about SQLite, Tesseract or Qt. Lines and words carry ids that are stable
within their page, so flags, events and the GUI can point at them across edits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


@dataclass(frozen=True, slots=True)
class BBox:
    """A box in image pixels: left, top, right (exclusive), bottom (exclusive)."""

    x0: int
    y0: int
    x1: int
    y1: int

    def __post_init__(self) -> None:
        if self.x1 < self.x0 or self.y1 < self.y0:
            raise ValueError(f"box has negative size: {self}")

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def area(self) -> int:
        return self.width * self.height

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def intersection_area(self, other: BBox) -> int:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0

    def as_list(self) -> list[int]:
        return [self.x0, self.y0, self.x1, self.y1]

    @classmethod
    def enclosing(cls, boxes: Sequence[BBox | None]) -> BBox | None:
        result: BBox | None = None
        for box in boxes:
            if box is not None:
                result = box if result is None else result.union(box)
        return result


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the image said about a word besides its text: the raw material for checks.

    `readings` are other readings of the same ink (from clean-up variants or a re-read of the
    line), each with the engine's confidence in percent, best first. `choices` has one entry per
    character of the text the engine gave: its alternatives for that character with their
    probabilities in [0, 1], best first (Tesseract's LSTM choices). Either may be empty.
    """

    readings: tuple[tuple[str, float], ...] = ()
    choices: tuple[tuple[tuple[str, float], ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.readings or self.choices)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.readings:
            data["r"] = [[text, conf] for text, conf in self.readings]
        if self.choices:
            data["c"] = [[[ch, p] for ch, p in position] for position in self.choices]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        return cls(
            readings=tuple((str(t), float(c)) for t, c in data.get("r", ())),
            choices=tuple(
                tuple((str(ch), float(p)) for ch, p in position) for position in data.get("c", ())
            ),
        )


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a line: its current text, its box on the image (None if it has none yet),
    the OCR engine's confidence in percent (None when a person typed it), and what else the
    image said about it (None when nothing was kept)."""

    id: int
    text: str
    bbox: BBox | None = None
    conf: float | None = None
    evidence: Evidence | None = None

    def __post_init__(self) -> None:
        if self.text.split() != [self.text]:  # empty, or with a space (str.isspace's)
            raise ValueError(f"a word is one non-empty token without spaces: {self.text!r}")

    def to_json(self) -> list[Any]:
        # Four items when there is no evidence, so files and hashes from before evidence hold.
        data = [self.id, self.text, self.bbox.as_list() if self.bbox else None, self.conf]
        if self.evidence:
            data.append(self.evidence.to_json())
        return data

    @classmethod
    def from_json(cls, data: Sequence[Any]) -> Word:
        word_id, text, box, conf = data[:4]
        evidence = Evidence.from_json(data[4]) if len(data) > 4 and data[4] else None
        return cls(int(word_id), str(text), BBox(*box) if box else None, conf, evidence)


@dataclass(frozen=True, slots=True)
class Line:
    """A text line in reading order. `block` and `paragraph` number the layout it sits in;
    `region` is the id of the page's region it belongs to (None: the page's body)."""

    id: int
    words: tuple[Word, ...]
    bbox: BBox | None = None
    block: int = 0
    paragraph: int = 0
    region: int | None = None

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "bbox": self.bbox.as_list() if self.bbox else None,
            "block": self.block,
            "paragraph": self.paragraph,
            "words": [word.to_json() for word in self.words],
        }
        if self.region is not None:  # only when set, so files and hashes from before hold
            data["region"] = self.region
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Line:
        box = data.get("bbox")
        region = data.get("region")
        return cls(
            id=int(data["id"]),
            words=tuple(Word.from_json(w) for w in data["words"]),
            bbox=BBox(*box) if box else None,
            block=int(data.get("block", 0)),
            paragraph=int(data.get("paragraph", 0)),
            region=int(region) if region is not None else None,
        )


class RegionType(str, Enum):
    """What a region of a page holds, and so who reads it.

    Printed text is read by OCR; handwritten text is transcribed by a person (re-OCR never
    touches it); furniture (page number, running head or foot) is printed but not part of the
    running text; marks (stamp, signature, figure) are described, not transcribed.
    """

    PRINTED = "printed"
    HANDWRITTEN = "handwritten"
    PAGE_NUMBER = "page-number"
    RUNNING_HEAD = "running-head"
    RUNNING_FOOT = "running-foot"
    STAMP = "stamp"
    SIGNATURE = "signature"
    FIGURE = "figure"

    @property
    def is_furniture(self) -> bool:
        return self in (RegionType.PAGE_NUMBER, RegionType.RUNNING_HEAD, RegionType.RUNNING_FOOT)

    @property
    def is_mark(self) -> bool:
        return self in (RegionType.STAMP, RegionType.SIGNATURE, RegionType.FIGURE)

    @property
    def ocr_keeps_out(self) -> bool:
        """OCR's words never land here: a person's transcription or a mark's description."""
        return self == RegionType.HANDWRITTEN or self.is_mark


@dataclass(frozen=True, slots=True)
class Region:
    """A typed area of a page. `description` says what a mark shows (marks have no text).
    A handwritten region without a box holds notes not placed on the image yet (a transcript
    brought them), for the transcriber to place."""

    id: int
    type: RegionType
    bbox: BBox | None
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        box = self.bbox.as_list() if self.bbox else None
        data: dict[str, Any] = {"id": self.id, "type": self.type.value, "bbox": box}
        if self.description:
            data["description"] = self.description
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Region:
        return cls(
            int(data["id"]),
            RegionType(data["type"]),
            BBox(*data["bbox"]) if data.get("bbox") else None,
            str(data.get("description", "")),
        )


class PageStatus(str, Enum):
    """Where a page is in its life, from scan to approval."""

    NEW = "new"  # not OCRed yet
    OCRED = "ocred"
    TRANSCRIBED = "transcribed"  # a person has edited it
    IN_REVIEW = "in-review"
    APPROVED = "approved"
    RETURNED = "returned"  # sent back to the transcriber with a note


def status_after_edit(status: str) -> PageStatus:
    """A page's status once one of its lines is edited: a signed-off page goes back to
    review, a page in review stays there, any other (new, OCRed, transcribed, returned, or a
    value no Corrigenda wrote) becomes transcribed. The store's write path sets it, and
    review/replay.py rebuilds it, with this one rule."""
    if status in (PageStatus.APPROVED, PageStatus.IN_REVIEW):
        return PageStatus.IN_REVIEW
    return PageStatus.TRANSCRIBED


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Where a line sits in the page's plain text (character offsets, end exclusive)."""

    line_id: int
    start: int
    end: int


@dataclass(frozen=True)
class Page:
    """A scanned page with its current transcript."""

    id: int
    number: int  # 1-based position in the document
    name: str  # the image's original file name (or "file.pdf#3")
    width: int
    height: int
    dpi: int | None = None
    lines: tuple[Line, ...] = ()
    status: PageStatus = PageStatus.NEW
    regions: tuple[Region, ...] = ()

    def line(self, line_id: int) -> Line:
        for line in self.lines:
            if line.id == line_id:
                return line
        raise KeyError(f"page {self.number} has no line {line_id}")

    def words(self) -> Iterator[Word]:
        for line in self.lines:
            yield from line.words

    def region(self, region_id: int | None) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)

    def region_type(self, line: Line) -> RegionType:
        """The type of the region a line belongs to; the body is printed text."""
        region = self.region(line.region) if line.region is not None else None
        return region.type if region else RegionType.PRINTED

    def text(self) -> str:
        return self.layout()[0]

    def layout(self) -> tuple[str, list[TextSpan]]:
        """The page's plain text and where each line is in it.

        Lines are joined by a newline; a blank line separates paragraphs. Handwriting is
        marked *like this* around each handwritten region's lines, as archives transcribe
        it. This is the one definition of a page's text: the text export and the flags'
        offsets both use it.
        """
        parts: list[str] = []
        spans: list[TextSpan] = []
        offset = 0
        previous: tuple[int, int] | None = None
        hand = {r.id for r in self.regions if r.type == RegionType.HANDWRITTEN}
        regions = [line.region if line.region in hand else None for line in self.lines]
        for i, line in enumerate(self.lines):
            separator = ""
            if previous is not None:
                separator = "\n\n" if (line.block, line.paragraph) != previous else "\n"
            note = regions[i]
            opens = note is not None and (i == 0 or regions[i - 1] != note)
            closes = note is not None and (i + 1 == len(self.lines) or regions[i + 1] != note)
            separator += "*" if opens else ""
            offset += len(separator)
            text = line.text
            parts.append(separator + text + ("*" if closes else ""))
            spans.append(TextSpan(line.id, offset, offset + len(text)))
            offset += len(text) + closes
            previous = (line.block, line.paragraph)
        return "".join(parts), spans


@dataclass(frozen=True)
class PageImage:
    """A page's scan as stored in the project: the file's own bytes and what they show."""

    name: str
    data: bytes = field(repr=False)
    format: str  # PNG, JPEG, TIFF
    width: int
    height: int
    dpi: int | None
    sha256: str


@dataclass(frozen=True)
class OcrRun:
    """What an OCR engine (or an imported file) said about a page, before anyone edited it."""

    engine: str
    engine_version: str
    languages: str
    params: dict[str, Any]
    raw: str  # the engine's own output, kept for provenance
    lines: tuple[Line, ...]

    @property
    def mean_conf(self) -> float | None:
        confs = [w.conf for line in self.lines for w in line.words if w.conf is not None]
        return sum(confs) / len(confs) if confs else None


@dataclass(frozen=True)
class Document:
    """All pages of a project in reading order."""

    title: str
    pages: tuple[Page, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """The document's plain text: pages separated by a form feed."""
        return "\f".join(page.text() for page in self.pages)
