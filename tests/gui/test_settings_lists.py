"""Settings: the project's name lists and accepted words; colours readable in a dark theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from corrigenda.gui.flags.model import KIND_COLOURS, contrast, kind_colour
from corrigenda.gui.project.lists_dialog import ListsDialog, save_lists
from tests.gui.conftest import on_disk


def test_name_lists_and_accepted_words_are_saved_as_events(
    qtbot, window, ocred_sample: Path, tmp_path: Path
) -> None:
    names = tmp_path / "people.txt"
    names.write_text("Cyrus Vance | C. Vance\nZbigniew Brzezinski\n", encoding="utf-8")
    dialog = ListsDialog(window, window.session.project.settings())
    qtbot.addWidget(dialog)
    assert dialog.add_list(names) == []
    assert "people.txt (2 names)" in dialog.lists.item(dialog.lists.count() - 1).text()
    dialog.words.setPlainText("Brezhnev\n\nTASS\nBrezhnev\n")
    assert dialog.accepted_words() == ["Brezhnev", "TASS"]
    assert save_lists(window, window.session, dialog)
    window.flags.refresh()
    with on_disk(ocred_sample) as project:
        assert project.setting("accepted_words") == ["Brezhnev", "TASS"]
        stored = project.setting("name_lists")
        assert stored[-1]["file"] == "people.txt" and "Cyrus Vance | C. Vance" in stored[-1]["text"]
        keys = [e.location.get("key") for e in project.events() if e.kind == "setting"][-2:]
        assert keys == ["name_lists", "accepted_words"]
    qtbot.waitUntil(window.flags_ready, timeout=30_000)  # flagged again with the lists


def test_a_name_list_that_holds_no_names_is_refused(qtbot, window, tmp_path: Path) -> None:
    from corrigenda.errors import InputError

    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n", encoding="utf-8")
    dialog = ListsDialog(window, {})
    qtbot.addWidget(dialog)
    with pytest.raises(InputError, match="no names"):
        dialog.add_list(empty)
    assert dialog.name_lists == []


@pytest.mark.parametrize("base", ["#ffffff", "#1e1e1e", "#2b2b2b"])
def test_flag_colours_stand_out_on_light_and_dark_themes(qapp, base: str) -> None:
    background = QColor(base)
    for kind in KIND_COLOURS:
        assert contrast(kind_colour(kind, background), background) >= 3.0, kind


def test_underlines_follow_the_palette(qapp) -> None:
    app = QApplication.instance()
    saved = app.palette()
    dark = QPalette(saved)
    dark.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    try:
        app.setPalette(dark)
        assert kind_colour("collation") != QColor(KIND_COLOURS["collation"])
    finally:
        app.setPalette(saved)
    assert kind_colour("collation") == QColor(KIND_COLOURS["collation"])
