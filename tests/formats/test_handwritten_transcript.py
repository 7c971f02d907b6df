"""Importing a transcript in the seed's convention: *...* passages become handwritten lines,
on the proposed region beside their place where there is one, else on a region with no box
yet for the transcriber to place; unbalanced marks are refused with nothing changed."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from corrigenda.cli import main
from corrigenda.model import BBox, Line, OcrRun, PageImage, RegionType, Word
from corrigenda.review.verify import verify
from corrigenda.store import Project, Source

TYPED = [
    "The understanding in principle concerning the main",
    "directions of our relations, ensuing from the objective",
    "role and responsibility of the two great powers in",
    "maintaining international peace, is a necessary thing",
    "for a stable advance of relations between the sides.",
    "We are ready to cooperate fully in this matter with",
    "Mr. Carter as the new President, guided by principles",
    "of equality and mutual advantage of the two sides.",
]


def _page_image() -> PageImage:
    buffer = io.BytesIO()
    Image.new("L", (2550, 1400), 255).save(buffer, format="PNG", dpi=(300, 300))
    data = buffer.getvalue()
    return PageImage("memo.png", data, "PNG", 2550, 1400, 300, hashlib.sha256(data).hexdigest())


def _ocr() -> OcrRun:
    """Typed lines at a 30 px pitch; a handwritten note OCR spliced onto lines 2 and 3."""
    scribble = {2: [("fy", 40.0), ("Me.", 20.0)], 3: [("Hathinan,", 21.0)]}
    lines, word_id = [], 1
    for n, text in enumerate(TYPED, start=1):
        y, x, words = 100 + 75 * n, 300, []
        for token in text.split():
            words.append(Word(word_id, token, BBox(x, y, x + 30 * len(token), y + 36), 95.0))
            word_id, x = word_id + 1, x + 30 * (len(token) + 1)
        x = 2300
        for token, conf in scribble.get(n, []):
            words.append(Word(word_id, token, BBox(x, y - 12, x + 26 * len(token), y + 60), conf))
            word_id, x = word_id + 1, x + 26 * len(token) + 14
        lines.append(Line(n, tuple(words), BBox.enclosing([w.bbox for w in words]), 1, 0))
    return OcrRun("test", "1", "eng", {}, "", tuple(lines))


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "memo.corrigenda"
    with Project.create(path, [_page_image()]) as made:
        made.set_ocr(made.pages()[0].id, _ocr(), Source("ocr"))
    yield path


def _transcript(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "memo.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_starred_passages_become_handwritten_lines_on_the_proposed_region(
    project: Path, tmp_path: Path
) -> None:
    body = "\n".join(TYPED).replace("thing", "prerequisite")
    text = f"*original*\n\n{body}\n\n*Delivered to me by\nMr. Harriman.*\n"
    assert main(["import", str(project), str(_transcript(tmp_path, text))]) == 0
    with Project.open(project, readonly=True) as opened:
        page = opened.page(opened.pages()[0].id)
    placed = {r.id: r for r in page.regions}
    notes = [line for line in page.lines if line.region is not None]
    assert [line.text for line in notes] == ["original", "Delivered to me by", "Mr. Harriman."]
    margin = placed[notes[1].region]  # type: ignore[index]
    assert margin.bbox is not None and margin.bbox.x0 > 2250  # where OCR read the note
    assert placed[notes[0].region].bbox is None  # type: ignore[index]  # nothing read there
    body_lines = [line.text for line in page.lines if line.region is None]
    assert body_lines == [ln.replace("thing", "prerequisite") for ln in TYPED]
    assert page.text().startswith("*original*\n\nThe understanding")
    assert verify(project).ok


@pytest.mark.parametrize(
    ("text", "line"),
    [("The understanding *in principle\n\nconcerning", 1), ("*a* note *b\n", 1)],
)
def test_unbalanced_marks_are_refused_and_nothing_changes(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int
) -> None:
    before = _state(project)
    assert main(["import", str(project), str(_transcript(tmp_path, text))]) == 2
    err = capsys.readouterr().err
    assert f"the '*' on line {line} opens a handwritten passage that no '*' closes" in err
    assert "nothing was imported" in err and "Traceback" not in err
    assert _state(project) == before


def test_a_mark_left_open_is_named_where_it_opens_not_where_the_next_note_starts(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "\n".join(TYPED)
    text = f"*original\n\n{body}\n\n*Delivered to me by\nMr. Harriman.*\n"
    before = _state(project)
    assert main(["import", str(project), str(_transcript(tmp_path, text))]) == 2
    err = capsys.readouterr().err
    assert "the '*' on line 1 opens a handwritten passage" in err
    assert "before the '*' on line 12 opens another" in err
    assert _state(project) == before


def test_a_star_inside_a_word_or_number_is_text(project: Path, tmp_path: Path) -> None:
    body = "\n".join(TYPED).replace("main", "main 5*3 = 15 and a*b")
    assert main(["import", str(project), str(_transcript(tmp_path, body))]) == 0
    with Project.open(project, readonly=True) as opened:
        page = opened.page(opened.pages()[0].id)
    assert page.regions == ()
    assert page.lines[0].text.endswith("main 5*3 = 15 and a*b")


def test_the_report_and_listing_say_which_notes_are_placed(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "*original*\n\n" + "\n".join(TYPED) + "\n\n*Delivered to me by\nMr. Harriman.*\n"
    assert main(["import", str(project), str(_transcript(tmp_path, text))]) == 0
    out = capsys.readouterr().out
    assert "1 handwritten passage placed on a proposed region" in out
    assert "1 handwritten passage not placed (no box yet" in out and "--move ID" in out
    assert main(["regions", str(project)]) == 0
    listing = capsys.readouterr().out
    assert "None" not in listing
    assert f"handwritten (no box yet: give it one with `corrigenda regions {project}" in listing


def _state(path: Path) -> tuple[int, str, tuple[object, ...]]:
    with Project.open(path, readonly=True) as opened:
        page = opened.page(opened.pages()[0].id)
        return len(list(opened.events())), page.text(), page.regions


def test_an_unplaced_note_is_placed_by_moving_its_region(project: Path, tmp_path: Path) -> None:
    text = "*original*\n\n" + "\n".join(TYPED)
    assert main(["import", str(project), str(_transcript(tmp_path, text))]) == 0
    with Project.open(project) as opened:
        page_id = opened.pages()[0].id
        (region,) = [r for r in opened.page(page_id).regions if r.bbox is None]
        opened.move_region(page_id, region.id, BBox(1500, 20, 1800, 90), Source("keyboard"))
        moved = opened.page(page_id).region(region.id)
        assert moved is not None and moved.bbox == BBox(1500, 20, 1800, 90)
        assert moved.type == RegionType.HANDWRITTEN
    assert verify(project).ok
