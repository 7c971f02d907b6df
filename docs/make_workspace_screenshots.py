"""Make the pictures of the correction workspace at 100 % and 200 % scale: the main window, a
flagged word's context menu, review mode, and the sign-off dialog.

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


def shoot(project: Path, suffix: str) -> None:
    """In this process (its scale set by the caller): the four pictures."""
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
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "app"), env.get("PYTHONPATH", "")])
        for scale, suffix in (("1", ""), ("2", "@2x")):
            # A fresh copy per scale: each run opens the project as a new window would.
            copy = Path(folder) / f"sample{scale}.corrigenda"
            copy.write_bytes(project.read_bytes())
            done = subprocess.run(
                [sys.executable, __file__, str(copy), suffix],
                env={**env, "QT_SCALE_FACTOR": scale},
                check=False,
            )
            if done.returncode != 0:
                return done.returncode
    print("wrote docs/screenshot-{main,context-menu,review,signoff}{,@2x}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
