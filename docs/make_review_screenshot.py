"""Make the picture of review mode: two transcribers' corrections of the sample, an
archivist's decisions on some of them, and the window with the Review dock open.

    python docs/make_review_screenshot.py      # writes docs/screenshot-review.png

Settings and the archivist's signing key go to a temporary folder, never the user's own.
Works headless (QT_QPA_PLATFORM=offscreen is used when there is no display).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "memorandum"
NAMES = ROOT / "samples" / "names.txt"
TARGET = ROOT / "docs" / "screenshot-review.png"

# (page, OCR text fragment, corrected fragment, source, check): what each transcriber fixed.
ANNA = [
    (1, "SETWEEN W. AVERELI,", "BETWEEN W. AVERELL", "suggestion", "lexicon"),
    (1, "Ainbassador", "Ambassador", "suggestion", "confusion"),
    (1, "i of course", "I of course", "keyboard", None),
    (1, "dclivered", "delivered", "suggestion", "lexicon"),
    (1, "Committec", "Committee", "batch", None),
]
BORIS = [
    (2, "I.I. Brezhnev", "L.I. Brezhnev", "suggestion", "names"),
    (2, "a inecting", "a meeting", "suggestion", "confusion"),
    (2, "woulda undoubtcdly", "would undoubtedly", "keyboard", None),
    (2, "hetween cur", "between our", "keyboard", None),
    (2, "1.I. Brezhnev", "L.I. Brezhnev", "suggestion", "names"),
]


def correct(project_path: Path, actor: str, fixes: list[tuple]) -> list[int]:
    from corrigenda.store import LineEdit, Project, Source

    ids = []
    with Project.open(project_path, actor=actor) as project:
        infos = project.pages()
        for number, old, new, source, check in fixes:
            page = project.page(infos[number - 1].id)
            line = next(line for line in page.lines if old in line.text)
            detail = {"check": check} if check else {}
            (event,) = project.edit_lines(
                [LineEdit(page.id, line.id, line.text, line.text.replace(old, new))],
                Source(source, detail),
            )
            ids.append(event.id)
    return ids


def decide(project_path: Path, anna: list[int], boris: list[int]) -> None:
    from corrigenda.review import decisions
    from corrigenda.store import Project

    with Project.open(project_path, actor="archivist") as project:
        decisions.approve(project, anna[:3], "checked against the scan")
        decisions.reject(
            project,
            [boris[2]],
            "the scan reads 'would undoubtedly' - keep the typo out, but the line needs re-reading",
        )
        decisions.approve_pages(project, [1], "page 1 reviewed")


def grab(project_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, Qt
    from PySide6.QtWidgets import QApplication

    from corrigenda.gui.main_window import MainWindow
    from corrigenda.settings import Settings

    settings = Settings.load()
    settings.user_name = "archivist"
    settings.save()
    app = QApplication.instance() or QApplication(["corrigenda"])
    window = MainWindow()
    window.default_layout(1500, 1000)
    window.show()
    window.open_project(project_path)
    window.select_row(1)
    review = window.review
    review.dock.show()
    window.resizeDocks([review.dock], [430], Qt.Orientation.Vertical)

    def wait(condition, ms: int = 20_000) -> None:
        timer = QElapsedTimer()
        timer.start()
        while not condition() and timer.elapsed() < ms:
            QCoreApplication.processEvents()
            app.processEvents()

    wait(lambda: review.model.rowCount() > 0 and not review.lister.running)
    wait(window.ready_for_screenshot)
    review.select_ids([review.model.edits()[6].event_id])
    review.panel.list.scrollToTop()
    wait(lambda: False, 300)
    window.grab().save(str(TARGET))
    window.close()


def main() -> int:
    from corrigenda.cli import main as corrigenda

    with tempfile.TemporaryDirectory() as folder:
        os.environ["CORRIGENDA_CONFIG_DIR"] = str(Path(folder) / "config")
        os.environ.setdefault(
            "QT_QPA_PLATFORM",
            "offscreen"
            if not os.environ.get("DISPLAY")
            else os.environ.get("QT_QPA_PLATFORM", "xcb"),
        )
        project = Path(folder) / "memorandum.corrigenda"
        for step in (
            ["new", str(project), str(SAMPLE), "--names", str(NAMES)],
            ["ocr", str(project)],
        ):
            code = corrigenda(step)
            if code != 0:
                print(
                    f"make_review_screenshot: `corrigenda {step[0]}` failed ({code})",
                    file=sys.stderr,
                )
                return code
        anna = correct(project, "anna", ANNA)
        boris = correct(project, "boris", BORIS)
        decide(project, anna, boris)
        grab(project)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
