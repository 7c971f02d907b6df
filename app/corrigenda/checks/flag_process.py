"""Flagging in a child process, so its seconds of Python never compete with the GUI.

A worker thread flagging a 1,000-page document holds Python's interpreter lock for most of
its 10-20 s, and the GUI thread, sharing that lock, answers page turns and typing at half speed
or worse. So the Flagger lives in a child process (spawned, no Qt in it): the document is read
and flagged there, and after an edit the GUI sends the changed line and gets its flags back
(one round trip of a few milliseconds). The GUI talks to it through `RemoteFlagger`, which has
the methods the flags panel uses (fresh flags after an edit, the learned vocabulary).
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from corrigenda.checks import Flag
from corrigenda.errors import CorrigendaError
from corrigenda.model import Line
from corrigenda.settings import Settings

LineKey = tuple[int, int]


def _serve(conn: Connection) -> None:  # pragma: no cover - runs in the child process
    from corrigenda.checks import Flagger, build_context
    from corrigenda.store import Project

    flagger: Flagger | None = None
    inked: dict[tuple[int, str, str], list[Flag]] = {}  # unread ink by page state
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if op == "document":
                path, user = args
                with Project.open(path, readonly=True) as project:
                    document, settings = project.document(), project.settings()
                context, problems = build_context(document, settings, (), user)
                flagger = Flagger(document, context)
                result: Any = (flagger.flag_document(), problems)
            elif op == "update_lines" and flagger is not None:
                page_id, lines = args
                starts = {s.line_id: s.start for s in flagger.page(page_id).layout()[1]}
                fresh: dict[LineKey, list[Flag]] = {}
                for line in lines:
                    fresh.update(flagger.update_line(page_id, line))
                result = (starts, fresh)
            elif op == "ink":
                result = ink_flags_of(args[0], inked)
            elif op == "learned" and flagger is not None:
                index = flagger.context.vocabulary
                learned = dict(index.learned) if index is not None else {}
                result = (learned, sorted(flagger.context.unlearned))
            else:
                raise CorrigendaError(f"the flagger cannot do {op!r} now")
            conn.send(("ok", result))
        except Exception as exc:  # reported to the GUI, which shows it
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def ink_flags_of(path: Path, cache: dict[tuple[int, str, str], list[Flag]]) -> list[Flag]:
    """The `handwriting` flags of the ink OCR left unread on every page; a page whose scan
    and transcript are as last time is not looked at again (`cache`, kept by the process)."""
    import io

    from PIL import Image

    from corrigenda.checks.handwriting import ink_flags
    from corrigenda.store import Project

    flags: list[Flag] = []
    seen = set()
    with Project.open(path, readonly=True) as project:
        ignored = set(project.settings().get("ignored_flags", []) or [])
        for info in project.pages():
            page = project.page(info.id)
            image = project.image(info.id)
            key = (info.id, image.sha256, repr((page.lines, page.regions, sorted(ignored))))
            seen.add(key)
            if key not in cache:
                with Image.open(io.BytesIO(image.data)) as scan:
                    cache[key] = ink_flags(page, scan, ignored)
            flags.extend(cache[key])
    for stale in set(cache) - seen:
        del cache[stale]
    return flags


class FlagProcess:
    """The child process and its pipe; one call at a time."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process running Qt
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child,), daemon=True, name="corrigenda-flagger"
        )
        self._process.start()
        child.close()
        self._lock = threading.Lock()

    def call(self, op: str, *args: Any) -> Any:
        with self._lock:
            try:
                self._conn.send((op, args))
                status, result = self._conn.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                raise CorrigendaError("the flagging process stopped") from exc
        if status != "ok":
            raise CorrigendaError(f"flagging failed: {result}")
        return result

    def stop(self) -> None:
        """End the child now (a document being flagged is abandoned; the caller sees EOF)."""
        self._process.kill()
        self._process.join(5)
        # A caller waiting on the pipe sees EOF now and lets go of it; then it is closed.
        if self._lock.acquire(timeout=5):
            self._lock.release()
        self._conn.close()


class RemoteFlagger:
    """What the flags panel asks of a Flagger, answered by the child process."""

    def __init__(self, process: FlagProcess) -> None:
        self._process = process

    def update_lines(
        self, page_id: int, lines: list[Line]
    ) -> tuple[dict[int, int], dict[LineKey, list[Flag]]]:
        """The page's line starts before the edit, and fresh flags for the lines and twins."""
        starts, fresh = self._process.call("update_lines", page_id, lines)
        return starts, fresh

    def learned(self) -> tuple[dict[str, int], list[str]]:
        """The document's learned vocabulary (form -> times printed, most printed first) and
        the forms the user unlearned, as the last flagging of the document found them."""
        learned, unlearned = self._process.call("learned")
        return learned, unlearned


def find_ink(process: FlagProcess, path: Path) -> list[Flag]:
    """The unread ink of the document's pages as `handwriting` flags (a second process, as
    it takes about a second a page: the flagger stays free for the edits)."""
    flags: list[Flag] = process.call("ink", path)
    return flags


def flag_document(
    process: FlagProcess, path: Path, user: Settings
) -> tuple[RemoteFlagger, list[Flag], list[str]]:
    flags, problems = process.call("document", path, user)
    return RemoteFlagger(process), flags, problems
