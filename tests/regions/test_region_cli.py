"""`corrigenda regions`: every change recorded and verified; bad boxes, types and ids refused
with one clear line (exit 2) and nothing changed; a page all in handwriting says so."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from corrigenda.cli import main
from corrigenda.errors import UsageError
from corrigenda.model import BBox, Line, OcrRun, PageImage, Word
from corrigenda.store import Project, Source


def _project(tmp_path: Path, conf: float = 95.0, height: int = 36) -> Path:
    buffer = io.BytesIO()
    Image.new("L", (2550, 1200), 255).save(buffer, format="PNG", dpi=(300, 300))
    data = buffer.getvalue()
    image = PageImage("p.png", data, "PNG", 2550, 1200, 300, hashlib.sha256(data).hexdigest())
    lines, word_id = [], 1
    for n in range(10):
        words, x, y = [], 300, 100 + 75 * n
        for token in ["the", "quick", "brown", "foxes", "jumped", "over", "lazy", "dogs", "again"]:
            words.append(Word(word_id, token, BBox(x, y, x + 30 * len(token), y + height), conf))
            word_id, x = word_id + 1, x + 30 * (len(token) + 1)
        lines.append(Line(n + 1, tuple(words), BBox.enclosing([w.bbox for w in words]), 1, 0))
    path = tmp_path / "p.corrigenda"
    with Project.create(path, [image]) as made:
        made.set_ocr(
            made.pages()[0].id, OcrRun("t", "1", "eng", {}, "", tuple(lines)), Source("ocr")
        )
    return path


def _events(path: Path) -> int:
    with Project.open(path, readonly=True) as project:
        return len(list(project.events()))


def test_regions_are_added_retyped_moved_listed_and_deleted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_project(tmp_path))
    assert (
        main(["regions", path, "--page", "1", "--add", "2300,90,2500,200", "--type", "handwritten"])
        == 0
    )
    assert main(["regions", path, "--page", "1", "--line", "1", "--text", "seen 12/3"]) == 0
    assert (
        main(
            [
                "regions",
                path,
                "--page",
                "1",
                "--add",
                "1000,1050,1500,1150",
                "--type",
                "stamp",
                "--description",
                "RECEIVED",
            ]
        )
        == 0
    )
    assert main(["regions", path, "--page", "1", "--retype", "2", "--type", "signature"]) == 0
    assert main(["regions", path, "--page", "1", "--move", "2", "--box", "900,1050,1500,1150"]) == 0
    capsys.readouterr()
    assert main(["regions", path, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["type"], r["lines"]) for r in listed] == [
        (1, "handwritten", ["seen 12/3"]),
        (2, "signature", []),
    ]
    assert listed[1]["box"] == [900, 1050, 1500, 1150] and listed[1]["description"] == "RECEIVED"
    assert main(["regions", path, "--page", "1", "--delete", "1"]) == 0
    assert main(["verify", path]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--add", "2400,100,2700,200", "--type", "stamp"], "reaches outside the page"),
        (["--add", "100,100,100,200", "--type", "stamp"], "zero width or height"),
        (["--add", "0,0,50,50", "--type", "stamp"], "overlaps region 1"),
        (["--add", "1,2,3", "--type", "stamp"], "four whole numbers"),
        (["--add", "300,300,400,400", "--type", "doodle"], "unknown region type 'doodle'"),
        (["--add", "300,300,400,400"], "--add needs --type"),
        (["--delete", "7"], "has no region 7"),
        (["--line", "1", "--text", "x"], "lines are typed into handwriting"),
        (["--move", "1", "--box", "2500,0,2700,60"], "reaches outside the page"),
        (["--move", "1", "--box", "10,10,10,60"], "zero width or height"),
        (["--move", "1", "--box", "2200,0,2550,100"], None),  # fine: a move that fits
    ],
)
def test_bad_regions_are_refused_with_one_line_and_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str | None
) -> None:
    path = str(_project(tmp_path))
    assert main(["regions", path, "--page", "1", "--add", "0,0,60,60", "--type", "stamp"]) == 0
    before = _events(Path(path))
    capsys.readouterr()
    code = main(["regions", path, "--page", "1", *args])
    err = capsys.readouterr().err
    if message is None:
        assert code == 0
        return
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert _events(Path(path)) == before


def test_a_page_all_in_handwriting_is_proposed_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_project(tmp_path, conf=30.0, height=70))
    assert main(["regions", path, "--find", "--json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert "handwritten throughout" in found["reason"]
    assert main(["regions", path, "--find", "--accept"]) == 0
    with Project.open(path, readonly=True) as project:
        page = project.page(project.pages()[0].id)
        assert all(line.region == 1 for line in page.lines)
    assert main(["verify", path]) == 0


def test_a_move_onto_another_region_and_a_failing_batch_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _project(tmp_path)
    for box in ("0,0,60,60", "100,0,160,60"):
        assert main(["regions", str(path), "--page", "1", "--add", box, "--type", "stamp"]) == 0
    before = _events(path)
    capsys.readouterr()
    assert main(["regions", str(path), "--page", "1", "--move", "2", "--box", "40,0,90,60"]) == 2
    assert "overlaps region 1" in capsys.readouterr().err
    # Several regions made together (`--find --accept`): one refused, none made.
    with Project.open(path) as project:
        page_id = project.pages()[0].id
        with pytest.raises(UsageError, match="overlaps region 3"), project.batch():
            project.accept_handwriting(page_id, BBox(2200, 80, 2500, 400), 0.9)
            project.accept_handwriting(page_id, BBox(2300, 300, 2540, 500), 0.9)
        assert [r.id for r in project.page(page_id).regions] == [1, 2]
        assert all(line.region is None for line in project.page(page_id).lines)
    assert _events(path) == before


def test_a_handwritten_line_read_badly_is_replaced_or_removed_and_verify_agrees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_project(tmp_path))
    region = ["regions", path, "--page", "1"]
    assert main([*region, "--add", "2300,90,2500,200", "--type", "handwritten"]) == 0
    assert main([*region, "--line", "1", "--text", "fun: fr 20 - 76"]) == 0
    assert main([*region, "--line", "1", "--text", "theztner tr He."]) == 0
    capsys.readouterr()
    assert main(["regions", path, "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    first, second = row["line_ids"]
    assert main([*region, "--set-line", str(first), "--text", "From: Nov 20 - 76"]) == 0
    assert main([*region, "--remove-line", str(second)]) == 0
    capsys.readouterr()
    assert main(["regions", path]) == 0
    listed = capsys.readouterr().out
    assert f"[{first}] From: Nov 20 - 76" in listed and "theztner" not in listed
    assert main(["verify", path]) == 0
    # A printed line is not corrected this way: one line, nothing changed.
    before = _events(Path(path))
    assert main([*region, "--set-line", "3", "--text", "x"]) != 0
    assert "no handwritten line" in capsys.readouterr().err
    assert _events(Path(path)) == before
