"""An input that is not an image: the window, and `gui --screenshot`, say so, naming the file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from corrigenda.gui.main_window import MainWindow


def not_an_image(folder: Path) -> Path:
    bad = folder / "bad.png"
    bad.write_text("this is text, not a scan\n", encoding="utf-8")
    return bad


def test_window_reports_why_a_new_project_failed(qtbot, tmp_path: Path) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.unattended = True  # no dialog to close in a test
    bad = not_an_image(tmp_path)
    with qtbot.waitSignal(win.open_failed, timeout=10_000) as blocker:
        win.files.create_then_open([bad], tmp_path / "x.corrigenda", [])
    assert "bad.png is not an image Corrigenda can read" in blocker.args[0]
    assert win.session is None
    win.close()


def test_screenshot_of_a_text_file_prints_the_reason(tmp_path: Path) -> None:
    not_an_image(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "corrigenda", "gui", "bad.png", "--screenshot", "x.png"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "bad.png is not an image Corrigenda can read" in done.stderr
    assert "not shown in time" not in done.stderr
    assert not (tmp_path / "x.png").exists()
