"""A project whose history does not verify says so in a bar as soon as it opens."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from corrigenda.gui.main_window import MainWindow


def tamper_one_byte(path: Path) -> None:
    """Change one letter of one stored line, the way someone with sqlite3 could."""
    conn = sqlite3.connect(path)
    page_id, line_id, data = conn.execute(
        "SELECT page_id, id, data FROM lines ORDER BY page_id, position LIMIT 1"
    ).fetchone()
    word = json.loads(data)["words"][0][1]  # [id, text, bbox, conf]
    changed = data.replace(f'"{word}"', f'"X{word[1:]}"', 1)
    assert changed != data and len(changed) == len(data)
    conn.execute(
        "UPDATE lines SET data = ? WHERE page_id = ? AND id = ?", (changed, page_id, line_id)
    )
    conn.commit()
    conn.close()


def open_window(qtbot, path: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.page_shown, timeout=10_000):
        assert win.open_project(path)
    return win


def test_tampered_project_shows_the_bar(qtbot, ocred_sample: Path, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.corrigenda"
    shutil.copy(ocred_sample, tampered)
    tamper_one_byte(tampered)
    win = open_window(qtbot, tampered)
    qtbot.waitUntil(lambda: win.history_bar.isVisible(), timeout=10_000)
    text = win.history_bar.label.text()
    assert "history does not verify" in text and "Review ▸ Verify" in text
    assert "page 1" in text  # the report's first problem names the page
    win.close_project()
    assert not win.history_bar.isVisible()
    win.close()


def test_intact_project_shows_no_bar(qtbot, ocred_sample: Path) -> None:
    win = open_window(qtbot, ocred_sample)
    qtbot.waitUntil(lambda: win.background.pending() == 0, timeout=10_000)
    win.wait_for_workers()
    assert not win.history_bar.isVisible()
    win.close()
