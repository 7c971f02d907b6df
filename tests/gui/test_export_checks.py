"""File > Export checks what `corrigenda export` checks: several PAGE pages make a ZIP (the
dialog offers it and corrects a name without it, with the user's yes), and words without
boxes are warned about, naming the pages."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from corrigenda.formats import EXPORTERS
from corrigenda.formats.registry import unboxed_warning
from corrigenda.gui.project import export, files
from corrigenda.model import BBox, Line, Page, Word
from corrigenda.review.before_export import NotVerifiedError
from corrigenda.store import LineEdit, Source


def _dialog(monkeypatch: pytest.MonkeyPatch, answer: Path, fmt: str) -> list[str]:
    """The save dialog answers `answer` with `fmt`'s filter; returns the filters it offered."""
    offered: list[str] = []

    def fake(_parent, _title, _start, filters):
        offered.extend(filters.split(";;"))
        return str(answer), next(
            f for f in offered if f.startswith(EXPORTERS[fmt].description.split(" (")[0])
        )

    monkeypatch.setattr(files.QFileDialog, "getSaveFileName", fake)
    return offered


def test_several_page_xml_pages_are_exported_as_the_zip_the_dialog_suggests(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, Path]] = []
    monkeypatch.setattr(export, "ask_zip", lambda _p, msg, to: asked.append((msg, to)) or True)
    offered = _dialog(monkeypatch, tmp_path / "book.xml", "page")
    count = len(window.session.project.pages())
    assert count >= 2
    window.files.export()
    assert any(f.endswith("as a ZIP (*.zip)") for f in offered)  # the dialog offers the ZIP
    assert asked and asked[0][1] == tmp_path / "book.zip"
    assert "make a ZIP of one file per page, not one book.xml" in asked[0][0]
    box = export.zip_box(window, *asked[0])
    assert "book.zip instead?" in box.text()
    box.show()
    qtbot.waitExposed(box)
    box.grab().save(str(tmp_path.parent / "zip_question.png"))  # looked at by hand
    box.close()
    qtbot.waitUntil(lambda: window.status.text().startswith("Exported"), timeout=30_000)
    assert not (tmp_path / "book.xml").exists()
    with zipfile.ZipFile(tmp_path / "book.zip") as archive:
        assert len(archive.namelist()) == count


def test_declining_the_zip_exports_nothing(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "ask_zip", lambda *_a: False)
    _dialog(monkeypatch, tmp_path / "book.xml", "page")
    window.files.export()
    assert window.status.text() == "Nothing exported"
    assert not (tmp_path / "book.xml").exists() and not (tmp_path / "book.zip").exists()


def test_one_text_file_needs_no_zip(window, tmp_path: Path) -> None:
    fmt = EXPORTERS["text"]
    target = tmp_path / "book.txt"
    assert export.output_for(fmt, 5, target, lambda *_a: pytest.fail("asked")) == target
    page = EXPORTERS["page"]
    assert export.output_for(page, 1, tmp_path / "p.xml", lambda *_a: False) == tmp_path / "p.xml"
    assert export.output_for(page, 2, tmp_path / "p.xml", lambda *_a: False) is None


def test_words_without_boxes_are_warned_about_naming_the_pages(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(export, "warn_unboxed", lambda _p, text: warned.append(text))
    session = window.session
    page = window.editor.page()
    line = next(ln for ln in page.lines if ln.words)
    edit = LineEdit(page.id, line.id, line.text, line.text + " insertedword")
    session.edit([edit], Source("keyboard"), "typing")
    stored = session.page(page.id).line(line.id)
    if all(w.bbox is not None for w in stored.words):
        pytest.skip("the aligner gave the inserted word a box")
    window.files.export_to("hocr", tmp_path / "book.hocr")
    qtbot.waitUntil(lambda: bool(warned), timeout=30_000)
    assert f"page {page.number} ({page.name}: 1)" in warned[0]
    assert warned[0].startswith("1 word without a box have no bbox in the hOCR file")
    assert "Exported hocr" in window.status.text()
    box = export.unboxed_box(window, warned[0])
    box.show()
    qtbot.waitExposed(box)
    box.grab().save(str(tmp_path.parent / "unboxed.png"))  # looked at by hand
    box.close()
    assert (tmp_path / "book.hocr").exists()


def test_the_warning_names_at_most_ten_pages() -> None:
    word = Word(1, "x", None)
    pages = [
        Page(i, i, f"p{i}.png", 10, 10, lines=(Line(i, (word,), BBox(0, 0, 9, 9)),))
        for i in range(1, 13)
    ]
    text = unboxed_warning(EXPORTERS["pdf"], pages)
    assert text is not None and text.startswith("12 words without a box are left out")
    assert "10 (p10.png: 1) and 2 more" in text
    assert unboxed_warning(EXPORTERS["text"], pages) is None  # text carries no boxes


def test_a_project_that_does_not_verify_is_exported_only_when_the_user_says_so(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[bool] = []
    asked: list[str] = []

    def ask(_parent, exc) -> bool:
        asked.append(exc.problem)
        return answers.pop(0)

    monkeypatch.setattr(export, "ask_export_unverified", ask)
    conn = sqlite3.connect(window.session.path)
    conn.execute("UPDATE pages SET status = 'approved' WHERE id = (SELECT MIN(id) FROM pages)")
    conn.commit()
    conn.close()
    target = tmp_path / "book.json"
    answers.append(False)
    window.files.export_to("json", target)
    qtbot.waitUntil(lambda: window.status.text().startswith("Nothing exported"), timeout=30_000)
    assert "status is 'approved'" in asked[0]
    assert not target.exists()
    answers.append(True)
    window.files.export_to("json", target)
    qtbot.waitUntil(lambda: window.status.text().startswith("Exported"), timeout=30_000)
    assert "(the project does not verify)" in window.status.text()
    assert target.exists() and len(asked) == 2
    # The file says so itself: the status bar's words do not leave with it.
    integrity = json.loads(target.read_text(encoding="utf-8"))["integrity"]
    assert integrity["verified"] is False and "status is 'approved'" in integrity["problem"]
    box = export.unverified_box(window, NotVerifiedError("m", asked[0]))
    assert "Export anyway?" in box.text() and asked[0] in box.text()
    assert box.defaultButton() is box.button(export.QMessageBox.StandardButton.Cancel)
