"""Everything an export carries is covered by verify (issue 14).

The attacks: image width, height and dpi, page names, the OCR run's engine version, raw output
and confidences changed with sqlite3 verified OK while exports carried the changed values. Each
is now in the hash chain (page-add and OCR events) or re-derived from the image, and a file
made before that still verifies, with what it cannot cover said in a note.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from corrigenda.review.verify import verify
from tests.review.helpers import make_project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema-v1.corrigenda"

ATTACKS = {
    "image width": "UPDATE images SET width = width + 1",
    "image height": "UPDATE images SET height = 9999",
    "image dpi": "UPDATE images SET dpi = 600",
    "image dpi removed": "UPDATE images SET dpi = NULL",
    "image format": "UPDATE images SET format = 'JPEG'",
    "page name": "UPDATE pages SET name = 'page-999.png' WHERE id = 1",
    "page order": "UPDATE pages SET position = 3 - position",
    "engine version": "UPDATE ocr_runs SET engine_version = '9.9'",
    "engine": "UPDATE ocr_runs SET engine = 'abbyy'",
    "languages": "UPDATE ocr_runs SET languages = 'deu'",
    "params": "UPDATE ocr_runs SET params = '{\"psm\":7}'",
    "created": "UPDATE ocr_runs SET created = '1999-01-01T00:00:00Z'",
    "raw output": "UPDATE ocr_runs SET raw = raw || 'x'",
    "mean confidence": "UPDATE ocr_runs SET mean_conf = 99.5",
    "run's page": "UPDATE ocr_runs SET page_id = 3 - page_id",
    "page's run": "UPDATE pages SET ocr_run_id = 3 - ocr_run_id",
    "baseline confidence": "UPDATE ocr_runs SET baseline = replace(baseline, '80.0', '99.0')",
}


def _tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_metadata_changed_with_sqlite_is_caught(tmp_path: Path, attack: str) -> None:
    path = make_project(tmp_path)
    assert verify(path).ok
    _tamper(path, ATTACKS[attack])
    report = verify(path)
    assert not report.ok, attack


def test_a_file_made_before_still_verifies_and_says_what_is_not_covered(tmp_path: Path) -> None:
    old = tmp_path / "v1.corrigenda"
    shutil.copy(FIXTURE, old)
    report = verify(old)
    assert report.ok, report.first_problem
    assert any("page names" in note for note in report.notes)
    assert any("raw output" in note for note in report.notes)


@pytest.mark.parametrize(
    "sql",
    ["UPDATE images SET width = width + 1", "UPDATE images SET height = 1"],
    ids=["width", "height"],
)
def test_an_older_files_image_size_is_checked_against_the_image(tmp_path: Path, sql: str) -> None:
    old = tmp_path / "v1.corrigenda"
    shutil.copy(FIXTURE, old)
    _tamper(old, sql)
    report = verify(old)
    assert not report.ok and "the image is" in str(report.first_problem)


def test_an_older_files_mean_confidence_is_re_derived(tmp_path: Path) -> None:
    old = tmp_path / "v1.corrigenda"
    shutil.copy(FIXTURE, old)
    _tamper(old, "UPDATE ocr_runs SET mean_conf = 12.5")
    assert "mean confidence" in str(verify(old).first_problem)
