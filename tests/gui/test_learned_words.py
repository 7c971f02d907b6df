"""The learned vocabulary in the window: listed from the Flags menu, unlearned and relearned
through the same recorded decisions as `corrigenda flag --unlearn/--relearn`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corrigenda.review.verify import verify
from corrigenda.store import Project, Source
from tests.checks.text_pages import FILLER
from tests.gui.conftest import on_disk
from tests.synthetic import ocr_run, page_image

LINES = [*(f"{FILLER} and Ambassador Dobrynin said" for _ in range(5)), "then Dobrynim came back"]


@pytest.fixture
def taught(qtbot, tmp_path: Path) -> Iterator[tuple[object, Path]]:
    """The window on a project whose text repeats "Dobrynin" five times."""
    from corrigenda.gui.main_window import MainWindow

    path = tmp_path / "v.corrigenda"
    with Project.create(path, [page_image()]) as project:
        project.set_ocr(project.pages()[0].id, ocr_run(LINES), Source("ocr", {"engine": "test"}))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.page_shown, timeout=10_000):
        assert win.open_project(path)
    qtbot.waitUntil(win.flags_ready, timeout=30_000)
    yield win, path
    win.close()


def vocabulary_flags(window) -> list[str]:
    return [f.text for f in window.flags.model.all_flags() if f.kind == "vocabulary"]


def test_learned_words_are_listed_and_unlearned_as_a_recorded_decision(qtbot, taught) -> None:
    window, path = taught
    assert vocabulary_flags(window) == ["Dobrynim"]
    action = window.menus.actions["flag_learned"]
    assert action.isEnabled()
    action.trigger()
    dialog = window.flags.learned_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.forms() == ["Dobrynin"]
    assert dialog.model.index(0, 1).data() == "5"
    assert not dialog.unlearn_button.isEnabled()  # nothing chosen yet

    dialog.table.selectRow(0)
    dialog.unlearn_selected()
    assert dialog.model.forms() == [] and dialog.unlearned_forms() == ["Dobrynin"]
    with on_disk(path) as project:
        assert project.setting("unlearned_forms") == ["Dobrynin"]
        last = list(project.events())[-1]
        assert last.source["type"] == "decision" and last.source["unlearn"] == "Dobrynin"
    dialog.reject()
    # Closing after a change flags the document again: the variant is no longer flagged.
    qtbot.waitUntil(lambda: window.flags_ready() and not vocabulary_flags(window), timeout=30_000)

    action.trigger()
    dialog = window.flags.learned_dialog
    assert dialog.model.forms() == [] and dialog.unlearned_forms() == ["Dobrynin"]
    dialog.unlearned.setCurrentRow(0)
    dialog.relearn_selected()
    with on_disk(path) as project:
        assert project.setting("unlearned_forms") == []
        assert list(project.events())[-1].source["relearn"] == "Dobrynin"
    dialog.reject()
    qtbot.waitUntil(
        lambda: window.flags_ready() and vocabulary_flags(window) == ["Dobrynim"], timeout=30_000
    )
    window.close_project()
    report = verify(path)
    assert report.ok, report.first_problem
