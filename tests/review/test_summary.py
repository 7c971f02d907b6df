"""The QC summary says what it counts: totals over all edits apart from the sample's counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.review import decisions
from corrigenda.review.edits import EditFilter, list_edits
from corrigenda.review.sampling import draw_sample, qc_summary
from corrigenda.store import LineEdit, Project, Source

from .helpers import PAGE_TEXTS, make_project


@pytest.fixture
def reviewed_path(tmp_path: Path) -> Path:
    """alice edits five lines; the archivist approves three and rejects one, none sampled."""
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        for info, texts in zip(project.pages(), PAGE_TEXTS):
            project.edit_lines(
                [LineEdit(info.id, n + 1, t, t + " x") for n, t in enumerate(texts) if t],
                Source("keyboard"),
            )
    with Project.open(path, actor="archivist") as project:
        ids = [e.event_id for e in list_edits(project)]
        decisions.approve(project, ids[:3])
        decisions.reject(project, [ids[3]], "not in the scan")
    return path


def test_totals_count_every_edit_not_only_the_sample(reviewed_path: Path) -> None:
    with Project.open(reviewed_path, readonly=True) as project:
        (row,) = qc_summary(list_edits(project))
    assert (row.edits, row.all_approved, row.all_rejected, row.all_pending) == (6, 3, 1, 2)
    assert (row.sampled, row.approved, row.rejected, row.pending) == (0, 0, 0, 0)


def test_sample_counts_stay_apart_from_the_totals(reviewed_path: Path) -> None:
    with Project.open(reviewed_path, actor="archivist") as project:
        drawn = draw_sample(project, 100, seed=1)  # the two pending edits
        decisions.approve(project, [drawn[0].event_id])
        (row,) = qc_summary(list_edits(project, EditFilter()))
    assert (row.sampled, row.approved, row.pending) == (2, 1, 1)
    assert (row.all_approved, row.all_pending) == (4, 1)


def test_cli_summary_headers_say_what_they_count(
    reviewed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(reviewed_path), "--summary"]) == 0
    out = capsys.readouterr().out
    assert "all edits" in out and "QC-sampled" in out and "s+approved" in out
    header = out.splitlines()[1].split()
    alice = out.splitlines()[2].split()
    assert alice[0] == "alice"
    values = dict(zip(header[1:], alice[1:]))
    assert (values["edits"], values["approved"], values["rejected"]) == ("6", "3", "1")
    assert (values["sampled"], values["s+approved"]) == ("0", "0")
    assert main(["review", str(reviewed_path), "--summary", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["all_approved"], row["approved"]) == (3, 0)
