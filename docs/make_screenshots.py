"""Make the README's pictures: the window on the bundled sample, saved with QWidget.grab().

    python docs/make_screenshots.py      # writes docs/screenshot-main.png and -dark.png

The second picture uses a dark palette (what a dark desktop theme gives Qt), to check that
the flag colours stay readable. Works headless (QT_QPA_PLATFORM=offscreen without a display).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "memorandum"
NAMES = ROOT / "samples" / "names.txt"


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
    ]:
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)


def main() -> int:
    from corrigenda.cli import main as corrigenda

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "sample.corrigenda"
        steps = [
            ["new", str(project), str(SAMPLE), "--names", str(NAMES)],
            ["ocr", str(project)],
            ["gui", str(project), "--screenshot", str(ROOT / "docs" / "screenshot-main.png")],
        ]
        for step in steps:
            code = corrigenda(step)
            if code != 0:
                print(f"make_screenshots: `corrigenda {step[0]}` failed ({code})", file=sys.stderr)
                return code
        dark_palette()
        code = corrigenda(
            ["gui", str(project), "--screenshot", str(ROOT / "docs" / "screenshot-dark.png")]
        )
        if code != 0:
            return code
    print("wrote docs/screenshot-main.png and docs/screenshot-dark.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
