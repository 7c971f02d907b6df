"""Separation of duties on sign-offs: a sign-off covering its signer's own edits says so, in
verify, the edit listing, the summary and the audit report; such projects still verify."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from corrigenda.cli import main
from corrigenda.review import decisions
from corrigenda.review.edits import list_edits
from corrigenda.review.own_edits import signoffs_with_own_edits
from corrigenda.review.report_html import gather, render
from corrigenda.review.signoffs import SignoffChecker
from corrigenda.review.verify import verify
from corrigenda.store import Event, LineEdit, Project, Source

from .helpers import make_project

P1L2 = "Participants: I.I. Brezhnev, General Secretary"
P2L1 = "The General Secretary said that the rnessage had been"
P2L3 = "received with great interest in Moscow"


def _edit(path: Path, actor: str, page: int, line: int, before: str, after: str) -> int:
    with Project.open(path, actor=actor) as project:
        info = project.pages()[page - 1]
        (event,) = project.edit_lines([LineEdit(info.id, line, before, after)], Source("keyboard"))
        return event.id


@pytest.fixture
def self_signed_path(tmp_path: Path) -> tuple[Path, int, int]:
    """Page 2: one edit by alice, one by archivist; archivist signs page 2 off, approving
    their own edit themselves."""
    path = make_project(tmp_path)
    alices = _edit(path, "alice", 2, 3, P2L3, P2L3 + ".")
    own = _edit(path, "archivist", 2, 1, P2L1, P2L1.replace("rnessage", "message"))
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [2], allow_own_edits=True)
    return path, own, alices


def test_verify_passes_and_names_the_signers_own_edits(
    self_signed_path: tuple[Path, int, int],
) -> None:
    path, own, _ = self_signed_path
    checked = verify(path)
    assert checked.ok, checked.first_problem
    (signoff,) = checked.signoffs
    assert signoff.own_edits == {2: [own]}
    assert signoff.own_self_approved == [own]
    assert "covers 1 of the signer's own edits (page 2:" in signoff.own_edits_text()
    assert not checked.notes


def test_edits_listed_as_self_signed(self_signed_path: tuple[Path, int, int]) -> None:
    path, own, alices = self_signed_path
    with Project.open(path, readonly=True) as project:
        flags = {e.event_id: e.self_signed for e in list_edits(project)}
        ((event, found),) = signoffs_with_own_edits(project)
    assert flags == {alices: False, own: True}
    assert event.kind == "sign-off" and found.count == 1 and found.reviewer == "archivist"


def test_cli_verify_list_and_summary_show_it(
    self_signed_path: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, own, _ = self_signed_path
    p = str(path)
    assert main(["verify", p]) == 0
    assert "covers 1 of the signer's own edits" in capsys.readouterr().out
    assert main(["review", p, "--list"]) == 0
    out = capsys.readouterr().out
    assert "self-approved self-signed" in out
    assert f"covers 1 of their own edits (page 2: {own}); self-approved: {own}" in out
    assert main(["review", p, "--summary"]) == 0
    assert "self-signed (edits their own author signed off): archivist 1" in (
        capsys.readouterr().out
    )
    assert main(["review", p, "--summary", "--json"]) == 0
    rows = {r["actor"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["archivist"]["self_signed"] == 1 and rows["alice"]["self_signed"] == 0


def test_audit_reports_show_it_on_the_sign_off(self_signed_path: tuple[Path, int, int]) -> None:
    path, own, _ = self_signed_path
    out = path.parent / "audit.jsonl"
    assert main(["audit", str(path), "--format", "jsonl", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    (signoff,) = [r for r in rows if r["kind"] == "sign-off"]
    assert signoff["signer_own_edits"] == f"page 2: {own}"
    assert signoff["signer_own_edits_count"] == 1
    assert [r["id"] for r in rows if r["self_signed"]] == [own]
    out = path.parent / "audit.csv"
    assert main(["audit", str(path), "--format", "csv", "-o", str(out)]) == 0
    table = list(csv.DictReader(out.read_text("utf-8-sig").splitlines()))
    assert [r["signer_own_edits"] for r in table if r["kind"] == "sign-off"] == [f"page 2: {own}"]
    with Project.open(path, readonly=True) as project:
        html = render(gather(project))
    assert "covers 1 of the signer&#x27;s own edits" in html
    assert "signed off by its own author (archivist)" in html


def test_another_reviewer_s_sign_off_has_no_marker(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    _edit(path, "alice", 2, 1, P2L1, P2L1.replace("rnessage", "message"))
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [2])
        assert not any(e.self_signed for e in list_edits(project))
        assert signoffs_with_own_edits(project) == []
    assert verify(path).signoffs[0].own_edits == {}


def test_own_edit_approved_by_someone_else_still_counts(tmp_path: Path) -> None:
    # Another reviewer approved it, but the signer still signs off their own work.
    path = make_project(tmp_path)
    own = _edit(path, "archivist", 2, 1, P2L1, P2L1.replace("rnessage", "message"))
    with Project.open(path, actor="second") as project:
        decisions.approve(project, [own])
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [2])
    (signoff,) = verify(path).signoffs
    assert signoff.own_edits == {2: [own]} and signoff.own_self_approved == []


def test_a_rejected_own_edit_is_not_covered(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    own = _edit(path, "archivist", 2, 1, P2L1, P2L1.replace("rnessage", "message"))
    with Project.open(path, actor="second") as project:
        decisions.reject(project, [own], "keep the OCR here")
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [2])
    assert verify(path).signoffs[0].own_edits == {}


def test_document_sign_off_names_the_pages(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    first = _edit(path, "archivist", 1, 2, P1L2, P1L2.replace("I.I.", "L.I."))
    _edit(path, "alice", 2, 3, P2L3, P2L3 + ".")
    with Project.open(path, actor="archivist") as project:
        decisions.approve_document(project, allow_own_edits=True)
        assert [e.event_id for e in list_edits(project) if e.self_signed] == [first]
    checked = verify(path)
    assert checked.ok, checked.first_problem
    (signoff,) = checked.signoffs
    assert signoff.scope == "document" and signoff.own_edits == {1: [first]}


def test_edits_after_the_sign_off_are_not_covered_by_it(
    self_signed_path: tuple[Path, int, int],
) -> None:
    path, own, _ = self_signed_path
    later = _edit(path, "archivist", 1, 2, P1L2, P1L2.replace("I.I.", "L.I."))
    with Project.open(path, readonly=True) as project:
        flags = {e.event_id: e.self_signed for e in list_edits(project)}
    assert flags[own] and not flags[later]
    assert verify(path).signoffs[0].own_edits == {2: [own]}


def test_the_sign_off_event_itself_records_the_own_edits(
    self_signed_path: tuple[Path, int, int],
) -> None:
    path, own, _ = self_signed_path
    with Project.open(path, readonly=True) as project:
        (event,) = project.events(kinds=("sign-off",))
        info = project.pages()[1]
    assert event.source.get("own-edits") == {str(info.id): [own]}


def _event(
    event_id: int,
    kind: str,
    actor: str,
    page: int,
    location: dict[str, Any] | None = None,
    source: dict[str, Any] | None = None,
) -> Event:
    return Event(
        event_id,
        "2026-01-01T00:00:00Z",
        actor,
        page,
        kind,
        location or {},
        None,
        None,
        source or {"type": "keyboard"},
        None,
        "",
    )


def test_a_recorded_marker_that_disagrees_with_the_events_is_noted() -> None:
    # A sign-off that records its own edits (the planned format) is compared with the chain.
    signoff_source = {"type": "review", "sign-off": "page", "own-edits": {"7": [99]}}
    events = [
        _event(1, "ocr", "x", 7),
        _event(2, "edit", "archivist", 7, location={"line": 1}),
        _event(
            3,
            "sign-off",
            "archivist",
            7,
            location={"pages": {"7": "d"}, "reviewer": "archivist"},
            source=signoff_source,
        ),
    ]
    checker = SignoffChecker()
    for event in events:
        checker.see(event)
    assert checker.own.found[3].pages == {7: [2]}
    assert checker.notes and "records own edits {7: [99]}" in checker.notes[0]
    fine = SignoffChecker()
    agreeing = {**signoff_source, "own-edits": {"7": [2]}}
    for event in [
        *events[:2],
        _event(3, "sign-off", "archivist", 7, location=events[2].location, source=agreeing),
    ]:
        fine.see(event)
    assert not fine.notes
