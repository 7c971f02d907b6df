"""Nothing left behind (issue 14): a full disk at opening, killed OCR runs' scratch files,
half-applied imports, and page names that forge lines of output.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corrigenda import tempfiles
from corrigenda.cli import main
from corrigenda.errors import ProjectError
from corrigenda.formats.ocrimport import import_files
from corrigenda.store import LineEdit, Project, Source
from corrigenda.store.lock import WriterLock, lock_path
from tests.review.helpers import make_project


class _FullDiskFile(io.StringIO):
    """A lock file on a full disk: it exists, but what is written to it never reaches it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        path.touch()

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def fileno(self) -> int:
        return self._fd

    def close(self) -> None:
        os.close(self._fd)
        super().close()


def test_opening_on_a_full_disk_is_a_clear_error_and_leaves_no_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(tmp_path)

    def full_disk_open(self: WriterLock, project: Path) -> io.StringIO:
        handle = _FullDiskFile(self.path)
        handle._fd = os.open(self.path, os.O_RDWR)  # type: ignore[attr-defined]
        return handle

    monkeypatch.setattr(WriterLock, "_open", full_disk_open)
    code = main(["pages", str(path), "--remove", "1"])
    err = capsys.readouterr().err
    assert code == 3 and "the disk is full" in err and "Traceback" not in err
    assert not lock_path(path).exists()
    with Project.open(path, readonly=True) as project:
        assert len(project.pages()) == 2  # nothing changed


def test_a_really_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same on a small tmpfs filled up (needs root to mount; skipped elsewhere)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
        ).returncode
    ):
        pytest.skip("cannot mount a small tmpfs here")
    try:
        path = make_project(disk)
        filler = disk / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        code = main(["pages", str(path), "--remove", "1"])
        err = capsys.readouterr().err
        assert code == 3 and "Traceback" not in err and "full" in err, err
        assert not lock_path(path).exists()
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_a_killed_runs_scratch_files_are_removed_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfiles, "_SYSTEM_TEMP", str(tmp_path))
    killed = tmp_path / f"corrigenda-scratch-{_dead_pid()}-abc123"
    killed.mkdir()
    (killed / "tess_x1y2.png").write_bytes(b"scan copy")
    (killed / "corrigenda-page-1.png").write_bytes(b"scan copy")
    running = tmp_path / f"corrigenda-scratch-{os.getpid()}-def456"
    running.mkdir()
    other = tmp_path / "tess_someone_elses"
    other.write_text("not ours")
    project = make_project(tmp_path)
    assert main(["info", str(project)]) == 0
    assert not killed.exists()
    assert running.exists() and other.exists()


def test_ocr_workers_put_scratch_files_in_their_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfiles, "_SYSTEM_TEMP", str(tmp_path))
    monkeypatch.setattr(tempfiles, "_mine", None)
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    tempfiles.use_scratch_dir()
    assert Path(tempfile.gettempdir()).parent == tmp_path
    assert Path(tempfile.gettempdir()).name.startswith(f"corrigenda-scratch-{os.getpid()}-")


def test_an_import_failing_on_its_second_page_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_project(tmp_path)
    hocr = tmp_path / "both.hocr"
    assert main(["export", str(path), "--format", "hocr", "-o", str(hocr)]) == 0
    hocr.write_text(hocr.read_text().replace("MEMORANDUM", "MEMORANDUMS"))
    with Project.open(path, readonly=True) as project:
        before = [e.hash for e in project.events()]
    calls = []
    real = Project.set_ocr

    def failing_second(self: Project, *args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise ProjectError("page 2: re-OCR would lose the correction 'x'; page not re-OCRed")
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Project, "set_ocr", failing_second)
    with Project.open(path) as project, pytest.raises(ProjectError):
        import_files(project, [hocr])
    with Project.open(path, readonly=True) as project:
        assert [e.hash for e in project.events()] == before
        assert "MEMORANDUMS" not in project.document().text()
    assert len(calls) == 2


NASTY = "page-001.png\n   2  forged-page.png                 approved\u202egnp.exe"


def test_page_names_are_shown_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    path = make_project(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE pages SET name = ? WHERE id = 1", (NASTY,))
    conn.commit()
    conn.close()
    for argv in (["info", str(path)], ["pages", str(path)]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "forged-page.png" in out
        assert "\u202e" not in out and "\\u202e" in out
        assert not any(line.lstrip().startswith("2  forged") for line in out.splitlines())


def test_edits_survive_the_atomic_import_of_a_clean_file(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with Project.open(path, actor="t") as project:
        page = project.pages()[0]
        line = project.page(page.id).lines[0]
        project.edit_lines([LineEdit(page.id, line.id, line.text, line.text + ".")], Source("kb"))
    assert main(["verify", str(path)]) == 0
