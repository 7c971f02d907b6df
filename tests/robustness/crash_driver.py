"""A worker that the crash harness kills: it does one kind of work and says on stdout what it
has finished, one line per finished step, only after the step is committed.

    python -m tests.robustness.crash_driver OPERATION PROJECT [OUTPUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from corrigenda.store import LineEdit, Project, Source


def say(*parts: object) -> None:
    # One write per line, so a kill cannot leave half a report that looks whole.
    sys.stdout.write(" ".join(map(str, parts)) + "\n")
    sys.stdout.flush()


def edits(path: Path) -> None:
    """Typed edits, one line at a time, forever (until killed)."""
    with Project.open(path) as project:
        pages = [project.page(info.id) for info in project.pages()]
        n = 0
        while True:
            for page in pages:
                for line in page.lines:
                    current = project.page(page.id).line(line.id).text
                    new = f"{current.split(' #')[0]} #{n}"
                    event = project.edit_lines(
                        [LineEdit(page.id, line.id, current, new)], Source("keyboard")
                    )[0]
                    say("done", event.id, page.id, line.id, new)
                    n += 1


def batch(path: Path) -> None:
    """Batches like a concordance's 'fix all': every line of a page in one step."""
    with Project.open(path) as project:
        n = 0
        while True:
            for info in project.pages():
                page = project.page(info.id)
                changes = [
                    LineEdit(page.id, line.id, line.text, f"{line.text.split(' #')[0]} #{n}")
                    for line in page.lines
                ]
                events = project.edit_lines(changes, Source("batch", {"pattern": "#"}))
                say("done", events[-1].id, page.id, len(events))
                n += 1


def ocr(path: Path) -> None:
    from corrigenda.ocr.batch import ocr_pages
    from corrigenda.ocr.engine import find_engine

    class Announce:
        def start(self, total: int, what: str) -> None:
            pass

        def advance(self, message: str) -> None:  # called after the page is committed
            say("done", message.split()[-1])

        def finish(self) -> None:
            pass

    with Project.open(path) as project:
        ocr_pages(project, find_engine(), jobs=2, progress=Announce())
    say("finished")


def export(path: Path, output: Path) -> None:
    from corrigenda.cli import main

    while True:
        assert main(["export", str(path), "--format", "text", "-o", str(output)]) == 0
        say("done", output.stat().st_size)


def gui(path: Path) -> None:
    """A scripted transcriber in the real window (offscreen): type at the end of a line, pause
    so the editor saves, now and then undo; report each edit the window saved."""
    import os
    import random

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from corrigenda.gui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow()
    window.show()
    if not window.open_project(path):
        raise SystemExit("could not open the project")
    announce = window.session._announce

    def announce_and_report(written: list) -> list:  # type: ignore[type-arg]
        for item in announce(written):
            event = item.event
            if event.kind == "edit":
                say("done", event.id, event.page, event.location["line"], event.after)
        return written

    window.session._announce = announce_and_report  # type: ignore[method-assign]
    rng = random.Random(7)
    step = 0

    def act() -> None:
        nonlocal step
        step += 1
        editor = window.editor
        if step % 5 == 0:
            window.menus.actions["undo"].trigger()
            return
        lines = [line for line in editor.page().lines if line.words]
        line = rng.choice(lines)
        editor.move_to_word(line.id, line.words[-1].id)
        editor.setFocus()
        QTest.keyClick(editor, Qt.Key.Key_End)
        QTest.keyClicks(editor, f" ok{step}")

    timer = QTimer()
    timer.timeout.connect(act)
    timer.start(700)  # longer than the editor's typing pause, so each burst is saved
    app.exec()


if __name__ == "__main__":
    operation, project = sys.argv[1], Path(sys.argv[2])
    if operation == "export":
        export(project, Path(sys.argv[3]))
    else:
        {"edits": edits, "batch": batch, "ocr": ocr, "gui": gui}[operation](project)
