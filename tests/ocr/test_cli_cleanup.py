"""`ocr --cleanup` and `info`: the choice per page is recorded, shown and covered by verify."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.settings import Settings
from corrigenda.store import Project
from tests.ocr.test_choice import _page


def test_an_unknown_variant_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ocr", "nowhere.corrigenda", "--cleanup", "sharpen"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "despeckle" in err and "sharpen" in err


def test_an_unknown_variant_in_the_settings_is_named_as_such(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Settings(cleanup="sharpen").save()
    assert main(["ocr", "nowhere.corrigenda"]) == 2
    err = capsys.readouterr().err
    assert "settings.json" in err and "sharpen" in err


@pytest.mark.tesseract
def test_the_choice_is_recorded_shown_and_verified(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _page().save(tmp_path / "clean.png")
    _page(speckle=0.02).save(tmp_path / "speckled.png")
    original = (tmp_path / "speckled.png").read_bytes()
    project = tmp_path / "p.corrigenda"
    assert (
        main(["new", str(project), str(tmp_path / "clean.png"), str(tmp_path / "speckled.png")])
        == 0
    )
    assert main(["ocr", str(project)]) == 0
    capsys.readouterr()
    assert main(["info", str(project), "--json"]) == 0
    pages = json.loads(capsys.readouterr().out)["page_list"]
    clean, speckled = (p["reading"] for p in pages)
    assert clean["variant"] is None and clean["tried"] == []
    assert speckled["variant"] == "despeckle"
    assert speckled["confidence_after"] > speckled["confidence_before"]
    assert main(["info", str(project)]) == 0
    out = capsys.readouterr().out
    assert "read as scanned" in out and "read cleaned with despeckle" in out
    with Project.open(project, readonly=True) as opened:
        page = opened.pages()[1]
        assert opened.image(page.id).data == original  # the scan is kept byte for byte
        (event,) = [e for e in opened.events(page.id) if e.kind == "ocr"]
        assert event.source["reading"]["variant"] == "despeckle"  # in the hash chain
    assert main(["verify", str(project)]) == 0
