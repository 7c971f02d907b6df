"""The TEI export is valid against the full TEI P5 schema (tei_all 2.7.0), facsimile included.

lxml's RelaxNG does not compile tei_all in reasonable time, so jing (Debian package `jing`,
installed by .ci/run) validates; the test skips where jing is absent.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from corrigenda.store import LineEdit, Project, Source
from tests.formats.conftest import Export, small_project


@pytest.fixture(scope="session")
def tei_all(shared_data: Path) -> Path:
    if shutil.which("jing") is None:
        pytest.skip("jing is not installed (apt-get install jing)")
    return shared_data / "schemas" / "tei" / "tei_all.rng"


def _jing(schema: Path, document: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["jing", str(schema), str(document)], capture_output=True, text=True, timeout=300
    )


@pytest.mark.shared
def test_tei_export_is_valid_tei_all(tei_all: Path, tmp_path: Path, export: Export) -> None:
    project = small_project(tmp_path)
    with Project.open(project, actor="archivist ann") as opened:
        page = opened.document().pages[0]
        line = page.lines[1]
        fixed = line.text.replace("Brezhnev met", "Brezhnev, who met")
        opened.edit_lines([LineEdit(page.id, line.id, line.text, fixed)], Source("keyboard"))
    document = tmp_path / "small.tei.xml"
    document.write_bytes(export(project, "tei"))
    text = document.read_text(encoding="utf-8")
    assert "<facsimile>" in text and "<choice>" in text and "<zone " in text
    result = _jing(tei_all, document)
    assert result.returncode == 0, result.stdout


@pytest.mark.shared
def test_jing_refuses_what_tei_all_does_not_allow(tei_all: Path, tmp_path: Path) -> None:
    """The check can fail: an element TEI does not define is reported."""
    document = tmp_path / "bad.tei.xml"
    document.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><facsimile><zone/></facsimile>'
        "<text><body><p/></body></text></TEI>",
        encoding="utf-8",
    )
    result = _jing(tei_all, document)
    assert result.returncode != 0 and "error" in result.stdout


@pytest.mark.slow
@pytest.mark.shared
def test_tei_export_of_the_ocred_sample_is_valid_tei_all(
    tei_all: Path, ocred_sample: Path, tmp_path: Path, export: Export
) -> None:
    document = tmp_path / "sample.tei.xml"
    document.write_bytes(export(ocred_sample, "tei"))
    result = _jing(tei_all, document)
    assert result.returncode == 0, result.stdout


@pytest.mark.shared
def test_a_forced_export_says_so_in_its_header_and_stays_valid(
    tei_all: Path, tmp_path: Path, export: Export
) -> None:
    document = tmp_path / "forced.tei.xml"
    document.write_bytes(export(small_project(tmp_path), "tei", unverified="line 2 differs"))
    text = document.read_text(encoding="utf-8")
    assert "<notesStmt>" in text and '<note type="integrity">Exported although' in text
    result = _jing(tei_all, document)
    assert result.returncode == 0, result.stdout
