"""`corrigenda gui`: screenshot mode on a project another writer holds, and which project a
list of scans opens when one exists beside them already."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.gui.project import prompts
from corrigenda.gui.project.choice import project_for
from corrigenda.ocr.inputs import load_pages
from corrigenda.store import Project


def test_screenshot_of_a_locked_project_opens_it_read_only_without_asking(
    ocred_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from corrigenda.cli import main

    asked: list[str] = []

    def refuse(_window, message: str) -> bool:
        asked.append(message)  # a real dialog here would wait for ever
        return False

    monkeypatch.setattr(prompts, "open_read_only", refuse)
    target = tmp_path / "shot.png"
    with Project.open(ocred_sample):  # another writer holds the lock
        code = main(["gui", str(ocred_sample), "--screenshot", str(target)])
    assert asked == []
    assert code == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "read-only" in capsys.readouterr().err


def scans(folder: Path, sample_dir: Path, names: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    copies = []
    for name in names:
        copy = folder / name
        copy.write_bytes((sample_dir / name).read_bytes())
        copies.append(copy)
    return copies


def make_project(path: Path, files: list[Path]) -> bytes:
    """A project of `files` at `path`; returns its bytes, to show it was never changed."""
    with Project.create(path, load_pages(files, skipped=[])):
        pass
    return path.read_bytes()


def test_scans_reopen_the_project_beside_them_that_holds_exactly_them(
    sample_dir: Path, tmp_path: Path
) -> None:
    files = scans(tmp_path / "box", sample_dir, ["page-001.png", "page-002.png"])
    existing = tmp_path / "box" / "box.corrigenda"
    make_project(existing, files)
    choice = project_for([str(f) for f in reversed(files)])  # the order does not matter
    assert choice.path == existing and choice.sources == []


def test_scans_unlike_the_project_beside_them_make_a_new_one(
    sample_dir: Path, tmp_path: Path
) -> None:
    files = scans(tmp_path / "box", sample_dir, ["page-001.png", "page-002.png"])
    existing = tmp_path / "box" / "box.corrigenda"
    saved = make_project(existing, files[:1])  # another set of pages
    choice = project_for([str(f) for f in files])
    assert choice.path == tmp_path / "box" / "box 2.corrigenda"
    assert choice.sources == files and choice.passed_over == [existing]
    # The same names with other bytes (a rescan) are other pages too.
    make_project(choice.path, files)
    files[1].write_bytes((sample_dir / "page-003.png").read_bytes())
    choice = project_for([str(f) for f in files])
    assert choice.path == tmp_path / "box" / "box 3.corrigenda"
    assert existing.read_bytes() == saved


def test_window_says_which_project_it_made_and_leaves_the_old_one(
    qtbot, sample_dir: Path, tmp_path: Path
) -> None:
    from corrigenda.gui.app import open_inputs
    from corrigenda.gui.main_window import MainWindow

    files = scans(tmp_path / "box", sample_dir, ["page-001.png", "page-002.png"])
    existing = tmp_path / "box" / "box.corrigenda"
    saved = make_project(existing, files[:1])
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_opened, timeout=20_000):
        assert open_inputs(win, [str(f) for f in files])
    made = tmp_path / "box" / "box 2.corrigenda"
    assert win.session is not None and win.session.path == made
    assert str(made) in win.status.text() and "box.corrigenda" in win.status.text()
    assert [i.name for i in win.session.project.pages()] == ["page-001.png", "page-002.png"]
    win.close()
    assert existing.read_bytes() == saved
