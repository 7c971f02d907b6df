"""A project's history as export formats describe it: OCR runs, correctors, edit counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from corrigenda.model import Page
from corrigenda.store import Project


@dataclass(frozen=True)
class OcrStep:
    engine: str
    version: str
    settings: str
    time: str | None


@dataclass
class History:
    ocr: list[OcrStep] = field(default_factory=list)
    users: list[str] = field(default_factory=list)  # who edited, first edit first
    edits: int = 0
    last_edit: str | None = None
    # (page id, line id) -> the actor of the line's last edit
    line_editor: dict[tuple[int, int], str] = field(default_factory=dict)


def history(project: Project, pages: Sequence[Page]) -> History:
    """OCR steps (one per distinct engine and settings) and the edits of `pages`."""
    result = History()
    ids = {page.id for page in pages}
    seen: set[tuple[str, str, str]] = set()
    ocr_time: dict[int, str] = {}
    # Only these pages' events, through the page index: scanning every event of the project
    # for each page made exporting PAGE (one document per page) quadratic in the pages.
    events = sorted(
        (
            (page_id, event)
            for page_id in ids
            for event in project.events(page_id=page_id, kinds=("ocr", "edit"))
        ),
        key=lambda item: item[1].id,
    )
    for page_id, event in events:
        if event.kind == "ocr":
            ocr_time[page_id] = _xsd_time(event.time)
        elif event.kind == "edit":
            result.edits += 1
            result.last_edit = _xsd_time(event.time)
            if event.actor not in result.users:
                result.users.append(event.actor)
            result.line_editor[(page_id, int(event.location["line"]))] = event.actor
    for page in pages:
        run = project.ocr_run(page.id)
        if run is None:
            continue
        settings = "; ".join([f"languages={run.languages}"] if run.languages else []) + "".join(
            f"; {k}={v}" for k, v in sorted(run.params.items())
        )
        key = (run.engine, run.engine_version, settings)
        if key not in seen:
            seen.add(key)
            result.ocr.append(
                OcrStep(run.engine, run.engine_version, settings.strip("; "), ocr_time.get(page.id))
            )
    return result


def _xsd_time(value: str) -> str:
    """Event times end in Z with milliseconds, which xsd:dateTime accepts as they are."""
    return value
