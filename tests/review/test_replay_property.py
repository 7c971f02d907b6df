"""Property: any sequence of edits, undos and redos rebuilds to exactly the stored pages."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corrigenda.errors import ProjectError
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project

WORDS = st.sampled_from(
    [
        "L.I.",
        "I.I.",
        "Brezhnev",
        "rn",
        "m",
        "message",
        "3.",
        "Moscow",
        "the",
        "—",
        "ﬁ",
        "é",
        "e\u0301",
        "  ",
        "a-b",
        "",
    ]
)
LINE_TEXT = st.lists(WORDS, max_size=8).map(" ".join)

ACTION = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 1), st.integers(1, 3), LINE_TEXT),
    st.tuples(st.just("batch"), st.integers(0, 1), LINE_TEXT, LINE_TEXT),
    st.tuples(st.just("undo"), st.booleans()),
    st.tuples(st.just("redo")),
)

Steps = list[list[int]]
out_of_order: list[bool] = []  # set when a test case undid a step out of order


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("template"))


def apply(project: Project, action: tuple, done: Steps, undone: Steps) -> None:
    pages = project.pages()
    if action[0] in ("edit", "batch"):
        page = project.page(pages[action[1]].id)
        targets = (
            [(action[2], action[3])] if action[0] == "edit" else [(1, action[2]), (3, action[3])]
        )
        edits = [LineEdit(page.id, line, page.line(line).text, text) for line, text in targets]
        done.append([e.id for e in project.edit_lines(edits, Source("keyboard"))])
        undone.clear()
    elif action[0] == "undo" and done:
        if action[1] and len(done) > 1:
            undo_older(project, done)
        else:
            undone.append([e.id for e in project.undo(done.pop())])
    elif action[0] == "redo" and undone:
        done.append([e.id for e in project.redo(undone.pop())])


def undo_older(project: Project, done: Steps) -> None:
    """Undoing an older step works while its lines still read as it left them; otherwise it is
    refused and nothing changes. Once it worked, the later steps are no longer a stack."""
    before = sum(1 for _ in project.events())
    try:
        project.undo(done[0])
    except ProjectError:
        assert sum(1 for _ in project.events()) == before
        return
    done.clear()
    out_of_order.append(True)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(ACTION, min_size=1, max_size=12))
def test_rebuilt_pages_equal_stored_ones(template: Path, actions: list[tuple]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="corrigenda-prop-"))
    try:
        path = folder / "p.corrigenda"
        shutil.copy(template, path)
        done: Steps = []
        undone: Steps = []
        out_of_order.clear()
        with Project.open(path, actor="prop") as project:
            for action in actions:
                apply(project, action, done, undone)
            assert verify(path).ok
            while done:
                undone.append([e.id for e in project.undo(done.pop())])
            for info in project.pages() if not out_of_order else []:
                run = project.ocr_run(info.id)
                assert run is not None
                assert [ln.text for ln in project.page(info.id).lines] == [
                    ln.text for ln in run.lines
                ]
            while undone:
                done.append([e.id for e in project.redo(undone.pop())])
        report = verify(path)
        assert report.ok, report.problems[:3]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
