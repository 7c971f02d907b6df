"""Whose key is it: the trust store, the keys command, and the forgeries of issue 14.

Each test plays one computer at a time by pointing the config folder (keys, trust store)
somewhere else: the archive's, the archivist's, the transcriber's.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from corrigenda.cli import main
from corrigenda.errors import CorrigendaError
from corrigenda.review import decisions, signing, trust
from corrigenda.review.verify import verify
from corrigenda.store import LineEdit, Project, Source

from .helpers import make_project, rechain

L2 = "Participants: I.I. Brezhnev, General Secretary"


class Machines:
    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root, self.monkeypatch = root, monkeypatch

    def use(self, name: str) -> Path:
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        self.monkeypatch.setenv("CORRIGENDA_CONFIG_DIR", str(folder))
        return folder


@pytest.fixture
def machines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Machines:
    return Machines(tmp_path / "machines", monkeypatch)


@pytest.fixture
def archive(tmp_path: Path, machines: Machines) -> Path:
    """A project edited by alice and signed off by the archivist, whose public key the archive
    imported; the archive's computer is current when the test starts."""
    path = make_project(tmp_path)
    with Project.open(path, actor="alice") as project:
        page = project.pages()[0]
        project.edit_lines([LineEdit(page.id, 2, L2, L2.replace("I.I.", "L.I."))], Source("kb"))
    machines.use("archivist")
    assert main(["keys", "create", "archivist"]) == 0
    with Project.open(path, actor="archivist") as project:
        decisions.approve_pages(project, [1])
    exported = tmp_path / "archivist.pub.json"
    assert main(["keys", "export", "archivist", "-o", str(exported)]) == 0
    machines.use("archive")
    assert main(["keys", "import", str(exported)]) == 0
    return path


def test_a_genuine_sign_off_is_trusted_at_the_archive(archive: Path) -> None:
    report = verify(archive, require_trusted=True)
    assert report.ok, report.first_problem
    assert [s.trust for s in report.signoffs] == [trust.TRUSTED]


def test_attack_user_name_set_to_the_archivists(
    archive: Path, machines: Machines, capsys: pytest.CaptureFixture[str]
) -> None:
    """alice calls herself 'archivist' on her computer and signs page 2 off."""
    machines.use("alice")
    with Project.open(archive, actor="archivist") as project:
        decisions.approve_pages(project, [2], allow_own_edits=True)
    machines.use("archive")
    report = verify(archive)
    forged = report.signoffs[-1]
    assert forged.reviewer == "archivist" and forged.trust == trust.UNKNOWN
    assert "not the key the trust store has for 'archivist'" in forged.trust_note
    assert main(["verify", str(archive), "--trusted"]) == 6
    err = capsys.readouterr().err
    assert "first signed with" in err and "Traceback" not in err  # and its key is unknown


def test_attack_rewrite_the_chain_and_re_sign_under_the_archivists_name(
    archive: Path, machines: Machines
) -> None:
    """alice rewrites an early edit, drops the genuine sign-off and signs again with a new
    key she made in the archivist's name: the chain is whole, the signature holds, and only
    whose key it is gives her away."""
    conn = sqlite3.connect(archive)
    conn.row_factory = sqlite3.Row
    last = conn.execute("SELECT MAX(id) FROM events WHERE kind = 'sign-off'").fetchone()[0]
    conn.execute("DELETE FROM events WHERE id >= ?", (last,))
    conn.execute("UPDATE pages SET status = 'in-review' WHERE status = 'approved'")
    fake = L2.replace("I.I.", "X.X.")
    conn.execute("UPDATE events SET after = ? WHERE kind = 'edit'", (fake,))
    (data,) = conn.execute("SELECT data FROM lines WHERE page_id = 1 AND id = 2").fetchone()
    conn.execute(
        "UPDATE lines SET data = ? WHERE page_id = 1 AND id = 2", (data.replace("L.I.", "X.X."),)
    )
    rechain(conn)
    conn.commit()
    conn.close()
    machines.use("alice")
    forger = signing.create_key("archivist")
    with Project.open(archive, actor="alice") as project:
        project.sign_off([project.pages()[0].id], "archivist", forger.public_hex, forger.sign)
    machines.use("archive")
    report = verify(archive)
    assert not report.problems, report.first_problem  # the rewrite itself is consistent
    assert report.signoffs[-1].valid and report.signoffs[-1].trust == trust.UNKNOWN
    assert not verify(archive, require_trusted=True).ok


