"""Make the pictures of the correction workspace at 100 % and 200 % scale: the main window, a
flagged word's context menu, review mode, and the sign-off dialog; and the main window in a
dark palette (what a dark desktop theme gives Qt), to check the flag colours stay readable.

    python docs/make_workspace_screenshots.py   # writes docs/screenshot-*.png and *@2x.png

Each scale runs in its own process (QT_SCALE_FACTOR is read when Qt starts). Settings and the
signing key go to a temporary folder, never the user's own. Works headless
(QT_QPA_PLATFORM=offscreen when there is no display).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "memorandum"
NAMES = ROOT / "samples" / "names.txt"
DOCS = ROOT / "docs"


# (page, OCR text fragment, corrected fragment, source, check): what each transcriber fixed.
ANNA = [
    (1, "SETWEEN", "BETWEEN", "suggestion", "lexicon"),
    (1, "dclivered", "delivered", "suggestion", "lexicon"),
    (1, "hed received", "had received", "keyboard", None),
    (1, "Central Committec", "Central Committee", "suggestion", "names"),
    (1, "fricndly", "friendly", "batch", None),
]
BORIS = [
    (2, "relacions", "relations", "suggestion", "lexicon"),
    (2, "intcrnaticnal", "international", "keyboard", None),
    (2, "mecting", "meeting", "suggestion", "confusion"),
    (2, "relations fy Me. Hathinan,", "relations fy Mr. Harriman,", "keyboard", None),
]


def correct(project_path: Path, actor: str, fixes: list[tuple]) -> list[int]:
    from corrigenda.store import LineEdit, Project, Source

    ids = []
    with Project.open(project_path, actor=actor) as project:
        infos = project.pages()
        for number, old, new, source, check in fixes:
            page = project.page(infos[number - 1].id)
            line = next((line for line in page.lines if old in line.text), None)
            if line is None:  # the OCR read it otherwise this time: nothing to correct
                print(f"make_workspace_screenshots: page {number} has no {old!r}", file=sys.stderr)
                continue
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
        if anna:
            decisions.approve(project, anna[:3], "checked against the scan")
        if boris:
            decisions.reject(
                project, [boris[-1]], "the scan reads otherwise: the line needs re-reading"
            )
        decisions.approve_pages(project, [1], "page 1 reviewed")


def wait(condition: object, seconds: float = 120) -> None:
    from PySide6.QtCore import QCoreApplication, QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while not condition() and timer.elapsed() < seconds * 1000:  # type: ignore[operator]
        QCoreApplication.processEvents()


def settle(ms: int = 300) -> None:
    from PySide6.QtCore import QCoreApplication, QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QCoreApplication.processEvents()


def dark_palette() -> None:
    """Give the application a dark palette, as a dark system theme would."""
    from PySide6.QtGui import QColor, QPalette

    from corrigenda.gui.app import application

    app = application()
    app.setStyle("Fusion")
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in [
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e1e1e"),
        (roles.AlternateBase, "#333842"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#3a3a3a"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.Highlight, "#2f65ca"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#3a3a3a"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#9a9a9a"),
        (roles.Link, "#8ab4f8"),
    ]:
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)


def shoot(project: Path, suffix: str) -> None:
    """In this process (its scale set by the caller): the four pictures; for the suffix
    "-dark", only the main window, in a dark palette."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QPainter

    from corrigenda.gui.app import application
    from corrigenda.gui.main_window import MainWindow
    from corrigenda.gui.review.dialogs import SignOffDialog
    from corrigenda.settings import Settings

    settings = Settings.load()
    settings.user_name = "archivist"
    settings.save()
    application()
    if suffix == "-dark":
        dark_palette()
    window = MainWindow()
    window.unattended = True
    window.default_layout(1500, 950)
    window.show()
    window.open_project(project)
    wait(window.ready_for_screenshot)
    flags = window.flags
    flag = next(f for f in flags.model.all_flags() if f.text.endswith(".I. Brezhnev"))
    flags.go_to(flag)
    settle()
    if suffix == "-dark":
        window.grab().save(str(DOCS / "screenshot-dark.png"))
        window.close()
        return
    window.grab().save(str(DOCS / f"screenshot-main{suffix}.png"))

    # The context menu on the flagged word, drawn over the window where it opens.
    from PySide6.QtWidgets import QMenu

    menu = QMenu(window)
    for action in flags.context_actions():
        if action.isSeparator():
            menu.addSeparator()
        else:
            menu.addAction(action)
    cursor_rect = window.editor.cursorRect()
    at = window.editor.viewport().mapTo(window, cursor_rect.bottomLeft() + QPoint(8, 4))
    menu.popup(window.mapToGlobal(at))
    # Headless, the screen is small: popup() narrows a menu to fit it; a real one is whole.
    menu.resize(menu.sizeHint())
    settle()
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(at, menu.grab())
    painter.end()
    picture.save(str(DOCS / f"screenshot-context-menu{suffix}.png"))
    menu.close()

    # A few corrections to review: the suggestions taken, as a transcriber would.
    for _ in range(4):
        current = flags.current_flag()
        if current is not None and current.suggestions:
            flags.accept(0)
        else:
            flags.step(1)
    window.editor.flush()

    # Review mode, and the sign-off dialog with what it warns about.
    window.review_dock.show()
    window.resizeDocks([window.review_dock], [380], Qt.Orientation.Vertical)
    wait(lambda: window.review.model.rowCount() > 0 and not window.review.lister.running)
    pending = [e.event_id for e in window.review.model.net() if e.state == "pending"]
    window.review.select_ids(pending[:1])  # its diffs in full beside the list
    settle()
    window.grab().save(str(DOCS / f"screenshot-review{suffix}.png"))
    review = window.review
    dialog = SignOffDialog(
        window,
        "archivist",
        "page 1 (its pending edits too)",
        review.sign_off_warnings({1}),
    )
    dialog.show()
    settle()
    dialog.grab().save(str(DOCS / f"screenshot-signoff{suffix}.png"))
    dialog.close()
    window.close()


def main() -> int:
    from corrigenda.cli import main as corrigenda

    if len(sys.argv) == 3:  # the child: one scale
        shoot(Path(sys.argv[1]), sys.argv[2])
        return 0
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "sample.corrigenda"
        for step in (
            ["new", str(project), str(SAMPLE), "--names", str(NAMES)],
            ["ocr", str(project)],
        ):
            if corrigenda(step) != 0:
                print(f"make_workspace_screenshots: `corrigenda {step[0]}` failed", file=sys.stderr)
                return 1
        env["CORRIGENDA_CONFIG_DIR"] = str(Path(folder) / "config")
        # Two transcribers' corrections and an archivist's decisions, for review mode to show.
        os.environ["CORRIGENDA_CONFIG_DIR"] = env["CORRIGENDA_CONFIG_DIR"]
        decide(project, correct(project, "anna", ANNA), correct(project, "boris", BORIS))
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "app"), env.get("PYTHONPATH", "")])
        for scale, suffix in (("1", ""), ("2", "@2x"), ("1", "-dark")):
            # A fresh copy per scale: each run opens the project as a new window would.
            copy = Path(folder) / f"sample{scale}{suffix}.corrigenda"
            copy.write_bytes(project.read_bytes())
            done = subprocess.run(
                [sys.executable, __file__, str(copy), suffix],
                env={**env, "QT_SCALE_FACTOR": scale},
                check=False,
            )
            if done.returncode != 0:
                return done.returncode
    print("wrote docs/screenshot-{main,context-menu,review,signoff}{,@2x}.png, screenshot-dark.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
