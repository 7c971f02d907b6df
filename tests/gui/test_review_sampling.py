"""A QC sample is drawn on a worker (seconds on a large project) and recorded on the GUI
thread through the window's own Project; a decision made meanwhile makes it draw again."""

from __future__ import annotations

import threading

import pytest

from corrigenda.gui.review import sampling as review_sampling
from corrigenda.gui.review.sampling import head_event
from tests.gui.conftest import on_disk
from tests.gui.test_review_mode import edit_two_lines, show_review


def slow_draws(monkeypatch: pytest.MonkeyPatch) -> tuple[list[bool], threading.Event]:
    """draw_sample waits (on a worker) until released; returns (on GUI thread?, release)."""
    real = review_sampling.draw_sample
    on_gui_thread: list[bool] = []
    release = threading.Event()

    def slow(project, percent, seed=None):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        if not on_gui_thread[-1]:
            release.wait(30)
        return real(project, percent, seed)

    monkeypatch.setattr(review_sampling, "draw_sample", slow)
    return on_gui_thread, release


def test_sample_is_drawn_off_the_gui_thread_and_recorded_on_it(
    qtbot, window, ocred_sample, monkeypatch
) -> None:
    edit_two_lines(window)
    show_review(qtbot, window)
    review = window.review
    on_gui_thread, release = slow_draws(monkeypatch)
    review.sample(50, seed=3)
    # The window keeps serving events while the worker draws.
    qtbot.waitUntil(lambda: bool(on_gui_thread))
    assert on_gui_thread == [False]
    assert review.sampler.running
    with on_disk(ocred_sample) as project:
        assert not list(project.events(kinds=("review-sample",)))
    with qtbot.waitSignal(review.sampler.recorded, timeout=10_000):
        release.set()
    drawn = review.sampler.last_drawn
    assert len(drawn) == 1
    with on_disk(ocred_sample) as project:
        (event,) = project.events(kinds=("review-sample",))
        assert event.location["events"] == [drawn[0].event_id]
        assert event.actor == window.session.project.actor


def test_a_decision_while_drawing_makes_it_draw_again(
    qtbot, window, ocred_sample, monkeypatch
) -> None:
    edit_two_lines(window)
    show_review(qtbot, window)
    review = window.review
    on_gui_thread, release = slow_draws(monkeypatch)
    review.sample(100, seed=3)
    qtbot.waitUntil(lambda: bool(on_gui_thread))
    first = review.model.edits()[0].event_id
    review.select_ids([first])
    assert review.reject_selected("wrong")
    with qtbot.waitSignal(review.sampler.recorded, timeout=10_000):
        release.set()
    assert len(on_gui_thread) == 2  # drawn again after the rejection
    assert first not in [e.event_id for e in review.sampler.last_drawn]
    with on_disk(ocred_sample) as project:
        assert head_event(project) == max(e.id for e in project.events())
