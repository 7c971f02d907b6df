"""The audit report: CSV and JSONL hold every event; HTML shows verification and the diffs."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.review import decisions
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project

L2 = "Participants: I.I. Brezhnev, General Secretary"


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0]
        project.edit_lines(
            [LineEdit(page.id, 2, L2, L2.replace("I.I.", "L.I."))],
            Source("suggestion", {"check": "names"}),
            "as in the name list",
        )
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [1], "checked against the scan")
    return path


def test_csv_and_jsonl_hold_every_event(reviewed: Path, tmp_path: Path) -> None:
    out_csv, out_jsonl = tmp_path / "a.csv", tmp_path / "a.jsonl"
    assert main(["audit", str(reviewed), "--format", "csv", "-o", str(out_csv)]) == 0
    assert main(["audit", str(reviewed), "--format", "jsonl", "-o", str(out_jsonl)]) == 0
    rows = list(csv.DictReader(out_csv.read_text(encoding="utf-8-sig").splitlines()))
    lines = [json.loads(line) for line in out_jsonl.read_text(encoding="utf-8").splitlines()]
    conn = sqlite3.connect(reviewed)
    (count,) = conn.execute("SELECT COUNT(*) FROM events").fetchone()
    conn.close()
    assert len(rows) == len(lines) == count
    edit = next(r for r in rows if r["kind"] == "edit")
    assert (edit["actor"], edit["check"], edit["review_state"]) == ("alice", "names", "approved")
    assert edit["after"] == "Participants: L.I. Brezhnev, General Secretary"
    assert lines[-1]["kind"] == "sign-off" and lines[-1]["hash"] == rows[-1]["hash"]


def test_html_report_shows_verification_signoff_and_diff(reviewed: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    assert main(["audit", str(reviewed), "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Verified" in html and "archivist" in html
    assert "<del>I.I.</del><ins>L.I.</ins>" in html
    assert "as in the name list" in html


def test_html_report_says_not_verified_after_tampering(reviewed: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(reviewed)
    conn.execute("UPDATE events SET actor = 'mallory' WHERE kind = 'edit'")
    conn.commit()
    conn.close()
    out = tmp_path / "a.html"
    assert main(["audit", str(reviewed), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Not verified" in html and "was altered" in html
