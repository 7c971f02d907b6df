"""The flag kinds' colours for colour-blind users: measured, not assumed.

Each colour is simulated as a person with deuteranopia, protanopia or tritanopia sees it
(Machado, Oliveira and Fernandes 2009, severity 100, as colorspacious implements it) and
compared in CAM02-UCS (Luo et al. 2006), where a distance of about 1 is just noticeable on
large patches; an underline is a thin line, so the bars are far higher:

- two kinds with the same underline pattern: at least SAME apart for every vision (nothing
  else tells them apart);
- any two kinds, with normal vision: at least DIFFERENT apart (no colour means two kinds);
- every kind and the scan's "typed by a person" grey: at least SAME apart for every vision;
- every kind and the editor's background, light or dark: at least BACKGROUND apart for
  every vision (and the WCAG contrast of 3 that test_settings_lists checks);
- the scan's boxes: two with the same line at least SAME apart for every vision, and the
  flag kinds at least SCAN apart from them with normal vision.

Every registered kind, and `reading` (the second readings' kind), must have a style.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert
from PySide6.QtGui import QColor

from corrigenda import checks
from corrigenda.gui.flags.model import KIND_STYLES, kind_colour, kind_pattern
from corrigenda.gui.scan.page_view import BOX_LINES, LEGEND, TYPED

SAME, DIFFERENT, BACKGROUND, SCAN = 15.0, 10.0, 20.0, 8.0
VISIONS = ("normal", "deuteranomaly", "protanomaly", "tritanomaly")  # at severity 100
BACKGROUNDS = ("#ffffff", "#1e1e1e", "#2b2b2b")  # light, and the docs' and Fusion's dark


def seen(colour: QColor, vision: str) -> np.ndarray:
    """`colour` in CAM02-UCS as a person with `vision` sees it."""
    rgb = np.array([colour.redF(), colour.greenF(), colour.blueF()])
    if vision != "normal":
        space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)
    return np.asarray(cspace_convert(rgb, "sRGB1", "CAM02-UCS"))


def distance(a: QColor, b: QColor, vision: str) -> float:
    return float(np.linalg.norm(seen(a, vision) - seen(b, vision)))


def kinds() -> list[str]:
    return sorted(set(checks.all_kinds()) | {"reading"})


def test_every_kind_has_a_colour_and_a_pattern_of_its_own() -> None:
    missing = [k for k in kinds() if k not in KIND_STYLES]
    assert missing == [], f"kinds without a colour and pattern: {missing}"
    colours = [colour.lower() for colour, _pattern in KIND_STYLES.values()]
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize("base", BACKGROUNDS)
def test_kinds_are_told_apart_by_colour_or_pattern_in_every_vision(qapp, base: str) -> None:
    background = QColor(base)
    colours = {kind: kind_colour(kind, background) for kind in kinds()}
    failures = []
    for vision in VISIONS:
        for a, b in itertools.combinations(kinds(), 2):
            d = distance(colours[a], colours[b], vision)
            if kind_pattern(a) == kind_pattern(b) and d < SAME:
                failures.append(f"{a}/{b} ({kind_pattern(a)}) {vision}: {d:.1f}")
            if vision == "normal" and d < DIFFERENT:
                failures.append(f"{a}/{b} look alike: {d:.1f}")
        for kind, colour in colours.items():
            if (d := distance(colour, TYPED, vision)) < SAME:
                failures.append(f"{kind}/typed by a person {vision}: {d:.1f}")
            if (d := distance(colour, background, vision)) < BACKGROUND:
                failures.append(f"{kind} on {base} {vision}: {d:.1f}")
    assert failures == [], "; ".join(failures)


def test_the_scan_boxes_are_told_apart_and_differ_from_the_kinds(qapp) -> None:
    boxes = [colour for colour, _meaning in LEGEND]
    failures = []
    for vision in VISIONS:
        for a, b in itertools.combinations(boxes, 2):
            d = distance(a, b, vision)
            if BOX_LINES[a.name()] == BOX_LINES[b.name()] and d < SAME:
                failures.append(f"{a.name()}/{b.name()} {vision}: {d:.1f}")
    white = QColor("#ffffff")
    for kind in kinds():
        for box in boxes:
            if (d := distance(kind_colour(kind, white), box, "normal")) < SCAN:
                failures.append(f"{kind} looks like the scan's {box.name()}: {d:.1f}")
    assert failures == [], "; ".join(failures)


def test_a_failing_pair_is_caught() -> None:
    # The measure itself: red and green, far apart for most, close for a deuteranope.
    red, green = QColor("#d62728"), QColor("#2ca02c")
    assert distance(red, green, "normal") > 2 * distance(red, green, "deuteranomaly")
    assert distance(red, green, "deuteranomaly") < SAME
