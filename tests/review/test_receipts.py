"""A cut tail is detectable with a receipt (issue 14).

The attack: deleting the last sign-off (or the last reviews and a rewritten tail) and resetting
page statuses verifies OK, because a shorter chain is still a whole chain. A receipt kept
outside the project at each sign-off names the project, its event count and its head; `verify
--receipt` fails when the project no longer holds and extends it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.review import receipts
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project

L2 = "Participants: I.I. Brezhnev, General Secretary"


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(project, a copy from before the sign-off, the sign-off's receipt)."""
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0]
        project.edit_lines([LineEdit(page.id, 2, L2, L2.replace("I.I.", "L.I."))], Source("kb"))
    before = tmp_path / "before.corrigenda"
    shutil.copy(path, before)
    receipt = tmp_path / "receipt.json"
    code = main(["review", str(path), "--page", "1", "--receipt", str(receipt)])
    assert code == 0
    return path, before, receipt


def test_the_receipt_holds_and_later_work_extends_it(signed: tuple[Path, Path, Path]) -> None:
    path, _, receipt = signed
    with Project.open(path, actor="alice") as project:
        page = project.pages()[1]
        line = project.page(page.id).lines[0]
        project.edit_lines([LineEdit(page.id, line.id, line.text, line.text + "!")], Source("kb"))
    assert main(["verify", str(path), "--receipt", str(receipt), "--trusted"]) == 0


def test_attack_history_cut_back_to_before_the_sign_off(
    signed: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, before, receipt = signed
    shutil.copy(before, path)  # the cleanest cut there is: an older copy of the same project
    assert verify(path).ok  # without the receipt nothing shows
    assert main(["verify", str(path), "--receipt", str(receipt)]) == 6
    assert "history was cut off its end" in capsys.readouterr().err


def test_attack_last_sign_off_deleted_and_statuses_reset(
    signed: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, receipt = signed
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM events WHERE kind IN ('sign-off', 'review')")
    conn.execute("UPDATE pages SET status = 'transcribed' WHERE id = 1")
    conn.commit()
    conn.close()
    assert verify(path).ok
    assert main(["verify", str(path), "--receipt", str(receipt)]) == 6
    assert "cut off its end" in capsys.readouterr().err


def test_attack_tail_rewritten_to_the_same_length(signed: tuple[Path, Path, Path]) -> None:
    path, before, receipt = signed
    shutil.copy(before, path)
    with Project.open(path, actor="alice") as project:  # other events in the same places
        for _ in range(3):
            project.set_setting("psm", 4, Source("kb"))
    report = verify(path, receipts=[("r", receipts.read(receipt))])
    assert not report.ok and "rewritten" in str(report.first_problem)


def test_attack_another_project_presented_with_the_receipt(
    signed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, _, receipt = signed
    (tmp_path / "other").mkdir()
    other = make_project(tmp_path / "other")
    report = verify(other, receipts=[("r", receipts.read(receipt))])
    assert "not the project the receipt was made for" in str(report.first_problem)


def test_attack_receipt_altered_to_an_earlier_head(signed: tuple[Path, Path, Path]) -> None:
    path, _, receipt = signed
    data = json.loads(receipt.read_text())
    data["signoff"]["head"]["id"] = 1
    receipt.write_text(json.dumps(data))
    report = verify(path, receipts=[("r", receipts.read(receipt))])
    assert "forged or altered" in str(report.first_problem)


def test_receipt_command_and_a_damaged_receipt(
    signed: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, receipt = signed
    again = tmp_path / "again.json"
    assert main(["receipt", str(path), "-o", str(again)]) == 0
    assert json.loads(again.read_text()) == json.loads(receipt.read_text())
    again.write_text("{]")
    assert main(["verify", str(path), "--receipt", str(again)]) == 2
    assert "cannot read the receipt" in capsys.readouterr().err


def test_a_sign_off_without_receipt_option_keeps_one_in_the_config_folder(
    tmp_path: Path, private_config: Path
) -> None:
    path = make_project(tmp_path)
    assert main(["review", str(path), "--document"]) == 0
    [kept] = (private_config / "receipts").glob("*.json")
    assert main(["verify", str(path), "--receipt", str(kept)]) == 0
