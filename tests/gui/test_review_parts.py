"""Review mode's parts that the review-mode tests do not reach: a double-click goes to the
edit's page (review.selection), the "Show sampled edits" button filters (review.menu), and a
decision with nothing selected says so and records nothing (review.decide)."""

from __future__ import annotations

from pathlib import Path

from corrigenda.gui.review.model import EditRole
from corrigenda.review.edits import list_edits
from corrigenda.store import LineEdit, Source
from tests.gui.conftest import on_disk
from tests.gui.test_review_mode import edit_two_lines, listed_ids, show_review


def test_double_clicking_an_edit_shows_its_page(qtbot, window) -> None:
    second = window.session.project.pages()[1]
    page = window.session.page(second.id)
    line = page.lines[0]
    window.session.edit(
        [LineEdit(page.id, line.id, line.text, line.text + " [p2]")], Source("keyboard"), "t"
    )
    show_review(qtbot, window)
    review = window.review
    assert window.pages.current_number() == 1
    (row,) = [
        r
        for r in range(review.proxy.rowCount())
        if review.proxy.index(r, 0).data(EditRole).page_number == 2
    ]
    review.panel.list.doubleClicked.emit(review.proxy.index(row, 0))
    qtbot.waitUntil(lambda: window.current_page_id == second.id)
    assert window.pages.current_number() == 2


def test_the_sampled_edits_button_shows_only_sampled_edits(qtbot, window) -> None:
    edit_two_lines(window)
    show_review(qtbot, window)
    review = window.review
    review.panel.tabs.setCurrentIndex(1)
    assert len(listed_ids(review)) == 2
    review.panel.sampled_only_button.click()  # nothing drawn yet: nothing sampled
    assert review.panel.tabs.currentIndex() == 0 and listed_ids(review) == []
    assert "0 of 2 edits shown" in review.panel.count_label.text()


def test_approving_nothing_selected_says_so(qtbot, window, ocred_sample: Path) -> None:
    edit_two_lines(window)
    show_review(qtbot, window)
    review = window.review
    review.select_ids([])
    assert review.approve_selected() is None
    assert review.panel.status_label.text() == "select the edits to approve"
    with on_disk(ocred_sample) as project:
        assert {e.state for e in list_edits(project)} == {"pending"}
