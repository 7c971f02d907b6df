"""An export forced past a failed verify carries the caveat inside itself (issue 14's audit
trail): the file leaves the archive, the terminal's warning does not go with it."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from corrigenda.cli import main
from tests.formats.conftest import Export, small_project
from tests.formats.pdfa_rules import pdfa2b_problems

PROBLEM = "page 1 (page-001.png): line 2 differs"


def test_every_format_with_metadata_carries_the_caveat(tmp_path: Path, export: Export) -> None:
    project = small_project(tmp_path)
    marks = {
        "hocr": b'<meta name="corrigenda-integrity" content="Exported although the project',
        "alto": b"line edits by -. Exported although the project did not verify ("
        + PROBLEM.encode(),
        "page": b"index 2 the OCR's. Exported although the project did not verify",
        "json": b'"integrity": {\n  "verified": false,\n  "problem": "' + PROBLEM.encode(),
    }
    for name, mark in marks.items():
        assert mark in export(project, name, [1], unverified=PROBLEM), name
        assert b"did not verify" not in export(project, name, [1]), name  # only when forced
    archival = tmp_path / "forced.pdf"
    archival.write_bytes(export(project, "pdf", [1], unverified=PROBLEM))
    with pikepdf.open(archival) as pdf, pdf.open_metadata() as xmp:  # PDF/A: in the XMP
        assert PROBLEM in str(xmp["dc:description"])
    assert pdfa2b_problems(archival) == []
    plain = pikepdf.open(
        io.BytesIO(export(project, "pdf", [1], unverified=PROBLEM, pdf_plain=True))
    )
    assert PROBLEM in str(plain.docinfo["/Subject"])


@pytest.mark.shared
def test_forced_alto_and_page_stay_valid(
    tmp_path: Path,
    export: Export,
    alto_schema: etree.XMLSchema,
    page_schema: etree.XMLSchema,
) -> None:
    project = small_project(tmp_path)
    for name, schema in (("alto", alto_schema), ("page", page_schema)):
        document = etree.fromstring(export(project, name, [1], unverified=PROBLEM))
        assert schema.validate(document), (name, schema.error_log)


def test_the_cli_forced_export_writes_the_caveat_and_logs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    project = small_project(tmp_path)
    with sqlite3.connect(project) as conn:  # a line changed behind the write path
        conn.execute("UPDATE lines SET data = replace(data, 'Brezhnev', 'Brezhnyov')")
    out = tmp_path / "forced.json"
    assert main(["export", str(project), "--format", "json", "-o", str(out)]) == 6
    assert not out.exists()
    with caplog.at_level("WARNING", logger="corrigenda"):
        assert main(["export", str(project), "--format", "json", "-o", str(out), "--force"]) == 0
    integrity = json.loads(out.read_text(encoding="utf-8"))["integrity"]
    assert integrity["verified"] is False and "differs" in integrity["problem"]
    assert "exported anyway" in capsys.readouterr().err
    assert any("export forced past a failed verify" in r.getMessage() for r in caplog.records)
