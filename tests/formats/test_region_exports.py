"""Regions in the exports: handwriting *...* in text (or left out), TEI notes in another hand
and <fw>, PAGE region types, ALTO tags, hOCR floats; a paragraph flowing over a page break
with --join-pages; all still valid against the official schemas."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from corrigenda.model import BBox, Line, OcrRun, PageImage, RegionType, Word
from corrigenda.store import Project, Source

from .conftest import Export

KEYS = Source("keyboard")
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _image(name: str) -> PageImage:
    buffer = io.BytesIO()
    Image.new("L", (600, 300), 255).save(buffer, format="PNG")
    data = buffer.getvalue()
    return PageImage(name, data, "PNG", 600, 300, 300, hashlib.sha256(data).hexdigest())


def _run(rows: list[tuple[str, int, int]]) -> OcrRun:
    """(text, y, paragraph) rows; a token starting with '~' is written in the margin."""
    lines = []
    for n, (text, y, paragraph) in enumerate(rows, start=1):
        words, x = [], 20
        for token in text.split():
            if token.startswith("~"):
                token, x = token[1:], max(x, 470)
            words.append(
                Word(100 * n + len(words), token, BBox(x, y, x + 9 * len(token), y + 18), 90.0)
            )
            x += 9 * len(token) + 8
        lines.append(Line(n, tuple(words), BBox.enclosing([w.bbox for w in words]), 1, paragraph))
    return OcrRun("test", "1", "eng", {}, "", tuple(lines))


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "regions.corrigenda"
    with Project.create(path, [_image("a.png"), _image("b.png")]) as made:
        first, second = (info.id for info in made.pages())
        made.set_ocr(
            first,
            _run(
                [
                    ("Objectively there exist prerequisites. ~Oral.", 20, 0),
                    ("The course of events itself poses", 60, 1),
                    ("the task of peace in the Middle East. Moscow", 100, 1),
                    ("3.", 260, 2),
                ]
            ),
            Source("ocr"),
        )
        made.set_ocr(second, _run([("believes that it is dangerous.", 40, 0)]), Source("ocr"))
        made.add_region(first, RegionType.HANDWRITTEN, BBox(460, 10, 590, 45), KEYS)
        made.add_region(first, RegionType.PAGE_NUMBER, BBox(0, 250, 100, 290), KEYS)
        made.add_region(second, RegionType.STAMP, BBox(400, 200, 580, 280), KEYS, "RECEIVED")
    yield path


def test_text_marks_handwriting_and_flows_over_the_page_break(
    project: Path, export: Export
) -> None:
    plain = export(project, "text").decode()
    assert plain.split("\f")[0].split("\n\n") == [
        "Objectively there exist prerequisites.",
        "*Oral.*",
        "The course of events itself poses\nthe task of peace in the Middle East. Moscow",
        "3.",
    ]
    assert "Oral" not in export(project, "text", handwriting=False).decode()
    joined = export(project, "text", join_pages=True, drop_running_heads=True).decode()
    assert joined.endswith("Middle East. Moscow\nbelieves that it is dangerous.\n")
    apart = export(project, "text", join_pages=True, line_breaks=False).decode()
    assert "Moscow\n\n3.\n\nbelieves" in apart  # the page number stands between them


def test_a_furniture_region_is_a_running_head_whatever_it_reads(
    project: Path, export: Export
) -> None:
    with Project.open(project) as opened:
        first = opened.pages()[0].id
        line = next(ln for ln in opened.page(first).lines if ln.text == "3.")
        from corrigenda.store import LineEdit

        opened.edit_lines([LineEdit(first, line.id, "3.", "Memorandum, third leaf")], KEYS)
    text = export(project, "text", drop_running_heads=True).decode()
    assert "third leaf" not in text and "Moscow" in text


def test_tei_notes_in_another_hand_fw_figure_and_pb_inside_the_paragraph(
    project: Path, export: Export
) -> None:
    tei = etree.fromstring(export(project, "tei", join_pages=True))
    note = tei.find(".//t:note[@type='handwritten']", TEI_NS)
    assert note is not None and note.get("place") == "margin"
    assert note.find("t:add", TEI_NS).get("hand") == "#hand-notes"
    hand = tei.find(".//t:profileDesc/t:handNotes/t:handNote", TEI_NS)
    assert hand is not None and hand.get("{http://www.w3.org/XML/1998/namespace}id") == "hand-notes"
    assert tei.find(".//t:fw[@type='pageNum']", TEI_NS) is not None
    assert tei.findtext(".//t:figure[@type='stamp']/t:figDesc", namespaces=TEI_NS) == "RECEIVED"
    inside = tei.find(".//t:p/t:pb", TEI_NS)
    assert inside is not None and inside.get("n") == "2"
    words = [w.text for w in inside.getparent().iter("{http://www.tei-c.org/ns/1.0}w")]
    assert words[-5:] == ["believes", "that", "it", "is", "dangerous."]


@pytest.mark.shared
def test_region_exports_are_schema_valid(
    project: Path,
    export: Export,
    alto_schema: etree.XMLSchema,
    page_schema: etree.XMLSchema,
    tei_lite: etree.RelaxNG,
) -> None:
    alto = etree.fromstring(export(project, "alto"))
    assert alto_schema.validate(alto), alto_schema.error_log
    ns = {"a": "http://www.loc.gov/standards/alto/ns-v4#"}
    labels = {t.get("ID"): t.get("LABEL") for t in alto.iterfind(".//a:LayoutTag", ns)}
    assert set(labels.values()) == {"handwritten", "page-number", "stamp"}
    tagged = [labels[b.get("TAGREFS")] for b in alto.iterfind(".//a:TextBlock[@TAGREFS]", ns)]
    assert tagged == ["handwritten", "page-number"]
    assert alto.find(".//a:Illustration[@TYPE='stamp']", ns) is not None

    import zipfile

    with zipfile.ZipFile(io.BytesIO(export(project, "page"))) as bundle:
        first, second = (etree.fromstring(bundle.read(n)) for n in sorted(bundle.namelist()))
    for page in (first, second):
        assert page_schema.validate(page), page_schema.error_log
    types = [r.get("type") for r in first.iter("{*}TextRegion")]
    assert types == ["paragraph", "marginalia", "paragraph", "page-number"]
    assert second.find(".//{*}GraphicRegion").get("type") == "stamp"

    tei = etree.fromstring(export(project, "tei", join_pages=True))
    tei.remove(tei.find("t:facsimile", TEI_NS))
    # TEI Lite lacks handNotes and fw (full TEI has them; lxml takes too long to compile
    # tei_all.rng for a test): the rest must be valid TEI Lite.
    profile = tei.find(".//t:profileDesc", TEI_NS)
    profile.getparent().remove(profile)
    for fw in tei.findall(".//t:fw", TEI_NS):
        fw.getparent().remove(fw)
    assert tei_lite.validate(tei), tei_lite.error_log


def test_hocr_floats_page_numbers_and_images(project: Path, export: Export) -> None:
    hocr = export(project, "hocr").decode()
    assert "ocr_textfloat" in hocr and "ocr_pageno" in hocr and "ocr_image" in hocr


def test_json_carries_the_regions(project: Path, export: Export) -> None:
    import json

    first = json.loads(export(project, "json"))["pages"][0]
    assert [r["type"] for r in first["regions"]] == ["handwritten", "page-number"]
    note = next(line for line in first["lines"] if line.get("region") == 1)
    assert [w[1] for w in note["words"]] == ["Oral."]


def test_drop_running_heads_takes_a_page_number_off_the_first_line() -> None:
    from corrigenda.formats.text import export_text
    from corrigenda.model import Page

    def line(line_id: int, *tokens: str) -> Line:
        return Line(line_id, tuple(Word(10 * line_id + i, t) for i, t in enumerate(tokens)))

    page = Page(1, 1, "p.png", 100, 100, lines=(line(1, "-", "3", "-", "believes", "that"),))
    assert export_text([page], {"drop_running_heads": True}) == "believes that"
    listed = Page(1, 1, "p.png", 100, 100, lines=(line(1, "3.", "The", "first", "point"),))
    assert export_text([listed], {"drop_running_heads": True}) == "3. The first point"


@pytest.mark.shared
def test_tei_with_regions_is_valid_full_tei(
    project: Path, export: Export, shared_data: Path, tmp_path: Path
) -> None:
    """Against tei_all (handNote and fw are not in TEI Lite), with jing: lxml takes minutes
    to compile tei_all.rng. Skips where jing (Debian package jing) is not installed."""
    import shutil
    import subprocess

    if shutil.which("jing") is None:
        pytest.skip("jing (Debian package jing) is not installed")
    out = tmp_path / "regions.tei.xml"
    out.write_bytes(export(project, "tei", join_pages=True))
    schema = shared_data / "schemas" / "tei" / "tei_all.rng"
    done = subprocess.run(["jing", str(schema), str(out)], capture_output=True, text=True)
    errors = [ln for ln in done.stdout.splitlines() if "error" in ln]
    assert done.returncode == 0 and not errors, "\n".join(errors)


def _lines(rows: list[tuple[str, int, int, int]]) -> tuple[Line, ...]:
    """(text, x, y, block) rows of typed lines 40 pixels apart, one paragraph per block."""
    lines = []
    for n, (text, x, y, block) in enumerate(rows, start=1):
        words = tuple(Word(100 * n + i, t) for i, t in enumerate(text.split()))
        lines.append(Line(n, words, BBox(x, y, x + 400, y + 24), block, 0))
    return tuple(lines)


def test_joined_text_mends_the_paragraph_breaks_ocr_guessed_inside_a_page() -> None:
    from corrigenda.formats.text import export_text
    from corrigenda.model import Page

    lines = _lines(
        [
            ("statement which he had received from General Secretary Brezhnev", 20, 100, 1),
            ("to be delivered to President-elect Carter.", 20, 140, 2),  # a small letter
            ("Carter in connection with his election as the President of the", 20, 220, 3),
            ("United States.", 20, 260, 4),  # no sentence end above, no gap, no indent
            ("MEMORANDUM OF A CONVERSATION", 20, 340, 5),  # after a sentence end
            ("AND AMBASSADOR DOBRYNIN, NOVEMBER 19, 1976", 20, 380, 6),
            ("Ambassador Dobrynin telephoned me", 20, 460, 7),  # after a blank line
            ("In the morning", 60, 500, 8),  # indented: a paragraph of its own
        ]
    )
    page = Page(1, 1, "p.png", 600, 600, lines=lines)
    assert export_text([page], {}).count("\n\n") == 7  # the plain export is Page.text()
    assert export_text([page], {"join_pages": True}).split("\n\n") == [
        "statement which he had received from General Secretary Brezhnev\n"
        "to be delivered to President-elect Carter.",
        "Carter in connection with his election as the President of the\nUnited States.",
        "MEMORANDUM OF A CONVERSATION\nAND AMBASSADOR DOBRYNIN, NOVEMBER 19, 1976",
        "Ambassador Dobrynin telephoned me",
        "In the morning",
    ]
    # Without boxes (typed lines), only a small letter after the break mends it.
    bare = Page(
        1,
        1,
        "p.png",
        600,
        600,
        lines=tuple(Line(ln.id, ln.words, None, ln.block, 0) for ln in lines),
    )
    assert export_text([bare], {"join_pages": True}).count("\n\n") == 6


def test_a_paragraphs_first_word_ocr_put_on_the_line_above_goes_back_to_its_line() -> None:
    from corrigenda.formats.transcript import transcript_edits
    from corrigenda.model import Page

    ocr = (
        Line(1, (Word(1, "their"), Word(2, "prospect."), Word(3, "|")), None, 1, 0),
        Line(2, (Word(4, "the"), Word(5, "task"), Word(6, "of")), None, 2, 0),
    )
    page = Page(1, 1, "p.png", 100, 100, lines=ocr)
    edits = transcript_edits([page], "their prospect.\n\nThe task of\n")
    assert {e.line_id: e.after for e in edits} == {1: "their prospect.", 2: "The task of"}


def test_lines_typed_into_a_handwritten_region_get_boxes_from_its_box(
    project: Path, export: Export
) -> None:
    from corrigenda.formats import get_exporter
    from corrigenda.formats.registry import unboxed_warning

    region_box = BBox(300, 100, 580, 180)
    with Project.open(project) as opened:
        second = opened.pages()[1].id
        region, _ = opened.add_region(second, RegionType.HANDWRITTEN, region_box, KEYS)
        opened.add_region_line(second, region.id, "Seen 21/11 76", KEYS)
        opened.add_region_line(second, region.id, "J.C.", KEYS)
        pages = opened.document().pages
    for name in ("alto", "hocr", "pdf", "page"):
        assert unboxed_warning(get_exporter(name), pages) is None, name
    ns = {"a": "http://www.loc.gov/standards/alto/ns-v4#"}
    alto = etree.fromstring(export(project, "alto"))
    seen = alto.find(".//a:String[@CONTENT='Seen']", ns)
    jc = alto.find(".//a:String[@CONTENT='J.C.']", ns)
    assert seen is not None and jc is not None
    for word in (seen, jc):
        x, y = int(word.get("HPOS")), int(word.get("VPOS"))
        assert region_box.x0 <= x < region_box.x1 and region_box.y0 <= y < region_box.y1
    assert int(jc.get("VPOS")) > int(seen.get("VPOS"))  # one strip per line, in order
    block = seen.getparent().getparent()
    assert block.get("HPOS") == str(region_box.x0) and block.get("VPOS") == str(region_box.y0)
    assert "bbox 300 100" in export(project, "hocr").decode()


def test_the_warning_for_unplaced_notes_says_to_draw_their_region(project: Path) -> None:
    from corrigenda.formats import get_exporter
    from corrigenda.formats.registry import unboxed_warning

    with Project.open(project) as opened:
        second = opened.pages()[1].id
        region, _ = opened.add_region(second, RegionType.HANDWRITTEN, None, KEYS)
        opened.add_region_line(second, region.id, "Oral.", KEYS)
        pages = opened.document().pages
    warning = unboxed_warning(get_exporter("pdf"), pages)
    assert warning is not None and "draw each note's region" in warning
    assert "OCR the pages again" not in warning
