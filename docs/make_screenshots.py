"""Make the README's pictures: the window on the bundled sample, saved with QWidget.grab().

    python docs/make_screenshots.py      # writes docs/screenshot-main.png

Works headless (QT_QPA_PLATFORM=offscreen is used when there is no display).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "memorandum"
NAMES = ROOT / "samples" / "names.txt"


def main() -> int:
    from corrigenda.cli import main as corrigenda

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
    print("wrote docs/screenshot-main.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
