"""Confidence: words the OCR engine itself doubted, in two levels (low, doubtful).

Thresholds come from the project (setting "confidence") or the user's settings. Alone, a
doubtful word is a weak sign; with another check's flag on the same word, it strengthens it
(the flagger combines scores).
"""

from __future__ import annotations

from collections.abc import Iterator

from corrigenda.checks.context import CheckContext, LineContext, core
from corrigenda.checks.flag import Flag
from corrigenda.checks.registry import make_flag, register


@register
class ConfidenceCheck:
    name = "confidence"
    kinds = ("confidence",)
    description = "words the OCR engine reported with low or doubtful confidence"

    def check_line(self, line: LineContext, context: CheckContext) -> Iterator[Flag]:
        low, doubtful = context.thresholds.low, context.thresholds.doubtful
        for token in line.tokens:
            conf = token.conf
            if conf is None or conf < 0 or conf >= doubtful or not core(token.text):
                continue
            if conf < low:
                level, score = "low", 0.3 + 0.3 * (low - conf) / max(low, 1)
            else:
                level, score = "doubtful", 0.1 + 0.1 * (doubtful - conf) / max(doubtful - low, 1)
            yield make_flag(
                line,
                token,
                token,
                "confidence",
                score,
                f"{level} OCR confidence ({conf:.0f}%)",
                [],
                self.name,
            )
