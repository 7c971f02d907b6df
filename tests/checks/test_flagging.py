"""Flagging the OCRed sample: the known errors, offsets, incremental re-flagging, decisions."""

from __future__ import annotations

from pathlib import Path

from corrigenda.checks import (
    accept,
    accept_word,
    add_name,
    add_rule,
    apply_concordance,
    concordance,
    flagger_for,
    ignore,
)
from corrigenda.model import Line, Word
from corrigenda.store import Project

NAMES = Path(__file__).resolve().parents[2] / "samples" / "names.txt"


def test_sample_flags(ocred_sample: Path) -> None:
    with Project.open(ocred_sample, readonly=True) as project:
        flagger, problems = flagger_for(project, extra_names=[NAMES])
        flags = flagger.flag_document()
        texts = {p.id: p.text() for p in project.document().pages}
    assert problems == []
    for flag in flags:  # offsets point into the page's text exactly
        assert texts[flag.page_id][flag.start : flag.end] == flag.text
        assert 0 <= flag.score <= 1
    brezhnev = [f for f in flags if f.text in ("I.I. Brezhnev", "1.I. Brezhnev")]
    assert brezhnev and all(f.suggestions[0] == "L.I. Brezhnev" for f in brezhnev)
    assert all(f.score >= 0.9 for f in brezhnev)
    assert not [f for f in flags if f.text == "L.I. Brezhnev"]  # the exact name passes
    by_text = {f.text: f for f in flags}
    assert by_text["settiement"].suggestions[0] == "settlement"
    assert by_text["froin"].suggestions[0] == "from"  # the cracked m
    # The message's two copies are paired line by line (where their readings disagree and
    # one is surely better, the collation check flags it: this OCR of them has no such place).
    collation = flagger.context.collation
    assert collation is not None and len(collation.twins) > 20


def test_reflag_one_edited_line(ocred_sample: Path) -> None:
    with Project.open(ocred_sample, readonly=True) as project:
        flagger, _ = flagger_for(project, extra_names=[NAMES])
        flags = [f for f in flagger.flag_document() if f.text == "froin"]
    assert flags
    flag = flags[0]
    line = flagger.page(flag.page_id).line(flag.line_id)
    fixed = Line(
        line.id,
        tuple(Word(w.id, "from" if w.text == "froin" else w.text, w.bbox) for w in line.words),
        line.bbox,
        line.block,
        line.paragraph,
    )
    fresh = flagger.update_line(flag.page_id, fixed)
    assert (flag.page_id, flag.line_id) in fresh
    assert not [f for f in fresh[(flag.page_id, flag.line_id)] if f.text == "froin"]


def test_decisions_are_events_and_take_effect(ocred_sample: Path) -> None:
    with Project.open(ocred_sample) as project:
        flagger, _ = flagger_for(project, extra_names=[NAMES])
        flags = flagger.flag_document()
        first = next(f for f in flags if f.text == "dclivered")
        events_before = len(list(project.events()))
        accept(project, first)
        ignore(project, next(f for f in flags if f.text == "fricndly"))
        accept_word(project, "woulda")
        add_name(project, "Hobe Sound", ["Hobe"])
        add_rule(project, r"\bbeer\b", "been", "beer is been")
        assert len(list(project.events())) == events_before + 5
        flags = flagger_for(project)[0].flag_document()
    texts = {f.text for f in flags}
    assert "dclivered" not in texts and "fricndly" not in texts and "woulda" not in texts
    assert any(f.kind == "rule" and f.suggestions == ("been",) for f in flags)


def test_concordance_applies_as_one_step(ocred_sample: Path) -> None:
    with Project.open(ocred_sample) as project:
        hits = concordance(project.document(), "I.I.", "L.I.")
        assert len(hits) >= 2
        events = apply_concordance(project, hits[:2], "I.I.", "L.I.")
        assert len({e.source["type"] for e in events}) == 1
        assert len(concordance(project.document(), "I.I.")) == len(hits) - 2
