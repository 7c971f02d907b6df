"""GUI latency on a 1,000-page project: launch to first page, page switch, one keystroke.

Builds a synthetic project (one sample page's image and OCR baseline copied to 1,000 pages; the
second page holds 5,000 words), opens it in the real main window (offscreen unless a display is
set) and prints the figures. Goals (issue 4): launch under 1 s, page switch under 100 ms, a
keystroke in a 5,000-word page under 16 ms. Launch is timed as a user lives it: from the moment
a new Python process is spawned (interpreter start, every import, the window, the project) until
it reports the first page shown; the process opens the window as `corrigenda gui` does.

    python bench/gui_latency.py [--pages 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "memorandum" / "page-001.png"


def baseline_run():  # type: ignore[no-untyped-def]
    """OCR the sample's first page once (a few seconds) and return its run."""
    from corrigenda.ocr.batch import ocr_pages
    from corrigenda.ocr.engine import find_engine
    from corrigenda.ocr.inputs import load_pages
    from corrigenda.store import Project

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.corrigenda"
        with Project.create(path, load_pages([SAMPLE], skipped=[])) as project:
            ocr_pages(project, find_engine(), jobs=1)
            return project.ocr_run(project.pages()[0].id)


def big_run(run, words: int):  # type: ignore[no-untyped-def]
    """The run's lines repeated (new ids) until the page has `words` words."""
    from corrigenda.model import Line, Word

    lines, next_line, next_word, count = [], 1, 1, 0
    while count < words:
        for line in run.lines:
            new_words = tuple(
                Word(next_word + i, w.text, w.bbox, w.conf) for i, w in enumerate(line.words)
            )
            next_word += len(new_words)
            count += len(new_words)
            lines.append(
                Line(next_line, new_words, line.bbox, line.block + next_line * 100, line.paragraph)
            )
            next_line += 1
            if count >= words:
                break
    return replace(run, lines=tuple(lines))


def build(path: Path, pages: int) -> int:
    from corrigenda.ocr.inputs import load_pages
    from corrigenda.store import Project, Source

    image = next(load_pages([SAMPLE], skipped=[]))
    run = baseline_run()
    big = big_run(run, 5000)
    with Project.create(
        path, (replace(image, name=f"page-{n:04d}.png") for n in range(1, pages + 1))
    ) as project:
        for info in project.pages():
            project.set_ocr(info.id, big if info.number == 2 else run, Source("ocr"))
    return sum(len(line.words) for line in big.lines)


