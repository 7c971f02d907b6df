"""Re-OCR of a region drawn on the scan, from the window: the core reads the region
(corrigenda.ocr.region), as scanned or under a chosen clean-up, on a worker, then the lines
it reads differently are offered (region_dialog), never overwriting a correction without the
user's tick."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from corrigenda.errors import CorrigendaError
from corrigenda.gui.background import Background, failure_text
from corrigenda.gui.ocr import region_dialog
from corrigenda.gui.session import ProjectSession
from corrigenda.model import BBox
from corrigenda.ocr.region import RegionReading, ocr_region, proposals
from corrigenda.settings import Settings


def start(
    parent: QWidget,
    session: ProjectSession,
    page_id: int,
    region: BBox,
    psm: int,
    settings: Settings,
    background: Background,
    say: Callable[[str], None],
    still_shown: Callable[[], bool],
    cleanup: str = "none",
) -> None:
    """Run the region's OCR on a worker, then offer its lines while the page is still shown."""
    if session.readonly:
        say("The project is open read-only: nothing can be re-OCRed")
        return
    session.commit_typing()
    languages = str(session.project.setting("languages") or settings.languages)
    path = str(session.path)
    how = "" if cleanup == "none" else f", clean-up {cleanup}"
    say(f"Reading the region with Tesseract (psm {psm}{how})…")

    def done(reading: RegionReading) -> None:
        if not still_shown():
            return
        page = session.page(page_id)
        corrected = session.project.edited_line_ids(page_id)
        found = proposals(page, region, reading.lines, corrected)
        try:
            say(region_dialog.offer(parent, session, page, found, psm, region, reading))
        except CorrigendaError as exc:
            say(exc.message)

    background.run(
        lambda: ocr_region(path, page_id, region, psm, languages, settings, cleanup),
        done,
        lambda exc: say(f"Reading the region again failed: {failure_text(exc)}"),
    )
