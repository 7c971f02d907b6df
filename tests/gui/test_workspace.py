"""The correction workspace as a transcriber meets it (issue 15): fix-all on a flag of
several words, the next flag after the cursor across pages, a legible scan by default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from corrigenda import checks
from corrigenda.gui.flags.concordance_dialog import ConcordanceDialog
from tests.gui.conftest import on_disk
from tests.gui.test_flags_and_find import brezhnev_flag


def test_fix_all_finds_every_occurrence_of_a_flag_of_several_words(
    qtbot, window, ocred_sample: Path, monkeypatch
) -> None:
    flag = brezhnev_flag(qtbot, window)
    assert " " in flag.text and "." in flag.text  # several words, regex characters
    with on_disk(ocred_sample) as project:
        expected = len(checks.concordance(project.document(), flag.text))
    assert expected >= 2
    shown: list[int] = []

    def exec_(dialog: ConcordanceDialog) -> int:
        shown.append(dialog.model.rowCount())
        return ConcordanceDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ConcordanceDialog, "exec", exec_)
    window.flags.go_to(flag)
    window.flags.fix_all()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown == [expected]
    with on_disk(ocred_sample) as project:
        assert not checks.concordance(project.document(), flag.text)  # all replaced


def test_next_flag_is_the_one_after_the_cursor_across_pages(qtbot, window) -> None:
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    flags = window.flags.model.all_flags()
    first_page = [f for f in flags if f.page == 1]
    later = [f for f in flags if f.page > 1]
    assert len(first_page) >= 3 and later
    # From the middle of page 1, F8 goes to the next flag after the cursor, not the first.
    middle = first_page[len(first_page) // 2]
    window.flags.go_to(middle)
    window.flags.step(1)
    assert window.flags.current_flag() == first_page[len(first_page) // 2 + 1]
    # From the last flag of page 1, the next is on a later page, which is shown.
    window.flags.go_to(first_page[-1])
    window.flags.step(1)
    assert window.current_page_id == later[0].page_id
    assert window.flags.current_flag() == later[0]
    window.flags.step(-1)
    assert window.flags.current_flag() == first_page[-1]


def test_accepting_goes_on_to_the_next_flag_not_the_first(qtbot, window) -> None:
    qtbot.waitUntil(window.flags_ready, timeout=30_000)
    page = window.editor.page()
    with_suggestion = [f for f in window.flags.model.page_flags(page.id) if f.suggestions]
    target = with_suggestion[len(with_suggestion) // 2]
    window.flags.go_to(target)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    now = window.flags.current_flag()
    assert now is not None and (now.page, now.start) > (target.page, target.start)


def test_the_scan_opens_with_its_text_block_filling_the_width(window) -> None:
    view = window.view
    assert view.fit() == "text"
    page = window.editor.page()
    text_width = max(ln.bbox.x1 for ln in page.lines) - min(ln.bbox.x0 for ln in page.lines)
    # The text block, not the sheet with its margins, spans the pane.
    assert view.zoom() * text_width > 0.9 * (view.viewport().width() - 60)
    assert view.zoom() > view.viewport().width() / page.width