def measure(path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from corrigenda.gui.app import application
    from corrigenda.gui.main_window import MainWindow

    app = application()

    def wait_for(signal, action) -> float:  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        fired: list[float] = []

        def seen(*_args) -> None:  # type: ignore[no-untyped-def]
            fired.append(time.perf_counter())
            loop.quit()

        signal.connect(seen)
        QTimer.singleShot(20_000, loop.quit)
        start = time.perf_counter()
        action()
        if not fired:  # a prefetched image is shown at once, inside `action`
            loop.exec()
        signal.disconnect(seen)
        return (fired[0] if fired else time.perf_counter()) - start

    start = time.perf_counter()
    window = MainWindow()
    window.show()
    wait_for(window.page_shown, lambda: window.open_project(path))

    text_times, shown_times = [], []
    for row in range(2, 22):  # pages 3..22: 20 switches, images not yet decoded
        marks: list[float] = []

        def switch(row: int = row, marks: list[float] = marks) -> None:
            t0 = time.perf_counter()
            window.select_row(row)  # text, boxes and flags are shown when this returns
            marks.append(time.perf_counter() - t0)

        shown_times.append(wait_for(window.page_shown, switch))
        text_times.append(marks[0])
    print(
        f"page switch (text and boxes shown, synchronous): median "
        f"{statistics.median(text_times) * 1000:.1f} ms, max {max(text_times) * 1000:.1f} ms"
    )
    print(
        f"page switch, pages turned back to back (image decoded and shown): median "
        f"{statistics.median(shown_times) * 1000:.1f} ms, max {max(shown_times) * 1000:.1f} ms"
    )

    paced = []
    for row in range(22, 32):  # at reading pace the next page's image is decoded ahead
        settle = time.perf_counter()
        while time.perf_counter() - settle < 1.0:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        paced.append(wait_for(window.page_shown, lambda row=row: window.select_row(row)))
    print(
        f"page switch at reading pace (1 s on each page; image decoded ahead): median "
        f"{statistics.median(paced) * 1000:.1f} ms, max {max(paced) * 1000:.1f} ms"
    )

    big_switch = wait_for(window.page_shown, lambda: window.select_row(1))
    page = window.editor.page()
    words = sum(len(line.words) for line in page.lines)
    print(f"switch to the {words}-word page: {big_switch * 1000:.0f} ms")
    while not window.flags_ready() and time.perf_counter() - start < 300:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    print(
        f"flags of the whole document ready {time.perf_counter() - start:.1f} s after the "
        "window was made (imports already done) "
        f"({len(window.flags.model.all_flags())} flags; flagged in a child process)"
    )
    window.editor.setFocus()
    line = page.lines[len(page.lines) // 2]
    keys, commits = [], []
    for i in range(20):
        window.editor.move_to_word(line.id, line.words[1].id)
        t0 = time.perf_counter()
        QTest.keyClick(window.editor, Qt.Key.Key_X)
        keys.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        window.editor.flush()  # what the autosave timer does after a pause
        commits.append(time.perf_counter() - t0)
        if i % 5 == 4:
            window.session.undo_stack.clear()
    print(
        f"one keystroke in the {words}-word page: median {statistics.median(keys) * 1000:.2f} ms,"
        f" max {max(keys) * 1000:.2f} ms"
    )
    print(
        f"committing that line to the project file (after the typing pause): median "
        f"{statistics.median(commits) * 1000:.1f} ms, max {max(commits) * 1000:.1f} ms"
    )
    window.close()
    app.processEvents()


def launch_child(path: Path) -> None:
    """In a fresh process: what `corrigenda gui PATH` does up to the first page shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The entry point's work before the window, as a real launch pays it.
    from corrigenda import logs
    from corrigenda.cli import build_parser, command_named

    arguments = ["gui", str(path)]
    build_parser(command_named(arguments)).parse_args(arguments)
    logs.setup_logging()
    from corrigenda.gui.app import application
    from corrigenda.gui.main_window import MainWindow

    app = application()
    window = MainWindow()
    window.page_shown.connect(lambda *_: (print("shown", flush=True), app.quit()))
    window.show()
    window.open_project(path)
    app.exec()


def launch(path: Path, repeat: int = 3) -> None:
    """Spawn → first page shown, measured from outside (the median of `repeat` launches).

    The code runs with its bytecode cached, as an installed package has it (pip compiles at
    install): a first, untimed launch writes the cache.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), *sys.path[1:]])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for run in range(repeat + 1):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, __file__, "--launch-child", str(path)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == "shown":
                if run:
                    times.append(time.perf_counter() - start)
                break
        child.wait()
    print(
        f"launch to first page shown, from process start (interpreter, imports, window, "
        f"project): median {statistics.median(times) * 1000:.0f} ms of {len(times)}, "
        f"max {max(times) * 1000:.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep the project in this folder")
    parser.add_argument("--launch-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.launch_child:
        launch_child(args.launch_child)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="gui-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    # A first start's window (default sizes), not whatever layout this user saved last:
    # the figures depend on how much of the window the scan takes.
    os.environ.setdefault("CORRIGENDA_CONFIG_DIR", str(folder / "settings"))
    path = folder / f"bench-{args.pages}.corrigenda"
    if not path.exists():
        t0 = time.perf_counter()
        words = build(path, args.pages)
        print(
            f"built {path} ({args.pages} pages, page 2 has {words} words) in "
            f"{time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )
    launch(path)
    measure(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
