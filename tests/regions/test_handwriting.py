"""Finding handwriting: notes in the margin or in blank space are proposed as regions, the
typed body is not, and the sample's four notes are found and kept out of its body lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.evaluation import score
from corrigenda.model import BBox, Line, Page, Word
from corrigenda.regions.handwriting import propose
from corrigenda.store import Project

PITCH, HEIGHT, STEP, LEFT = 30, 36, 75, 300


def _typed(line_id: int, text: str, row: int, first_word: int) -> Line:
    words, x = [], LEFT
    for i, token in enumerate(text.split()):
        box = BBox(x, 300 + row * STEP, x + PITCH * len(token), 300 + row * STEP + HEIGHT)
        words.append(Word(first_word + i, token, box, 95.0))
        x += PITCH * (len(token) + 1)
    return Line(line_id, tuple(words), BBox.enclosing([w.bbox for w in words]), 1, row // 6)


def _page(extra: list[Line] | None = None) -> Page:
    text = "the quick brown foxes jumped over lazy dogs while typing memoranda"
    lines = [_typed(n + 1, text, n, 100 * (n + 1)) for n in range(12)]
    return Page(1, 1, "p.png", 2550, 3300, 300, tuple(lines + (extra or [])))


def _spliced(page: Page) -> Page:
    """Two scribbled words spliced onto typed line 3, in the right margin."""
    line = page.lines[2]
    assert line.bbox is not None
    y = line.bbox.y0
    scribble = (
        Word(901, "fy", BBox(2290, y - 10, 2330, y + 60), 40.0),
        Word(902, "Hathinan,", BBox(2340, y - 12, 2520, y + 50), 21.0),
    )
    lines = list(page.lines)
    lines[2] = Line(line.id, line.words + scribble, line.bbox.union(scribble[1].bbox), 1, 0)  # type: ignore[arg-type]
    return Page(1, 1, "p.png", 2550, 3300, 300, tuple(lines))


def test_a_typed_page_has_no_handwriting() -> None:
    assert propose(_page()) == []


def test_margin_words_spliced_onto_a_typed_line_are_proposed() -> None:
    (found,) = propose(_spliced(_page()))
    assert set(found.words) == {901, 902}
    assert found.box.x0 > 2260 and "right margin" in found.reason
    assert found.lines == (3,)


def test_a_line_of_scribble_in_blank_space_is_proposed() -> None:
    y = 300 + 12 * STEP + 40
    scribble = Line(
        50,
        (
            Word(951, "Mal,", BBox(450, y, 540, y + 70), 44.0),
            Word(952, "thexther", BBox(560, y - 5, 700, y + 62), 0.0),
        ),
        BBox(450, y - 5, 700, y + 70),
        2,
        0,
    )
    (found,) = propose(_page([scribble]))
    assert set(found.words) == {951, 952}


def test_unread_ink_is_proposed_and_a_dropped_page_number_is_not() -> None:
    note = BBox(1500, 120, 1700, 210)
    page_number = BBox(1230, 3000, 1320, 3040)
    found = propose(_page(), [note, page_number])
    assert [p.reason for p in found] == ["ink OCR left unread"]
    assert found[0].box.x0 <= note.x0 and found[0].box.y1 >= note.y1


def test_a_page_all_handwriting_is_proposed_whole_with_a_reason() -> None:
    lines = tuple(
        Line(n, (Word(n, "scrawl", BBox(400, 300 + 80 * n, 600, 360 + 80 * n), 30.0),))
        for n in range(1, 6)
    )
    (found,) = propose(Page(1, 1, "p.png", 2550, 3300, 300, lines))
    assert "handwritten throughout" in found.reason
    assert set(found.words) == {1, 2, 3, 4, 5}


@pytest.mark.slow
def test_the_samples_notes_are_found_and_kept_out_of_the_body(
    ocred_sample: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["regions", str(ocred_sample), "--find", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [p["page"] for p in found] == [1, 1, 2, 3]  # "original", the routing note,
    top, routing, margin, oral = (p["box"] for p in found)  # "Delivered ...", "Oral."
    assert top[3] < 330 and routing[1] > 1000 and margin[0] > 2250 and oral[2] < 700
    assert main(["flag", str(ocred_sample), "--kinds", "handwriting", "--json"]) == 0
    flags = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert [f["box"] for f in flags] == [routing, margin, oral]  # the words OCR read

    assert main(["regions", str(ocred_sample), "--find", "--accept"]) == 0
    assert main(["verify", str(ocred_sample)]) == 0
    with Project.open(ocred_sample, readonly=True) as project:
        for info in project.pages():
            page = project.page(info.id)
            body = [line for line in page.lines if line.region is None]
            # No word of the body in the right margin: nothing spliced is left.
            assert all(w.bbox is None or w.bbox.x1 < 2280 for line in body for w in line.words)
            truth = (sample_dir / f"{Path(info.name).stem}.gt.txt").read_text(encoding="utf-8")
            typed = "\n".join(ln for ln in _unstarred(truth))
            text = "\n".join(line.text for line in body)
            assert score(text, typed).cer < 0.03, info.name


def _unstarred(truth: str) -> list[str]:
    """The ground truth's typed lines: the *...* notes left out."""
    out, inside = [], False
    for line in truth.splitlines():
        if line.startswith("*"):
            inside = True
        if not inside:
            out.append(line)
        if inside and line.endswith("*"):
            inside = False
    return out


def test_a_page_of_a_few_typed_words_is_not_taken_for_handwriting() -> None:
    page = _page()
    short = Page(1, 1, "p.png", 2550, 3300, 300, page.lines[:1])  # nine sure words
    assert propose(short) == []
