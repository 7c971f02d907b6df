"""File > Import: a plain-text transcript aligned onto the page's OCR words, on a worker."""

from __future__ import annotations

from pathlib import Path

from corrigenda.evaluation import score
from corrigenda.gui import importing
from tests.gui.conftest import on_disk


def test_importing_a_transcript_edits_the_page_it_names(qtbot, window, sample_dir: Path,
                                                        ocred_sample: Path) -> None:
    truth = (sample_dir / "page-001.gt.txt").read_text(encoding="utf-8")
    page = window.editor.page()
    before = score(page.text(), truth).cer
    importing.import_paths(window, [sample_dir / "page-001.gt.txt"])
    qtbot.waitUntil(lambda: window.status_label.text().startswith("Imported:"), timeout=30_000)
    with on_disk(ocred_sample) as project:
        after = project.page(page.id).text()
        imports = [e for e in project.events() if e.source.get("type") == "import"]
    assert imports and {e.page for e in imports} == {page.id}
    assert score(after, truth).cer < before
    assert window.editor.page().text() == after  # the window shows what was imported