def test_a_revoked_key_is_reported_and_fails_trusted(archive: Path) -> None:
    assert main(["keys", "revoke", "archivist", "--reason", "laptop stolen"]) == 0
    report = verify(archive)
    assert report.ok  # the signature still holds: it is the trust that is gone
    assert report.signoffs[0].trust == trust.REVOKED
    assert "laptop stolen" in report.signoffs[0].trust_note
    assert not verify(archive, require_trusted=True).ok


def test_a_sign_off_outside_the_keys_validity_is_not_trusted(archive: Path, tmp_path: Path) -> None:
    store = trust.TrustStore.load()
    [entry] = store.keys
    store.keys = [trust.TrustedKey(entry.name, entry.public_key, valid_until="2001-01-01")]
    store.save()
    report = verify(archive)
    assert report.signoffs[0].trust == trust.UNKNOWN
    assert "outside the key's validity" in report.signoffs[0].trust_note


def test_a_trusted_key_signing_under_another_name_is_unknown(
    archive: Path, machines: Machines
) -> None:
    machines.use("archivist")
    key = signing.load_key("archivist", create=False)
    assert key is not None
    with Project.open(archive, actor="archivist") as project:
        project.sign_off([project.pages()[1].id], "director", key.public_hex, key.sign)
    machines.use("archive")
    check = verify(archive).signoffs[-1]
    assert check.trust == trust.UNKNOWN and "not 'director'" in check.trust_note


def test_verify_trusted_with_a_store_file(archive: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty-store.json"
    trust.TrustStore(empty).save()
    assert main(["verify", str(archive), "--trusted", str(empty)]) == 6
    assert main(["verify", str(archive), "--trusted", str(trust.store_path())]) == 0
    assert main(["verify", str(archive), "--trusted", str(tmp_path / "none.json")]) == 2


def test_a_passphrase_protects_the_private_key(
    machines: Machines, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    machines.use("careful")
    monkeypatch.setenv(signing.PASSPHRASE_ENV, "correct horse")
    assert main(["keys", "create", "careful", "--passphrase"]) == 0
    assert b"ENCRYPTED" in signing.key_path("careful").read_bytes()
    path = make_project(tmp_path)
    with Project.open(path, actor="careful") as project:
        decisions.approve_pages(project, [1], key_name="careful")
    assert verify(path, require_trusted=True).ok
    monkeypatch.setenv(signing.PASSPHRASE_ENV, "wrong")
    with pytest.raises(CorrigendaError, match="wrong passphrase"):
        signing.load_key("careful")
    monkeypatch.delenv(signing.PASSPHRASE_ENV)
    with pytest.raises(CorrigendaError, match="protected by a passphrase"):
        signing.load_key("careful")


def test_keys_list_and_json(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["keys", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["private_here"], r["revoked"]) for r in rows] == [
        ("archivist", False, None)
    ]


def test_a_damaged_trust_store_or_key_file_is_a_clear_error(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trust.store_path().write_text("{not json")
    assert main(["verify", str(archive)]) == 2
    assert "trust store" in capsys.readouterr().err
    bad = tmp_path / "bad.pub.json"
    bad.write_text(json.dumps({"format": trust.PUBLIC_KEY_FORMAT, "name": "x", "public_key": "zz"}))
    trust.store_path().unlink()
    assert main(["keys", "import", str(bad)]) == 2
    assert "not an Ed25519 public key" in capsys.readouterr().err


def test_a_trust_store_in_the_settings_makes_verify_require_trusted_keys(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from corrigenda.settings import Settings

    empty = tmp_path / "archive-store.json"
    trust.TrustStore(empty).save()
    Settings(trusted_keys=str(empty)).save()
    assert main(["verify", str(archive)]) == 6
    assert "unknown key" in capsys.readouterr().err
    Settings(trusted_keys=str(trust.store_path())).save()
    assert main(["verify", str(archive)]) == 0


def test_plain_verify_says_when_a_sign_off_key_is_not_trusted(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trust.TrustStore(trust.store_path()).save()  # an archive that trusts nobody yet
    assert main(["verify", str(archive)]) == 0
    out = capsys.readouterr().out
    assert "1 sign-off by keys your trust store does not trust" in out


def test_keys_commands_refuse_clearly(
    machines: Machines, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    machines.use("someone")
    assert main(["keys", "create", "ann"]) == 0
    assert main(["keys", "create", "ann"]) == 2  # one key per name: revoke and move it first
    assert main(["keys", "export", "bob"]) == 2
    assert main(["keys", "revoke", "bob"]) == 2
    assert main(["keys", "import", str(tmp_path / "absent.json")]) == 2
    bad_date = tmp_path / "ann.pub.json"
    assert main(["keys", "export", "ann", "-o", str(bad_date)]) == 0
    assert main(["keys", "import", str(bad_date), "--valid-until", "soon"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("corrigenda: error:") == 5
