"""Regions through the one write path: each change an event that verify replays and checks,
bad boxes refused with nothing changed, and re-OCR never touching handwriting."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from corrigenda.errors import UsageError
from corrigenda.model import BBox, Line, OcrRun, PageImage, RegionType, Word
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

KEYS = Source("keyboard")


def _image() -> PageImage:
    buffer = io.BytesIO()
    Image.new("L", (600, 300), 255).save(buffer, format="PNG")
    data = buffer.getvalue()
    return PageImage("p.png", data, "PNG", 600, 300, 300, hashlib.sha256(data).hexdigest())


def _run(extra: str = "") -> OcrRun:
    """Three body lines; the second has two margin words spliced on (x >= 450); a page
    number line at the foot."""
    rows = [
        ("between our two countries", 20),
        ("will develop in a positive, by Me. Harrinan" + extra, 60),
        ("constructive spirit as it was", 100),
        ("3.", 260),
    ]
    lines, word_id = [], 1
    for n, (text, y) in enumerate(rows, start=1):
        words, x = [], 20
        for token in text.split():
            if token == "by":
                x = 460  # the note in the right margin
            words.append(Word(word_id, token, BBox(x, y, x + 9 * len(token), y + 18), 90.0))
            word_id += 1
            x += 9 * len(token) + 8
        lines.append(Line(n, tuple(words), BBox.enclosing([w.bbox for w in words]), 1, n // 4))
    return OcrRun("test", "1", "eng", {}, "", tuple(lines))


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    path = tmp_path / "r.corrigenda"
    with Project.create(path, [_image()]) as made:
        page_id = made.pages()[0].id
        made.set_ocr(page_id, _run(), Source("ocr"))
    opened = Project.open(path)
    yield opened
    opened.close()


def _ok(project: Project) -> None:
    report = verify(project.path)
    assert report.ok, report.first_problem


def test_handwriting_takes_the_spliced_words_out_of_the_body_line(project: Project) -> None:
    page_id = project.pages()[0].id
    region, event = project.add_region(
        page_id, RegionType.HANDWRITTEN, BBox(450, 50, 590, 90), Source("handwriting")
    )
    page = project.page(page_id)
    assert [line.text for line in page.lines] == [
        "between our two countries",
        "will develop in a positive,",
        "constructive spirit as it was",
        "by Me. Harrinan",  # after the paragraph beside it, which it never splits
        "3.",
    ]
    note = page.lines[3]
    assert note.region == region.id and page.region_type(note) == RegionType.HANDWRITTEN
    assert page.lines[1].bbox is not None and page.lines[1].bbox.x1 < 450  # shrunk to its words
    assert event.location["words"] == [w.id for w in note.words]
    assert page.text().split("\n\n")[1] == "*by Me. Harrinan*"  # a paragraph of its own
    _ok(project)
    project.close()


def test_region_retyped_moved_and_deleted_are_events_verify_replays(project: Project) -> None:
    page_id = project.pages()[0].id
    region, _ = project.add_region(page_id, RegionType.PRINTED, BBox(0, 250, 100, 290), KEYS)
    assert project.page(page_id).lines[-1].region == region.id
    project.retype_region(page_id, region.id, RegionType.PAGE_NUMBER, KEYS)
    assert project.page(page_id).region(region.id).type == RegionType.PAGE_NUMBER  # type: ignore[union-attr]
    project.move_region(page_id, region.id, BBox(300, 250, 400, 290), KEYS)
    assert project.page(page_id).lines[-1].region is None  # "3." is no longer inside
    project.move_region(page_id, region.id, BBox(0, 240, 120, 299), KEYS)
    assert project.page(page_id).lines[-1].region == region.id
    _ok(project)
    project.delete_region(page_id, region.id, KEYS)
    page = project.page(page_id)
    assert page.regions == () and page.lines[-1].region is None
    kinds = [e.kind for e in project.events(page_id)][-5:]
    assert kinds == ["region-add", "region-retype", "region-move", "region-move", "region-remove"]
    _ok(project)
    project.close()


@pytest.mark.parametrize(
    ("box", "message"),
    [
        (BBox(550, 10, 700, 40), "outside the page"),
        (BBox(10, 10, 10, 40), "zero width or height"),
        (BBox(0, 240, 50, 280), "overlaps region 1"),
    ],
)
def test_bad_boxes_are_refused_and_nothing_changes(
    project: Project, box: BBox, message: str
) -> None:
    page_id = project.pages()[0].id
    project.add_region(page_id, RegionType.PAGE_NUMBER, BBox(0, 250, 100, 290), KEYS)
    before = (len(list(project.events())), project.page(page_id))
    with pytest.raises(UsageError, match=message):
        project.add_region(page_id, RegionType.STAMP, box, KEYS)
    with pytest.raises(UsageError, match=message):
        if message.startswith("overlaps"):
            other, _ = project.add_region(
                page_id, RegionType.FIGURE, BBox(200, 200, 300, 240), KEYS
            )
            before = (len(list(project.events())), project.page(page_id))
            project.move_region(page_id, other.id, box, KEYS)
        else:
            project.move_region(page_id, 1, box, KEYS)
    assert (len(list(project.events())), project.page(page_id)) == before
    _ok(project)
    project.close()


def test_reocr_never_touches_handwriting(project: Project) -> None:
    page_id = project.pages()[0].id
    region, _ = project.add_region(
        page_id, RegionType.HANDWRITTEN, BBox(450, 50, 590, 90), Source("handwriting")
    )
    note = next(line for line in project.page(page_id).lines if line.region == region.id)
    project.edit_lines([LineEdit(page_id, note.id, note.text, "by Mr. Harriman")], KEYS)
    typed = project.add_region_line(page_id, region.id, "at White House.", KEYS)
    project.edit_lines(
        [LineEdit(page_id, 3, "constructive spirit as it was", "constructive spirit as it was,")],
        KEYS,
    )
    project.set_ocr(page_id, _run(), Source("re-ocr"))  # OCR reads the note into line 2 again
    page = project.page(page_id)
    assert [line.text for line in page.lines] == [
        "between our two countries",
        "will develop in a positive,",
        "constructive spirit as it was,",
        "by Mr. Harriman",
        "at White House.",
        "3.",
    ]
    assert [line.region for line in page.lines][3:5] == [region.id, region.id]
    assert typed.text == "at White House."
    ids = [w.id for w in page.words()]
    assert len(ids) == len(set(ids))
    _ok(project)
    project.close()


def test_a_page_all_handwriting_becomes_one_region(project: Project) -> None:
    page_id = project.pages()[0].id
    project.add_region(page_id, RegionType.HANDWRITTEN, BBox(0, 0, 600, 300), KEYS)
    page = project.page(page_id)
    assert all(line.region == 1 for line in page.lines)
    assert [w.id for w in page.words()] == [w.id for line in _run().lines for w in line.words]
    _ok(project)
    project.close()


def test_a_region_changed_behind_the_write_path_fails_verify(project: Project) -> None:
    page_id = project.pages()[0].id
    project.add_region(page_id, RegionType.PAGE_NUMBER, BBox(0, 250, 100, 290), KEYS)
    project.close()
    conn = sqlite3.connect(project.path)
    conn.execute("UPDATE regions SET data = replace(data, 'page-number', 'running-head')")
    conn.commit()
    conn.close()
    report = verify(project.path)
    assert not report.ok
    assert "regions differ" in str(report.first_problem)
    # The message names the region, the field, and both values.
    assert "region 1 type stored 'running-head', rebuilt 'page-number'" in str(report.first_problem)


def test_a_schema_1_file_takes_regions_once_migrated(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "old.corrigenda"
    shutil.copy(Path(__file__).resolve().parents[1] / "fixtures" / "schema-v1.corrigenda", copy)
    with Project.open(copy) as old:
        page_id = old.pages()[0].id
        region, _ = old.add_region(page_id, RegionType.STAMP, BBox(300, 80, 390, 118), KEYS)
        assert old.page(page_id).regions == (region,)
    report = verify(copy)
    assert report.ok, report.first_problem
