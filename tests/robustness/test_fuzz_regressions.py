"""Regression tests for the bugs fuzzing found: each input crashed a reader before its fix."""

from __future__ import annotations

import io
import math
import struct
from pathlib import Path

import pytest
from PIL import Image

from corrigenda.checks.names import parse_name_list
from corrigenda.errors import InputError
from corrigenda.formats.common import box_from_points
from corrigenda.formats.ocrimport import read_file
from corrigenda.formats.registry import ImportedFile
from corrigenda.ocr.inputs import Skipped, load_pages
from tests.robustness.fuzzing import TSV

ALTO = """<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout>
<Page ID="p1" WIDTH="{width}" HEIGHT="80"><PrintSpace><TextBlock ID="b1"><TextLine ID="l1">
<String ID="s1" CONTENT="Brezhnev" HPOS="{hpos}" VPOS="10" WIDTH="40" HEIGHT="20" WC="{wc}"/>
</TextLine></TextBlock></PrintSpace></Page></Layout></alto>"""
HOCR = """<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class="ocr_page" title="bbox 0 0 {x1} 80"><span class="ocr_line" title="bbox 0 0 9 9">
<span class="ocrx_word" title="bbox {bbox}; x_wconf {conf}">Brezhnev</span>
</span></div></body></html>"""
PAGE = """<?xml version="1.0" encoding="UTF-8"?>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">
<Page imageFilename="a.png" imageWidth="{width}" imageHeight="80"><TextRegion id="r1">
<TextLine id="l1"><Coords points="{points}"/><Word id="w1"><Coords points="{points}"/>
<TextEquiv index="{index}" conf="{conf}"><Unicode>Brezhnev</Unicode></TextEquiv></Word>
</TextLine></TextRegion></Page></PcGts>"""


def _read(tmp_path: Path, name: str, text: str) -> ImportedFile:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    item = read_file(path)
    assert isinstance(item, ImportedFile)
    return item


def _word(item: ImportedFile) -> tuple[object, float | None]:
    word = item.pages[0].lines[0].words[0]
    return word.bbox, word.conf


def test_hocr_infinite_bbox_and_nan_confidence(tmp_path: Path) -> None:
    """Was OverflowError (int(float('1e999'))), and a NaN confidence passed on."""
    item = _read(tmp_path, "a.hocr", HOCR.format(x1="1e999", bbox="0 0 1e999 5", conf="nan"))
    assert _word(item) == (None, None)
    assert item.pages[0].width is None


def test_alto_huge_nan_and_infinite_numbers(tmp_path: Path) -> None:
    """Was OverflowError/ValueError (round of inf/nan) and boxes 10^20 pixels wide."""
    item = _read(tmp_path, "a.xml", ALTO.format(width="inf", hpos="1e20", wc="nan"))
    box, conf = _word(item)
    assert conf is None and item.pages[0].width is None
    assert box is not None and box.x1 <= 10**7


def test_page_non_numeric_index_and_infinite_confidence(tmp_path: Path) -> None:
    """Was ValueError on index='1 2 3' and on imageWidth='nan'; conf '-inf' passed on."""
    text = PAGE.format(width="nan", points="1e999,1 2,2", index="1 2 3", conf="-inf")
    item = _read(tmp_path, "a.xml", text)
    assert _word(item) == (None, None)
    assert item.pages[0].width is None


@pytest.mark.parametrize("points", ["nan,nan 1,1", "a,b", "1e999,1 2,2", "-3,-4 -1,-2"])
def test_polygon_points_never_raise(points: str) -> None:
    box = box_from_points(points)
    assert box is None or min(box.as_list()) >= 0


@pytest.mark.parametrize(
    ("column", "value"), [("conf", "inf"), ("left", "99999999999"), ("width", "-40")]
)
def test_tesseract_tsv_with_impossible_numbers(tmp_path: Path, column: str, value: str) -> None:
    """An infinite confidence was passed on; an off-page box was accepted."""
    header, *rows = TSV.splitlines()
    index = header.split("\t").index(column)
    cells = rows[-1].split("\t")
    cells[index] = value
    path = tmp_path / "a.tsv"
    path.write_text("\n".join([header, *rows[:-1], "\t".join(cells)]) + "\n")
    try:
        item = read_file(path)
    except InputError as exc:
        assert "a.tsv" in exc.message
        return
    assert isinstance(item, ImportedFile)
    assert all(
        w.conf is None or math.isfinite(w.conf) for line in item.pages[0].lines for w in line.words
    )


def test_csv_name_list_with_bare_carriage_return_and_huge_field() -> None:
    """Was csv.Error ('new-line character seen in unquoted field', 'field larger than ...')."""
    names = parse_name_list("id,name\n1,L.I. Brezhnev\r2,A.A. Gromyko\n", "n.csv")
    assert [e.preferred for e in names.entries] == ["L.I. Brezhnev", "A.A. Gromyko"]
    huge = parse_name_list("id,name\n1,Gromyko\n2," + "x" * 200_000 + "\n", "n.csv")
    assert [e.preferred for e in huge.entries] == ["Gromyko"]
    assert "n.csv line 3: broken CSV" in huge.problems[0]


def test_plain_name_list_line_of_a_million_variants_is_skipped() -> None:
    """Split into variants first, a 50 MB line made an index of millions of names (minutes,
    gigabytes); it is now refused as one over-long line."""
    line = " | ".join(f"N{i}" for i in range(200_000))
    names = parse_name_list(f"Moscow\n{line}\n", "n.txt")
    assert [e.preferred for e in names.entries] == ["Moscow"]
    assert "n.txt line 2:" in names.problems[0]


def _two_frame_tiff_with_damaged_second(tag: int, new_tag: int, new_value: int) -> bytes:
    """A two-frame TIFF whose second frame has `tag` renumbered and given `new_value`."""
    frames = [Image.new("L", (20, 10), 255), Image.new("L", (20, 10), 0)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    data = bytearray(buffer.getvalue())
    first = struct.unpack("<I", data[4:8])[0]
    count = struct.unpack("<H", data[first : first + 2])[0]
    second = struct.unpack("<I", data[first + 2 + 12 * count : first + 6 + 12 * count])[0]
    for i in range(struct.unpack("<H", data[second : second + 2])[0]):
        at = second + 2 + 12 * i
        if struct.unpack("<H", data[at : at + 2])[0] == tag:
            data[at : at + 2] = struct.pack("<H", new_tag)
            data[at + 8 : at + 10] = struct.pack("<H", new_value)
    return bytes(data)


@pytest.mark.parametrize(
    ("tag", "new_tag", "new_value"),
    [(256, 65000, 20), (259, 259, 10825)],  # no ImageWidth; Compression 10825 (none such)
    ids=["missing-dimensions", "unknown-compression"],
)
def test_tiff_with_a_damaged_later_frame_is_skipped_by_name(
    tmp_path: Path, tag: int, new_tag: int, new_value: int
) -> None:
    """Pillow raised TypeError('Missing dimensions') and KeyError(10825) out of the loader."""
    path = tmp_path / "damaged.tif"
    path.write_bytes(_two_frame_tiff_with_damaged_second(tag, new_tag, new_value))
    skipped: list[Skipped] = []
    list(load_pages([path], skipped=skipped))
    assert [s.path.name for s in skipped] == ["damaged.tif"]
    assert "damaged.tif is damaged" in skipped[0].reason
