"""The document's own vocabulary: a rare variant of a repeated form, and unlearning it."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrigenda.checks import flagger_for
from corrigenda.checks.flag_decisions import relearn, unlearn
from corrigenda.cli import main
from corrigenda.errors import CorrigendaError
from corrigenda.store import Project, Source
from tests.checks.text_pages import FILLER, flags_of
from tests.synthetic import ocr_run, page_image

TEXT = "\n".join(f"{FILLER} and Ambassador Dobrynin said {FILLER}" for _ in range(5))


def test_a_rare_variant_of_a_repeated_form_gets_the_repeated_form_first() -> None:
    flags = {f.text: f for f in flags_of(f"{TEXT}\nthen Dobrynim came back")}
    assert flags["Dobrynim"].kind == "vocabulary"
    assert flags["Dobrynim"].suggestions[0] == "Dobrynin"
    assert "Dobrynin" not in flags


def test_inflections_and_rare_forms_teach_nothing() -> None:
    text = "\n".join(f"{FILLER} the Mahommedan said {FILLER}" for _ in range(5))
    assert not [f for f in flags_of(f"{text}\nthe Mahommedans came") if f.kind == "vocabulary"]
    twice = "\n".join(f"{FILLER} and Dobrynin said" for _ in range(2))
    assert not [f for f in flags_of(f"{twice}\nthen Dobrynim came") if f.kind == "vocabulary"]


def test_unlearning_is_recorded_and_undone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v.corrigenda"
    with Project.create(path, [page_image()]) as project:
        texts = [*TEXT.splitlines(), "then Dobrynim came back"]
        project.set_ocr(project.pages()[0].id, ocr_run(texts), Source("ocr", {"engine": "test"}))
    capsys.readouterr()
    assert main(["flag", str(path), "--learned"]) == 0
    assert "Dobrynin" in capsys.readouterr().out
    with Project.open(path) as project:
        unlearn(project, "Dobrynin", ["Dobrynin"])
        flags = flagger_for(project)[0].flag_document()
        assert not [f for f in flags if f.kind == "vocabulary"]
        relearn(project, "Dobrynin")
        flags = flagger_for(project)[0].flag_document()
        assert [f.suggestions[0] for f in flags if f.kind == "vocabulary"] == ["Dobrynin"]
    assert main(["flag", str(path), "--unlearn", "Dobrynin", "--learned"]) == 0
    captured = capsys.readouterr()
    assert "Dobrynin" not in captured.out and "unlearned: Dobrynin" in captured.err
    assert main(["verify", str(path)]) == 0


def test_a_twin_copy_never_takes_letters_from_a_glued_word() -> None:
    from corrigenda.align import align
    from corrigenda.checks.collation import _merged

    mine = ["of", "the", "Soviet", "Union", "and’the", "United"]
    theirs = ["of", "the", "Soviet", "Union", "and", "the", "United"]
    blocks = _merged(align(mine, theirs), mine, theirs)
    replaced = [b for b in blocks if b.tag == "replace"]
    assert [(mine[b.a0 : b.a1], theirs[b.b0 : b.b1]) for b in replaced] == [
        (["and’the"], ["and", "the"])
    ]


def test_unlearning_an_unknown_form_or_relearning_one_never_unlearned_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v.corrigenda"
    with Project.create(path, [page_image()]) as project:
        texts = [*TEXT.splitlines(), "then Dobrynim came back"]
        project.set_ocr(project.pages()[0].id, ocr_run(texts), Source("ocr", {"engine": "test"}))
        events = len(list(project.events()))
    capsys.readouterr()
    for option, form, says in [
        ("--unlearn", "Zzzz", "'Zzzz' is not a learned form of this document"),
        ("--relearn", "Qqqq", "'Qqqq' was not unlearned"),
        ("--relearn", "Dobrynin", "'Dobrynin' was not unlearned"),  # learned, never unlearned
    ]:
        assert main(["flag", str(path), option, form]) == 1
        err = capsys.readouterr().err
        assert says in err and "nothing was recorded" in err
    # A good form beside a bad one: neither is recorded.
    assert main(["flag", str(path), "--unlearn", "Dobrynin", "--unlearn", "Zzzz"]) == 1
    with Project.open(path) as project:
        assert len(list(project.events())) == events
        with pytest.raises(CorrigendaError, match="not a learned form"):
            unlearn(project, "Zzzz", ["Dobrynin"])
        unlearn(project, "Dobrynin", ["Dobrynin"])
        relearn(project, "Dobrynin")
        assert len(list(project.events())) == events + 2
