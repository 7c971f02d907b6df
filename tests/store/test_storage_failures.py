"""When the disk is full or the file cannot be written: a clear message, nothing half-written,
and everything saved before is still there."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from corrigenda.errors import ProjectError
from corrigenda.store import LineEdit, Project, Source
from tests.synthetic import ocr_run, page_image


def make_project(path: Path) -> Project:
    project = Project.create(path, [page_image()])
    project.set_ocr(project.pages()[0].id, ocr_run(["one two three"]), Source("ocr"))
    return project


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB filesystem (tmpfs), where this machine lets us mount one."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    if not shutil.which("mount"):
        pytest.skip("no mount command")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small filesystem here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_refuses_the_edit_and_keeps_what_was_saved(small_disk: Path) -> None:
    project = make_project(small_disk / "p.corrigenda")
    page_id = project.pages()[0].id
    saved = []
    text = "one two three"
    with pytest.raises(ProjectError, match="disk is full") as failure:
        for n in range(10_000):
            new = f"one two three {'x' * 2000}{n}"
            project.edit_lines([LineEdit(page_id, 1, text, new)], Source("keyboard"))
            saved.append(new)
            text = new
    assert "Nothing was changed" in failure.value.message
    assert saved, "some edits fit before the disk filled"
    assert project.page(page_id).lines[0].text == saved[-1]
    project.close()
    with Project.open(project.path, readonly=True) as again:
        assert again.page(page_id).lines[0].text == saved[-1]
        events = list(again.events(page_id))
        assert events[-1].after == saved[-1]
        assert all(e.hash == e.compute_hash() for e in events)


def test_an_environment_failure_mid_batch_rolls_back_the_whole_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p.corrigenda")
    page_id = project.pages()[0].id
    real = Project._edit_line
    calls = []

    def failing(self: Project, *args: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Project, "_edit_line", failing)
    before = len(list(project.events()))
    with pytest.raises(ProjectError, match="read-only"):
        project.edit_lines(
            [
                LineEdit(page_id, 1, "one two three", "one two 3"),
                LineEdit(page_id, 1, "one two 3", "1 two 3"),
            ],
            Source("batch"),
        )
    assert project.page(page_id).lines[0].text == "one two three"
    assert len(list(project.events())) == before
    project.close()


@pytest.fixture
def read_only_view(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A folder and a read-only view of it (a read-only bind mount: even root cannot write)."""
    folder, view = tmp_path / "rw", tmp_path / "ro"
    folder.mkdir()
    view.mkdir()
    if subprocess.run(["mount", "--bind", str(folder), str(view)], capture_output=True).returncode:
        pytest.skip("cannot bind-mount here (needs root)")
    try:
        remount = ["mount", "-o", "remount,ro,bind", str(view)]
        if subprocess.run(remount, capture_output=True).returncode:
            pytest.skip("cannot remount read-only here")
        yield folder, view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_read_only_file_is_refused_for_writing_with_advice(
    read_only_view: tuple[Path, Path],
) -> None:
    folder, view = read_only_view
    make_project(folder / "p.corrigenda").close()
    with pytest.raises(ProjectError, match="read-only"):
        Project.open(view / "p.corrigenda")
    with Project.open(view / "p.corrigenda", readonly=True) as reader:
        assert reader.page(reader.pages()[0].id).lines[0].text == "one two three"
