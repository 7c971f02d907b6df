"""The flag, fix and concordance commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.evaluation import score
from corrigenda.store import Project

NAMES = Path(__file__).resolve().parents[1] / "samples" / "names.txt"


def _text(path: Path) -> str:
    with Project.open(path, readonly=True) as project:
        return project.document().text()


def test_flag_json(ocred_sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["flag", str(ocred_sample), "--names", str(NAMES), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows
    assert set(rows[0]) == {
        "page",
        "line",
        "start",
        "end",
        "text",
        "kind",
        "score",
        "explanation",
        "suggestions",
    }
    assert any(
        r["text"] == "I.I. Brezhnev" and r["suggestions"][0] == "L.I. Brezhnev" for r in rows
    )


def test_flag_kinds_filter(ocred_sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["flag", str(ocred_sample), "--names", str(NAMES), "--kinds", "name", "--json"]) == 0
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and {r["kind"] for r in rows} == {"name"}


def test_fix_lowers_cer_and_dry_run_changes_nothing(ocred_sample: Path, sample_dir: Path) -> None:
    truth = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(sample_dir.glob("page-*.gt.txt"))
    )
    before = _text(ocred_sample)
    assert (
        main(
            ["fix", str(ocred_sample), "--names", str(NAMES), "--accept-above", "0.8", "--dry-run"]
        )
        == 0
    )
    assert _text(ocred_sample) == before
    assert main(["fix", str(ocred_sample), "--names", str(NAMES), "--accept-above", "0.8"]) == 0
    after = _text(ocred_sample)
    assert (
        score(after.replace("\f", "\n"), truth).cer < score(before.replace("\f", "\n"), truth).cer
    )


def test_concordance_select_and_bad_pattern(
    ocred_sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["concordance", str(ocred_sample), "I.I.", "--apply", "L.I.", "--select", "1"]) == 0
    assert main(["concordance", str(ocred_sample), "/(bad/"]) == 2
    assert "not a valid regular expression" in capsys.readouterr().err


def test_new_checks_its_name_lists(
    tmp_path: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Moscow\nZ\xfcrich\n".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("\n# nobody\n", encoding="utf-8")
    image = str(sample_dir / "page-001.png")
    for bad, reason in (
        (latin, "not UTF-8 (line 2"),
        (empty, "holds no names"),
        (tmp_path / "missing.txt", "cannot read"),
    ):
        project = tmp_path / f"{bad.stem}.corrigenda"
        assert main(["new", str(project), image, "--names", str(bad)]) != 0
        assert reason in capsys.readouterr().err
        assert not project.exists()
    fine = tmp_path / "fine.txt"
    fine.write_text("\nL.I. Brezhnev | Brezhnev\n\nL.I. Brezhnev\nMoscow\n", encoding="utf-8")
    project = tmp_path / "fine.corrigenda"
    assert main(["new", str(project), image, "--names", str(fine)]) == 0
    with Project.open(project, readonly=True) as opened:
        stored = opened.setting("name_lists")
    assert stored == [{"file": "fine.txt", "text": "L.I. Brezhnev | Brezhnev\nMoscow\n"}]


@pytest.mark.parametrize("command", [["flag"], ["fix", "--accept-above", "0.9"]])
@pytest.mark.parametrize("data", [b"Moscow\nZ\xfcrich\n", b"Z\xfcrich\nM\xfcnchen\n"])
def test_flag_and_fix_refuse_a_latin1_name_list(
    ocred_sample: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    data: bytes,
) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(data)
    before = _text(ocred_sample)
    assert main([command[0], str(ocred_sample), *command[1:], "--names", str(latin)]) != 0
    err = capsys.readouterr().err
    assert f"{latin} is not UTF-8 (line " in err and "byte " in err
    assert "holds no names" not in err
    assert _text(ocred_sample) == before


def test_concordance_select_refusals_and_preview(
    ocred_sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = str(ocred_sample)
    before = _text(ocred_sample)
    assert main(["concordance", project, "I.I.", "--apply", "L.I.", "--select", "a"]) != 0
    err = capsys.readouterr().err
    assert "bad occurrence list 'a'" in err and "page" not in err
    assert main(["concordance", project, "I.I.", "--select", "1"]) != 0
    assert "--apply" in capsys.readouterr().err
    assert _text(ocred_sample) == before
    assert main(["concordance", project, "I.I.", "--apply", "L.I.", "--select", "99"]) != 0
    assert "no number 99" in capsys.readouterr().err
    assert main(["concordance", project, "I.I."]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) >= 2 and not any("->" in row for row in listed)
    assert all(row.count("«I.I.»") == 1 for row in listed)  # which hit of the line it is
    assert main(["concordance", project, "I.I.", "--apply", "L.I.", "--select", "1"]) == 0
    out, err = capsys.readouterr()
    rows = out.splitlines()
    assert len(rows) == len(listed)
    assert rows[0].startswith("*") and rows[0].endswith("-> 'L.I.'")
    assert not any("->" in row or row.startswith("*") for row in rows[1:])
    assert "replaced 1 occurrence on 1 line (one step)" in err


def test_counts_read_in_the_singular(
    ocred_sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = str(ocred_sample)
    assert main(["concordance", project, "settiement"]) == 0
    assert "1 occurrence of 'settiement'" in capsys.readouterr().err
    assert main(["concordance", project, "settiement", "--apply", "x", "--select", "2"]) != 0
    assert "there is 1 occurrence of 'settiement'; no number 2" in capsys.readouterr().err


# Source types that record no line edit, so `review --list --source` never sees them
# ("handwriting": accepting a proposed handwritten region is a region event).
NOT_EDITS = {"create", "pages", "ocr", "decision", "handwriting"}


def test_review_source_help_lists_the_real_edit_sources(capsys: pytest.CaptureFixture[str]) -> None:
    app = Path(__file__).resolve().parents[1] / "app" / "corrigenda"
    used = {
        m
        for f in app.rglob("*.py")
        for m in re.findall(r'Source\("([a-z-]+)"', f.read_text(encoding="utf-8"))
    }
    assert {"keyboard", "auto-fix", "replace-all"} <= used
    with pytest.raises(SystemExit):
        main(["review", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    listed = re.search(r"--source SOURCE (.*?)--check", text)
    assert listed is not None
    names = set(re.findall(r"[a-z][a-z-]+", listed.group(1).split(":", 1)[1]))
    assert names == used - NOT_EDITS


def test_hits_on_one_line_are_told_apart(tmp_path: Path) -> None:
    from corrigenda.checks.concordance import concordance
    from corrigenda.model import Document, Line, Page, Word

    text = "it will he done he said"
    words = tuple(Word(i + 1, t) for i, t in enumerate(text.split(" ")))
    page = Page(1, 1, "p.png", 10, 10, None, (Line(1, words, None, 0, 0),))
    first, second = concordance(Document("t", (page,)), "he")
    assert first.marked() == "it will «he» done he said"
    assert second.marked() == "it will he done «he» said"


def test_fix_lists_only_what_it_applies() -> None:
    from corrigenda.checks import Flag
    from corrigenda.checks.flag_decisions import best_first_suggestions

    def flag(start: int, end: int, score: float, text: str, fix: str) -> Flag:
        return Flag(1, 1, start, end, text, "name", score, "", (fix,), 1, 1, "names")

    name = flag(0, 13, 0.92, "I.I. Brezhnev", "L.I. Brezhnev")
    inside = flag(5, 13, 0.85, "Brezhnev", "Brezhnew")
    apart = flag(20, 24, 0.9, "tbe", "the")
    low = flag(30, 34, 0.5, "hcr", "her")
    chosen = best_first_suggestions([inside, low, apart, name], 0.8)
    assert chosen == [(name, "L.I. Brezhnev"), (apart, "the")]


def test_flag_keeps_its_name_lists_when_asked(
    ocred_sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("L.I. Brezhnev | Brezhnev\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Z\xfcrich\n")
    project = str(ocred_sample)
    assert main(["flag", project, "--names", str(names), "--names", str(bad), "--keep-names"]) == 2
    with Project.open(ocred_sample, readonly=True) as opened:
        assert not opened.setting("name_lists")  # a bad list refuses them all: nothing kept
    assert main(["flag", project, "--names", str(names), "--keep-names", "--kinds", "name"]) == 0
    assert "keeps 1 name list" in capsys.readouterr().err
    assert main(["flag", project, "--kinds", "name", "--json"]) == 0
    assert "L.I. Brezhnev" in capsys.readouterr().out  # no --names: the project's own list
    with Project.open(ocred_sample, readonly=True) as opened:
        assert [item["file"] for item in opened.setting("name_lists")] == ["names.txt"]
        assert list(opened.events())[-1].kind == "setting"
