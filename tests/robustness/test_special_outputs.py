"""Exports never replace what is not a regular file (issue 14).

The attacks: `export P -o /dev/full` printed "wrote 5 pages" and replaced the device with a
regular file; `-o` onto a named pipe blocked, then replaced the pipe. Now a device or pipe is
written straight to (a full device is a clear error), other special files are refused, and a
symbolic link keeps pointing at the file it named.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from corrigenda.cli import main
from tests.review.helpers import make_project

pytestmark = pytest.mark.skipif(os.name != "posix", reason="devices and pipes are POSIX")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_dev_full_is_a_clear_error_and_stays_a_device(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    code = main(["export", str(project), "--format", "text", "-o", "/dev/full"])
    err = capsys.readouterr().err
    assert code != 0
    assert "/dev/full" in err and "No space left" in err and "Traceback" not in err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_null_is_written_to_in_place(project: Path) -> None:
    assert main(["export", str(project), "--format", "alto", "-o", os.devnull]) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_named_pipe_gets_the_export_and_stays_a_pipe(project: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert main(["export", str(project), "--format", "text", "-o", str(fifo)]) == 0
    reader.join(timeout=30)
    assert b"MEMORANDUM OF CONVERSATION" in received[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_and_a_socket_are_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sock_path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        for target in (tmp_path, sock_path):
            code = main(["audit", str(project), "--format", "csv", "-o", str(target)])
            assert code != 0
            assert "refusing to write over it" in capsys.readouterr().err
        assert stat.S_ISSOCK(os.stat(sock_path).st_mode)
    finally:
        server.close()


def test_a_symlink_is_followed_not_replaced(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert main(["export", str(project), "--format", "text", "-o", str(link)]) == 0
    assert link.is_symlink()
    assert "MEMORANDUM" in target.read_text()


def test_dash_writes_to_standard_output(
    project: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", str(project), "--format", "text", "-o", "-"]) == 0
    assert b"MEMORANDUM OF CONVERSATION" in capsysbinary.readouterr().out
