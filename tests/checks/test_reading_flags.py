"""The `reading` flag: a second reading of the scan that disagrees with the first."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from corrigenda.checks import Flagger, build_context
from corrigenda.checks.catalogue import all_kinds
from corrigenda.cli import main
from corrigenda.model import Document, Evidence, Line, Page, Word
from corrigenda.store import Project, Source
from tests.checks.text_pages import FILLER, by_text
from tests.synthetic import ocr_run, page_image

WORDS = ["it", "was", "a", "horse", "near", "the", "town"]


def flags_with(
    evidence: Evidence, at: int = 3, conf: float = 80.0, texts: list[str] = WORDS
) -> dict[str, object]:
    words = [Word(i + 1, t, None, 95.0) for i, t in enumerate(texts)]
    words[at] = replace(words[at], conf=conf, evidence=evidence)
    filler = Line(2, tuple(Word(i + 20, t) for i, t in enumerate(FILLER.split())), None, 0, 0)
    page = Page(1, 1, "p.png", 100, 100, None, (Line(1, tuple(words), None, 0, 0), filler))
    document = Document("t", (page,))
    context, _ = build_context(document, {}, [])
    return by_text(Flagger(document, context).flag_document())  # type: ignore[return-value]


def test_reading_is_a_kind_of_flag() -> None:
    assert "reading" in all_kinds()


def test_a_disagreeing_reading_flags_the_word_with_the_other_reading_first() -> None:
    # Both are words: only the second reading tells that "horse" may be wrong.
    flag = flags_with(Evidence(readings=(("house", 82.0),)))["horse"]
    assert flag.kind == "reading"  # type: ignore[attr-defined]
    assert flag.suggestions == ("house",)  # type: ignore[attr-defined]
    assert "house" in flag.explanation  # type: ignore[attr-defined]
    assert 0 < flag.score <= 0.75  # type: ignore[attr-defined]  # one reading against one: a guess


def test_readings_that_agree_with_each_other_come_first_and_score_higher() -> None:
    lone = flags_with(Evidence(readings=(("hoarse", 85.0), ("house", 70.0))))["horse"]
    two = flags_with(Evidence(readings=(("hoarse", 85.0), ("house", 70.0), ("house", 66.0))))
    flag = two["horse"]
    assert flag.suggestions[0] == "house"  # type: ignore[attr-defined]  # two votes beat one
    assert "hoarse" in flag.suggestions  # type: ignore[attr-defined]
    assert flag.score > lone.score  # type: ignore[attr-defined]


def test_the_lexicon_ranks_readings_that_agree_as_often() -> None:
    flag = flags_with(Evidence(readings=(("hovse", 90.0), ("house", 60.0))))["horse"]
    assert flag.suggestions[0] == "house"  # type: ignore[attr-defined]


def test_agreeing_readings_and_no_readings_raise_no_reading_flag() -> None:
    assert "horse" not in flags_with(Evidence(readings=(("horse", 90.0),)))
    assert "horse" not in flags_with(Evidence())
    sure = tuple(((ch, 0.99),) for ch in "horse")
    assert "horse" not in flags_with(Evidence(choices=sure))


def test_a_lone_unsure_reading_of_a_speck_is_no_flag() -> None:
    assert "horse" not in flags_with(Evidence(readings=(("h.orse", 30.0),)), conf=90.0)
    # A speck read as a mark once, even surely: the other readings did not see it.
    assert "horse" not in flags_with(Evidence(readings=(("horse.", 95.0),)), conf=90.0)
    # Two readings saw it: worth a look.
    two = flags_with(Evidence(readings=(("horse.", 95.0), ("horse.", 80.0))), conf=90.0)
    assert two["horse"].suggestions == ("horse.",)  # type: ignore[attr-defined]


def test_a_reading_flag_merges_with_another_checks_flag_on_the_same_word() -> None:
    texts = ["it", "was", "a", "hcuse", "near", "the", "town"]
    flags = flags_with(Evidence(readings=(("house", 88.0),)), texts=texts)
    on_word = [f for f in flags.values() if f.text == "hcuse"]  # type: ignore[attr-defined]
    assert len(on_word) == 1
    assert on_word[0].suggestions[0] == "house"  # type: ignore[attr-defined]


def test_flag_json_lists_the_reading_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.corrigenda"
    run = ocr_run(["it was a horse near the town", FILLER])
    first = run.lines[0]
    words = list(first.words)
    words[3] = replace(words[3], evidence=Evidence(readings=(("house", 85.0), ("house", 70.0))))
    run = replace(run, lines=(replace(first, words=tuple(words)), *run.lines[1:]))
    with Project.create(path, [page_image()]) as project:
        project.set_ocr(project.pages()[0].id, run, Source("ocr", {"engine": "test"}))
    assert main(["flag", str(path), "--json"]) == 0
    flags = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    reading = [f for f in flags if f["kind"] == "reading"]
    assert [f["text"] for f in reading] == ["horse"]
    assert reading[0]["suggestions"][0] == "house"


def test_a_lone_reading_that_adds_marks_changes_case_or_misreads_a_word_is_no_flag() -> None:
    # Marks added to the chosen reading: specks a second look read ("the." for "the").
    assert "horse" not in flags_with(Evidence(readings=(("horse.", 95.0),)))
    assert "horse" not in flags_with(Evidence(readings=(("‘horse", 95.0),)))
    assert "horse" not in flags_with(Evidence(readings=(("Horse", 95.0),)))  # the case alone
    # Against a known word, a lone reading that is no word, or a far rarer word.
    assert "horse" not in flags_with(Evidence(readings=(("hcrse", 95.0),)))
    assert "near" not in flags_with(Evidence(readings=(("ncar", 95.0),)), at=4)
    texts = ["it", "was", "a", "horse", "that", "are", "here"]
    assert "are" not in flags_with(Evidence(readings=(("arc", 95.0),)), at=5, texts=texts)
    # A speck the first look kept, which a second look did not read, still counts.
    texts = ["it", "was", "a", "horse’", "near", "the", "town"]
    assert flags_with(Evidence(readings=(("horse", 90.0),)), texts=texts)["horse’"]
