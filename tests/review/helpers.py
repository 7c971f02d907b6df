"""Small projects for review tests: real project files with a synthetic OCR baseline.

No Tesseract: the OCR run is made up, so tests stay fast and their text is known.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from corrigenda.model import PageStatus
from corrigenda.review.decisions import approve_pages
from corrigenda.store import Project, Source
from corrigenda.store.events import GENESIS, Event
from tests.synthetic import ocr_run, page_image

PAGE_TEXTS = [
    [
        "MEMORANDUM OF CONVERSATION",
        "Participants: I.I. Brezhnev, General Secretary",
        "Date and Place: Vladivostok, 24 November 1974",
    ],
    [
        "The General Secretary said that the rnessage had been",
        "3.",
        "received with great interest in Moscow",
    ],
]


def make_project(folder: Path, actor: str = "transcriber") -> Path:
    path = folder / "review.corrigenda"
    images = [page_image(f"page-{n:03}.png", 200 + n) for n in range(1, len(PAGE_TEXTS) + 1)]
    with Project.create(path, images, actor=actor) as project:
        for info, texts in zip(project.pages(), PAGE_TEXTS):
            project.set_ocr(info.id, ocr_run(texts), Source("ocr", {"engine": "test"}))
    return path


def put_status(project: Project, page_id: int, status: PageStatus) -> None:
    """Bring a page to `status` as the app does: approved only by a signed sign-off."""
    if status == PageStatus.APPROVED:
        number = next(info.number for info in project.pages() if info.id == page_id)
        approve_pages(project, [number], allow_own_edits=True)
    else:
        project.set_page_status(page_id, status, Source("review"))


def rechain(conn: sqlite3.Connection) -> None:
    """Recompute every event's hash in order, as a forger who changed the file would."""
    previous = GENESIS
    for row in conn.execute("SELECT * FROM events ORDER BY id").fetchall():
        event = Event(**{**Event.from_row(row).__dict__, "prev_hash": previous, "hash": ""})
        previous = event.compute_hash()
        conn.execute(
            "UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?",
            (event.prev_hash, previous, event.id),
        )
