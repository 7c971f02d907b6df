"""How each page was read, for people: the clean-up variant chosen and the confidence before
and after (from the record corrigenda.ocr.choice puts in the OCR run's params), and the page
"as read", the cleaned image derived again from the original bytes, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from corrigenda.ocr import cleanup
from corrigenda.store.reading import ProjectReader


@dataclass(frozen=True)
class ReadingSummary:
    """One page's reading: `variant` None means the scan was read as it is."""

    cleanup: str | None
    variant: str | None
    conf_before: float | None
    conf_after: float | None
    tried: tuple[str, ...] = ()
    lines_read_again: int = 0
    notes: tuple[str, ...] = ()
    voted: int = 0  # readings voted on word by word (0: none)

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> ReadingSummary | None:
        """None for OCR from before readings were recorded, or imported OCR."""
        record = params.get("reading")
        if not isinstance(record, dict):
            return None
        before, after = record.get("before") or {}, record.get("after") or {}
        variant = record.get("variant")
        return cls(
            cleanup=record.get("cleanup"),
            variant=variant if isinstance(variant, str) else None,
            conf_before=before.get("conf"),
            conf_after=after.get("conf"),
            tried=tuple(str(t.get("variant")) for t in record.get("tried", [])),
            lines_read_again=int((record.get("lines") or {}).get("read", 0)),
            notes=tuple(str(n) for n in record.get("notes", [])),
            voted=int((record.get("voted") or {}).get("readings", 0)),
        )

    @property
    def cleaned(self) -> bool:
        return self.variant is not None

    def text(self) -> str:
        """One line: "despeckle, confidence 61.2 → 84.0" or "as scanned, confidence 91.0"."""
        before, after = self.conf_before, self.conf_after
        if self.variant is None:
            text = "as scanned" + (f", confidence {before:.1f}" if before is not None else "")
            if self.tried:
                text += f" (tried {', '.join(self.tried)}; none read it surer)"
        else:
            text = f"cleaned: {self.variant}"
            if before is not None and after is not None:
                text += f", confidence {before:.1f} → {after:.1f}"
            elif after is not None:
                text += f", confidence {after:.1f}"
        if self.lines_read_again:
            n = self.lines_read_again
            text += f", {n} line{'s' if n != 1 else ''} read again"
        if self.voted:
            text += f", {self.voted} readings voted word by word"
        return text


def page_readings(project: ProjectReader) -> dict[int, ReadingSummary]:
    """Every OCRed page's reading, by page id (pages without a record are left out)."""
    found = {}
    for page_id, params in project.ocr_params().items():
        summary = ReadingSummary.from_params(params)
        if summary is not None:
            found[page_id] = summary
    return found


def as_read(data: bytes, variant: str) -> np.ndarray:
    """The page as the engine read it under `variant`, as 8-bit grey pixels in the original
    image's geometry (a deskewed or upscaled variant is mapped back), so word boxes, which are
    on the original, still fit. Deterministic: the same bytes and variant give the same pixels.
    Raises ValueError (a CleanupError, or an unknown variant) when it cannot be made."""
    original = cleanup.grey(data)
    cleaned = cleanup.apply(original, cleanup.variant(variant))
    if not cleaned.moved:
        return np.ascontiguousarray(cleaned.pixels)
    height, width = original.shape
    inverse = cv2.invertAffineTransform(cleaned.matrix)
    back = cv2.warpAffine(
        cleaned.pixels,
        inverse,
        (width, height),
        flags=cv2.INTER_AREA,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )
    return np.ascontiguousarray(back)
