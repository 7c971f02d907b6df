"""Logging and exit codes: a bug is one line naming the log file, which holds the traceback."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from corrigenda import errors, logs
from corrigenda.cli import main, project_commands
from corrigenda.errors import ExitCode


def broken_info(args: argparse.Namespace) -> int:
    raise ZeroDivisionError("a bug deep inside")


def test_a_bug_is_one_line_naming_the_log_which_has_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], private_config: Path
) -> None:
    monkeypatch.setattr(project_commands, "cmd_info", broken_info)
    code = main(["info", "whatever.corrigenda"])
    err = capsys.readouterr().err
    log = private_config / "log" / logs.LOG_NAME
    assert code == ExitCode.BUG == 70
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "ZeroDivisionError: a bug deep inside" in err and str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "broken_info" in text and "CRITICAL" in text


def test_debug_shows_the_traceback_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(project_commands, "cmd_info", broken_info)
    assert main(["--debug", "info", "whatever.corrigenda"]) == ExitCode.BUG
    err = capsys.readouterr().err
    assert "Traceback" in err and "broken_info" in err


def test_log_level_echoes_records_on_stderr_and_in_the_file(
    capsys: pytest.CaptureFixture[str], private_config: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.corrigenda"
    code = main(["--log-level", "info", "info", str(missing)])
    err = capsys.readouterr().err
    assert code == ExitCode.PROJECT
    assert "INFO" in err and "info failed" in err  # the record, echoed
    assert "info failed" in (private_config / "log" / logs.LOG_NAME).read_text(encoding="utf-8")


def test_an_unknown_log_level_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--log-level", "chatty", "info", "x.corrigenda"])
    assert stop.value.code == ExitCode.USAGE
    assert "--log-level" in capsys.readouterr().err


def test_a_quiet_run_leaves_no_log_file(
    capsys: pytest.CaptureFixture[str], private_config: Path
) -> None:
    assert main(["--version"]) == ExitCode.OK
    assert not (private_config / "log" / logs.LOG_NAME).exists()


def test_an_unwritable_log_folder_falls_back_to_stderr(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CORRIGENDA_LOG_DIR", str(blocker / "log"))
    monkeypatch.setattr(project_commands, "cmd_info", broken_info)
    assert main(["info", "x.corrigenda"]) == ExitCode.BUG
    err = capsys.readouterr().err
    assert "cannot keep a log file" in err
    assert "run again with --debug" in err  # no file to point at


def test_every_error_class_exits_with_a_named_code() -> None:
    classes = [errors.CorrigendaError, *_subclasses(errors.CorrigendaError)]
    assert all(isinstance(c.exit_code, ExitCode) for c in classes)
    assert len({int(code) for code in ExitCode}) == len(ExitCode)  # no two names share a code


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found
