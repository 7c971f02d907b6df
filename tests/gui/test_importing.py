"""File > Import: a plain-text transcript aligned onto the page's OCR words, on a worker."""

from __future__ import annotations

from pathlib import Path

from corrigenda.evaluation import score
from corrigenda.gui import menus
from tests.gui.conftest import on_disk


def test_importing_a_transcript_edits_the_page_it_names(
    qtbot, window, sample_dir: Path, ocred_sample: Path
) -> None:
    truth = (sample_dir / "page-001.gt.txt").read_text(encoding="utf-8")
    page = window.editor.page()
    before = score(page.text(), truth).cer
    menus.import_files(window, [sample_dir / "page-001.gt.txt"])
    qtbot.waitUntil(lambda: window.status.text().startswith("Imported:"), timeout=30_000)
    with on_disk(ocred_sample) as project:
        after = project.page(page.id).text()
        imports = [e for e in project.events() if e.source.get("type") == "import"]
    assert imports and {e.page for e in imports} == {page.id}
    assert score(after, truth).cer < before
    assert window.editor.page().text() == after  # the window shows what was imported


def test_export_runs_in_the_background_and_writes_the_file(qtbot, window, tmp_path: Path) -> None:

    target = tmp_path / "out.txt"
    window.files.export_to("text", target)
    qtbot.waitUntil(lambda: window.status.text().startswith("Exported"), timeout=30_000)
    assert window.editor.page().lines[0].text in target.read_text(encoding="utf-8")


def test_new_project_from_scans_is_made_on_a_worker_then_opened(
    qtbot, sample_dir: Path, tmp_path: Path
) -> None:
    from corrigenda.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    target = tmp_path / "new.corrigenda"
    win.start_ocr = lambda *a, **k: None  # type: ignore[method-assign]  # no OCR needed here
    win.files.create_then_open(
        [sample_dir / "page-001.png", sample_dir / "page-002.png"], target, []
    )
    qtbot.waitUntil(lambda: win.session is not None, timeout=30_000)
    assert win.pages_model.rowCount() == 2 and win.session.path == target
    win.close()
