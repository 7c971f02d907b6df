"""`corrigenda gui`: screenshot mode on a project another writer holds, and which project a
list of scans opens when one exists beside them already."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.gui import prompts
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
