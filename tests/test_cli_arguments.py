"""What a new user types that the CLI once took wrongly: an empty or upper-case `--cleanup`, a
box starting with a negative number, and `info`'s two confidences without a label."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from corrigenda.cli import joined_negative_values, main
from corrigenda.model import OcrRun, PageImage
from corrigenda.ocr.choice import check_cleanup
from corrigenda.store import Project, Source
from tests.regions.test_region_cli import _project
from tests.synthetic import ocr_run


@pytest.mark.parametrize("given", ["", "  "])
def test_an_empty_cleanup_is_refused_not_taken_as_auto(
    given: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ocr", "nowhere.corrigenda", "--cleanup", given]) == 2
    err = capsys.readouterr().err.strip()
    assert "--cleanup: an empty clean-up" in err and len(err.splitlines()) == 1


def test_a_bogus_cleanup_names_every_choice_auto_and_none_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ocr", "nowhere.corrigenda", "--cleanup", "sharpen"]) == 2
    err = capsys.readouterr().err
    assert "choose one of auto, none, median, despeckle" in err


@pytest.mark.parametrize("given", ["AUTO", "None", "Despeckle"])
def test_cleanup_is_taken_in_any_case(given: str) -> None:
    assert check_cleanup(given) == given.lower()


@pytest.mark.tesseract
def test_an_upper_case_cleanup_is_recorded_as_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Image.new("L", (300, 100), 255).save(tmp_path / "blank.png")
    path = str(tmp_path / "p.corrigenda")
    assert main(["new", path, str(tmp_path / "blank.png")]) == 0
    assert main(["ocr", path, "--cleanup", "NONE"]) == 0
    capsys.readouterr()
    assert main(["info", path, "--json"]) == 0
    (page,) = json.loads(capsys.readouterr().out)["page_list"]
    assert page["reading"]["cleanup"] == "none"


def test_a_box_starting_with_a_negative_number_reaches_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_project(tmp_path))
    for add in (["--add", "-10,-10,50,50"], ["--add=-10,-10,50,50"]):
        code = main(["regions", path, "--page", "1", *add, "--type", "stamp"])
        err = capsys.readouterr().err
        assert code == 2 and "region [-10, -10, 50, 50] reaches outside the page" in err
        assert "expected one argument" not in err
    assert main(["regions", path, "--page", "1", "--add", "0,0,60,60", "--type", "stamp"]) == 0
    assert main(["regions", path, "--page", "1", "--move", "1", "--box", "-5,0,50,50"]) == 2
    assert "reaches outside the page" in capsys.readouterr().err


def test_only_an_option_s_negative_list_is_joined_to_it() -> None:
    assert joined_negative_values(["regions", "p", "--add", "-1,-2,3,4"]) == [
        "regions",
        "p",
        "--add=-1,-2,3,4",
    ]
    kept = [
        ["--add=-1,2,3,4", "-5,6"],  # the option has its value already
        ["--", "-1,2"],  # after "--", a positional
        ["--pages", "-3"],  # a single number: argparse takes it as it is
        ["-o", "-1,2"],  # short options are left to argparse
    ]
    for arguments in kept:
        assert joined_negative_values(arguments) == arguments


def test_regions_and_flags_name_a_box_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(_project(tmp_path))
    assert main(["regions", path, "--page", "1", "--add", "0,0,60,60", "--type", "stamp"]) == 0
    capsys.readouterr()
    assert main(["regions", path, "--json"]) == 0
    (region,) = json.loads(capsys.readouterr().out)
    assert region["box"] == [0, 0, 60, 60] and "bbox" not in region


def _two_pages(tmp_path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("L", (400, 300), 255).save(buffer, format="PNG")
    data = buffer.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    images = [PageImage(f"p{n}.png", data, "PNG", 400, 300, 300, digest) for n in (1, 2)]
    path = tmp_path / "two.corrigenda"
    read = {"cleanup": "auto", "variant": None, "before": {"conf": 90.2}, "after": None}
    empty = {**read, "before": {"conf": 0.0}}
    with Project.create(path, images) as project:
        first, second = (p.id for p in project.pages())
        words = ocr_run(["some words here"])
        project.set_ocr(
            first, OcrRun("t", "1", "eng", {"reading": read}, "", words.lines), Source("ocr")
        )
        project.set_ocr(second, OcrRun("t", "1", "eng", {"reading": empty}, "", ()), Source("ocr"))
    return path


def test_info_labels_both_confidences_and_gives_none_for_a_page_without_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info", str(_two_pages(tmp_path))]) == 0
    _, first, second = capsys.readouterr().out.splitlines()
    assert first.endswith(
        "3 words  words' mean confidence 80.0; read as scanned (engine's confidence 90.2)"
    )
    assert second.endswith("0 words  read as scanned")
    assert "conf" not in second and "0.0" not in second
